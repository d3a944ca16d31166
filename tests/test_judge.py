"""The judge, with hand-made tokens: each status for its reason, the policy, the HMAC cross-check."""

import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest

from jwtparity.cases.suite import Case
from jwtparity.judge import reference
from jwtparity.judge import verdict as judge_module
from jwtparity.judge.policy import Policy
from jwtparity.judge.verdict import judge

SECRET = "s3cret-for-tests"
HASH = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
NOW = time.time()
NO_POLICY = Policy(window=(NOW - 5, NOW))
NODE_POLICY = Policy(accepted=("iat", "exp"), lifetime=300, window=(NOW - 5, NOW))


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(header: str, payload: str, secret: str = SECRET, alg: str = "HS256") -> str:
    """A token signed over exactly these header and payload texts, without PyJWT."""
    signing_input = f"{b64(header.encode())}.{b64(payload.encode())}"
    return f"{signing_input}.{b64(hmac.new(secret.encode(), signing_input.encode(), HASH[alg]).digest())}"


def case(payload: dict, alg: str = "HS256") -> Case:
    return Case("c", payload, SECRET, alg)


STD = '{"alg":"HS256","typ":"JWT"}'


def test_reference_token_is_identical() -> None:
    c = case({"sub": "a", "n": 1})
    assert judge(c, jwt.encode(c.payload, SECRET, algorithm="HS256"), None, NO_POLICY).status == "identical"


@pytest.mark.parametrize(
    ("header", "payload", "note"),
    [
        ('{"typ":"JWT","alg":"HS256"}', '{"sub":"é","f":1.0}', "header key order typ, alg"),
        ('{"alg":"HS256"}', '{"sub":"é","f":1.0}', "header has no typ"),
        (STD, '{"sub":"é","f":1.0}', "non-ASCII characters raw"),
        (STD, '{"sub":"\\u00e9","f":1}', "$.f spelled 1 (reference 1.0)"),
        (STD, '{"f":1.0,"sub":"\\u00e9"}', "key order at $: f, sub"),
        (STD, '{"sub":"\\u00E9","f":1.0}', "\\u escapes in upper-case hex"),
    ],
)
def test_byte_differences_are_equivalent_with_a_note(header: str, payload: str, note: str) -> None:
    verdict = judge(case({"sub": "é", "f": 1.0}), token(header, payload), None, NO_POLICY)
    assert verdict.status == "equivalent"
    assert any(note in n for n in verdict.notes), verdict.notes


def test_escaping_notes() -> None:
    c = case({"u": "https://x/<a>&"})
    verdict = judge(c, token(STD, '{"u":"https:\\/\\/x\\/\\u003ca\\u003e\\u0026"}'), None, NO_POLICY)
    assert verdict.status == "equivalent"
    assert "slash escaped as \\/" in verdict.notes
    assert "<, > or & escaped as \\u003c, \\u003e, \\u0026" in verdict.notes


def test_numbers_compare_as_values_and_big_integers_exactly() -> None:
    c = case({"one": 1.0, "big": 1e21, "n": 9007199254740993, "tenth": 0.1})
    same = token(STD, '{"one":1,"big":1e+21,"n":9007199254740993,"tenth":0.1}')
    assert judge(c, same, None, NO_POLICY).status == "equivalent"
    rounded = token(STD, '{"one":1,"big":1e+21,"n":9007199254740992,"tenth":0.1}')
    verdict = judge(c, rounded, None, NO_POLICY)
    assert verdict.status == "divergent"
    assert [str(d) for d in verdict.differences] == ["$.n 9007199254740993 → 9007199254740992"]


@pytest.mark.parametrize(
    ("payload", "sent", "difference", "record"),
    [
        ({"a": None, "b": 1}, '{"b":1}', "$.a removed (null)", {"path": "$.a", "kind": "removed"}),
        ({"o": {}}, '{"o":[]}', "$.o {} → [] (object → array)", {"path": "$.o", "kind": "changed"}),
        ({"x": 1}, '{"x":1,"iat":1700000000}', "$.iat added (integer 1700000000)", {"path": "$.iat", "kind": "added"}),
        ({"x": "1"}, '{"x":1}', '$.x "1" → 1 (string → integer)', {"path": "$.x", "kind": "changed"}),
        ({"d": {"k": [1, 2]}}, '{"d":{"k":[1]}}', "$.d.k[1] removed (integer 2)", {"path": "$.d.k[1]"}),
    ],
)
def test_claim_changes_are_divergent_with_a_path_diff(payload: dict, sent: str, difference: str, record: dict) -> None:
    verdict = judge(case(payload), token(STD, sent), None, NO_POLICY)
    assert verdict.status == "divergent"
    assert [str(d) for d in verdict.differences] == [difference]
    assert record.items() <= verdict.differences[0].as_dict().items()
    assert difference in verdict.reason


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("", "empty token"),
        ("   ", "empty token"),
        ("abc.def", "2 segments instead of 3"),
        (token(STD, '{"a":1}') + "==", "signature segment is not base64url"),
        ("!!!.e30.sig", "header segment"),
        (f"{b64(b'[1]')}.{b64(b'{}')}.sig0", "header is not a JSON object"),
        (f"{b64(b'not json')}.{b64(b'{}')}.sig0", "not JSON"),
        (token('{"typ":"JWT"}', '{"a":1}'), "header has no alg"),
        (token('{"alg":"HS384","typ":"JWT"}', '{"a":1}', alg="HS384"), "header alg is 'HS384'"),
        (token('{"alg":"none","typ":"JWT"}', '{"a":1}'), "header alg is 'none'"),
        (token(STD, '{"a":1}', secret="wrong"), "signature does not verify"),
    ],
)
def test_broken_tokens_are_invalid(given: str, reason: str) -> None:
    verdict = judge(case({"a": 1}), given, None, NO_POLICY)
    assert verdict.status == "invalid"
    assert reason in verdict.reason


