"""Every spelling of every secret leaves every output; a token carrying a secret is withheld."""

import json

import jwt

from jwtparity.redact import MASK, WITHHELD, Redactor, spellings

SECRET = 'back\\slash "quoted" é'


def test_every_spelling_is_masked() -> None:
    redactor = Redactor([SECRET, "xy"])
    for form in (SECRET, json.dumps(SECRET)[1:-1], repr(SECRET)[1:-1], repr(json.dumps(SECRET)[1:-1])[1:-1],
                 ascii(SECRET)[1:-1]):
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
    assert redactor.token(SECRET) == MASK
    record = {"results": [{"reason": f"got {SECRET!r}", "differences": [{"actual": json.dumps(SECRET)}]}]}
    assert SECRET not in json.dumps(redactor.record(record)) and "slash" not in json.dumps(redactor.record(record))
