"""The report: one JSON-shaped record of a check, rendered as a table, JSON or JUnit; merged across runs.

Everything renders from the record, so a merged report prints exactly like a fresh one. Secrets are
redacted before anything is recorded.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from jwtparity import crossreport
from jwtparity import judge as verdicts
from jwtparity.errors import ToolError
from jwtparity.files import read_regular, write_atomically
from jwtparity.redact import Redactor

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
# Notes that name a place in the payload group by their kind in the details (--verbose shows each).
NOTE_KINDS = ((re.compile(r"^key order at \S+: "), "key order differs from the reference's"),
              (re.compile(r"^\$\S* spelled "), "numbers spelled differently from the reference"))


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every spelling of every secret replaced by ***."""
    return Redactor(secrets).text(text)


def language_entry(run: "LanguageRun", secrets: list[str]) -> dict[str, Any]:
    """A language's line of a report: what it ran with and how that went, secrets redacted."""
    library = run.library or run.language.library
    return {"language": run.language.name, "display": run.language.display, "library": library.name,
            "version": library.version, "source": library.source, "status": run.status,
            "reason": redact(run.reason, secrets), "seconds": round(run.seconds, 2)}


def raw_record(runs: list["LanguageRun"], cases: list["Case"], edition: str | None = None) -> dict[str, Any]:
    """What `run` reports: each language's library and raw tokens or errors, secrets redacted."""
    redactor = Redactor({case.secret for case in cases})
    languages = []
    for run in runs:
        results = [{"case": case.id, "token": redactor.token(outcome.token), "error": outcome.error}
                   for case in cases if (outcome := run.outcomes.get(case.id)) is not None]
        languages.append({**language_entry(run, []), "results": results})
    return redactor.record({"edition": edition, "languages": languages} if edition else {"languages": languages})


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


@dataclass(frozen=True)
class Detail:
    """One kind of note for one language, with the cases it applies to (in report order)."""

    language: str
    status: str
    note: str
    cases: tuple[str, ...]
    every_case: bool  # it applies to every case of the report


def skipped_languages(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in record["languages"] if e["status"] == "skipped"]


def grouped_details(record: dict[str, Any]) -> list[Detail]:
    """The cells that are not identical, one Detail per language, status and note.

    An equivalent result contributes each of its notes; any other its reason. Skipped languages are
    left out (their reason is one line of their own).
    """
    skipped = {e["language"] for e in skipped_languages(record)}
    all_cases = _case_order(record)
    groups: dict[tuple[str, str, str], list[str]] = {}
    for result in record["results"]:
        if result["status"] == verdicts.IDENTICAL or result["language"] in skipped:
            continue
        notes = result["notes"] if result["status"] == verdicts.EQUIVALENT and result["notes"] else [result["reason"]]
        for note in dict.fromkeys(_kind(n) for n in notes):
            groups.setdefault((result["language"], result["status"], note), []).append(result["case"])
    return [Detail(language, status, note, tuple(cases), len(cases) == len(all_cases) > 1)
            for (language, status, note), cases in groups.items()]


def _kind(note: str) -> str:
    return next((kind for pattern, kind in NOTE_KINDS if pattern.match(note)), note)


def cases_text(detail: Detail) -> str:
    if detail.every_case:
        return "every case"
    return f"{len(detail.cases)} cases: {', '.join(detail.cases)}" if len(detail.cases) > 1 else detail.cases[0]


def library_line(entry: dict[str, Any]) -> str:
    status = f" [{entry['status']}: {entry['reason']}]" if entry["status"] != "ran" else ""
    return f"{entry['language']}: {entry['library']} {entry['version']} ({entry['source']}){status}"


def summary_text(record: dict[str, Any]) -> str:
    return ", ".join(f"{n} {s}" for s, n in record["summary"].items() if n) or "no results"


def table(record: dict[str, Any], verbose: bool = False) -> str:
    """The matrix (cases down, languages across), its legend, then the cells that are not identical:
    grouped by language and note, or (verbose) one line per cell."""
    languages = [entry["language"] for entry in record["languages"]]
    cells = {(r["language"], r["case"]): r for r in record["results"]}
    cases = _case_order(record)
    width = max([len("case"), *(len(c) for c in cases)])
    columns = [max(len(lang), 3) for lang in languages]
    consumers = crossreport.consumer_names(record)
    lines = ["  ".join(["case".ljust(width), *(lang.ljust(w) for lang, w in zip(languages, columns,
                                                                                  strict=True)), *consumers]).rstrip()]
    for case in cases:
        row = [case.ljust(width)]
        for lang, column_width in zip(languages, columns, strict=True):
            result = cells.get((lang, case))
            row.append((SYMBOLS[result["status"]] if result else " ").ljust(column_width))
        row.extend(crossreport.consumer_cell(record, name, case).ljust(len(name)) for name in consumers)
        lines.append("  ".join(row).rstrip())
    lines.append("")
    lines.extend(f"  {SYMBOLS[s]} {s}: {meaning}" for s, meaning in LEGEND.items())
    lines.append("")
    lines.append("Libraries: " + "; ".join(library_line(e) for e in record["languages"]))
    reference = record["reference"]
    lines.append(f"Reference: {reference['library']} {reference['version']}")
    if record.get("edition"):
        lines.append(f"Edition: {record['edition']}")
    skipped = skipped_languages(record)
    details = grouped_details(record)
    if details or skipped:
        lines.append("")
        lines.append("Details:" if verbose else "Details (by language and note; --verbose: every case):")
        lines.extend(f"  {e['language']} / every case: skipped: {e['reason']}" for e in skipped)
        if verbose:
            skipped_names = {e["language"] for e in skipped}
            lines.extend(f"  {r['language']} / {r['case']}: {r['status']}: {r['reason']}" for r in record["results"]
                         if r["status"] != verdicts.IDENTICAL and r["language"] not in skipped_names)
        else:
            lines.extend(f"  {d.language}: {d.status}: {d.note} ({cases_text(d)})" for d in details)
    lines.extend(crossreport.lines(record))
    lines.append("")
    lines.append(f"Summary: {summary_text(record)}")
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
    """Write a report file atomically: a failed write leaves the previous report intact."""
    write_atomically(path, text.encode("utf-8"))


def to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def _read(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(read_regular(path, "report").decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
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
