"""docs sync, headings layout (jwtmanager): the section is replaced in place, every other byte stays."""

import shutil
from pathlib import Path

import pytest

from jwtparity.config import editions
from jwtparity.errors import ToolError
from jwtparity.paths import BUILTIN_TEMPLATES
from jwtparity.render import docs
from tests.conftest import ROOT, SEED, run_cli

MANAGER = editions.resolve("jwtmanager", (BUILTIN_TEMPLATES,))
EDITION = ("--edition", "jwtmanager")


@pytest.fixture
def page(tmp_path: Path) -> Path:
    copy = tmp_path / "Signature.md"
    shutil.copy(SEED, copy)
    return copy


def _outside_section(text: str) -> tuple[str, str]:
    span = docs.block_span(text, MANAGER)
    return text[: span.start], text[span.end :]


def test_sync_reproduces_the_rendered_section_and_keeps_everything_else(page: Path) -> None:
    before = page.read_text()
    done = run_cli("docs", "sync", *EDITION, str(page))
    assert done.returncode == 0, done.stderr
    after = page.read_text()
    assert _outside_section(after) == _outside_section(before)
    published = (ROOT / "samples" / "jwtmanager" / "signature-samples.md").read_text()
    assert docs.current_block(after, MANAGER) == published.rstrip()
    assert after[len(after.rstrip()) :] == before[len(before.rstrip()) :]  # the page's own ending is kept


def test_second_sync_changes_nothing(page: Path) -> None:
    run_cli("docs", "sync", *EDITION, str(page))
    first = page.read_bytes()
    done = run_cli("docs", "sync", *EDITION, str(page))
    assert done.returncode == 0 and "up to date" in done.stderr
    assert page.read_bytes() == first
    assert run_cli("docs", "sync", *EDITION, "--check", str(page)).returncode == 0


def test_check_reports_drift_without_writing(page: Path) -> None:
    before = page.read_bytes()
    done = run_cli("docs", "sync", *EDITION, "--check", str(page))
    assert done.returncode == 1
    assert "+using System.Collections.Generic;" in done.stdout
    assert "differs from the templates of edition jwtmanager in: csharp, java, nodejs, python, ruby, go" in done.stdout
    assert "--- csharp (page)" in done.stdout and "+++ csharp (templates)" in done.stdout
    assert "php" not in done.stdout.splitlines()[0]  # the PHP sample is the seed's, unchanged
    assert page.read_bytes() == before


def test_template_edit_changes_only_that_section(page: Path, templates_copy: Path) -> None:
    run_cli("docs", "sync", *EDITION, str(page))
    synced = page.read_text()
    template = templates_copy / "jwtmanager" / "ruby" / "jwt_manager.rb.j2"
    template.write_text(template.read_text().replace("def encode(payload)", "def encode(claims)"))
    assert run_cli("docs", "sync", *EDITION, "--check", "--templates", str(templates_copy), str(page)).returncode == 1
    assert run_cli("docs", "sync", *EDITION, "--templates", str(templates_copy), str(page)).returncode == 0
    edited = page.read_text()
    assert _outside_section(edited) == _outside_section(synced)
    changed = [line for line in edited.splitlines() if line not in synced.splitlines()]
    assert changed == ["    def encode(claims)"]


def test_section_ends_at_the_next_heading_of_the_same_level() -> None:
    page = (
        "# T\n\n## Code samples for signature generation\n\nold\n\n``` sh\n## not a heading\n```\n\n"
        "### sub\n\nx\n\n## Next\n\nkept\n"
    )
    assert docs.sync(page, "NEW\n", MANAGER) == "# T\n\nNEW\n\n## Next\n\nkept\n"


def test_markers_delimit_the_section_when_present() -> None:
    page = "intro\n<!-- jwtparity:begin -->\nold\n<!-- jwtparity:end -->\noutro\n"
    assert docs.sync(page, "NEW", MANAGER) == "intro\n<!-- jwtparity:begin -->\nNEW\n<!-- jwtparity:end -->\noutro\n"


def test_page_without_section_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ToolError, match="no '## Code samples"):
        docs.block_span("# Title\n\ntext\n", MANAGER)
    page = tmp_path / "other.md"
    page.write_text("# Title\n")
    done = run_cli("docs", "sync", *EDITION, str(page))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    missing = run_cli("docs", "sync", str(tmp_path / "absent.md"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
