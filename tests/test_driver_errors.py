"""Every driver names the case it failed on, even when it cannot parse the case's line."""

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]

# Lines these drivers' JSON parsers reject: PHP cannot make an object property of a key starting with
# NUL; Ruby's JSON.parse stops at 100 levels. Before, the error line had "id": null and was dropped.
UNPARSABLE = {"php": {"\u0000key": 1}, "ruby": {"deep": json.loads("[" * 200 + "]" * 200)}}


@pytest.mark.parametrize("language", UNPARSABLE)
def test_a_line_the_driver_cannot_parse_is_an_error_on_its_case(tmp_path: Path, language: str) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "before", "payload": {"a": 1}}) + "\n"
                     + json.dumps({"id": "unparsable \u2028 \\ \"case\"", "payload": UNPARSABLE[language]}) + "\n"
                     + json.dumps({"id": "after", "payload": {"a": 2}}) + "\n")
    run_cli("check", "--quiet", "--lang", language, "--cases", str(cases), "--timeout", "60",
            "--json", str(tmp_path / "report.json"), timeout=1500)
    report = json.loads((tmp_path / "report.json").read_text())
    results = {r["case"]: r for r in report["results"]}
    failed = results["unparsable \u2028 \\ \"case\""]
    assert failed["status"] == "error" and "no output for this case" not in failed["reason"], failed
    assert {results["before"]["status"], results["after"]["status"]} <= {"identical", "equivalent"}
    assert report["languages"][0]["status"] == "ran", report["languages"][0]
