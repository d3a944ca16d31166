"""Every language's verifier and the onlyoffice-docs consumer, run in the real images on tokens PyJWT makes.

Each verifier must accept a good token (reading the claims as PyJWT does), and reject a corrupted
signature, a token of another algorithm and an unsigned one; time claims are read, not enforced. The
consumer must apply the Document Server's rules: exp and nbf with 60 s tolerance, any HS algorithm,
document.key and document.url in editor configurations.
"""

import base64
import json
import time
from pathlib import Path

import docker
import jwt
import pytest

from jwtparity.cases.suite import load_suite
from jwtparity.config.languages import all_languages
from jwtparity.config.settings import Settings
from jwtparity.judge import consumers, cross, jsonvalues
from jwtparity.run.context import RunContext
from jwtparity.run.tools import ToolRun, run_requests
from tests.conftest import run_cli

pytestmark = [pytest.mark.docker]
SECRET = "cross-verify-secret-0123456789abcdef"
LOG_DIR = Path(".jwtparity/logs")
PAYLOAD = {"sub": "user-42", "name": "Zoë", "n": 42, "admin": True, "o": {}, "list": [1, "two"]}


def sign(payload: dict, alg: str = "HS256", secret: str = SECRET) -> str:
    return jwt.encode(payload, secret, algorithm=alg)


def corrupted(token: str) -> str:
    """The token with its signature's first byte changed (still valid base64url)."""
    head, _, signature = token.rpartition(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 0x01
    return head + "." + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()


def unsigned(payload: dict) -> str:
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(payload)}."


def request(request_id: str, token: str, alg: str = "HS256", secret: str = SECRET, **extra: str) -> dict:
    return {"id": request_id, "token": token, "secret": secret, "alg": alg, **extra}


def run(client: docker.DockerClient, language_name: str, command: tuple[str, ...], requests: list[dict]) -> ToolRun:
    language = next(lang for lang in all_languages() if lang.name == language_name)
    return run_requests(RunContext(client, Settings(), LOG_DIR), language, command, requests, "HS256")


@pytest.mark.parametrize("language", [lang.name for lang in all_languages()])
def test_every_verifier_accepts_good_tokens_and_rejects_bad_signatures_and_algorithms(
    client: docker.DockerClient, language: str
) -> None:
    verify = next(lang for lang in all_languages() if lang.name == language).verify
    assert verify, f"{language} declares no verify command in its manifest"
    good = sign(PAYLOAD)
    now = int(time.time())
    requests = [
        request("good", good),
        request("good-hs512", sign(PAYLOAD, "HS512"), alg="HS512"),
        request("corrupted", corrupted(good)),
        request("other-secret", sign(PAYLOAD, secret=SECRET + "x")),
        request("wrong-alg", sign(PAYLOAD, "HS384")),
        request("unsigned", unsigned(PAYLOAD)),
        request("expired", sign({"sub": "u", "exp": now - 3600})),
        request("not-yet", sign({"sub": "u", "nbf": now + 3600})),
        request("exp-before-nbf", sign({"sub": "u", "exp": now + 300, "nbf": 4102444800})),  # Node's, nbf given
    ]
    outcome = run(client, language, verify, requests)
    if outcome.status == "skipped":  # the library cannot be obtained here: the reason says why
        assert outcome.reason
        pytest.skip(f"{language}: {outcome.reason}")
    assert outcome.status == "ran", outcome.reason
    verdicts = {key: answer["accepted"] for key, answer in outcome.answers.items()}
    assert verdicts == {
        "good": True,
        "good-hs512": True,
        "corrupted": False,
        "other-secret": False,
        "wrong-alg": False,
        "unsigned": False,
        "expired": True,
        "not-yet": True,
        "exp-before-nbf": True,
    }
    assert all(outcome.answers[k]["reason"] for k, v in verdicts.items() if not v)
    assert jsonvalues.diff(cross.pyjwt_claims(good), outcome.answers["good"]["claims"]) == []


def consumer_run(client: docker.DockerClient, requests: list[dict]) -> dict[str, dict]:
    (profile,) = consumers.resolve(["onlyoffice-docs"], Settings())
    outcome = run(client, profile.language, profile.command, requests)
    assert outcome.status == "ran", outcome.reason
    return outcome.answers


def test_onlyoffice_docs_enforces_time_claims_with_60_seconds_tolerance_and_any_hs_algorithm(
    client: docker.DockerClient,
) -> None:
    now = int(time.time())
    answers = consumer_run(
        client,
        [
            request("plain", sign(PAYLOAD)),
            request("hs384", sign(PAYLOAD, "HS384")),  # no algorithms list in the server's verify options
            request("expired-30s", sign({"sub": "u", "exp": now - 30})),
            request("expired-1h", sign({"sub": "u", "exp": now - 3600})),
            request("nbf-in-30s", sign({"sub": "u", "nbf": now + 30})),
            request("nbf-2100", sign({"sub": "u", "nbf": 4102444800})),
            request("corrupted", corrupted(sign(PAYLOAD))),
        ],
    )
    verdicts = {key: answer["accepted"] for key, answer in answers.items()}
    assert verdicts == {
        "plain": True,
        "hs384": True,
        "expired-30s": True,
        "expired-1h": False,
        "nbf-in-30s": True,
        "nbf-2100": False,
        "corrupted": False,
    }
    assert answers["expired-1h"]["reason"] == "token: TokenExpiredError: jwt expired"
    assert answers["nbf-2100"]["reason"] == "token: NotBeforeError: jwt not active"
    assert answers["corrupted"]["reason"] == "token: JsonWebTokenError: invalid signature"


