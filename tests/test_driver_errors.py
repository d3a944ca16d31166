"""Every driver names the case it failed on, even when it cannot parse the case's line."""

import json
from pathlib import Path

import jwt
import pytest

from jwtparity.config.settings import Settings
from jwtparity.run import images, sandbox
from jwtparity.run.context import RunContext
from tests.conftest import run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]

# Lines these drivers' JSON parsers reject: PHP cannot make an object property of a key starting with
# NUL; Ruby's JSON.parse stops at 100 levels. Before, the error line had "id": null and was dropped.
UNPARSABLE = {"php": {"\u0000key": 1}, "ruby": {"deep": json.loads("[" * 200 + "]" * 200)}}


@pytest.mark.parametrize("language", UNPARSABLE)
def test_a_line_the_driver_cannot_parse_is_an_error_on_its_case(tmp_path: Path, language: str) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "before", "payload": {"a": 1}})
        + "\n"
        + json.dumps({"id": 'unparsable \u2028 \\ "case"', "payload": UNPARSABLE[language]})
        + "\n"
        + json.dumps({"id": "after", "payload": {"a": 2}})
        + "\n"
    )
    run_cli(
        "check",
        "--quiet",
        "--lang",
        language,
        "--cases",
        str(cases),
        "--timeout",
        "60",
        "--json",
        str(tmp_path / "report.json"),
        timeout=1500,
    )
    report = json.loads((tmp_path / "report.json").read_text())
    results = {r["case"]: r for r in report["results"]}
    failed = results['unparsable \u2028 \\ "case"']
    assert failed["status"] == "error" and "no output for this case" not in failed["reason"], failed
    assert {results["before"]["status"], results["after"]["status"]} <= {"identical", "equivalent"}
    assert report["languages"][0]["status"] == "ran", report["languages"][0]


def test_the_browser_driver_answers_every_line_in_order_across_its_frames(client, tmp_path: Path) -> None:
    """One frame per algorithm in one page: lines come back in input order, each exactly once, and the
    first frame answers a line that is no case (by its leading id) and an algorithm without a snippet."""
    settings = Settings(edition="jwtencode")
    browser = settings.resolve("javascript")
    image = images.ensure_image(RunContext(client, settings, tmp_path / "logs"), browser, "HS256")
    if image.status == "unavailable":
        pytest.skip(f"javascript cannot run here: {image.reason}")
    assert image.status == "ready" and image.tag, image.reason
    lines = [
        '{"id": "a", "payload": {"n": 1}, "secret": "s1", "alg": "HS512"}',
        '{"id": "broken", "payload": {oops}',
        '{"id": "b", "payload": {"n": 2}, "secret": "s2", "alg": "HS999"}',
        '{"id": "c", "payload": {"n": 3}, "secret": "s3", "alg": "HS256"}',
        '{"id": "d", "payload": {"n": 4}, "secret": "s1", "alg": "HS512"}',
    ]
    limits = sandbox.Limits(timeout=120).raised(browser.limits)
    done = sandbox.run(client, image.tag, ("\n".join(lines) + "\n").encode(), limits)
    assert done.exit_code == 0, done.stderr.decode()
    results = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["id"] for r in results] == ["a", "broken", "b", "c", "d"]
    assert "error" in results[1] and "no snippet for algorithm HS999" in results[2]["error"]
    for result, (secret, alg) in zip(
        [results[0], results[3], results[4]], [("s1", "HS512"), ("s3", "HS256"), ("s1", "HS512")], strict=True
    ):
        assert jwt.api_jwt.decode_complete(result["token"], secret, algorithms=[alg])["header"]["alg"] == alg
