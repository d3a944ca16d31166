"""Every bad input is one line on stderr and exit 2: no traceback, no usage box, nothing half-written."""

import os
import re
from pathlib import Path

import pytest

from jwtparity.config import editions
from jwtparity.errors import ToolError
from jwtparity.paths import BUILTIN_TEMPLATES
from jwtparity.render import docs
from jwtparity.render import snippets as render
from tests.conftest import SEED, run_cli

NO_ENGINE = ("--base-image", "no-such/base:never")  # these must fail before any Docker work
SEED_EDITION = ("--edition", "jwtmanager")  # the seed page's samples, under headings
SECTION_HEADING = "## Code samples for signature generation"


def one_line_exit_2(done, expected: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("jwtparity: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert expected in done.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("run", "--jobs", "abc"), "Invalid value for '--jobs'"),
        (("check", "--timeout", "true"), "Invalid value for '--timeout'"),
        (("check", "--timeout", "nan", *NO_ENGINE), "timeout must be a positive, finite number"),
        (("check", "--timeout", "inf", *NO_ENGINE), "timeout must be a positive, finite number"),
        (("check", "--lang", "", *NO_ENGINE), "--lang names no language"),
        (("run", "--lang", " , ", *NO_ENGINE), "--lang names no language"),
        (("check", "--fail-on", "", *NO_ENGINE), "--fail-on names no status"),
        (("check", "--no-such-option"), "No such option"),
    ],
)
def test_bad_command_line_values(args: tuple[str, ...], expected: str) -> None:
    one_line_exit_2(run_cli(*args), expected)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("timeout = true\n", "timeout must be a positive, finite number"),
        ("timeout = nan\n", "timeout must be a positive, finite number"),
        ("timeout = inf\n", "timeout must be a positive, finite number"),
        ("jobs = true\n", "jobs must be a whole number"),
        ("lifetime = true\n", "lifetime must be a positive number"),
        ("ca_bundle = 5\n", "ca_bundle must be a path"),
    ],
)
def test_wrong_config_types(tmp_path: Path, config: str, expected: str) -> None:
    path = tmp_path / "jwtparity.toml"
    path.write_text(config)
    one_line_exit_2(run_cli("render", "--check", "--config", str(path)), expected)


def test_pyproject_with_a_non_table_tool_section(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool]\njwtparity = "yes"\n')
    one_line_exit_2(run_cli("render", "--check", cwd=tmp_path), "[tool.jwtparity] must be a table")


def test_unwritable_places(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    one_line_exit_2(run_cli("check", "--log-dir", str(blocker / "logs"), *NO_ENGINE), "cannot write build logs")
    one_line_exit_2(run_cli("images", "build", "python", "--log-dir", str(blocker / "logs")), "cannot write build logs")
    one_line_exit_2(run_cli("render", "--samples", str(blocker / "samples")), "cannot ")
    samples = tmp_path / "samples"
    (samples / "jwtmanager" / "python").mkdir(parents=True)
    (samples / "jwtmanager" / "python" / "jwt_manager.py").mkdir()  # a folder where a sample file goes
    one_line_exit_2(run_cli("render", "--samples", str(samples)), "cannot ")
    page = tmp_path / "page.md"
    page.write_text(SEED.read_text())
    os.chmod(tmp_path, 0o500)  # root ignores this; a read-only folder then stands in for the check below
    try:
        done = run_cli("docs", "sync", *SEED_EDITION, str(page))
        if os.geteuid() != 0:
            one_line_exit_2(done, "cannot write")
    finally:
        os.chmod(tmp_path, 0o700)
    one_line_exit_2(run_cli("docs", "sync", "/proc/version"), "no '## Code samples")


def test_template_that_raises(templates_copy: Path) -> None:
    template = templates_copy / "jwtmanager" / "python" / "jwt_manager.py.j2"
    template.write_text("{{ 1 // 0 }}\n" + template.read_text())
    one_line_exit_2(
        run_cli("render", "--check", "--templates", str(templates_copy)), "failed to render: ZeroDivisionError"
    )


def test_render_writes_atomically_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "samples" / "x.txt"
    render.write_atomically(target, b"one")
    target.chmod(0o640)
    render.write_atomically(target, b"two")
    assert target.read_bytes() == b"two" and oct(target.stat().st_mode & 0o777) == "0o640"
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.txt"]
    with pytest.raises(ToolError, match="cannot write"):
        render.write_atomically(target / "below-a-file", b"x")
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.txt"]


def test_docs_sync_keeps_crlf(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(SEED.read_text().replace("\n", "\r\n").encode())
    done = run_cli("docs", "sync", *SEED_EDITION, str(page))
    assert done.returncode == 0, done.stderr
    data = page.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert run_cli("docs", "sync", *SEED_EDITION, "--check", str(page)).returncode == 0


def test_docs_sync_refuses_two_candidate_sections(tmp_path: Path) -> None:
    text = SEED.read_text()
    page = tmp_path / "page.md"
    page.write_text(text + "\n" + text[text.index(SECTION_HEADING) :])
    first = text[: text.index(SECTION_HEADING)].count("\n") + 1
    second = text.count("\n") + 2
    before = page.read_bytes()
    one_line_exit_2(run_cli("docs", "sync", *SEED_EDITION, str(page)), f"lines {first} and {second}")
    assert page.read_bytes() == before
    for name in ("jwtmanager", "jwtencode"):
        edition = editions.resolve(name, (BUILTIN_TEMPLATES,))
        for begin, end in docs.MARKERS:
            marked = f"{begin}\nx\n{end}\n"
            with pytest.raises(ToolError, match=rf"two {re.escape(begin)} markers \(lines 1 and 4\)"):
                docs.sync(marked * 2, "new", edition)
        tabs_page = f"{SECTION_HEADING}\n\n<Tabs>\n</Tabs>\n" * 2
        with pytest.raises(ToolError, match=r"two code samples section headings \(lines 1 and 5\)"):
            docs.sync(tabs_page, "<Tabs>\n</Tabs>", edition)
