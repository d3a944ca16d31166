"""The callback edition (issue 18): the producer profile onlyoffice-docs signs as the Document Server does,
each language's verification sample is checked on its requests with real Docker and real libraries, the
plain calls are reported beside, and a mutated sample turns the check red."""

import json
import time
from pathlib import Path

import jwt
import pytest

from jwtparity.config.settings import Settings
from jwtparity.judge import verification
from jwtparity.run import images
from jwtparity.run.context import RunContext
from tests.conftest import mutated_templates, run_cli

RUNNABLE = "nodejs,java,php,python,ruby,go"  # C# needs NuGet (allowed unavailable here)


def test_the_producer_s_tokens_verify_under_pyjwt_with_the_same_secret(client, tmp_path: Path) -> None:
    settings = Settings().for_edition("callback")
    ctx = RunContext(client, settings, tmp_path)
    producer, host = verification._producer(ctx, "onlyoffice-docs")
    image = images.ensure_image(ctx, host, "HS256")
    assert image.status == "ready", image.reason
    before = int(time.time())
    tokens = verification.produce(ctx, producer, host, image)
    after = int(time.time())
    for name, signing in verification.signings().items():
        body, header = tokens[name].body, tokens[name].header
        assert jwt.get_unverified_header(body)["alg"] == signing.alg
        if signing.secret != verification.SECRET:
            with pytest.raises(jwt.InvalidSignatureError):
                jwt.decode(body, verification.SECRET, algorithms=[signing.alg], options={"verify_exp": False})
            continue
        options = {"verify_exp": False, "verify_iat": False}
        claims = jwt.decode(body, signing.secret, algorithms=[signing.alg], options=options)
        wrapped = jwt.decode(header, signing.secret, algorithms=[signing.alg], options=options)
        assert {k: v for k, v in claims.items() if k not in ("iat", "exp")} == signing.callback
        assert wrapped["payload"] == signing.callback and set(wrapped) == {"payload", "iat", "exp"}
        for signed in (claims, wrapped):
            assert before + signing.skew <= signed["iat"] <= after + signing.skew  # the server's clock
            assert signed["exp"] == signed["iat"] + 300  # expiresIn "5m", derived by jsonwebtoken


def test_every_sample_accepts_in_leeway_and_rejects_hostile_requests(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    junit, html = tmp_path / "report.xml", tmp_path / "report.html"
    done = run_cli(
        "check", "--edition", "callback", "--lang", RUNNABLE, "--json", str(out), "--junit", str(junit),
        "--html", str(html), "--format", "markdown",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    record = json.loads(out.read_text())
    assert record["edition"] == "callback" and record["producer"]["name"] == "onlyoffice-docs"
    ids = [r.id for r in verification.requests()]
    for language in RUNNABLE.split(","):
        results = {r["case"]: r for r in record["results"] if r["language"] == language}
        assert list(results) == ids
        assert all(r["status"] == "identical" for r in results.values()), language
        for request in verification.requests():
            said = results[request.id]["reason"]
            assert said == "" if request.accept else said.startswith("rejected: "), (language, request.id, said)
    # The plain calls: PyJWT and php-jwt refuse a token issued 2 s ahead; the others take it.
    plain = {(r["language"], r["token"]): r for r in record["plain"]["results"]}
    assert "ImmatureSignatureError" in plain[("python", "skew+2/body")]["reason"]
    assert "BeforeValidException" in plain[("php", "skew+2/header")]["reason"]
    for language in ("nodejs", "java", "ruby", "go"):
        assert plain[(language, "skew+2/body")]["accepted"] is True
    for language in RUNNABLE.split(","):  # expired 30 s ago: within the samples' leeway, not the plain call's
        assert plain[(language, "expired-30s/body")]["accepted"] is False
    assert "### Plain calls (no leeway)" in done.stdout and "ImmatureSignatureError" in done.stdout
    assert 'id="plain"' in html.read_text() and "BeforeValidException" in html.read_text()
    assert 'name="skew+2/body"' in junit.read_text()
    assert verification.SECRET not in out.read_text() + done.stdout + done.stderr


@pytest.mark.parametrize(
    ("old", "new", "failing"),
    [
        # Without leeway: a server clock 2 s ahead, or a token expired 30 s ago, is refused.
        (
            '"leeway": {{ leeway | default(60) }}',
            '"leeway": 0',
            {"skew+2/body": "error", "expired-30s/header": "error"},
        ),
        # Without the algorithm pinned to one: HS384 passes.
        ('"algorithms": ["{{ alg }}"]', '"algorithms": ["HS256", "HS384"]', {"hs384/body": "invalid"}),
        # Returning the unsigned body instead of the token's claims.
        (
            'return jwt.decode(body["token"], secret, **options)',
            'jwt.decode(body["token"], secret, **options)\n        return body',
            {"unsigned-fields/body": "divergent", "skew+0/body": "divergent"},
        ),
    ],
)
def test_a_mutated_python_sample_turns_the_check_red(tmp_path: Path, old: str, new: str, failing: dict) -> None:
    templates = mutated_templates(tmp_path, "callback/python/verify_callback.py.j2", old, new)
    out = tmp_path / "report.json"
    done = run_cli(
        "check", "--edition", "callback", "--lang", "python", "--templates", str(templates), "--json", str(out)
    )
    assert done.returncode == 1, done.stdout + done.stderr[-2000:]
    statuses = {r["case"]: r["status"] for r in json.loads(out.read_text())["results"]}
    for case, status in failing.items():
        assert statuses[case] == status, (case, statuses)
    assert statuses["neither"] == "identical"


def test_snippet_prints_a_verification_sample() -> None:
    done = run_cli("snippet", "ruby", "--edition", "callback")
    assert done.returncode == 0
    assert "def verify_callback(body, authorization_header, secret)" in done.stdout
    assert 'algorithm: "HS256", leeway: 60' in done.stdout


def test_docs_sync_writes_the_callback_section_and_nothing_else(tmp_path: Path) -> None:
    page = tmp_path / "callback.md"
    before = "# Callback handler\n\nIntro.\n\n## Verifying the requests the Document Server sends\n\n"
    after = "\n\n## Next\n\nKept as it is.\n"
    page.write_text(before + "<Tabs>\n  old\n</Tabs>" + after)
    done = run_cli("docs", "sync", "--edition", "callback", str(page))
    assert done.returncode == 0, done.stderr
    text = page.read_text()
    assert text.startswith(before + "<Tabs>\n") and text.endswith("</Tabs>" + after)
    assert "verifyCallback(body, authorizationHeader, secret)" in text and "def verify_callback(" in text
    assert run_cli("docs", "sync", "--edition", "callback", "--check", str(page)).returncode == 0


def test_cross_does_not_apply_to_a_verifying_edition() -> None:
    done = run_cli("check", "--edition", "callback", "--lang", "python", "--cross")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and done.stderr.startswith("jwtparity: error:")
    assert "--cross and --consumer do not apply" in done.stderr and "Traceback" not in done.stderr