def test_onlyoffice_docs_checks_the_fields_of_editor_configurations_only(client: docker.DockerClient) -> None:
    config = {"document": {"key": "k1", "url": "https://example.com/a.docx"}, "editorConfig": {"mode": "edit"}}
    no_url = {"document": {"key": "k1"}}
    no_key = {"document": {"url": "https://example.com/a.docx"}}
    answers = consumer_run(
        client,
        [
            request("config", sign(config), use="editor-config"),
            request("no-url", sign(no_url), use="editor-config"),
            request("no-key", sign(no_key), use="editor-config"),
            request("top-level-url", sign({**config, "url": "https://example.com"}), use="editor-config"),
            request("no-url-not-a-config", sign(no_url)),
        ],
    )
    verdicts = {key: answer["accepted"] for key, answer in answers.items()}
    assert verdicts == {
        "config": True,
        "no-url": False,
        "no-key": False,
        "top-level-url": False,
        "no-url-not-a-config": True,
    }
    assert "document.url" in answers["no-url"]["reason"]
    assert "document.key" in answers["no-key"]["reason"]
    assert "invalid format" in answers["top-level-url"]["reason"]


@pytest.fixture(scope="module")
def cross_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str, str]:
    out = tmp_path_factory.mktemp("cross") / "report.json"
    done = run_cli(
        "check",
        "--quiet",
        "--lang",
        "python,nodejs,go,csharp",
        "--cross",
        "--consumer",
        "onlyoffice-docs",
        "--json",
        str(out),
        timeout=3000,
    )
    return done.returncode, json.loads(out.read_text()), done.stdout, out.read_text()


def test_cross_check_reports_the_matrix_and_a_consumer_verdict_on_every_token(client, cross_check) -> None:
    code, report, stdout, _ = cross_check
    assert code == 0, stdout
    signers = [e["language"] for e in report["languages"] if e["status"] == "ran"]
    verifiers = {v["language"]: v for v in report["cross"]["verifiers"]}
    assert set(verifiers) == {"python", "nodejs", "go", "csharp"}
    ran = [name for name, v in verifiers.items() if v["status"] == "ran"]
    assert {"python", "nodejs", "go"} <= set(ran)
    for entry in verifiers.values():
        assert set(entry) >= {"language", "library", "version", "source", "status", "reason"}
    cases = {r["case"] for r in report["results"]}
    cells = {(r["signer"], r["verifier"], r["case"]) for r in report["cross"]["results"]}
    assert cells == {(s, v, c) for s in signers for v in ran for c in cases}
    for result in report["cross"]["results"]:
        assert set(result) >= {"signer", "verifier", "case", "accepted", "reason", "claims_equal"}
        assert result["accepted"] is True and result["claims_equal"] is True, result  # the default suite
    for result in report["results"]:
        verdict = result["consumers"]["onlyoffice-docs"]
        if result["token"]:
            assert isinstance(verdict["accepted"], bool)
        else:
            assert verdict == {"accepted": None, "reason": "no token to judge"}
    assert "Cross-verification" in stdout and "onlyoffice-docs" in stdout.splitlines()[0]


def test_the_consumer_rejects_the_new_cases_that_the_reference_rates_valid(client, cross_check) -> None:
    _, report, stdout, _ = cross_check
    reasons = {
        "editor-config-without-url": "auth missing required parameter document.url",
        "not-before-2100": "token: NotBeforeError: jwt not active",
    }
    for result in report["results"]:
        verdict = result["consumers"]["onlyoffice-docs"]
        if result["status"] == "skipped":
            continue
        assert result["status"] in ("identical", "equivalent")
        assert verdict == (
            {"accepted": False, "reason": reasons[result["case"]]}
            if result["case"] in reasons
            else {"accepted": True, "reason": ""}
        ), result["case"]
    assert "rejects not-before-2100 from " in stdout


def test_no_secret_appears_in_the_cross_report(client, cross_check) -> None:
    _, _, stdout, text = cross_check
    for case in load_suite("default"):
        if len(case.secret) >= 3:
            assert case.secret not in text and case.secret not in stdout


def test_an_unknown_consumer_profile_is_one_line_and_exit_2() -> None:
    done = run_cli("check", "--consumer", "no-such-server")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "jwtparity: error: unknown consumer profile 'no-such-server' (known: onlyoffice-docs)"
    ]


def test_tokens_read_otherwise_or_rejected_by_another_library_are_named(client, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "big", "payload": {"above": 9007199254740993, "o": {}}})
        + "\n"
        + json.dumps({"id": "empty-secret", "secret": "", "payload": {"sub": "u"}})
        + "\n"
    )
    out = tmp_path / "report.json"
    run_cli(
        "check",
        "--quiet",
        "--lang",
        "python,nodejs",
        "--cases",
        str(cases),
        "--cross",
        "--json",
        str(out),
        timeout=1800,
    )
    results = {(r["signer"], r["verifier"], r["case"]): r for r in json.loads(out.read_text())["cross"]["results"]}
    big = results[("python", "nodejs", "big")]
    assert big["accepted"] is True and big["claims_equal"] is False
    assert big["finding"] == (
        "nodejs reads the claims otherwise than PyJWT: $.above 9007199254740993 → 9007199254740992"
    )
    assert results[("python", "python", "big")]["claims_equal"] is True
    empty = results[("python", "nodejs", "empty-secret")]
    assert empty["accepted"] is False and empty["pyjwt_accepts"] is True
    assert empty["finding"] == (
        "the reference signature check (PyJWT) accepts this token, nodejs rejects it: "
        "JsonWebTokenError: secret or public key must be provided"
    )
