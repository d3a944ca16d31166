"""A project's files are input from whoever can open a pull request: templates, manifests and symlinks in it
must not run code on the host, exhaust its memory, read or write outside the project, or end in a traceback."""

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jwtparity.errors import ToolError
from jwtparity.run.context import RunContext
from tests.conftest import ROOT, SEED, run_cli

NO_ENGINE = ("--base-image", "no-such/base:never")  # these must fail before any Docker work
PYTHON_TEMPLATE = "templates/jwtencode/python/jwt_encode.py.j2"


def one_line_exit_2(done, expected: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("jwtparity: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert expected in done.stderr, done.stderr


def project_with_template(tmp_path: Path, text: str) -> Path:
    """A project whose Python template of edition jwtencode is `text` (the other templates built-in)."""
    project = tmp_path / "project"
    (project / PYTHON_TEMPLATE).parent.mkdir(parents=True)
    (project / "jwtparity.toml").write_text("")
    (project / PYTHON_TEMPLATE).write_text(text)
    return project


COMMANDS = {
    "snippet": ("snippet", "python"),
    "render --check": ("render", "--check"),
    "check": ("check", "--lang", "python", *NO_ENGINE),
    "docs sync": ("docs", "sync", "page.md"),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_template_cannot_run_code_on_the_host(tmp_path: Path, command: str) -> None:
    marker = tmp_path / "ran"
    project = project_with_template(tmp_path, f"{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}\n")
    (project / "page.md").write_bytes(SEED.read_bytes())
    done = run_cli(*COMMANDS[command], cwd=project)
    one_line_exit_2(done, "stopped by the sandbox: access to attribute '__globals__'")
    assert not marker.exists()


def test_a_template_symlinked_outside_its_folder_is_refused(tmp_path: Path) -> None:
    project = project_with_template(tmp_path, "")
    (project / PYTHON_TEMPLATE).unlink()
    (project / PYTHON_TEMPLATE).symlink_to("/etc/passwd")
    done = run_cli("snippet", "python", cwd=project)
    one_line_exit_2(done, "resolves to /etc/passwd, outside its templates folder")
    assert "root:" not in done.stdout


def test_a_template_folder_symlinked_outside_is_refused(tmp_path: Path) -> None:
    project = project_with_template(tmp_path, "outside\n")
    language_folder = (project / PYTHON_TEMPLATE).parent
    language_folder.rename(tmp_path / "elsewhere")
    language_folder.symlink_to(tmp_path / "elsewhere")
    one_line_exit_2(run_cli("snippet", "python", cwd=project), "outside its templates folder")
    (project / "templates").rename(tmp_path / "all-templates")
    (project / "templates").symlink_to(tmp_path / "all-templates")
    one_line_exit_2(run_cli("render", "--check", cwd=project), "outside the project: refused")


def test_a_symlink_inside_the_templates_folder_is_followed(tmp_path: Path) -> None:
    project = project_with_template(tmp_path, "shared {{ alg }}\n")
    (project / "templates" / "shared.j2").write_text("shared {{ alg }}\n")
    (project / PYTHON_TEMPLATE).unlink()
    (project / PYTHON_TEMPLATE).symlink_to(project / "templates" / "shared.j2")
    done = run_cli("snippet", "python", cwd=project)
    assert done.returncode == 0 and done.stdout == "shared HS256\n", done.stderr


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{ range(10**9)|list|length }}", "Range too big"),  # took 24 GB before the sandbox
        ("{{ 'x' * 10**10 }}", "the result of * is over the sandbox's bound"),
        ("{{ [0] * 10**9 }}", "the result of * is over the sandbox's bound"),
        ("{{ 2**(10**7) }}", "the result of ** is over the sandbox's bound"),
        ("{% set s = 'x' * 999999 %}{{ s + s }}", "the result of + is over the sandbox's bound"),
        ("{{ 'x'|center(10**10) }}", "needs more memory than a template may use"),  # the address-space bound
    ],
)
def test_a_template_cannot_exhaust_memory(tmp_path: Path, template: str, expected: str) -> None:
    project = project_with_template(tmp_path, template + "\n")
    one_line_exit_2(run_cli("snippet", "python", cwd=project), expected)


