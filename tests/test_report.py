"""Report record rendering: table, JUnit, merge, redaction; judged runs built by hand (no Docker)."""

import json
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import jwt
import pytest

from jwtparity.cases.suite import Case
from jwtparity.config import known
from jwtparity.config.languages import resolve
from jwtparity.config.settings import Settings
from jwtparity.judge.check import record
from jwtparity.report import merge as merging
from jwtparity.report import table as report
from jwtparity.report.junit import junit
from jwtparity.run.signing import CaseOutcome, LanguageRun
from jwtparity.run.states import RunState
from tests.conftest import run_cli

SECRET = "very-secret-value"
CASES = [Case("one", {"a": 1}, SECRET, "HS256"), Case("two", {"b": None}, SECRET, "HS256")]


def sample_record(settings: Settings | None = None) -> dict:
    now = time.time()
    python = LanguageRun(
        resolve("python"),
        outcomes={
            "one": CaseOutcome(token=jwt.encode({"a": 1}, SECRET, algorithm="HS256")),
            "two": CaseOutcome(error=f"KeyError: cannot use {SECRET}"),
        },
        window=(now - 1, now),
    )
    java = LanguageRun(
        resolve("java"),
        outcomes={"one": CaseOutcome(token=""), "two": CaseOutcome(token=jwt.encode({}, SECRET, algorithm="HS256"))},
        window=(now - 1, now),
    )
    csharp = LanguageRun(resolve("csharp"), status=RunState.SKIPPED, reason="NuGet is unreachable")
    return record([python, java, csharp], CASES, settings or Settings(allow_unavailable=("csharp",)))


def test_a_language_that_could_not_run_is_an_error_unless_allowed() -> None:
    rec = sample_record(Settings())
    csharp = next(e for e in rec["languages"] if e["language"] == "csharp")
    assert csharp["allowed"] is False
    assert {r["status"] for r in rec["results"] if r["language"] == "csharp"} == {"error"}
    assert "csharp could not run: NuGet is unreachable" in " ".join(known.unrunnable_lines(rec))
    allowed = sample_record()
    assert known.unrunnable_lines(allowed) == []
    assert "csharp / every case: skipped (allowed): NuGet is unreachable" in report.table(allowed)


def test_record_has_the_documented_shape() -> None:
    rec = sample_record()
    assert rec["reference"] == {"library": "PyJWT", "version": jwt.__version__}
    assert {"language", "library", "version", "source", "status", "reason"} <= set(rec["languages"][0])
    assert {"language", "case", "status", "token", "reason", "differences"} <= set(rec["results"][0])
    statuses = {(r["language"], r["case"]): r["status"] for r in rec["results"]}
    assert statuses == {
        ("python", "one"): "identical",
        ("python", "two"): "error",
        ("java", "one"): "invalid",
        ("java", "two"): "divergent",
        ("csharp", "one"): "skipped",
        ("csharp", "two"): "skipped",
    }
    assert rec["summary"] == {"identical": 1, "equivalent": 0, "divergent": 1, "invalid": 1, "error": 1, "skipped": 2}
    divergent = next(r for r in rec["results"] if r["status"] == "divergent")
    assert divergent["differences"] == [{"path": "$.b", "kind": "removed", "expected": "null", "expected_type": "null"}]


def test_secrets_never_appear_in_any_output() -> None:
    rec = sample_record()
    for text in (report.to_json(rec), report.table(rec), junit(rec, {"error"})):
        assert SECRET not in text
    assert "cannot use ***" in report.table(rec)


