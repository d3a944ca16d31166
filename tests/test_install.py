"""The wheel, installed into a fresh virtual environment, works from any folder outside this checkout."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.install


def _run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=900,
        check=check,
    )


@pytest.fixture(scope="module")
def venv_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a new virtual environment with only the built wheel (and its dependencies) in it."""
    work = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", work / "dist", ROOT, cwd=work)
    wheel = next((work / "dist").glob("jwtparity-*.whl"))
    _run(sys.executable, "-m", "venv", work / "venv", cwd=work)
    _run(
        work / "venv" / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        wheel,
        cwd=work,
    )
    return work / "venv" / "bin"


@pytest.fixture
def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs-repo"
    folder.mkdir()
    return folder


def test_the_import_name_is_jwtparity_and_nothing_is_called_generator(venv_bin: Path, empty_folder: Path) -> None:
    python = venv_bin / "python"
    assert _run(python, "-c", "import generator", cwd=empty_folder, check=False).returncode == 1
    where = _run(python, "-c", "import jwtparity; print(jwtparity.__file__)", cwd=empty_folder).stdout
    assert where.startswith(str(venv_bin.parent)), where
    assert "Usage" in _run(python, "-m", "jwtparity", "--help", cwd=empty_folder).stdout


def test_read_only_commands_work_without_a_project(venv_bin: Path, empty_folder: Path) -> None:
    snippet = _run(venv_bin / "jwtparity", "snippet", "go", cwd=empty_folder)  # the default edition: jwtencode
    assert "func jwtEncode(" in snippet.stdout and "golang-jwt/jwt/v5" in snippet.stderr
    manager = _run(venv_bin / "jwtparity", "snippet", "go", "--edition", "jwtmanager", cwd=empty_folder)
    assert manager.stdout.startswith("package main") and "golang-jwt/jwt/v4" in manager.stderr
    render = _run(venv_bin / "jwtparity", "render", cwd=empty_folder, check=False)
    assert render.returncode == 2 and "jwtparity init" in render.stderr and render.stderr.count("\n") == 1
    assert list(empty_folder.iterdir()) == []


def test_init_render_and_docs_sync_in_a_docs_repository(venv_bin: Path, empty_folder: Path) -> None:
    tool = venv_bin / "jwtparity"
    _run(tool, "init", cwd=empty_folder)
    assert (empty_folder / "jwtparity.toml").is_file()
    again = _run(tool, "init", cwd=empty_folder, check=False)
    assert again.returncode == 2 and "already exists" in again.stderr
    rendered = _run(tool, "render", cwd=empty_folder)
    samples = empty_folder / "samples" / "jwtencode"  # init's default edition
    assert "wrote" in rendered.stdout and (samples / "go" / "jwt_encode.go").is_file()
    assert _run(tool, "render", "--check", cwd=empty_folder).returncode == 0
    page = empty_folder / "signature.mdx"
    block = (samples / "signature-samples.md").read_text()
    page.write_text(
        "# Signature\n\nSome prose.\n\n## Code samples for signature generation\n\nIntro.\n\n"
        + block
        + "\n## Next\n\nMore prose.\n"
    )
    assert _run(tool, "docs", "sync", "--check", page, cwd=empty_folder).returncode == 0
    page.write_text(page.read_text().replace("jwt.encode(", "jwt.sign("))
    assert _run(tool, "docs", "sync", "--check", page, cwd=empty_folder, check=False).returncode == 1


def test_init_with_templates_copies_them_and_the_project_wins(venv_bin: Path, empty_folder: Path) -> None:
    tool = venv_bin / "jwtparity"
    _run(tool, "init", "--templates", empty_folder, cwd=empty_folder.parent)
    template = empty_folder / "templates" / "jwtencode" / "python" / "jwt_encode.py.j2"
    template.write_text(template.read_text().replace("import jwt", "import jwt  # customised"))
    assert "# customised" in _run(tool, "snippet", "python", cwd=empty_folder).stdout
    older = empty_folder / "templates" / "jwtmanager" / "python" / "jwt_manager.py.j2"
    older.write_text(older.read_text().replace("import jwt", "import jwt  # older, customised"))
    manager = _run(tool, "snippet", "python", "--edition", "jwtmanager", cwd=empty_folder).stdout
    assert "# older, customised" in manager and "# customised\n" not in manager
    assert _run(tool, "init", "--templates", "--force", cwd=empty_folder).returncode == 0


@pytest.mark.docker
@pytest.mark.usefixtures("client")
def test_check_from_the_installed_wheel(venv_bin: Path, empty_folder: Path) -> None:
    tool = venv_bin / "jwtparity"
    _run(tool, "init", cwd=empty_folder)
    done = _run(tool, "check", "--quiet", "--lang", "python", "--json", "r.json", cwd=empty_folder, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads((empty_folder / "r.json").read_text())
    assert {r["status"] for r in report["results"]} == {"identical"}
    assert (empty_folder / ".jwtparity" / "logs").is_dir()