def test_the_memory_bound_is_lifted_after_rendering(tmp_path: Path) -> None:
    """The address-space limit holds only while a template renders (the rest of the run is not bound)."""
    from jwtparity.config.settings import Settings
    from jwtparity.render import snippets as render

    before = resource.getrlimit(resource.RLIMIT_AS)
    settings = Settings()
    assert render.render_snippet(settings.resolve("python"), settings)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert os.path.exists("/proc/self/statm")  # the bound is measured from here (Linux)


def test_init_does_not_write_through_a_dangling_config_symlink(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside.toml"
    project.mkdir()
    (project / "jwtparity.toml").symlink_to(outside)
    one_line_exit_2(run_cli("init", str(project)), "outside")
    assert not outside.exists()


def test_init_force_does_not_overwrite_a_symlinks_target(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "precious"
    project.mkdir()
    outside.write_text("precious\n")
    (project / "jwtparity.toml").symlink_to(outside)
    one_line_exit_2(run_cli("init", "--force", str(project)), "refusing to write")
    assert outside.read_text() == "precious\n"


def test_init_templates_does_not_write_through_a_templates_symlink(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (project / "templates").symlink_to(outside)
    one_line_exit_2(run_cli("init", "--templates", str(project)), "refusing to write")
    assert list(outside.iterdir()) == [] and not (project / "jwtparity.toml").exists()


def test_render_does_not_write_through_a_samples_symlink(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (project / "jwtparity.toml").write_text("")
    (project / "samples").symlink_to(outside)
    one_line_exit_2(run_cli("render", cwd=project), "refusing to write")
    assert list(outside.iterdir()) == []


def test_check_refuses_a_log_symlink_leading_out(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "precious"
    (project / ".jwtparity" / "logs").mkdir(parents=True)
    (project / "jwtparity.toml").write_text("")
    outside.write_text("precious\n")
    (project / ".jwtparity" / "logs" / "python-all.log").symlink_to(outside)
    one_line_exit_2(run_cli("check", "--lang", "python", *NO_ENGINE, cwd=project), "refusing to write")
    (project / ".jwtparity" / "logs" / "python-all.log").unlink()
    (project / ".jwtparity" / "unavailable").symlink_to(tmp_path)
    one_line_exit_2(run_cli("check", "--lang", "python", *NO_ENGINE, cwd=project), "refusing to write")
    assert outside.read_text() == "precious\n"


def test_a_build_does_not_write_its_log_through_a_symlink(tmp_path: Path, client, no_leftovers) -> None:
    """The image build itself (not only the command's check up front) refuses a log that is a symlink out."""
    from jwtparity.config import project, settings
    from jwtparity.run import images

    root, outside = tmp_path / "project", tmp_path / "precious"
    (root / "harness" / "python").mkdir(parents=True)
    (root / "harness" / "python" / "unique.txt").write_text(f"{tmp_path}\n")  # an image that must be built
    outside.write_text("precious\n")
    logs = root / "logs"
    logs.mkdir()
    (logs / "python-all.log").symlink_to(outside)
    chosen = settings.load(project=project.Project(root))
    with pytest.raises(ToolError, match="refusing to write"):
        images.ensure_image(RunContext(client, chosen, logs), chosen.resolve("python"), "HS256")
    assert outside.read_text() == "precious\n"


def project_with_manifest(tmp_path: Path, folder: str, manifest: bytes) -> Path:
    """A project with `harness/<folder>/language.toml` holding `manifest`."""
    project = tmp_path / "project"
    (project / "harness" / folder).mkdir(parents=True)
    (project / "jwtparity.toml").write_text("")
    (project / "harness" / folder / "language.toml").write_bytes(manifest)
    return project


PYTHON_MANIFEST = (ROOT / "harness" / "python" / "language.toml").read_bytes()


@pytest.mark.parametrize(
    ("folder", "manifest", "expected"),
    [
        ("python", b'name = "python"\n# \xff\xfe not UTF-8\n', "broken language manifest"),
        (
            "python",
            PYTHON_MANIFEST.replace(b'display = "Python"', b"display = 5"),
            "display must be a non-empty string",
        ),
        ("python", PYTHON_MANIFEST.replace(b"order = 6", b"order = inf"), "order must be a whole number"),
        (
            "python",
            PYTHON_MANIFEST.replace(b"build_seconds = 18", b"build_seconds = -1"),
            "build_seconds must be a whole number of seconds",
        ),
        (
            "python",
            PYTHON_MANIFEST.replace(b'aliases = ["py"]', b'aliases = "py"'),
            "aliases must be a list of strings",
        ),
        (
            "python",
            PYTHON_MANIFEST.replace(b'version = "2.10.1"', b"version = 2"),
            "library must be a table of strings",
        ),
        ("python", PYTHON_MANIFEST.replace(b'name = "python"', b'name = "UPPER"'), "must be its folder's name"),
        ("upper", PYTHON_MANIFEST.replace(b'name = "python"', b'name = "UPPER"'), "must be its folder's name"),
        ("evil", PYTHON_MANIFEST, "it would shadow the built-in language python"),
        ("evil", PYTHON_MANIFEST.replace(b'name = "python"', b'name = "evil"'), "are both called 'py'"),
    ],
)
def test_a_broken_manifest_is_one_line(tmp_path: Path, folder: str, manifest: bytes, expected: str) -> None:
    project = project_with_manifest(tmp_path, folder, manifest)
    for args in (("snippet", "python"), ("render", "--check"), ("editions",)):
        one_line_exit_2(run_cli(*args, cwd=project), expected)


def test_a_project_manifest_replacing_a_builtin_one_is_said(tmp_path: Path) -> None:
    manifest = PYTHON_MANIFEST.replace(b'aliases = ["py"]', b'aliases = ["py", "snake"]')
    project = project_with_manifest(tmp_path, "python", manifest)
    done = run_cli("snippet", "snake", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (
        f"note: {project / 'harness' / 'python' / 'language.toml'} replaces the built-in manifest of python"
        in done.stderr
    )


EDITION = (ROOT / "templates" / "jwtencode" / "edition.toml").read_bytes()


@pytest.mark.parametrize(
    ("edition", "expected"),
    [
        (EDITION.replace(b"level = 2", b"level = inf"), "level must be a heading level from 1 to 6"),
        (EDITION.replace(b"level = 2", b"level = true"), "level must be a heading level from 1 to 6"),
        (EDITION.replace(b"level = 2", b'level = "2"'), "level must be a heading level from 1 to 6"),
        (EDITION.replace(b'layout = "tabs"', b"layout = 5"), "layout must be a non-empty string"),
        (EDITION.replace(b"exp = false", b'exp = "no"'), "exp must be true or false"),
        (EDITION + b"\n# \xff\n", "broken edition file"),
    ],
)
def test_a_broken_edition_file_is_one_line(tmp_path: Path, edition: bytes, expected: str) -> None:
    project = tmp_path / "project"
    (project / "templates" / "jwtencode").mkdir(parents=True)
    (project / "jwtparity.toml").write_text("")
    (project / "templates" / "jwtencode" / "edition.toml").write_bytes(edition)
    for args in (("snippet", "python"), ("render", "--check"), ("editions",)):
        one_line_exit_2(run_cli(*args, cwd=project), expected)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check", "--consumer", "", *NO_ENGINE), "--consumer names no profile"),
        (("check", "--consumer", " , ", *NO_ENGINE), "--consumer names no profile"),
        (("init", ""), "the folder name is empty"),
        (("init", "  "), "the folder name is empty"),
    ],
)
def test_empty_names_are_refused(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    one_line_exit_2(run_cli(*args, cwd=tmp_path), expected)
    assert not (tmp_path / "jwtparity.toml").exists()


def test_a_container_is_labelled_with_its_deadline_from_its_first_moment(client, availability) -> None:
    """A run killed (SIGKILL) right after creating the container that reads an image's library file leaves
    a container that carries its deadline, so that the next run's sweep removes it."""
    from jwtparity.config.settings import Settings
    from jwtparity.run import images, sandbox

    if availability["python"] != "ready":
        pytest.skip(f"no Python image here: {availability['python']}")
    settings = Settings()
    python = settings.resolve("python")
    tag = images.ensure_image(RunContext(client, settings, Path("/nonexistent/logs")), python, "HS256").tag
    owner = f"kill-test:{os.getpid()}"
    killer = (
        "import os, signal, sys\n"
        "from docker.models.containers import ContainerCollection\n"
        "from jwtparity.run import engine, images\n"
        "images.READ_LIBRARY_SECONDS = 0\n"  # stale at once, so that this test can sweep it
        "real = ContainerCollection.create\n"
        "def create(self, *args, **kwargs):\n"
        "    real(self, *args, **kwargs)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "ContainerCollection.create = create\n"
        "images._read_library(engine.connect(), sys.argv[1])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator"), images.OWNER_ENV: owner}
    try:
        done = subprocess.run([sys.executable, "-c", killer, tag], env=env, capture_output=True, timeout=120)
        assert done.returncode == -signal.SIGKILL, done.stderr
        left = client.api.containers(all=True, filters={"label": f"{images.OWNER_LABEL}={owner}"})
        assert len(left) == 1
        deadline = float(left[0]["Labels"][images.DEADLINE_LABEL])
        assert deadline <= time.time() + 1
        time.sleep(max(0.0, deadline - time.time()) + 0.1)
        assert left[0]["Id"][:12] in sandbox.remove_stale(client)
        assert sandbox.leftover_containers(client, owner) == []
    finally:
        for container in sandbox.leftover_containers(client, owner):
            client.api.remove_container(container, force=True)


def _report_text() -> str:
    from jwtparity.report import table as report
    from tests.test_report import sample_record

    return report.to_json(sample_record())


@pytest.mark.parametrize("option", ["--json", "--junit", "--html"])
def test_a_report_that_cannot_be_written_leaves_the_previous_one(tmp_path: Path, option: str) -> None:
    """A write that fails half-way (here: over the file size limit, as on a full disk) keeps the old report."""
    source, target = tmp_path / "source.json", tmp_path / "out" / "report"
    source.write_text(_report_text())
    target.parent.mkdir()
    target.write_text("previous report\n")
    limit = 1024  # every report of sample_record() is longer
    done = subprocess.run(
        [sys.executable, "-m", "jwtparity", "report", "merge", str(source), option, str(target)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "generator")},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
        check=False,
    )
    one_line_exit_2(done, "File too large")
    assert target.read_text() == "previous report\n"
    assert [p.name for p in target.parent.iterdir()] == ["report"]  # no temporary file left


def test_a_report_onto_a_full_disk_leaves_the_previous_one(tmp_path: Path) -> None:
    """The same on a real full file system: a 64 kB tmpfs (needs root to mount)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True, check=False
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a tmpfs here")
    try:
        source, target = tmp_path / "source.json", disk / "report.html"
        source.write_text(_report_text())
        target.write_text("previous report\n")
        (disk / "filler").write_bytes(b"x" * (60 * 1024))  # with the old report: every page of the disk taken
        done = run_cli("report", "merge", str(source), "--html", str(target))  # 6 kB: two pages
        one_line_exit_2(done, "No space left on device")
        assert target.read_text() == "previous report\n"
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "report.html"]
    finally:
        subprocess.run(["umount", str(disk)], check=False)
