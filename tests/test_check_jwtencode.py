"""The live page's samples (edition jwtencode) run for real, the browser one in headless Chromium.

The default suite finds one broken case on the live page (the browser sample's btoa cannot encode a
payload with characters beyond Latin-1); these tests state that finding, so a fixed page turns them red
and this file is where to say so.
"""

import json
from pathlib import Path

import jwt
import pytest

from jwtparity.cases.suite import DEFAULT_SECRET, load_suite
from jwtparity.config.languages import all_languages
from tests.conftest import ROOT, mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client")]
EDITION = ("--edition", "jwtencode")
LANGUAGES = [lang.name for lang in all_languages(edition="jwtencode")]
BTOA = "InvalidCharacterError: Failed to execute 'btoa' on 'Window'"


@pytest.fixture(scope="module")
def encode_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    out = tmp_path_factory.mktemp("encode")
    done = run_cli("check", "--quiet", *EDITION, "--json", str(out / "report.json"), timeout=3000)
    return done.returncode, json.loads((out / "report.json").read_text()), done.stdout


def test_eight_languages_in_the_live_order_named_by_the_report(encode_check, availability) -> None:
    _, report, stdout = encode_check
    assert report["edition"] == "jwtencode" and "Edition: jwtencode" in stdout
    status = {entry["language"]: entry for entry in report["languages"]}
    assert list(status) == LANGUAGES
    for name in LANGUAGES:
        assert status[name]["status"] == ("ran" if availability[name] == "ready" else "skipped"), name
    assert (status["go"]["library"], status["go"]["version"]) == ("golang-jwt", "5.2.2")
    assert status["javascript"]["library"] == "Web Crypto (Chromium)"
    assert status["javascript"]["source"] == "Debian package chromium-headless-shell"


def test_the_only_failure_of_the_default_suite_is_the_browser_sample_on_non_latin1_text(encode_check) -> None:
    code, report, _ = encode_check
    failing = {
        (r["language"], r["case"]): r
        for r in report["results"]
        if r["status"] not in ("identical", "equivalent", "skipped")
    }
    assert list(failing) == [("javascript", "unicode-text")]
    assert failing["javascript", "unicode-text"]["status"] == "error"
    assert BTOA in failing["javascript", "unicode-text"]["reason"]
    assert "btoa" in failing["javascript", "unicode-text"]["known"]  # this repository's [[known]] entry
    assert code == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_other_token_verifies_under_pyjwt(encode_check, availability, language: str) -> None:
    if availability[language] != "ready":
        pytest.skip(f"{language} cannot run here: {availability[language]}")
    _, report, _ = encode_check
    cases = {c.id: c for c in load_suite("default")}
    for result in report["results"]:
        if result["language"] != language or (language, result["case"]) == ("javascript", "unicode-text"):
            continue
        case = cases[result["case"]]
        claims = jwt.decode(
            result["token"], case.secret, algorithms=[case.alg], options={"verify_exp": False, "verify_nbf": False}
        )
        assert {k: v for k, v in claims.items() if k != "iat"} == case.payload


def test_latin1_text_makes_the_browser_sample_sign_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"id": "cafe", "payload": {"name": "café"}}\n{"id": "euro", "payload": {"price": "5 €"}}\n'
        '{"id": "ascii", "payload": {"name": "cafe"}}\n'
    )
    done = run_cli("check", "--quiet", *EDITION, "--lang", "browser", "--cases", str(cases), "--format", "json")
    results = {r["case"]: r for r in json.loads(done.stdout)["results"]}
    assert results["cafe"]["status"] == "invalid" and "utf-8" in results["cafe"]["reason"]
    assert results["euro"]["status"] == "error" and BTOA in results["euro"]["reason"]
    assert results["ascii"]["status"] == "equivalent"
    assert done.returncode == 1


def test_the_browser_sample_runs_in_chromium_one_page_load_for_every_algorithm(tmp_path: Path) -> None:
    """A browser-only API answers; each algorithm's sample has a global scope of its own (a top-level
    `let` in every one of them loads, and each counts only its own calls), and all of them are frames
    of one page: one Chromium load for the run."""
    templates = mutated_templates(
        tmp_path,
        "jwtencode/javascript/createJWT.js.j2",
        "async function createJWT",
        "let calls = 0\nasync function createJWT",
    )
    probe = templates / "jwtencode/javascript/createJWT.js.j2"
    tagged = (
        "calls += 1\n  return navigator.userAgent + ' #' + calls + ' of ' + parent.frames.length + ' '"
        " + `${encodedHeader}"
    )
    probe.write_text(probe.read_text().replace("return `${encodedHeader}", tagged))
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"id": "a", "payload": {"x": "</script><script>alert(1)</script>"}}\n'
        '{"id": "b", "payload": {"x": "<!-- -->"}, "alg": "HS384"}\n{"id": "c", "payload": {}}\n'
        '{"id": "d", "payload": {}, "alg": "HS512"}\n{"id": "e", "payload": {}, "alg": "HS384"}\n'
    )
    done = run_cli("run", *EDITION, "--lang", "javascript", "--cases", str(cases), "--templates", str(templates))
    assert done.returncode == 0, done.stderr
    lines = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if line.startswith("   ")]
    assert len(lines) == 5 and all("HeadlessChrome/" in line for line in lines), lines
    assert [line.split(" #")[1].split(" ")[0:3] for line in lines] == [
        ["1", "of", "3"],
        ["1", "of", "3"],
        ["2", "of", "3"],
        ["1", "of", "3"],
        ["2", "of", "3"],
    ]
    token = lines[0].rsplit(" ", 1)[1]
    assert jwt.decode(token, DEFAULT_SECRET, algorithms=["HS256"]) == {"x": "</script><script>alert(1)</script>"}
    assert jwt.decode(lines[1].rsplit(" ", 1)[1], DEFAULT_SECRET, algorithms=["HS384"]) == {"x": "<!-- -->"}


def test_the_samples_on_disk_are_what_runs() -> None:
    """samples/jwtencode/ holds the files the harness runs (fragment plus wrapper lines)."""
    done = run_cli("snippet", "go", *EDITION)
    assert done.stdout == (ROOT / "samples" / "jwtencode" / "go" / "jwt_encode.go").read_text()
    assert "go get github.com/golang-jwt/jwt/v5@v5.2.2" in done.stderr
