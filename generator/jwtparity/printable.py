"""Text safe to show: C0 and C1 control characters and DEL written as visible escapes.

Case ids, reasons and tokens come from case files and from snippets' output. Raw, an ESC moves a
terminal's cursor or sets its title, a CR splits a Markdown row, and a NUL, ESC or VT makes a JUnit
file that is not XML (XML 1.0 allows no such character, not even as a reference).
"""

import re
from typing import Any

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_C1_AND_DEL = re.compile(r"[\x7f-\x9f]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\x{ord(char):02x}"


def text(value: str) -> str:
    """`value` with every control character as an escape (`\\x1b`, `\\r`), like Python's repr writes it."""
    return CONTROL.sub(_escape, value)


def record(value: Any) -> Any:
    """A copy of a JSON-shaped record with every string, keys included, made visible."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {text(key) if isinstance(key, str) else key: record(item) for key, item in value.items()}
    if isinstance(value, list):
        return [record(item) for item in value]
    return value


def json_text(dumped: str) -> str:
    """JSON text (json.dumps escapes C0 itself) with raw C1 characters and DEL as \\u escapes: the same
    JSON value, nothing a terminal acts on. Outside strings JSON text has no such character."""
    return _C1_AND_DEL.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
