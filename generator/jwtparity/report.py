"""The report: one JSON-shaped record of a check, rendered as a table, JSON or JUnit; merged across runs.

Everything renders from the record, so a merged report prints exactly like a fresh one. Secrets are
redacted before anything is recorded.
"""

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from jwtparity import judge as verdicts
from jwtparity.errors import ToolError

if TYPE_CHECKING:
    from jwtparity.cases import Case
    from jwtparity.run import LanguageRun

SYMBOLS = {verdicts.IDENTICAL: "=", verdicts.EQUIVALENT: "~", verdicts.DIVERGENT: "≠",
           verdicts.INVALID: "✗", verdicts.ERROR: "!", verdicts.SKIPPED: "-"}
LEGEND = {
    verdicts.IDENTICAL: "byte for byte the reference token",
    verdicts.EQUIVALENT: "signature valid, claims equal, bytes differ (or accepted by policy)",
    verdicts.DIVERGENT: "signature valid but the claims differ from the payload",
    verdicts.INVALID: "malformed token, bad signature, wrong or missing alg, empty token",
    verdicts.ERROR: "the snippet raised, did not build or timed out",
    verdicts.SKIPPED: "not runnable here",
}
MIN_SECRET_TO_REDACT = 3


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every secret replaced by ***, longest first."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if len(secret) >= MIN_SECRET_TO_REDACT:
            text = text.replace(secret, "***")
    return text


def language_entry(run: "LanguageRun", secrets: list[str]) -> dict[str, Any]:
    """A language's line of a report: what it ran with and how that went, secrets redacted."""
    library = run.library or run.language.library
    return {"language": run.language.name, "display": run.language.display, "library": library.name,
            "version": library.version, "source": library.source, "status": run.status,
            "reason": redact(run.reason, secrets), "seconds": round(run.seconds, 2)}


def raw_record(runs: list["LanguageRun"], cases: list["Case"], edition: str | None = None) -> dict[str, Any]:
    """What `run` reports: each language's library and raw tokens or errors, secrets redacted."""
    secrets = [case.secret for case in cases]
    languages = []
    for run in runs:
        results = [{"case": case.id, "token": outcome.token,
                    "error": redact(outcome.error, secrets) if outcome.error is not None else None}
                   for case in cases if (outcome := run.outcomes.get(case.id)) is not None]
        languages.append({**language_entry(run, secrets), "results": results})
    return {"edition": edition, "languages": languages} if edition else {"languages": languages}


def summary(results: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(r["status"] for r in results)
    return {status: counts.get(status, 0) for status in verdicts.STATUSES}


def failing(record: dict[str, Any], fail_on: set[str]) -> list[dict[str, Any]]:
    return [r for r in record["results"] if r["status"] in fail_on]


def _case_order(record: dict[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for result in record["results"]:
        seen.setdefault(result["case"], None)
    return list(seen)


def table(record: dict[str, Any]) -> str:
    """The matrix (cases down, languages across), its legend, then every cell that is not identical."""
    languages = [entry["language"] for entry in record["languages"]]
    cells = {(r["language"], r["case"]): r for r in record["results"]}
    cases = _case_order(record)
    width = max([len("case"), *(len(c) for c in cases)])
    columns = [max(len(lang), 3) for lang in languages]
    lines = ["  ".join(["case".ljust(width), *(lang.ljust(w) for lang, w in zip(languages, columns,
                                                                                  strict=True))]).rstrip()]
    for case in cases:
        row = [case.ljust(width)]
        for lang, column_width in zip(languages, columns, strict=True):
            result = cells.get((lang, case))
            row.append((SYMBOLS[result["status"]] if result else " ").ljust(column_width))
        lines.append("  ".join(row).rstrip())
    lines.append("")
    lines.extend(f"  {SYMBOLS[s]} {s}: {meaning}" for s, meaning in LEGEND.items())
    lines.append("")
    lines.append("Libraries: " + "; ".join(
        f"{e['language']}: {e['library']} {e['version']} ({e['source']})"
        + (f" [{e['status']}: {e['reason']}]" if e["status"] != "ran" else "")
        for e in record["languages"]))
    reference = record["reference"]
    lines.append(f"Reference: {reference['library']} {reference['version']}")
    if record.get("edition"):
        lines.append(f"Edition: {record['edition']}")
    skipped_languages = {e["language"] for e in record["languages"] if e["status"] == "skipped"}
    details = [r for r in record["results"]
               if r["status"] != verdicts.IDENTICAL and r["language"] not in skipped_languages]
    if details or skipped_languages:
        lines.append("")
        lines.append("Details:")
        lines.extend(f"  {e['language']} / every case: skipped: {e['reason']}" for e in record["languages"]
                     if e["language"] in skipped_languages)
        lines.extend(f"  {r['language']} / {r['case']}: {r['status']}: {r['reason']}" for r in details)
    counts = ", ".join(f"{n} {s}" for s, n in record["summary"].items() if n)
    lines.append("")
    lines.append(f"Summary: {counts or 'no results'}")
    return "\n".join(lines)


def junit(record: dict[str, Any], fail_on: set[str]) -> str:
    """One test suite per language, one test case per language and case."""
    root = ET.Element("testsuites", name="jwtparity")
    for entry in record["languages"]:
        results = [r for r in record["results"] if r["language"] == entry["language"]]
        suite = ET.SubElement(root, "testsuite", name=f"jwtparity.{entry['language']}",
                              tests=str(len(results)),
                              failures=str(sum(r["status"] in fail_on for r in results)),
                              skipped=str(sum(r["status"] == verdicts.SKIPPED for r in results)))
        for result in results:
            case = ET.SubElement(suite, "testcase", classname=f"jwtparity.{entry['language']}",
                                 name=result["case"])
            message = f"{result['status']}: {result['reason']}"
            if result["status"] == verdicts.SKIPPED:
                ET.SubElement(case, "skipped", message=message)
            elif result["status"] in fail_on:
                ET.SubElement(case, "failure", message=message, type=result["status"]).text = message
            else:
                ET.SubElement(case, "system-out").text = message
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ToolError(f"cannot write {path}: {exc}") from exc


def to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def _read(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ToolError(f"cannot read report {path}: {exc}") from exc
    if not isinstance(record, dict) or not {"reference", "languages", "results"} <= set(record):
        raise ToolError(f"{path} is not a jwtparity report (needs reference, languages, results)")
    return record


def merge(paths: list[Path]) -> dict[str, Any]:
    """One report from several (say one CI job per language); a language may appear in one only."""
    records = [_read(p) for p in paths]
    references = {(r["reference"]["library"], r["reference"]["version"]) for r in records}
    if len(references) > 1:
        raise ToolError(f"the reports use different references: {sorted(references)}")
    editions = sorted({str(r.get("edition")) for r in records})
    if len(editions) > 1:
        raise ToolError(f"the reports check different editions: {editions}")
    merged: dict[str, Any] = {"reference": records[0]["reference"], "languages": [], "results": []}
    if records[0].get("edition"):
        merged["edition"] = records[0]["edition"]
    owner: dict[str, Path] = {}
    for path, record in zip(paths, records, strict=True):
        for entry in record["languages"]:
            if entry["language"] in owner:
                raise ToolError(f"{entry['language']} appears in both {owner[entry['language']]} and {path}")
            owner[entry["language"]] = path
            merged["languages"].append(entry)
        merged["results"].extend(record["results"])
    merged["summary"] = summary(merged["results"])
    return merged
