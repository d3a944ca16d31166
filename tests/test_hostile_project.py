"""A project's files are input from whoever can open a pull request: templates, manifests and symlinks in it
must not run code on the host, exhaust its memory, read or write outside the project, or end in a traceback."""

import os
from pathlib import Path

import pytest

from tests.conftest import SEED, run_cli

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
    project = project_with_template(
        tmp_path, f"{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}\n")
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


@pytest.mark.parametrize(("template", "expected"), [
    ("{{ range(10**9)|list|length }}", "Range too big"),  # took 24 GB before the sandbox
    ("{{ 'x' * 10**10 }}", "the result of * is over the sandbox's bound"),
    ("{{ [0] * 10**9 }}", "the result of * is over the sandbox's bound"),
    ("{{ 2**(10**7) }}", "the result of ** is over the sandbox's bound"),
    ("{% set s = 'x' * 999999 %}{{ s + s }}", "the result of + is over the sandbox's bound"),
    ("{{ 'x'|center(10**10) }}", "needs more memory than a template may use"),  # the address-space bound
])
def test_a_template_cannot_exhaust_memory(tmp_path: Path, template: str, expected: str) -> None:
    project = project_with_template(tmp_path, template + "\n")
    one_line_exit_2(run_cli("snippet", "python", cwd=project), expected)


def test_the_memory_bound_is_lifted_after_rendering(tmp_path: Path) -> None:
    """The address-space limit holds only while a template renders (the rest of the run is not bound)."""
    import resource

    from jwtparity import render
    from jwtparity.settings import Settings

    before = resource.getrlimit(resource.RLIMIT_AS)
    settings = Settings()
    assert render.render_snippet(settings.resolve("python"), settings)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert os.path.exists("/proc/self/statm")  # the bound is measured from here (Linux)