def test_table_has_matrix_legend_and_details() -> None:
    text = report.table(sample_record())
    lines = text.splitlines()
    assert lines[0].split() == ["case", "python", "java", "csharp"]
    assert lines[1].split() == ["one", "=", "✗", "-"]
    assert lines[2].split() == ["two", "!", "≠", "-"]
    assert "≠ divergent: signature valid but the claims differ from the payload" in text
    assert "java: divergent: claims differ from the payload: $.b removed (null) (two)" in text
    assert "python: error: KeyError: cannot use *** (two)" in text
    assert "identical" not in text.split("Details")[1].split("Summary")[0]  # identical cells have no details
    verbose = report.table(sample_record(), verbose=True)
    assert "java / two: divergent: claims differ from the payload: $.b removed (null)" in verbose
    assert "python / one" not in verbose.split("Details:")[1]
    assert "csharp: JWT.NET 10.1.1 (NuGet) [skipped: NuGet is unreachable]" in text


def test_junit_has_one_test_case_per_language_and_case() -> None:
    root = ET.fromstring(junit(sample_record(), {"divergent", "invalid", "error"}))
    cases = root.findall(".//testcase")
    assert len(cases) == 6
    java_two = root.find(".//testsuite[@name='jwtparity.java']/testcase[@name='two']")
    assert java_two is not None and java_two.find("failure").get("type") == "divergent"
    assert root.find(".//testsuite[@name='jwtparity.csharp']").get("skipped") == "2"


def _split(rec: dict, languages: set[str]) -> dict:
    return {
        **rec,
        "languages": [e for e in rec["languages"] if e["language"] in languages],
        "results": [r for r in rec["results"] if r["language"] in languages],
    }


def test_merge_reassembles_per_language_reports(tmp_path: Path) -> None:
    rec = sample_record()
    parts = []
    for index, languages in enumerate(({"python"}, {"java", "csharp"})):
        path = tmp_path / f"part{index}.json"
        path.write_text(report.to_json(_split(rec, languages)))
        parts.append(path)
    merged = merging.merge(parts)
    assert merged["summary"] == rec["summary"]
    assert [e["language"] for e in merged["languages"]] == ["python", "java", "csharp"]
    done = run_cli("report", "merge", *map(str, parts), "--json", str(tmp_path / "all.json"))
    assert done.returncode == 1  # the merged results hold failures
    assert done.stdout.splitlines()[0].split() == ["case", "python", "java", "csharp"]
    assert json.loads((tmp_path / "all.json").read_text())["summary"] == rec["summary"]
    ok = run_cli("report", "merge", str(parts[0]), "--fail-on", "divergent")
    assert ok.returncode == 0


def test_merge_refuses_overlaps_and_foreign_files(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(report.to_json(sample_record()))
    with pytest.raises(Exception, match="appears in both"):
        merging.merge([path, path])
    junk = tmp_path / "junk.json"
    junk.write_text('{"x": 1}')
    done = run_cli("report", "merge", str(junk))
    assert done.returncode == 2 and "not a jwtparity report" in done.stderr


def test_unknown_fail_on_status_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(report.to_json(sample_record()))
    done = run_cli("report", "merge", str(path), "--fail-on", "bogus")
    assert done.returncode == 2 and "unknown status 'bogus'" in done.stderr


def test_unknown_format_is_exit_2_before_any_work() -> None:
    done = run_cli("check", "--format", "xml", "--cases", "/nonexistent/cases.json")
    assert done.returncode == 2 and "--format must be one of table, json, markdown, github, not 'xml'" in done.stderr


def test_reports_name_their_edition_and_merge_refuses_two_editions(tmp_path: Path) -> None:
    rec = sample_record()
    assert rec["edition"] == "jwtencode" and "Edition: jwtencode" in report.table(rec)
    encode, manager = tmp_path / "encode.json", tmp_path / "manager.json"
    encode.write_text(report.to_json(_split(rec, {"python"})))
    manager.write_text(report.to_json({**_split(rec, {"java"}), "edition": "jwtmanager"}))
    assert merging.merge([encode])["edition"] == "jwtencode"
    done = run_cli("report", "merge", str(encode), str(manager))
    assert done.returncode == 2 and "different editions" in done.stderr and done.stderr.count("\n") == 1
