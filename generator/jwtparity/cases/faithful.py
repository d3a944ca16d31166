"""A case's JSON read faithfully: the values PyJWT signs, and the text the drivers get, as written.

Numbers keep their spelling (`-0`, `1.000000000000000000001`, 30-digit integers reach the drivers
as written); what cannot be carried faithfully is refused with the JSON path: duplicate keys, `NaN` and
`Infinity` (not JSON), numbers beyond a double's range, integers too long to convert, lone surrogates
(not encodable as UTF-8) and nesting deeper than MAX_DEPTH.
"""

import json
import sys
from typing import Any

from jwtparity.judge.jsonvalues import Num, child_path

MAX_DEPTH = 256


class Refused(ValueError):
    """A value that cannot be sent to a driver as written; the message starts with its JSON path."""


class _Pairs(list[tuple[str, Any]]):
    """An object's members in order, duplicates included (json's object_pairs_hook)."""


class _Constant(str):
    """NaN, Infinity or -Infinity as json met them."""


def decode(text: str) -> Any:
    """The document with objects as _Pairs, numbers as Num and constants marked; raises ValueError."""
    try:
        return json.loads(text, object_pairs_hook=_Pairs, parse_int=Num, parse_float=Num, parse_constant=_Constant)
    except RecursionError as exc:
        raise ValueError("nested too deeply to read") from exc


def is_object(value: Any) -> bool:
    return isinstance(value, _Pairs)


def check_string(value: str, path: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Refused(f"{path}: a lone surrogate (\\u{ord(value[exc.start]):04x}) is not valid UTF-8") from exc
    return value


def _number(value: Num, path: str) -> int | float:
    text = value.text
    if not any(c in text for c in ".eE"):
        digits = len(text.lstrip("-"))
        if digits > sys.get_int_max_str_digits():
            raise Refused(
                f"{path}: an integer of {digits} digits is longer than this tool handles "
                f"({sys.get_int_max_str_digits()})"
            )
        return int(text)
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise Refused(f"{path}: {text} is beyond the range of a double")
    return number


def faithful(value: Any, path: str = "$", depth: int = 0) -> tuple[Any, str]:
    """(Python value for the reference, JSON text as written) of a decoded value; raises Refused."""
    if depth > MAX_DEPTH:
        raise Refused(f"{path}: nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, _Constant):
        raise Refused(f"{path}: {value} is not JSON")
    if isinstance(value, Num):
        return _number(value, path), value.text
    if isinstance(value, str):
        return check_string(value, path), json.dumps(value, ensure_ascii=False)
    if isinstance(value, _Pairs):
        members: dict[str, Any] = {}
        texts = []
        for key, item in value:
            where = child_path(path, key)
            if key in members:
                raise Refused(f"{where}: the key appears twice")
            check_string(key, where)
            members[key], text = faithful(item, where, depth + 1)
            texts.append(f"{json.dumps(key, ensure_ascii=False)}: {text}")
        return members, "{" + ", ".join(texts) + "}"
    if isinstance(value, list):
        items = [faithful(item, child_path(path, index), depth + 1) for index, item in enumerate(value)]
        return [v for v, _ in items], "[" + ", ".join(t for _, t in items) + "]"
    return value, json.dumps(value)  # true, false, null


def plain(value: Any) -> Any:
    """A decoded value with objects as dicts (for fields other than the payload; numbers stay Num)."""
    if isinstance(value, _Pairs):
        return {key: plain(item) for key, item in value}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, _Constant):
        return float(value)  # not a string: `"secret": NaN` is refused as a secret that is not a string
    return value
