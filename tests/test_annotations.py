"""`--format github`: workflow-command annotations at the file (and line) of each finding (issue 19)."""

import re
from pathlib import Path

import pytest

from jwtparity.report.github import annotation
from tests.conftest import run_cli


def test_annotation_escapes_what_github_reads_as_syntax() -> None:
    assert annotation("error", "50% done\nnext", "dir/a,b:c.py", 7, "t:1") == (
        "::error file=dir/a%2Cb%3Ac.py,line=7,title=t%3A1::50%25 done%0Anext"
    )
    assert annotation("warning", "plain") == "::warning::plain"
    assert "\x1b" not in annotation("error", "raw \x1b[31m escape")  # control characters shown, not sent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A docs repository with the built-in templates copied and rendered."""
    assert run_cli("init", "--templates", str(tmp_path)).returncode == 0
    assert run_cli("render", cwd=tmp_path).returncode == 0
    return tmp_path


def test_render_check_annotates_the_stale_sample_at_its_first_changed_line(project: Path) -> None:
    clean = run_cli("render", "--check", "--format", "github", cwd=project)
    assert (clean.returncode, clean.stdout) == (0, "")
    template = project / "templates" / "jwtencode" / "python" / "jwt_encode.py.j2"
    template.write_text(template.read_text().replace("algorithm=", "algorithm = "))
    stale = run_cli("render", "--check", "--format", "github", cwd=project)
    line = next(n for n, text in enumerate(template.read_text().splitlines(), 1) if "algorithm = " in text)
    assert stale.returncode == 1
    assert f"::error file=samples/jwtencode/python/jwt_encode.py,line={line},title=stale sample::" in stale.stdout


def test_docs_check_annotates_the_page_at_its_generated_block(project: Path) -> None:
    page = project / "docs" / "signature.md"
    page.parent.mkdir()
    block = (project / "samples" / "jwtencode" / "signature-samples.md").read_text()
    page.write_text(f"# Signature\n\nIntro.\n\n## Code samples for signature generation\n\n{block}\n## Next\n")
    assert run_cli("docs", "sync", str(page), "--check", "--format", "github", cwd=project).returncode == 0
    page.write_text(
        page.read_text().replace("def jwt_encode(payload, secret):", "def jwt_encode(payload, secret):  # edited")
    )
    done = run_cli("docs", "sync", "docs/signature.md", "--check", "--format", "github", cwd=project)
    tabs = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if text.lstrip().startswith("<Tabs"))
    assert done.returncode == 1
    assert re.search(rf"^::error file=docs/signature.md,line={tabs},title=docs out of sync::.*python", done.stdout)


@pytest.mark.docker
@pytest.mark.usefixtures("client", "no_leftovers")
def test_check_annotates_failures_at_the_sample_and_known_findings_as_warnings(project: Path) -> None:
    template = project / "templates" / "jwtencode" / "python" / "jwt_encode.py.j2"
    template.write_text(template.read_text().replace("jwt.encode(payload, secret,", "jwt.encode(payload, 'x',"))
    (project / "jwtparity.toml").write_text(
        '[[known]]\nlanguage = "python"\nstatus = "invalid"\ncases = ["b"]\nnote = "tracked in #1"\n'
    )
    cases = project / "cases.jsonl"
    cases.write_text('{"id": "a", "payload": {"sub": "x"}}\n{"id": "b", "payload": {"sub": "y"}}\n')
    done = run_cli("check", "--quiet", "--lang", "python", "--cases", str(cases), "--format", "github", cwd=project)
    lines = done.stdout.splitlines()
    assert done.returncode == 1, done.stderr
    sample = "samples/jwtencode/python/jwt_encode.py"
    assert any(line.startswith(f"::error file={sample},line=1,title=jwtparity python / a::invalid: ") for line in lines)
    assert any(
        line.startswith(f"::warning file={sample},line=1,title=jwtparity python / b::known finding (tracked in #1)")
        for line in lines
    )
    assert not any("| " in line or line.startswith("case ") for line in lines)  # annotations only, no table
