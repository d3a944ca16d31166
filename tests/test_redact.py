"""Every spelling of every secret leaves every output; a token carrying a secret is withheld."""

import base64
import json

import jwt

from jwtparity.report.redact import MASK, WITHHELD, Redactor, spellings

SECRET = 'back\\slash "quoted" é'


def test_every_spelling_is_masked() -> None:
    redactor = Redactor([SECRET, "xy"])
    for form in (
        SECRET,
        json.dumps(SECRET)[1:-1],
        repr(SECRET)[1:-1],
        repr(json.dumps(SECRET)[1:-1])[1:-1],
        ascii(SECRET)[1:-1],
    ):
        assert redactor.text(f"<{form}>") == f"<{MASK}>", form
    assert redactor.text("xy stays") == "xy stays"  # too short to mask without blanking words
    assert len(spellings(SECRET)) > 3


def test_head_of_a_secret_at_a_cut_end_is_masked() -> None:
    redactor = Redactor([SECRET])
    assert redactor.cut("line " + SECRET + " more", 9) == "line *** "
    assert redactor.cut("output cut here: " + SECRET[:5], 80) == "output cut here: " + MASK
    assert redactor.cut("nothing here", 5) == "nothi"


def test_token_carrying_a_secret_is_withheld_and_records_are_redacted() -> None:
    redactor = Redactor([SECRET])
    carrying = jwt.encode({"leak": SECRET}, SECRET, algorithm="HS256")
    clean = jwt.encode({"a": 1}, SECRET, algorithm="HS256")
    assert redactor.token(carrying) == WITHHELD and redactor.token(clean) == clean
    assert redactor.token(SECRET) == WITHHELD
    record = {"results": [{"reason": f"got {SECRET!r}", "differences": [{"actual": json.dumps(SECRET)}]}]}
    assert SECRET not in json.dumps(redactor.record(record)) and "slash" not in json.dumps(redactor.record(record))


def _segment(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def test_every_token_spelling_of_a_secret_is_withheld() -> None:
    """\\u escapes in the claims, an undecodable payload segment, a signature that is the secret."""
    secret = "secret"
    redactor = Redactor([secret])
    header = _segment(b'{"alg":"HS256","typ":"JWT"}')
    escaped = _segment(b'{"k":"\\u0073ecret"}')
    assert redactor.token(f"{header}.{escaped}.{_segment(b'x' * 32)}") == WITHHELD
    for offset in range(3):  # the secret's base64url inside a segment that is no base64 of JSON
        broken = "!" + _segment(b"z" * offset + secret.encode() + b"tail")
        assert redactor.token(f"{header}.{broken}.sig") == WITHHELD, offset
    assert redactor.token(f"{header}.{_segment(b'{}')}.{_segment(secret.encode())}") == WITHHELD
    clean = jwt.encode({"a": "public"}, secret, algorithm="HS256")
    assert redactor.token(clean) == clean


def test_a_two_character_secret_still_withholds_the_token_that_carries_it() -> None:
    redactor = Redactor(["xy"])
    assert redactor.token(jwt.encode({"leak": "xy"}, "xy", algorithm="HS256")) == WITHHELD
    assert redactor.text("xy stays in messages") == "xy stays in messages"
    assert any("shorter than 3" in note for note in redactor.notes([]))


def test_labels_are_never_masked_only_what_the_runs_produced() -> None:
    """A secret that is also an ordinary word (secret, error, python) leaves statuses, languages and
    other cases' ids alone, and is masked in reasons, notes and differences."""
    redactor = Redactor(["secret", "error", "python", "identical"])
    record = {
        "languages": [{"language": "python", "status": "ran", "reason": "python said secret"}],
        "results": [
            {
                "language": "python",
                "case": "h-secret-unicode",
                "status": "error",
                "reason": "boom: secret",
                "notes": ["identical"],
                "token": None,
                "differences": [{"path": "$.k", "actual": "secret"}],
            }
        ],
    }
    redacted = redactor.record(record)
    result = redacted["results"][0]
    assert (result["language"], result["case"], result["status"]) == ("python", "h-secret-unicode", "error")
    assert redacted["languages"][0]["language"] == "python" and redacted["languages"][0]["status"] == "ran"
    assert result["reason"] == f"boom: {MASK}" and result["notes"] == [MASK]
    assert result["differences"][0]["actual"] == MASK and redacted["languages"][0]["reason"] == f"{MASK} said {MASK}"
    assert any("labels" in note for note in redactor.notes(["h-secret-unicode", "python"]))
