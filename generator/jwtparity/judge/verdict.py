"""Judge one language's token for one case against the reference: status, reason and differences.

Knows nothing of Docker: it takes a case and what the snippet gave (a token or an error).
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from jwtparity.cases.suite import Case
from jwtparity.judge import reference
from jwtparity.judge.jsonvalues import Difference, TooDeep, diff, key_order_changes, loads, spelling_changes
from jwtparity.judge.policy import Policy, accept
from jwtparity.judge.statuses import DIVERGENT, EQUIVALENT, ERROR, IDENTICAL, INVALID, SKIPPED, Verdict
from jwtparity.report.redact import MIN_SECRET_TO_REDACT, spellings


@dataclass(frozen=True)
class Judgement:
    status: Verdict
    reason: str
    notes: tuple[str, ...] = ()
    differences: tuple[Difference, ...] = field(default=())


class _Malformed(Exception):
    pass


def _segments(token: str) -> tuple[dict[str, object], object, str]:
    parts = token.split(".")
    if len(parts) != 3:
        raise _Malformed(f"malformed token: {len(parts)} segments instead of 3")
    texts = []
    for name, part in zip(("header", "payload"), parts[:2], strict=True):
        try:
            texts.append(reference.b64url_decode(part).decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise _Malformed(f"malformed token: {name} segment {exc}") from exc
    try:
        signature = reference.b64url_decode(parts[2])
    except ValueError as exc:
        raise _Malformed(f"malformed token: signature segment {exc}") from exc
    if reference.b64url_encode(signature) != parts[2]:
        raise _Malformed(
            "signature segment is not canonical base64url (stray bits in its last character); "
            "jsonwebtoken, which ONLYOFFICE Docs verifies with, compares it as text and rejects it"
        )
    try:
        header, claims = loads(texts[0]), loads(texts[1])
    except TooDeep as exc:
        raise _Malformed(f"malformed token: a segment is {exc}") from exc
    except json.JSONDecodeError as exc:
        raise _Malformed(f"malformed token: a segment is not JSON ({exc.msg})") from exc
    except ValueError as exc:  # NaN or Infinity: what some libraries write, but not JSON
        raise _Malformed(f"malformed token: a segment is not JSON ({exc})") from exc
    if not isinstance(header, dict):
        raise _Malformed("malformed token: the header is not a JSON object")
    return header, claims, texts[1]


def _header_notes(header: dict[str, object]) -> list[str]:
    reference_header = ["alg", "typ"]
    notes = []
    if "typ" not in header:
        notes.append("header has no typ")
    elif header["typ"] != "JWT":
        notes.append(f"header typ is {header['typ']!r}")
    extra = [k for k in header if k not in reference_header]
    if extra:
        notes.append(f"header adds {', '.join(extra)}")
    order = [k for k in header if k in reference_header]
    if "typ" in header and order != reference_header:
        notes.append(f"header key order {', '.join(order)} (reference alg, typ)")
    return notes


def _escaping_notes(text: str, reference_text: str) -> list[str]:
    notes = []
    if any(ord(c) > 127 for c in text) and not any(ord(c) > 127 for c in reference_text):
        notes.append("non-ASCII characters raw (reference escapes them as \\uXXXX)")
    if re.search(r"\\u00(3[ce]|26)", text, re.IGNORECASE):
        notes.append("<, > or & escaped as \\u003c, \\u003e, \\u0026")
    if "\\/" in text and "\\/" not in reference_text:
        notes.append("slash escaped as \\/")
    if re.search(r"\\ud[89ab]", text, re.IGNORECASE) and not re.search(r"\\ud[89ab]", reference_text, re.IGNORECASE):
        notes.append("characters outside the BMP escaped as surrogate pairs")
    if re.search(r"\\u[0-9a-f]{0,3}[A-F]", text) and not re.search(r"\\u[0-9a-f]{0,3}[A-F]", reference_text):
        notes.append("\\u escapes in upper-case hex (reference lower case)")
    return notes


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def carries_secret(claims: object, claims_text: str, secret: str) -> bool:
    """Whether the secret is in the claims: in a key or a string, or in any spelling of the JSON text."""
    if len(secret) < MIN_SECRET_TO_REDACT:
        return False
    return any(secret in text for text in _strings(claims)) or any(
        spelling in claims_text for spelling in spellings(secret)
    )


def unavailable(reason: str, allowed: bool) -> Judgement:
    """A language that could not run: skipped when the project allows it to be unavailable, else an error."""
    if allowed:
        return Judgement(SKIPPED, reason)
    return Judgement(ERROR, f"could not run here, and the project does not allow it to be unavailable: {reason}")


def judge(case: Case, token: str | None, error: str | None, policy: Policy) -> Judgement:
    """Classify what a snippet gave for `case`."""
    if error is not None:
        return Judgement(ERROR, error)
    if token is None or not token.strip():
        return Judgement(INVALID, "empty token (the snippet returned nothing)")
    token = token.strip()
    try:
        header, claims, claims_text = _segments(token)
    except _Malformed as exc:
        return Judgement(INVALID, str(exc))
    if "alg" not in header:
        return Judgement(INVALID, "header has no alg")
    if header["alg"] != case.alg:
        return Judgement(INVALID, f"header alg is {header['alg']!r}, the case asks for {case.alg}")
    verdict = reference.verify_signature(token, case.secret, case.alg)
    if not verdict.agree:
        return Judgement(
            ERROR,
            f"jwtparity fault: PyJWT says the signature is "
            f"{'valid' if verdict.pyjwt_valid else 'invalid'} but the HMAC "
            f"recomputation says {'valid' if verdict.hmac_valid else 'invalid'}",
        )
    if not verdict.pyjwt_valid:
        return Judgement(INVALID, verdict.pyjwt_reason)
    expected = loads(case.written_payload)
    if carries_secret(claims, claims_text, case.secret) and not carries_secret(
        expected, case.written_payload, case.secret
    ):  # a payload holding its own secret is the case's
        return Judgement(DIVERGENT, "the token carries the secret")
    expected_token = reference.sign(case)
    if not isinstance(claims, dict):
        return Judgement(DIVERGENT, "the claims are not a JSON object", differences=tuple(diff(expected, claims)))
    differences, accepted = accept(policy, diff(expected, claims), claims)
    if differences:
        listed = "; ".join(str(d) for d in differences[:6])
        more = f" (and {len(differences) - 6} more)" if len(differences) > 6 else ""
        return Judgement(
            DIVERGENT, f"claims differ from the payload: {listed}{more}", tuple(accepted), tuple(differences)
        )
    if token == expected_token:
        return Judgement(IDENTICAL, "byte for byte the reference token")
    reference_text = reference.b64url_decode(expected_token.split(".")[1]).decode("utf-8")
    notes = [
        *_header_notes(header),
        *(f"key order at {change}" for change in key_order_changes(expected, claims)),
        *spelling_changes(loads(reference_text), claims),
        *_escaping_notes(claims_text, reference_text),
        *accepted,
    ]
    if not notes:
        notes.append("payload bytes differ from the reference in spelling")
    return Judgement(EQUIVALENT, "signature valid, claims equal; " + "; ".join(notes), tuple(notes))
