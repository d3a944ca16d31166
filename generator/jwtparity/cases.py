"""Test cases: the built-in suites shipped with the package and the user's case files.

A case file is a JSON array or JSON lines of `{"id", "payload", "secret", "alg"}`; `secret` and `alg`
are optional and default from the settings. An optional `use` says what the token is for, for consumer
profiles (`editor-config`: an editor configuration the browser hands over). Every error names the
file, the line and the field.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jwtparity.errors import ToolError
from jwtparity.settings import ALGORITHMS

BUILTIN_DIR = Path(__file__).parent / "cases"
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

    def driver_line(self) -> bytes:
        """The case as one line of the driver protocol (UTF-8, no ASCII escaping)."""
        record = {"id": self.id, "payload": self.payload, "secret": self.secret, "alg": self.alg}
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def _records(text: str, origin: str) -> list[tuple[int, Any]]:
    """(line number, decoded record) for a JSON array or JSON lines document."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ToolError(f"{origin}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
        return [(index + 1, item) for index, item in enumerate(items)]
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ToolError(f"{origin}:{number}: not valid JSON: {exc.msg}") from exc
    return records


def _case(record: Any, where: str, suite: str, default_alg: str) -> Case:
    if not isinstance(record, dict):
        raise ToolError(f"{where}: a case must be a JSON object")
    unknown = sorted(set(record) - FIELDS)
    if unknown:
        raise ToolError(f"{where}: unknown field {unknown[0]!r}")
    case_id, payload = record.get("id"), record.get("payload")
    secret, alg = record.get("secret", DEFAULT_SECRET), record.get("alg", default_alg)
    if not isinstance(case_id, str) or not case_id.strip():
        raise ToolError(f"{where}: field 'id' must be a non-empty string")
    if not isinstance(payload, dict):
        raise ToolError(f"{where}: field 'payload' must be a JSON object")
    if not isinstance(secret, str):
        raise ToolError(f"{where}: field 'secret' must be a string")
    if alg not in ALGORITHMS:
        raise ToolError(f"{where}: field 'alg' must be one of {', '.join(ALGORITHMS)}, not {alg!r}")
    use = record.get("use", "")
    if use != "" and use not in USES:
        raise ToolError(f"{where}: field 'use' must be one of {', '.join(USES)}, not {use!r}")
    return Case(case_id, payload, secret, alg, suite, str(record.get("note", "")), use)


def parse(text: str, origin: str, suite: str = "user", default_alg: str = "HS256") -> list[Case]:
    cases = [_case(record, f"{origin}:{number}", suite, default_alg)
             for number, record in _records(text, origin)]
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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
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
    ids = [case.id for case in chosen]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ToolError(f"case id {duplicates[0]!r} is used twice across the selected cases")
    return chosen
