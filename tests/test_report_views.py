"""What a person reads: grouped details, --verbose, and the Markdown report (records judged for real, no Docker)."""

import json
import re
import time

import jwt

from jwtparity.cases.suite import Case
from jwtparity.config.known import KnownFinding
from jwtparity.config.languages import resolve
from jwtparity.config.settings import Settings
from jwtparity.judge.check import record
from jwtparity.report import table as report
from jwtparity.report.html import html
from jwtparity.report.markdown import markdown
from jwtparity.run.signing import CaseOutcome, LanguageRun
from jwtparity.run.states import RunState
from tests.conftest import run_cli

SECRET = "views-secret"
CASES = [
    Case("one", {"a": 1, "url": "https://x/y"}, SECRET, "HS256"),
    Case("two|pipe", {"b": "x"}, SECRET, "HS256"),
    Case("three", {"c": [1, 2]}, SECRET, "HS384"),
]


def _typ_first(case: Case) -> str:
    """A token signed like PHP's library: header keys typ, alg (the reference writes alg, typ)."""
    return jwt.PyJWS().encode(json.dumps(case.payload).encode(), SECRET, case.alg, sort_headers=False)


def views_record(known: tuple[KnownFinding, ...] = ()) -> dict:
    now = time.time()
    php = LanguageRun(
        resolve("php"), outcomes={c.id: CaseOutcome(token=_typ_first(c)) for c in CASES}, window=(now - 1, now)
    )
    python = LanguageRun(
        resolve("python"),
        outcomes={c.id: CaseOutcome(token=jwt.encode(c.payload, SECRET, algorithm=c.alg)) for c in CASES},
        window=(now - 1, now),
    )
    go = LanguageRun(
        resolve("go"),
        outcomes={
            "one": CaseOutcome(error="boom"),
            "two|pipe": CaseOutcome(error="boom"),
            "three": CaseOutcome(token=jwt.encode({"c": [1]}, SECRET, algorithm="HS384")),
        },
        window=(now - 1, now),
    )
    csharp = LanguageRun(resolve("csharp"), status=RunState.SKIPPED, reason="NuGet is unreachable")
    return record([php, python, go, csharp], CASES, Settings(allow_unavailable=("csharp",), known=known))


def details(text: str) -> list[str]:
    return text.split("Details")[1].split("Summary:")[0].strip().splitlines()[1:]


def test_details_are_grouped_by_language_and_note_and_verbose_shows_every_cell() -> None:
    rec = views_record()
    grouped = details(report.table(rec))
    assert grouped == [
        "  csharp / every case: skipped (allowed): NuGet is unreachable",
        "  php: equivalent: header key order typ, alg (reference alg, typ) (every case)",
        "  go: error: boom (2 cases: one, two|pipe)",
        "  go: divergent: claims differ from the payload: $.c[1] removed (integer 2) (three)",
    ]
    verbose = details(report.table(rec, verbose=True))
    assert len(verbose) == 1 + 3 + 3  # the skipped language, then php's three cells and go's three
    assert (
        "  php / two|pipe: equivalent: signature valid, claims equal; header key order typ, alg (reference alg, "
        "typ)" in verbose
    )


def test_notes_naming_a_place_group_by_their_kind() -> None:
    rec = views_record()
    for result in rec["results"]:
        if result["language"] == "php":
            result["notes"].append(f"key order at $: {result['case']}, z")
    grouped = details(report.table(rec))
    assert "  php: equivalent: key order differs from the reference's (every case)" in grouped


def test_markdown_has_matrix_legend_libraries_and_grouped_details() -> None:
    text = markdown(views_record())
    lines = text.splitlines()
    header = lines.index("| case | PHP | Python | Go | C# |")
    assert lines[header + 1] == "|---|---|---|---|---|"
    rows = lines[header + 2 : header + 5]
    assert rows == ["| one | ~ | = | ! | - |", "| two\\|pipe | ~ | = | ! | - |", "| three | ~ | = | ≠ | - |"]
    for row in rows:  # the pipe in a case id is escaped: every row has exactly 6 cell borders
        assert len(re.findall(r"(?<!\\)\|", row)) == 6
    assert "**Legend:**" in text and "`≠` divergent" in text
    assert "| C# | JWT.NET | 10.1.1 | NuGet | skipped: NuGet is unreachable |" in text
    assert "- **php** equivalent: header key order typ, alg (reference alg, typ) (every case)" in text
    assert "- **go** error: boom (2 cases: one, two\\|pipe)" in text
    assert SECRET not in text and "**Summary:** 3 identical, 3 equivalent, 1 divergent, 2 error, 3 skipped" in text


def test_the_command_line_writes_markdown_and_html(tmp_path) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(report.to_json(views_record()))
    done = run_cli(
        "report",
        "merge",
        str(saved),
        "--format",
        "markdown",
        "--html",
        str(tmp_path / "page.html"),
        "--fail-on",
        "invalid",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == markdown(views_record())
    page = (tmp_path / "page.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and 'id="cell-go-three"' in page and "status-divergent" in page
    assert "Edition: jwtencode" in done.stdout and "Edition: jwtencode." in page  # the default edition's record
    older = {k: v for k, v in views_record().items() if k != "edition"}  # a report made before editions
    assert "Edition" not in markdown(older) and "Edition" not in html(older)
    assert "two|pipe" in page and SECRET not in page


def test_a_known_finding_has_its_own_mark_in_the_table_markdown_and_html() -> None:
    """Issue 15: a known finding is marked (and coloured) in every view, and said to be known in the details."""
    rec = views_record(known=(KnownFinding(language="go", cases=("one",), status="error", note="go's boom, tracked"),))
    assert [r["case"] for r in rec["results"] if r.get("known")] == ["one"]
    text = markdown(rec)
    assert "| one | ~ | = | !* | - |" in text and "`*` known finding" in text
    assert "**go** error (known): boom (one)" in text and "**go** error: boom (two|pipe)".replace("|", "\\|") in text
    page = html(rec)
    assert re.search(r'class="cell status-error known"[^>]*>!\*<div', page)
    assert "<b>known finding</b>: go&#x27;s boom, tracked" in page and "error (known): boom" in page
    plain = report.table(rec)
    assert "go: error (known): boom (one)" in plain
