"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real pre-commit against a temporary docs repository.

pre-commit installs this repository into a virtual environment of its own (from the package index), as it
does for any docs repository that lists the hooks. It clones a commit: a snapshot of this working tree
(tracked and untracked files, as they are now) is committed into a temporary repository, so the hooks
tested are those of the tree under test, committed or not.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.install

GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}
PAGE = "docs/signature.md"


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree, committed as it is into a repository of its own: (its path, the commit)."""
    target = tmp_path_factory.mktemp("jwtparity-repo")
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # a file deleted in the tree but still in the index is left out
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return target, git(target, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store for the module: the hooks' environment is installed once, then reused."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def docs_repo(tmp_path: Path) -> Path:
    """A docs repository as the README says to make one: init with templates, render, a synced page."""
    folder = tmp_path / "docs-repo"
    folder.mkdir()
    (folder / "docs").mkdir()
    (folder / PAGE).write_text("# Signature\n\nIntro.\n\n<!-- jwtparity:begin -->\n<!-- jwtparity:end -->\n")
    for args in (("init", "--templates"), ("render",), ("docs", "sync", PAGE)):
        done = run_cli(*args, cwd=folder)
        assert done.returncode == 0, done.stderr
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "docs")
    return folder


def pre_commit(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Without PYTHONPATH: the hook runs the jwtparity pre-commit installed, not this checkout's sources.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_the_hooks_file_names_both_hooks_as_python_hooks_that_take_no_filenames() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"jwtparity-render-check", "jwtparity-docs-check"}
    assert hooks["jwtparity-render-check"]["entry"] == "jwtparity render --check"
    assert hooks["jwtparity-docs-check"]["entry"] == "jwtparity docs sync --check"
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_render_check_passes_on_fresh_samples_and_names_the_stale_file_after_a_template_edit(
    hooks_repo: tuple[Path, str], pre_commit_home: Path, docs_repo: Path
) -> None:
    repo, commit = hooks_repo
    try_repo = ("try-repo", str(repo), "jwtparity-render-check", "--ref", commit, "--all-files")
    done = pre_commit(docs_repo, pre_commit_home, *try_repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "jwtparity render --check" in done.stdout and "Passed" in done.stdout

    edit(
        docs_repo / "templates/jwtencode/python/jwt_encode.py.j2",
        'algorithm="{{ alg }}"',
        'algorithm="{{ alg }}", headers={"kid": "1"}',
    )
    git(docs_repo, "add", "-A")
    done = pre_commit(docs_repo, pre_commit_home, *try_repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert f"stale: {docs_repo / 'samples/jwtencode/python/jwt_encode.py'}" in done.stdout
    assert "stale: " + str(docs_repo / "samples/jwtencode/ruby") not in done.stdout  # only what changed


def test_docs_check_listed_in_a_config_passes_on_a_synced_page_and_names_the_edited_page(
    hooks_repo: tuple[Path, str], pre_commit_home: Path, docs_repo: Path
) -> None:
    repo, commit = hooks_repo
    config = {
        "repos": [
            {
                "repo": str(repo),
                "rev": commit,
                "hooks": [{"id": "jwtparity-render-check"}, {"id": "jwtparity-docs-check", "args": [PAGE]}],
            }
        ]
    }
    (docs_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    git(docs_repo, "add", "-A")
    done = pre_commit(docs_repo, pre_commit_home, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("Passed") == 2, done.stdout

    edit(
        docs_repo / PAGE,
        'return jwt.encode(payload, secret, algorithm="HS256")',
        'return jwt.encode(payload, "secret", algorithm="HS256")',
    )
    git(docs_repo, "add", "-A")
    done = pre_commit(docs_repo, pre_commit_home, "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{PAGE}: differs from the templates of edition jwtencode in: python" in done.stdout
    # The samples are untouched: the render hook still passes beside the failing docs hook.
    assert done.stdout.count("Passed") == 1 and done.stdout.count("Failed") == 1, done.stdout