def test_corrupted_signature_is_invalid() -> None:
    good = token(STD, '{"a":1}')
    corrupted = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    assert judge(case({"a": 1}), corrupted, None, NO_POLICY).status == "invalid"


def test_non_canonical_signature_is_invalid() -> None:
    good = token(STD, '{"a":1}')
    last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".index(good[-1])
    stray = good[:-1] + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last ^ 1]
    assert reference.verify_signature(stray, SECRET, "HS256").pyjwt_valid  # PyJWT ignores the stray bits
    verdict = judge(case({"a": 1}), stray, None, NO_POLICY)
    assert verdict.status == "invalid" and "not canonical base64url" in verdict.reason


def test_a_snippet_error_is_an_error_with_its_message() -> None:
    verdict = judge(case({"a": 1}), None, "RuntimeError: boom", NO_POLICY)
    assert (verdict.status, verdict.reason) == ("error", "RuntimeError: boom")


def test_policy_accepts_nodes_iat_and_exp_when_they_check_out() -> None:
    iat = int(NOW)
    c = case({"a": 1})
    verdict = judge(c, token(STD, f'{{"a":1,"iat":{iat},"exp":{iat + 300}}}'), None, NODE_POLICY)
    assert verdict.status == "equivalent"
    assert any(n.startswith("accepted by policy: $.iat") for n in verdict.notes)
    assert any(n.startswith("accepted by policy: $.exp") for n in verdict.notes)
    assert judge(c, token(STD, f'{{"a":1,"iat":{iat}}}'), None, NO_POLICY).status == "divergent"


@pytest.mark.parametrize(
    "claims",
    [
        '{"a":1,"iat":1000}',  # outside the run's window
        '{"a":1,"iat":1.5}',  # not an integer
        f'{{"a":1,"iat":{int(NOW)},"exp":{int(NOW) + 60}}}',  # exp - iat is not the lifetime
    ],
)
def test_policy_does_not_wave_through_wrong_values(claims: str) -> None:
    assert judge(case({"a": 1}), token(STD, claims), None, NODE_POLICY).status == "divergent"


MUTATIONS = {
    "flipped signature character": lambda t: t[:-2] + ("A" if t[-2] != "A" else "B") + t[-1],
    "signature of another secret": lambda t: jwt.encode({"a": 1}, "other-secret", algorithm="HS256"),
    "signature cut short": lambda t: t[:-4],
    "payload swapped": lambda t: t.split(".")[0] + "." + b64(b'{"a":2}') + "." + t.split(".")[2],
    "header swapped": lambda t: b64(b'{"alg":"HS256"}') + "." + ".".join(t.split(".")[1:]),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_hmac_recomputation_rejects_what_pyjwt_rejects(name: str) -> None:
    good = jwt.encode({"a": 1}, SECRET, algorithm="HS256")
    assert reference.verify_signature(good, SECRET, "HS256") == reference.Verdict(True, "", True)
    bad = MUTATIONS[name](good)
    verdict = reference.verify_signature(bad, SECRET, "HS256")
    assert not verdict.pyjwt_valid
    assert not verdict.hmac_valid


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_hmac_recomputation_accepts_what_pyjwt_signs(alg: str) -> None:
    for secret in ("k", "sécrét-密钥-🔑", "x" * 200):
        good = jwt.encode({"a": "é"}, secret, algorithm=alg)
        assert reference.verify_signature(good, secret, alg) == reference.Verdict(True, "", True)


def test_disagreeing_reference_is_reported_as_a_tool_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "hmac_valid", lambda *_: False)
    c = case({"a": 1})
    verdict = judge_module.judge(c, jwt.encode(c.payload, SECRET, algorithm="HS256"), None, NO_POLICY)
    assert verdict.status == "error"
    assert verdict.reason.startswith("jwtparity fault: PyJWT says the signature is valid")


def test_reference_matches_the_interop_notes_for_pyjwt() -> None:
    header = json.loads(base64.urlsafe_b64decode(reference.sign(case({"a": 1})).split(".")[0] + "=="))
    assert list(header) == ["alg", "typ"]
