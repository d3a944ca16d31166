"""`report merge`: saved reports read strictly, then joined into one record.

A report comes from another machine and may be damaged or hand-edited: it is checked field by field
before anything renders it, and anything wrong is a ToolError naming the file and the field (exit 2:
not "the check failed"). Results never overwrite each other: the same language and case (or signer,
verifier and case) with two different results is a conflict naming both files.
"""

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jwtparity.errors import ToolError
from jwtparity.files import read_regular
from jwtparity.judge import jsonvalues
from jwtparity.judge.statuses import STATUSES
from jwtparity.report.record import CrossSection, Report
from jwtparity.report.table import summary

MAX_DEPTH = 16  # a report nests 5 levels; anything deeper is not one (and renderers recurse)
STR, NUMBER, BOOL, OPTIONAL_BOOL, OPTIONAL_STR = "string", "number", "boolean", "boolean or null", "string or null"
LANGUAGE = {
    "language": STR,
    "display": STR,
    "library": STR,
    "version": STR,
    "source": STR,
    "status": STR,
    "reason": STR,
    "seconds": NUMBER,
}
RESULT = {"language": STR, "case": STR, "status": STR, "reason": STR}
CONSUMER = {
    "name": STR,
    "display": STR,
    "rules": STR,
    "language": STR,
    "library": STR,
    "version": STR,
    "status": STR,
    "reason": STR,
}
VERIFIER = {"language": STR, "library": STR, "version": STR, "source": STR, "status": STR, "reason": STR}
STALE = {"language": STR, "case": STR, "status": STR, "note": STR}
CROSS_RESULT = {
    "signer": STR,
    "verifier": STR,
    "case": STR,
    "accepted": OPTIONAL_BOOL,
    "reason": STR,
    "claims_equal": OPTIONAL_BOOL,
    "pyjwt_accepts": BOOL,
    "finding": STR,
}


class Malformed(ValueError):
    """What is wrong with a report, starting with where."""


def _is(value: Any, kind: str) -> bool:
    if kind == NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if kind in (BOOL, OPTIONAL_BOOL):
        return isinstance(value, bool) or (kind == OPTIONAL_BOOL and value is None)
    return isinstance(value, str) or (kind == OPTIONAL_STR and value is None)


