"""JSON decoded for comparison: numbers keep their spelling, compare by exact value, diffs by path."""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

MAX_INTEGER_DIGITS = 4300  # beyond, `1e999999999` stays a Decimal instead of a gigantic int
# Deeper documents are refused: comparing, showing and redacting them recurses once per level. Twice the
# nesting a case may have (256), far below Python's recursion limit (1000).
MAX_DEPTH = 512
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


@dataclass(frozen=True)
class Num:
    """A JSON number as spelled; its value is an exact int when integral, else a float."""

    text: str

    @property
    def value(self) -> int | Decimal:
        """The exact value: an int when integral, else the exact decimal (never rounded to a double)."""
        exact = Decimal(self.text)
        if exact.adjusted() <= MAX_INTEGER_DIGITS and exact == exact.to_integral_value():
            return int(exact)
        return exact


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


class TooDeep(ValueError):
    """A document nested deeper than MAX_DEPTH (or too deep for json to read at all)."""


def depth(value: Any) -> int:
    """How deeply arrays and objects nest in a decoded value (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in children)
    return deepest


def loads(text: str | bytes) -> Any:
    """Decode JSON keeping number spellings (as Num) and key order; NaN and Infinity are refused, and so
    is nesting deeper than MAX_DEPTH (TooDeep)."""
    try:
        value = json.loads(text, parse_int=Num, parse_float=Num, parse_constant=_not_json)
    except RecursionError as exc:
        raise TooDeep("nested too deeply to read") from exc
    if depth(value) > MAX_DEPTH:
        raise TooDeep(f"nested more than {MAX_DEPTH} levels deep")
    return value


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, Num):
        return "integer" if isinstance(value.value, int) else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def show(value: Any, limit: int = 40) -> str:
    """A short rendering of a decoded value for a report."""
    if isinstance(value, Num):
        return value.text
    text = json.dumps(value, ensure_ascii=False, default=lambda n: n.text, separators=(",", ":"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def child_path(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if _IDENTIFIER.match(key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def same_number(a: Num, b: Num) -> bool:
    """Integers by exact value (…993 read back as …992 differs); any other number by the IEEE double it
    denotes, which is all a double-based library (the reference included) can write back: Java's
    `4.9E-324` is the double of `5e-324`."""
    if isinstance(a.value, int) and isinstance(b.value, int):
        return a.value == b.value
    return float(a.value) == float(b.value)


def beyond_double(value: Num) -> bool:
    """Whether a non-integer number asks for more precision than a double holds."""
    exact = value.value
    return not isinstance(exact, int) and Decimal(float(exact)) != exact and Decimal(repr(float(exact))) != exact


def rounded_numbers(value: Any, path: str = "$") -> Iterator[str]:
    """Where `value` has a non-integer number that every double-based library must round, by path."""
    if isinstance(value, Num) and beyond_double(value):
        yield f"{path}: {value.text} is read as the double {float(value.value)!r}"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from rounded_numbers(item, child_path(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from rounded_numbers(item, child_path(path, index))


def same(a: Any, b: Any) -> bool:
    """Equal as JSON values: numbers as same_number, objects regardless of key order."""
    if isinstance(a, Num) and isinstance(b, Num):
        return same_number(a, b)
    if type_name(a) != type_name(b) and not (isinstance(a, Num) and isinstance(b, Num)):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _typed(value: Any) -> str:
    """`integer 42`, `string "x"`, but plain `null`, `true`, `{}`."""
    shown, kind = show(value), type_name(value)
    return shown if kind in ("null", "boolean") or shown in ("{}", "[]") else f"{kind} {shown}"


@dataclass(frozen=True)
class Difference:
    path: str
    kind: str  # "added", "removed" or "changed"
    expected: Any = None
    actual: Any = None

    def __str__(self) -> str:
        if self.kind == "added":
            return f"{self.path} added ({_typed(self.actual)})"
        if self.kind == "removed":
            return f"{self.path} removed ({_typed(self.expected)})"
        change = f"{self.path} {show(self.expected)} → {show(self.actual)}"
        before, after = type_name(self.expected), type_name(self.actual)
        return change if before == after else f"{change} ({before} → {after})"

    def as_dict(self) -> dict[str, str]:
        record = {"path": self.path, "kind": self.kind}
        if self.kind != "added":
            record["expected"] = show(self.expected, 200)
            record["expected_type"] = type_name(self.expected)
        if self.kind != "removed":
            record["actual"] = show(self.actual, 200)
            record["actual_type"] = type_name(self.actual)
        return record


def diff(expected: Any, actual: Any, path: str = "$") -> list[Difference]:
    """Where `actual` differs from `expected` as JSON values, by path."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = [Difference(child_path(path, k), "removed", expected=v) for k, v in expected.items() if k not in actual]
        for key, value in actual.items():
            if key not in expected:
                found.append(Difference(child_path(path, key), "added", actual=value))
            else:
                found.extend(diff(expected[key], value, child_path(path, key)))
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        found = []
        for index in range(max(len(expected), len(actual))):
            if index >= len(actual):
                found.append(Difference(child_path(path, index), "removed", expected=expected[index]))
            elif index >= len(expected):
                found.append(Difference(child_path(path, index), "added", actual=actual[index]))
            else:
                found.extend(diff(expected[index], actual[index], child_path(path, index)))
        return found
    return [] if same(expected, actual) else [Difference(path, "changed", expected, actual)]


def shared_positions(expected: Any, actual: Any, path: str = "$") -> Iterator[tuple[str, Any, Any]]:
    """(path, expected value, actual value) for every position both documents have, outermost first."""
    yield path, expected, actual
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in actual:
            if key in expected:
                yield from shared_positions(expected[key], actual[key], child_path(path, key))
    elif isinstance(expected, list) and isinstance(actual, list):
        for index, (a, b) in enumerate(zip(expected, actual, strict=False)):
            yield from shared_positions(a, b, child_path(path, index))


def key_order_changes(expected: Any, actual: Any) -> list[str]:
    """Objects whose shared keys come in another order, by path."""
    found = []
    for path, a, b in shared_positions(expected, actual):
        if isinstance(a, dict) and isinstance(b, dict):
            shared = [k for k in b if k in a]
            if shared != [k for k in a if k in b]:
                found.append(f"{path}: {', '.join(shared)}")
    return found


def spelling_changes(expected: Any, actual: Any) -> list[str]:
    """Numbers equal in value but spelled otherwise, by path."""
    return [
        f"{path} spelled {b.text} (reference {a.text})"
        for path, a, b in shared_positions(expected, actual)
        if isinstance(a, Num) and isinstance(b, Num) and a.text != b.text and same(a, b)
    ]
