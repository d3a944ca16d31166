"""Secrets out of every output: every spelling of every secret, in what the runs produced.

A secret can reach an output raw (a snippet that returns or prints it), JSON-escaped (a driver's error
line, a stray stdout line), repr-escaped (a stray line shown with its escapes) or both, or cut short at
the end of a cut line. A token that carries a secret in any segment (its header or claims, in any
spelling, `\\u` escapes included; the base64url of the secret anywhere in it, such as a signature segment
that is the secret itself) is withheld whole.

Only what the runs produced is masked (tokens, reasons, notes, differences, driver and build output);
labels (statuses, language names, case ids, suites, algorithms) are the report's own words and are
never touched, so that a secret that is also an ordinary word cannot rewrite the report. Secrets shorter
than MIN_SECRET_TO_REDACT characters are not masked inside free text, where they would blank ordinary
words: a token whose segments carry one is still withheld.
"""

import base64
import binascii
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from jwtparity.judge.statuses import STATUSES
from jwtparity.report.record import Report

MIN_SECRET_TO_REDACT = 3  # shorter secrets would blank out ordinary words
MIN_FRAGMENT = 6  # base64url fragments shorter than this match tokens by chance
MASK = "***"
WITHHELD = "[token withheld: it carries a secret]"
# The fields of a record that hold what the runs produced; every other string is a label.
PRODUCED_FIELDS = frozenset({"reason", "notes", "differences", "finding", "error", "expected", "actual"})


def spellings(secret: str) -> set[str]:
    """The ways `secret` can be written in an output: raw, JSON-escaped, repr-escaped, and combined."""
    forms = {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    forms |= {repr(form)[1:-1] for form in list(forms)} | {ascii(form)[1:-1] for form in list(forms)}
    return {form for form in forms if form}


def base64_fragments(secret: str) -> set[str]:
    """The base64url text that the secret's bytes become wherever they start in an encoded segment (at
    each of the three byte offsets), without the characters that depend on the neighbouring bytes."""
    data = secret.encode()
    fragments = set()
    for offset in range(3):
        encoded = base64.urlsafe_b64encode(b"\0" * offset + data).decode().rstrip("=")
        lead = (offset * 4 + 2) // 3  # characters that still hold the padding bytes
        tail = (len(encoded) * 6 - (offset + len(data)) * 8) and 1  # a last character half made of zeros
        fragment = encoded[lead : len(encoded) - tail] if tail else encoded[lead:]
        if len(fragment) >= MIN_FRAGMENT:
            fragments.add(fragment)
    return fragments


def _decoded(segment: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        return None


def _strings(value: object, depth: int = 0) -> Iterator[str]:
    """Every key and string of a JSON value (to a bounded depth: deeper ones are not secrets' hiding places
    that a reader of the report would decode either)."""
    if depth > 64:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, depth + 1)


def _json_strings(text: str) -> Iterator[str]:
    try:
        yield from _strings(json.loads(text))
    except (ValueError, RecursionError):
        return


class Redactor:
    """Redacts a fixed set of secrets from texts, tokens and records, in one regex pass each."""

    def __init__(self, secrets: Iterable[str]) -> None:
        self.secrets = sorted({s for s in secrets if s})
        kept = [s for s in self.secrets if len(s) >= MIN_SECRET_TO_REDACT]
        self.forms = sorted({form for secret in kept for form in spellings(secret)}, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, self.forms))) if self.forms else None
        fragments = {fragment for secret in kept for fragment in base64_fragments(secret)}
        self.fragments = re.compile("|".join(map(re.escape, sorted(fragments)))) if fragments else None

    @property
    def too_short(self) -> list[str]:
        return [s for s in self.secrets if len(s) < MIN_SECRET_TO_REDACT]

    def text(self, text: str) -> str:
        return self.pattern.sub(MASK, text) if self.pattern else text

    def cut(self, text: str, limit: int) -> str:
        """`text` redacted, cut to `limit` characters, with a secret's head at the cut end masked too."""
        return self.tail(self.text(text)[:limit])

    def tail(self, text: str) -> str:
        """`text` with a leading part of a secret at its very end (a line cut short) masked."""
        for form in self.forms:
            for size in range(len(form) - 1, MIN_SECRET_TO_REDACT - 1, -1):
                if text.endswith(form[:size]):
                    return text[:-size] + MASK
        return text

    def carries_secret(self, token: str) -> bool:
        """Whether any segment of `token` holds a secret, in any spelling, or its base64url anywhere."""
        if not self.secrets:
            return False
        if (self.pattern and self.pattern.search(token)) or (self.fragments and self.fragments.search(token)):
            return True
        for segment in token.split("."):
            data = _decoded(segment)
            if data is None:
                continue
            if any(secret.encode() in data for secret in self.secrets if len(secret) >= MIN_SECRET_TO_REDACT):
                return True
            text = data.decode("utf-8", "replace")
            if self.pattern and self.pattern.search(text):
                return True
            if any(secret in string for string in _json_strings(text) for secret in self.secrets):
                return True
        return False

    def token(self, token: str | None) -> str | None:
        if token is None or not self.secrets:
            return token
        return WITHHELD if self.carries_secret(token) else token

    def record(self, value: Any, produced: bool = False) -> Any:
        """A copy of a JSON-shaped record whose produced strings (PRODUCED_FIELDS, at any depth, and every
        token) are redacted; labels are kept as they are."""
        if isinstance(value, str):
            return self.text(value) if produced else value
        if isinstance(value, dict):
            return {
                key: self.token(item)
                if key == "token" and isinstance(item, str)
                else self.record(item, produced or key in PRODUCED_FIELDS)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.record(item, produced) for item in value]
        return value

    def report(self, built: Report, case_ids: list[str]) -> Report:
        """A complete record, redacted once, with what must be said once about its secrets; the report's
        labels are its case ids, its languages and the statuses."""
        labels = [*case_ids, *(entry["language"] for entry in built["languages"]), *STATUSES]
        redacted: Report = self.record(built)
        return {**redacted, "redaction": self.notes(labels)}

    def notes(self, labels: Iterable[str]) -> list[str]:
        """What the report should say once about the secrets it could not mask safely."""
        said = []
        if self.too_short:
            said.append(
                f"{len(self.too_short)} secret(s) shorter than {MIN_SECRET_TO_REDACT} characters: "
                "tokens carrying them are withheld, but they are not masked inside messages, where "
                "they would blank ordinary words"
            )
        words = set(labels)
        common = [s for s in self.secrets if len(s) >= MIN_SECRET_TO_REDACT and any(s in w for w in words)]
        if common:
            said.append(
                f"{len(common)} secret(s) also occur in the report's labels (case ids, languages, "
                "statuses): masked in what the runs produced, labels left as they are"
            )
        return said