def _object(value: Any, where: str, fields: dict[str, str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Malformed(f"{where} must be an object")
    for name, kind in fields.items():
        if name not in value:
            raise Malformed(f"{where} has no field {name!r}")
        if not _is(value[name], kind):
            raise Malformed(f"{where}.{name} must be a {kind}, not {json.dumps(value[name])[:40]}")
    return value


def _list(value: Any, where: str, fields: dict[str, str] | None = None) -> list[Any]:
    if not isinstance(value, list):
        raise Malformed(f"{where} must be a list")
    for index, item in enumerate(value):
        if fields is None:
            if not isinstance(item, str):
                raise Malformed(f"{where}[{index}] must be a string")
        else:
            _object(item, f"{where}[{index}]", fields)
    return value


def _result(result: dict[str, Any], where: str) -> None:
    if not _is(result.get("token"), OPTIONAL_STR):
        raise Malformed(f"{where}.token must be a string or null")
    if result["status"] not in STATUSES:
        raise Malformed(f"{where}.status: unknown status {result['status']!r} (known: {', '.join(STATUSES)})")
    _list(result.get("notes", []), f"{where}.notes")
    for index, difference in enumerate(_list(result.get("differences", []), f"{where}.differences", {})):
        for key, text in difference.items():
            if not isinstance(text, str):
                raise Malformed(f"{where}.differences[{index}].{key} must be a string")
    if not _is(result.get("known"), OPTIONAL_STR):
        raise Malformed(f"{where}.known must be a string (the known finding's note) or null")
    verdicts = result.get("consumers", {})
    if not isinstance(verdicts, dict):
        raise Malformed(f"{where}.consumers must be an object")
    for name, verdict in verdicts.items():
        _object(verdict, f"{where}.consumers.{name}", {"accepted": OPTIONAL_BOOL, "reason": STR})


def validate(record: Any) -> Report:
    """`record` when it has the report's shape; raises Malformed naming the first field that is wrong."""
    _object(record, "the report", {})
    for field in ("reference", "languages", "results"):
        if field not in record:
            raise Malformed(f"not a jwtparity report (needs reference, languages, results; has no {field})")
    _object(record["reference"], "reference", {"library": STR, "version": STR})
    if record.get("edition") is not None and not isinstance(record["edition"], str):
        raise Malformed("edition must be a string")
    for index, entry in enumerate(_list(record["languages"], "languages", LANGUAGE)):
        if not _is(entry.get("allowed"), OPTIONAL_BOOL):
            raise Malformed(f"languages[{index}].allowed must be true, false or null")
    _list(record.get("known_stale", []), "known_stale", STALE)
    _list(record.get("redaction", []), "redaction")
    notes = record.get("case_notes", {})
    if not isinstance(notes, dict):
        raise Malformed("case_notes must be an object")
    for case, said in notes.items():
        _list(said, f"case_notes.{case}")
    for index, result in enumerate(_list(record["results"], "results", RESULT)):
        _result(result, f"results[{index}]")
        result.setdefault("notes", [])
        result.setdefault("differences", [])
    for index, entry in enumerate(_list(record.get("consumers", []), "consumers", CONSUMER)):
        _list(entry.get("sources", []), f"consumers[{index}].sources")
    if "cross" in record:
        cross = _object(record["cross"], "cross", {})
        _list(cross.get("signers"), "cross.signers")
        _list(cross.get("verifiers"), "cross.verifiers", VERIFIER)
        _list(cross.get("results"), "cross.results", CROSS_RESULT)
    return record


def _strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    twice = next((key for key in keys if keys.count(key) > 1), None)
    if twice is not None:
        raise Malformed(f"the key {twice!r} appears twice in one object")
    return dict(pairs)


def _not_json(constant: str) -> Any:
    raise Malformed(f"{constant} is not JSON")


def read(path: Path) -> Report:
    """A report file, checked; a ToolError naming the file and what is wrong."""
    try:
        text = read_regular(path, "report").decode("utf-8")
        record = json.loads(text, object_pairs_hook=_strict_object, parse_constant=_not_json)
        if jsonvalues.depth(record) > MAX_DEPTH:
            raise Malformed(f"nested more than {MAX_DEPTH} levels deep")
        validate(record)
        try:  # what cannot be written out again: a number beyond a double (1e999), a lone surrogate
            json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except ValueError as exc:
            if isinstance(exc, UnicodeEncodeError):
                raise
            raise Malformed("a number beyond the range of a double") from exc
        return record
    except RecursionError as exc:
        raise ToolError(f"cannot read report {path}: nested too deeply") from exc
    except UnicodeEncodeError as exc:
        raise ToolError(
            f"cannot read report {path}: a string holds a lone surrogate "
            f"(\\u{ord(exc.object[exc.start]):04x}), which is not valid UTF-8"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ToolError(f"cannot read report {path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ToolError(f"cannot read report {path}: not JSON: {exc}") from exc
    except ValueError as exc:  # Malformed, or an integer too long for Python to convert
        raise ToolError(f"cannot read report {path}: {exc}") from exc


Joined = dict[tuple[str, ...], tuple[Path, Mapping[str, object]]]  # what was merged, by key, with its file


def _join(kind: str, merged: Joined, key: tuple[str, ...], path: Path, item: Mapping[str, object]) -> bool:
    """Add `item` under `key` unless an equal one is there (False); a different one is a conflict."""
    if key not in merged:
        merged[key] = (path, item)
        return True
    first, existing = merged[key]
    if existing != item:
        raise ToolError(f"conflicting {kind} for {' / '.join(key)} in {first} and {path}")
    return False


def merge(paths: list[Path]) -> Report:
    """One report from several (say one CI job per language); a language may appear in one only."""
    records = [read(p) for p in paths]
    references = {(r["reference"]["library"], r["reference"]["version"]) for r in records}
    if len(references) > 1:
        raise ToolError(f"the reports use different references: {sorted(references)}")
    editions = sorted({str(r.get("edition")) for r in records})
    if len(editions) > 1:
        raise ToolError(f"the reports check different editions: {editions}")
    merged = Report(reference=records[0]["reference"], languages=[], results=[], summary={})
    if records[0].get("edition"):
        merged["edition"] = records[0]["edition"]
    owner: dict[str, Path] = {}
    for path, record in zip(paths, records, strict=True):
        for entry in record["languages"]:
            if entry["language"] in owner:
                raise ToolError(f"{entry['language']} appears in both {owner[entry['language']]} and {path}")
            owner[entry["language"]] = path
            merged["languages"].append(entry)
    results: Joined = {}
    consumers: Joined = {}
    verifiers: Joined = {}
    crossed: Joined = {}
    signers: dict[str, None] = {}
    for path, record in zip(paths, records, strict=True):
        for result in record["results"]:
            if result["language"] not in owner:
                raise ToolError(f"{path}: a result for {result['language']!r}, a language no report lists")
            if _join("results", results, (result["language"], result["case"]), path, result):
                merged["results"].append(result)
        for consumer in record.get("consumers", []):
            if _join("consumer entries", consumers, (consumer["name"],), path, consumer):
                merged.setdefault("consumers", []).append(consumer)
        if "cross" in record:
            cross = merged.setdefault("cross", CrossSection(signers=[], verifiers=[], results=[]))
            signers.update(dict.fromkeys(record["cross"]["signers"]))
            for verifier in record["cross"]["verifiers"]:
                if _join("verifiers", verifiers, (verifier["language"],), path, verifier):
                    cross["verifiers"].append(verifier)
            for verdict in record["cross"]["results"]:
                key = (verdict["signer"], verdict["verifier"], verdict["case"])
                if _join("cross results", crossed, key, path, verdict):
                    cross["results"].append(verdict)
    if "cross" in merged:
        merged["cross"]["signers"] = list(signers)
    for record in records:  # each report keeps what its own check said of known findings and its cases
        merged.setdefault("known_stale", []).extend(record.get("known_stale", []))
        merged.setdefault("case_notes", {}).update(record.get("case_notes", {}))
        merged["redaction"] = list(dict.fromkeys([*merged.get("redaction", []), *record.get("redaction", [])]))
    merged["summary"] = summary(merged["results"])
    return merged
