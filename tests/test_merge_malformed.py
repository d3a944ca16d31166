"""`report merge` on damaged or hand-edited reports: one line naming the file and what is wrong, exit 2,
never a traceback; two reports that disagree on a result are a conflict, not a silent pick."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from jwtparity.report import table as report
from tests.conftest import run_cli
from tests.test_report import _split, sample_record

DEEP = "[" * 100_000 + "]" * 100_000


def edited(change: Callable[[dict], object]) -> str:
    """The sample report as JSON after `change` edited it in place."""
    record = json.loads(report.to_json(sample_record()))
    change(record)
    return json.dumps(record)


def put(path: str, value: object) -> Callable[[dict], None]:
    """Sets a field given as `a.0.b`."""

    def change(record: dict) -> None:
        *parents, last = path.split(".")
        target = record
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[int(last) if isinstance(target, list) else last] = value

    return change


def text_of(raw: str) -> Callable[[], bytes]:
    return lambda: raw.encode("utf-8", "surrogatepass")


MALFORMED: dict[str, tuple[Callable[[], bytes], str]] = {
    "reference a number": (lambda: edited(put("reference", 5)).encode(), "reference must be an object"),
    "reference without version": (
        lambda: edited(put("reference", {"library": "PyJWT"})).encode(),
        "reference has no field 'version'",
    ),
    "results [{}]": (lambda: edited(put("results", [{}])).encode(), "results[0] has no field 'language'"),
    "results not a list": (lambda: edited(put("results", 5)).encode(), "results must be a list"),
    "unknown status": (
        lambda: edited(put("results.0.status", "bogus")).encode(),
        "results[0].status: unknown status 'bogus'",
    ),
    "case a number": (lambda: edited(put("results.0.case", 7)).encode(), "results[0].case must be a string"),
    "notes a string": (lambda: edited(put("results.0.notes", "x")).encode(), "results[0].notes must be a list"),
    "a difference a number": (
        lambda: edited(put("results.0.differences", [5])).encode(),
        "results[0].differences[0] must be an object",
    ),
    "token a number": (lambda: edited(put("results.0.token", 5)).encode(), "results[0].token must be a string"),
    "a consumer verdict a number": (
        lambda: edited(put("results.0.consumers", {"x": 5})).encode(),
        "results[0].consumers.x must be an object",
    ),
    "languages an object": (lambda: edited(put("languages", {})).encode(), "languages must be a list"),
    "a language entry without status": (
        lambda: edited(lambda r: r["languages"][0].pop("status")).encode(),
        "languages[0] has no field 'status'",
    ),
    "seconds a string": (
        lambda: edited(put("languages.0.seconds", "1")).encode(),
        "languages[0].seconds must be a number",
    ),
    "edition a number": (lambda: edited(put("edition", 5)).encode(), "edition must be a string"),
    "consumers [{}]": (lambda: edited(put("consumers", [{}])).encode(), "consumers[0] has no field 'name'"),
    "cross results [{}]": (
        lambda: edited(put("cross", {"signers": [], "verifiers": [], "results": [{}]})).encode(),
        "cross.results[0] has no field 'signer'",
    ),
    "100k-deep nesting": (
        lambda: edited(put("settings", "DEEP")).replace('"DEEP"', DEEP).encode(),
        "nested too deeply",
    ),
    "nesting deeper than a report": (
        lambda: edited(put("settings", json.loads("[" * 40 + "]" * 40))).encode(),
        "nested more than 16 levels deep",
    ),
    "a 5000-digit integer": (
        lambda: edited(put("languages.0.seconds", "N")).replace('"N"', "9" * 5000).encode(),
        "Exceeds the limit (4300 digits)",
    ),
    "a lone surrogate": (
        lambda: edited(put("results.0.reason", "x")).replace('"reason": "x"', '"reason": "\\ud800"').encode(),
        "a string holds a lone surrogate (\\ud800)",
    ),
    "NaN": (lambda: edited(put("languages.0.seconds", "N")).replace('"N"', "NaN").encode(), "NaN is not JSON"),
    "1e999": (
        lambda: edited(put("languages.0.seconds", "N")).replace('"N"', "1e999").encode(),
        "languages[0].seconds must be a number",
    ),
    "a key twice": (
        lambda: edited(put("edition", "E")).replace('"edition": "E"', '"edition": "a", "edition": "b"').encode(),
        "the key 'edition' appears twice",
    ),
    "a list": (lambda: b"[]", "the report must be an object"),
    "not JSON": (lambda: b'{"reference": ', "not JSON"),
    "not UTF-8": (lambda: b'{"x": "\xff"}', "not UTF-8 text"),
    "a result for a language no report lists": (
        lambda: edited(put("results.0.language", "ruby")).encode(),
        "a result for 'ruby', a language no report lists",
    ),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_report_is_one_line_naming_the_file_and_exit_2(tmp_path: Path, name: str) -> None:
    content, expected = MALFORMED[name]
    path = tmp_path / "bad.json"
    path.write_bytes(content())
    done = run_cli("report", "merge", str(path), "--junit", str(tmp_path / "j.xml"), "--html", str(tmp_path / "h.html"))
    assert done.returncode == 2, done.stderr[-3000:]
    (line,) = done.stderr.splitlines()
    assert line.startswith("jwtparity: error: ") and str(path) in line and expected in line, line
    assert done.stdout == ""


def test_two_reports_with_different_results_for_one_language_and_case_are_a_conflict(tmp_path: Path) -> None:
    rec = json.loads(report.to_json(sample_record()))
    python, rest = tmp_path / "python.json", tmp_path / "rest.json"
    python.write_text(json.dumps(_split(rec, {"python"})))
    other = _split(rec, {"java", "csharp"})
    forged = {
        **next(r for r in rec["results"] if r["language"] == "python" and r["case"] == "one"),
        "status": "error",
        "reason": "a different outcome",
    }
    rest.write_text(json.dumps({**other, "results": [*other["results"], forged]}))
    done = run_cli("report", "merge", str(python), str(rest))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"jwtparity: error: conflicting results for python / one in {python} and {rest}"
    ]
    same = {**other, "results": [*other["results"], next(r for r in rec["results"] if r["language"] == "python")]}
    rest.write_text(json.dumps(same))  # the same result twice is no conflict
    merged = run_cli("report", "merge", str(python), str(rest), "--format", "json")
    assert merged.returncode == 1, merged.stderr  # the sample holds failures
    assert len(json.loads(merged.stdout)["results"]) == len(rec["results"])
