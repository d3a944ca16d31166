"""Secrets out of every output: every spelling of every secret, in every string of a record.

A secret can reach an output raw (a snippet that returns or prints it), JSON-escaped (a driver's error
line, a stray stdout line), repr-escaped (a stray line shown with its escapes) or both, or cut short at
the end of a cut line. A token whose header or claims carry a secret is withheld whole: its base64
would carry the secret too.
"""

import base64
import binascii
import json
import re
from typing import Any

MIN_SECRET_TO_REDACT = 3  # shorter secrets would blank out ordinary words
MASK = "***"
WITHHELD = "[token withheld: it carries a secret]"


def spellings(secret: str) -> set[str]:
    """The ways `secret` can be written in an output: raw, JSON-escaped, repr-escaped, and combined."""
    forms = {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    forms |= {repr(form)[1:-1] for form in list(forms)} | {ascii(form)[1:-1] for form in list(forms)}
    return {form for form in forms if form}


class Redactor:
    """Redacts a fixed set of secrets from texts, tokens and whole records, in one regex pass each."""

    def __init__(self, secrets: list[str] | set[str]) -> None:
        kept = {s for s in secrets if len(s) >= MIN_SECRET_TO_REDACT}
        self.forms = sorted({form for secret in kept for form in spellings(secret)}, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, self.forms))) if self.forms else None

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

    def token(self, token: str | None) -> str | None:
        if token is None or self.pattern is None:
            return token
        decoded = []
        for segment in token.split(".")[:2]:
            try:
                decoded.append(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode(
                    "utf-8", "replace"))
            except (binascii.Error, ValueError):
                continue
        if any(self.pattern.search(text) for text in decoded):
            return WITHHELD
        return self.text(token)

    def record(self, value: Any) -> Any:
        """A copy of a JSON-shaped record with every string redacted."""
        if self.pattern is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self.record(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.record(item) for item in value]
        return value
