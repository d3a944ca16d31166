"""Adding a language is adding folders: a throwaway extra language in a temporary project, no code edited.

It takes part in the jwtmanager edition only (its manifest has no [editions.jwtencode] table), which is
the project's edition.
"""

import json
import shutil
from pathlib import Path

import pytest

from jwtparity.config import project as projects
from jwtparity.config.settings import load
from jwtparity.render.snippets import render_snippet
from tests.conftest import ROOT, SEED, run_cli
from tests.fidelity import page_blocks, unlisted_changes

NAME = "pyclone"
EDITION = "jwtmanager"


@pytest.fixture
def clone_project(tmp_path: Path) -> Path:
    """A project whose harness/ and templates/ add `pyclone`, a copy of the Python language under a new name."""
    harness = tmp_path / "harness" / NAME
    shutil.copytree(ROOT / "harness" / "python", harness)
    manifest = (harness / "language.toml").read_text()
    manifest = manifest[: manifest.index("\n# The live page's function")] + "\n"  # jwtmanager only
    for old, new in (
        ('name = "python"', f'name = "{NAME}"'),
        ('display = "Python"', 'display = "Pyclone"'),
        ('aliases = ["py"]', 'aliases = ["pc"]'),
        ("order = 5", "order = 8"),
        ('sample = "python/', f'sample = "{NAME}/'),
    ):
        assert old in manifest, old
        manifest = manifest.replace(old, new)
    (harness / "language.toml").write_text(manifest)
    recipe = harness / "Dockerfile"
    recipe.write_text(recipe.read_text().replace("LABEL jwtparity.recipe=python", f"LABEL jwtparity.recipe={NAME}"))
    shutil.copytree(ROOT / "templates" / EDITION / "python", tmp_path / "templates" / EDITION / NAME)
    (tmp_path / "jwtparity.toml").write_text(f'edition = "{EDITION}"\n[policy.nodejs]\naccept = ["iat", "exp"]\n')
    return tmp_path


def test_render_and_snippet_know_the_new_language(clone_project: Path) -> None:
    done = run_cli("render", cwd=clone_project)
    assert done.returncode == 0, done.stderr
    samples = clone_project / "samples" / EDITION
    assert f"wrote {samples / NAME / 'jwt_manager.py'}" in done.stdout
    section = (samples / "signature-samples.md").read_text()
    assert "### Pyclone example" in section and section.index("### Go example") < section.index("### Pyclone")
    snippet = run_cli("snippet", "pc", cwd=clone_project)
    assert snippet.returncode == 0, snippet.stderr
    assert snippet.stdout == (samples / NAME / "jwt_manager.py").read_text()
    assert run_cli("render", "--check", cwd=clone_project).returncode == 0
    assert run_cli("snippet", "pc").returncode == 2  # outside the project it does not exist


def test_the_seed_fidelity_check_covers_the_new_language(clone_project: Path) -> None:
    settings = load(project=projects.find(clone_project))
    clone = settings.resolve(NAME)
    assert [lang.name for lang in settings.languages][-1] == NAME
    seed = SEED.read_text(encoding="utf-8")
    block = page_blocks(seed, settings)["Python example"]
    page = seed.replace("### Go example", f"### Pyclone example\n\n``` py\n{block}\n```\n\n### Go example")
    assert unlisted_changes(clone, settings, page) == []
    assert render_snippet(clone, settings) == render_snippet(settings.resolve("python"), settings)
    broken = page.replace(f"### Pyclone example\n\n``` py\n{block}", f"### Pyclone example\n\n``` py\n# x\n{block}")
    assert unlisted_changes(clone, settings, broken) != []


@pytest.mark.docker
@pytest.mark.usefixtures("client", "no_leftovers")
def test_check_runs_the_new_language(clone_project: Path) -> None:
    done = run_cli("check", "--quiet", "--lang", NAME, "--json", str(clone_project / "r.json"), cwd=clone_project)
    report = json.loads((clone_project / "r.json").read_text())
    entry = report["languages"][0]
    assert entry["language"] == NAME
    assert entry["status"] == "ran", entry  # a clone of Python: its library is PyPI's, reachable or not
    assert done.returncode == 0, done.stderr
    assert {r["status"] for r in report["results"]} == {"identical"}
