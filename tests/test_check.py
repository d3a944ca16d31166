"""`jwtparity check` end to end with the real engine, the real libraries and the real PyJWT.

One check over every language and both built-in suites serves the tests of this module; its tokens are
verified here again with PyJWT directly, independently of the judge.
"""

import json
from pathlib import Path

import jwt
import pytest

from jwtparity.cases.suite import load_suite
from jwtparity.config.languages import all_languages
from tests.conftest import run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client")]
EDITION = ("--edition", "jwtmanager")  # this module checks the seed's samples; test_check_jwtencode the live ones
LANGUAGES = [lang.name for lang in all_languages(edition="jwtmanager")]


def first_finding(reason: str) -> str:
    """An unavailability reason without the note that it was remembered from an earlier build."""
    return reason.split(" (as found at ")[0]


@pytest.fixture(scope="module")
def default_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str, Path]:
    out = tmp_path_factory.mktemp("check")
    done = run_cli(
        "check",
        "--quiet",
        *EDITION,
        "--json",
        str(out / "report.json"),
        "--junit",
        str(out / "junit.xml"),
        timeout=3000,
    )
    return done.returncode, json.loads((out / "report.json").read_text()), done.stdout, out


@pytest.fixture(scope="module")
def edge_check(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("edge")
    run_cli("check", "--quiet", *EDITION, "--suite", "edge", "--json", str(out / "report.json"), timeout=3000)
    return json.loads((out / "report.json").read_text())


def results(report: dict, language: str) -> dict[str, dict]:
    return {r["case"]: r for r in report["results"] if r["language"] == language}


def test_default_suite_is_green_on_the_current_samples(default_check) -> None:
    code, report, stdout, _ = default_check
    failing = [
        (r["language"], r["case"], r["status"], r["reason"])
        for r in report["results"]
        if r["status"] not in ("identical", "equivalent", "skipped")
    ]
    assert failing == []
    assert code == 0
    assert stdout.splitlines()[0].split() == ["case", *LANGUAGES]


def test_languages_whose_library_can_be_had_ran_and_the_others_are_skipped_with_their_reason(
    default_check, availability: dict[str, str]
) -> None:
    _, report, _, _ = default_check
    status = {e["language"]: e for e in report["languages"]}
    assert list(status) == LANGUAGES
    for name in LANGUAGES:
        found = availability[name]
        if found == "ready":
            assert status[name]["status"] == "ran", (name, status[name]["reason"])
        else:
            # The same reason; the note of when it was found differs when the other edition's image
            # (another digest) was found unavailable at another moment.
            assert status[name]["status"] == "skipped"
            assert first_finding(status[name]["reason"]) == first_finding(found)
            assert {r["status"] for r in results(report, name).values()} == {"skipped"}
    assert status["ruby"]["source"] != "" and status["php"]["version"].startswith("5.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_token_verifies_under_pyjwt(default_check, availability: dict[str, str], language: str) -> None:
    if availability[language] != "ready":
        pytest.skip(f"{language} cannot run here: {availability[language]}")
    _, report, _, _ = default_check
    cases = {c.id: c for c in load_suite("default")}
    got = results(report, language)
    assert set(got) == set(cases)
    for case_id, result in got.items():
        case = cases[case_id]
        decoded = jwt.PyJWS().decode_complete(result["token"], key=case.secret, algorithms=[case.alg])
        assert decoded["header"]["alg"] == case.alg
        claims = json.loads(decoded["payload"])
        assert {k: v for k, v in claims.items() if k not in ("iat", "exp")} == case.payload


def test_report_shape_and_no_secret_anywhere(default_check) -> None:
    _, report, stdout, out = default_check
    assert report["reference"]["library"] == "PyJWT" and report["edition"] == "jwtmanager"
    assert "Edition: jwtmanager" in stdout
    assert {"language", "library", "version", "source", "status", "reason"} <= set(report["languages"][0])
    assert {"language", "case", "status", "token", "reason", "differences"} <= set(report["results"][0])
    assert sum(report["summary"].values()) == len(report["results"]) == len(LANGUAGES) * len(load_suite("default"))
    texts = [stdout, (out / "report.json").read_text(), (out / "junit.xml").read_text()]
    for case in load_suite("default"):
        if len(case.secret) >= 3:
            assert all(case.secret not in text for text in texts), case.id


def test_library_differences_show_as_equivalent_with_notes(default_check) -> None:
    _, report, _, _ = default_check
    ruby = results(report, "ruby")["plain-claims"]
    assert ruby["status"] == "equivalent" and "header has no typ" in ruby["notes"]
    node = results(report, "nodejs")["plain-claims"]
    assert node["status"] == "equivalent"
    assert any(n.startswith("accepted by policy: $.iat") for n in node["notes"])
    go = results(report, "go")["url-and-markup"]
    assert "<, > or & escaped as \\u003c, \\u003e, \\u0026" in go["notes"]


def test_edge_suite_catalogs_the_known_divergences(edge_check) -> None:
    node = results(edge_check, "nodejs")["int-2-53"]
    assert node["status"] == "divergent"
    assert {
        "path": "$.above",
        "kind": "changed",
        "expected": "9007199254740993",
        "actual": "9007199254740992",
    }.items() <= node["differences"][0].items()
    java = results(edge_check, "java")["null-and-booleans"]
    assert java["status"] == "divergent"
    assert {d["path"] for d in java["differences"] if d["kind"] == "removed"} == {"$.a", "$.nested.z"}
    assert results(edge_check, "python")["floats"]["status"] == "identical"
    assert any(r["status"] == "divergent" for r in edge_check["results"])


def test_docker_down_is_one_line_and_exit_2() -> None:
    down = run_cli("check", "--lang", "python", env={"DOCKER_HOST": "unix:///nonexistent/docker.sock"})
    assert down.returncode == 2
    assert down.stderr.count("\n") == 1 and "Docker engine not reachable" in down.stderr
    assert "jwtparity engine ensure" in down.stderr
