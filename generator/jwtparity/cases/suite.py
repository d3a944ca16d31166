"""Test cases: the built-in suites shipped with the package and the user's case files.

A case file is a JSON array or JSON lines of `{"id", "payload", "secret", "alg"}`; `secret` and `alg`
are optional and default from the settings. An optional `use` says what the token is for, for consumer
profiles (`editor-config`: an editor configuration the browser hands over). Every error names the
file, the line and the field. JSON lines are split on `\n` only (a trailing `\r` is dropped): U+2028,
U+2029 and U+0085 are characters inside strings, not line breaks. Payloads are read faithfully or refused
(see casejson).
"""

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jwtparity.cases.faithful import Refused, check_string, decode, faithful, is_object, plain
from jwtparity.config.settings import ALGORITHMS
from jwtparity.errors import ToolError
from jwtparity.files import read_regular

BUILTIN_DIR = Path(__file__).parent  # the built-in suites, one <name>.jsonl each
DEFAULT_SECRET = "jwtparity-docs-secret"
FIELDS = {"id", "payload", "secret", "alg", "note", "use"}
USES = ("editor-config",)


@dataclass(frozen=True)
class Case:
    id: str
    payload: dict[str, Any]
    secret: str
    alg: str
    suite: str = "user"
    note: str = ""
    use: str = ""
    payload_json: str = ""  # the payload as written (numbers spelled as in the file); "" = from payload

    @property
    def written_payload(self) -> str:
        return self.payload_json or json.dumps(self.payload, ensure_ascii=False)

    def driver_line(self) -> bytes:
        """The case as one line of the driver protocol (UTF-8, no ASCII escaping), `id` first."""
        fields = [
            f'"id": {json.dumps(self.id, ensure_ascii=False)}',
            f'"payload": {self.written_payload}',
            f'"secret": {json.dumps(self.secret, ensure_ascii=False)}',
            f'"alg": {json.dumps(self.alg)}',
        ]
        return ("{" + ", ".join(fields) + "}\n").encode("utf-8")


def json_lines(text: str) -> list[str]:
    """The lines of a JSON lines document: split on \\n only, a trailing \\r dropped."""
    lines = text.split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _records(text: str, origin: str) -> list[tuple[int, Any]]:
    """(line number, decoded record) for a JSON array or JSON lines document."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = decode(text)
        except json.JSONDecodeError as exc:
            raise ToolError(f"{origin}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
        except ValueError as exc:
            raise ToolError(f"{origin}: not valid JSON: {exc}") from exc
        return [(index + 1, item) for index, item in enumerate(items)]
    records = []
    for number, line in enumerate(json_lines(text), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, decode(line)))
        except json.JSONDecodeError as exc:
            raise ToolError(f"{origin}:{number}: not valid JSON: {exc.msg}") from exc
        except ValueError as exc:
            raise ToolError(f"{origin}:{number}: not valid JSON: {exc}") from exc
    return records


def _fields(record: Any, where: str) -> dict[str, Any]:
    if not is_object(record):
        raise ToolError(f"{where}: a case must be a JSON object")
    fields: dict[str, Any] = {}
    for key, value in record:
        if key in fields:
            raise ToolError(f"{where}: field {key!r} appears twice")
        fields[key] = value
    return fields


def _case(record: Any, where: str, suite: str, default_alg: str) -> Case:
    raw = _fields(record, where)
    unknown = sorted(set(raw) - FIELDS)
    if unknown:
        raise ToolError(f"{where}: unknown field {unknown[0]!r}")
    fields = {key: plain(value) for key, value in raw.items() if key != "payload"}
    case_id, secret, alg = fields.get("id"), fields.get("secret", DEFAULT_SECRET), fields.get("alg", default_alg)
    if not isinstance(case_id, str) or not case_id.strip():
        raise ToolError(f"{where}: field 'id' must be a non-empty string")
    if not is_object(raw.get("payload")):
        raise ToolError(f"{where}: field 'payload' must be a JSON object")
    if not isinstance(secret, str):
        raise ToolError(f"{where}: field 'secret' must be a string")
    if alg not in ALGORITHMS:
        raise ToolError(f"{where}: field 'alg' must be one of {', '.join(ALGORITHMS)}, not {alg!r}")
    use = fields.get("use", "")
    if use != "" and use not in USES:
        raise ToolError(f"{where}: field 'use' must be one of {', '.join(USES)}, not {use!r}")
    try:
        check_string(case_id, "field 'id'")
        check_string(secret, "field 'secret'")
        payload, payload_json = faithful(raw["payload"])
    except Refused as exc:
        shown = case_id.encode("utf-8", "backslashreplace").decode("utf-8")
        raise ToolError(f"{where}: case {shown!r}: {exc}; refused (it cannot reach the drivers as written)") from exc
    return Case(case_id, payload, secret, alg, suite, str(fields.get("note", "")), use, payload_json)


MAX_REFUSALS_SHOWN = 20


def parse(text: str, origin: str, suite: str = "user", default_alg: str = "HS256") -> list[Case]:
    """The cases of a file; every refused case is named (up to MAX_REFUSALS_SHOWN), each with its line."""
    cases, refusals = [], []
    for number, record in _records(text, origin):
        try:
            cases.append(_case(record, f"{origin}:{number}", suite, default_alg))
        except ToolError as exc:
            refusals.append(str(exc))
    if len(refusals) == 1:
        raise ToolError(refusals[0])
    if refusals:
        more = len(refusals) - MAX_REFUSALS_SHOWN
        shown = refusals[:MAX_REFUSALS_SHOWN] + ([f"… and {more} more"] if more > 0 else [])
        raise ToolError(f"{origin}: {len(refusals)} cases refused:\n  " + "\n  ".join(shown))
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise ToolError(f"{origin}: case id {case.id!r} appears twice")
        seen.add(case.id)
    if not cases:
        raise ToolError(f"{origin}: no cases")
    return cases


def load_file(path: Path, default_alg: str = "HS256") -> list[Case]:
    try:
        text = read_regular(path, "cases file").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ToolError(f"cannot read cases file {path}: {exc}") from exc
    return parse(text, str(path), "user", default_alg)


def suites() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.jsonl"))


def load_suite(name: str, default_alg: str = "HS256") -> list[Case]:
    if name not in suites():
        raise ToolError(f"unknown suite {name!r} (known: {', '.join(suites())}, all)")
    path = BUILTIN_DIR / f"{name}.jsonl"
    return parse(path.read_text(encoding="utf-8"), f"suite {name}", name, default_alg)


def select(suite_names: list[str] | None, files: list[Path] | None, default_alg: str) -> list[Case]:
    """Cases from the named suites and files; the default suite when neither is given."""
    names = suite_names if suite_names else ([] if files else ["default"])
    if "all" in names:
        names = suites()
    chosen = [case for name in names for case in load_suite(name, default_alg)]
    for path in files or []:
        chosen.extend(load_file(path, default_alg))
    duplicates = sorted(case_id for case_id, count in Counter(case.id for case in chosen).items() if count > 1)
    if duplicates:
        raise ToolError(f"case id {duplicates[0]!r} is used twice across the selected cases")
    return chosen
