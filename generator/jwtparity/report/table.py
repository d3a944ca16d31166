"""The record's shared views (summary, failing results, grouped details, symbols) and the plain-text
table; JSON and report files too. Everything renders from the record, so a merged report prints exactly
like a fresh one. JUnit is junit.py, Markdown markdown.py, HTML html.py, annotations github.py.
"""

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jwtparity import printable
from jwtparity.config.known import stale_lines
from jwtparity.files import write_atomically
from jwtparity.judge.statuses import STATUSES, Verdict
from jwtparity.report import cross as crossreport
from jwtparity.report import plain
from jwtparity.report.record import LanguageEntry, Report, Result
from jwtparity.report.redact import Redactor

if TYPE_CHECKING:
    from jwtparity.cases.suite import Case
    from jwtparity.run.signing import LanguageRun

SYMBOLS: dict[str, str] = {
    Verdict.IDENTICAL: "=",
    Verdict.EQUIVALENT: "~",
    Verdict.DIVERGENT: "≠",
    Verdict.INVALID: "✗",
    Verdict.ERROR: "!",
    Verdict.SKIPPED: "-",
}
LEGEND: dict[str, str] = {
    Verdict.IDENTICAL: "byte for byte the reference token",
    Verdict.EQUIVALENT: "signature valid, claims equal, bytes differ (or accepted by policy)",
    Verdict.DIVERGENT: "signature valid but the claims differ from the payload",
    Verdict.INVALID: "malformed token, bad signature, wrong or missing alg, empty token",
    Verdict.ERROR: "the snippet raised, did not build or timed out",
    Verdict.SKIPPED: "not runnable here (the project allows it)",
}
KNOWN_MARK = "*"  # after a cell's symbol: a known finding (the config's [[known]]), which does not fail
KNOWN_LEGEND = "known finding (the config's [[known]]): shown, does not fail the check"
# Notes that name a place in the payload group by their kind in the details (--verbose shows each).
NOTE_KINDS = (
    (re.compile(r"^key order at \S+: "), "key order differs from the reference's"),
    (re.compile(r"^\$\S* spelled "), "numbers spelled differently from the reference"),
)


def language_entry(run: "LanguageRun") -> LanguageEntry:
    """A language's line of a report: what it ran with and how that went (redacted with the record)."""
    library = run.library or run.language.library
    return {
        "language": run.language.name,
        "display": run.language.display,
        "library": library.name,
        "version": library.version,
        "source": library.source,
        "status": run.status,
        "reason": run.reason,
        "seconds": round(run.seconds, 2),
    }


def raw_record(runs: list["LanguageRun"], cases: list["Case"], edition: str | None = None) -> dict[str, Any]:
    """What `run` reports: each language's library and raw tokens or errors, secrets redacted."""
    redactor = Redactor({case.secret for case in cases})
    languages = []
    for run in runs:
        results = [
            {"case": case.id, "token": redactor.token(outcome.token), "error": outcome.error}
            for case in cases
            if (outcome := run.outcomes.get(case.id)) is not None
        ]
        languages.append({**language_entry(run), "results": results})
    return redactor.record({"edition": edition, "languages": languages} if edition else {"languages": languages})


def summary(results: list[Result]) -> dict[str, int]:
    counts = Counter(r["status"] for r in results)
    return {status: counts.get(status, 0) for status in STATUSES}


def failing(results: list[Result], fail_on: set[str]) -> list[Result]:
    """The results that fail the check: a status in `fail_on` and not a known finding."""
    return [r for r in results if r["status"] in fail_on and not r.get("known")]


def symbol(result: Result) -> str:
    return SYMBOLS[result["status"]] + (KNOWN_MARK if result.get("known") else "")


def _case_order(record: Report) -> list[str]:
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
    known: bool = False  # the cells are known findings


def skipped_languages(record: Report) -> list[LanguageEntry]:
    return [e for e in record["languages"] if e["status"] == "skipped"]


def skipped_text(entry: LanguageEntry) -> str:
    """How a language that could not run is shown: allowed to be unavailable, or failing the check."""
    return "skipped (allowed)" if entry.get("allowed", True) else "could not run (not allowed: fails)"


def grouped_details(record: Report) -> list[Detail]:
    """The cells that are not identical, one Detail per language, status and note.

    An equivalent result contributes each of its notes; any other its reason. Skipped languages are
    left out (their reason is one line of their own).
    """
    skipped = {e["language"] for e in skipped_languages(record)}
    all_cases = _case_order(record)
    groups: dict[tuple[str, str, str, bool], list[str]] = {}
    for result in record["results"]:
        if result["status"] == Verdict.IDENTICAL or result["language"] in skipped:
            continue
        notes = result["notes"] if result["status"] == Verdict.EQUIVALENT and result["notes"] else [result["reason"]]
        for note in dict.fromkeys(_kind(n) for n in notes):
            key = (result["language"], result["status"], note, bool(result.get("known")))
            groups.setdefault(key, []).append(result["case"])
    return [
        Detail(language, status, note, tuple(cases), len(cases) == len(all_cases) > 1, known)
        for (language, status, note, known), cases in groups.items()
    ]


def _kind(note: str) -> str:
    return next((kind for pattern, kind in NOTE_KINDS if pattern.match(note)), note)


def cases_text(detail: Detail) -> str:
    if detail.every_case:
        return "every case"
    return f"{len(detail.cases)} cases: {', '.join(detail.cases)}" if len(detail.cases) > 1 else detail.cases[0]


def library_line(entry: LanguageEntry) -> str:
    """A language's library, with its status when it did not run cleanly or has a note (an error line
    that names no case)."""
    status = f" [{entry['status']}: {entry['reason']}]" if entry["status"] != "ran" or entry["reason"] else ""
    return f"{entry['language']}: {entry['library']} {entry['version']} ({entry['source']}){status}"


def summary_text(record: Report) -> str:
    counts = ", ".join(f"{n} {s}" for s, n in record["summary"].items() if n) or "no results"
    known = sum(1 for r in record["results"] if r.get("known"))
    return counts + (f" ({known} known)" if known else "")


def table(record: Report, verbose: bool = False) -> str:
    """The matrix (cases down, languages across), its legend, then the cells that are not identical:
    grouped by language and note, or (verbose) one line per cell."""
    record = printable.record(record)
    languages = [entry["language"] for entry in record["languages"]]
    cells = {(r["language"], r["case"]): r for r in record["results"]}
    cases = _case_order(record)
    width = max([len("case"), *(len(c) for c in cases)])
    columns = [max(len(lang), 3) for lang in languages]
    consumers = crossreport.consumer_names(record)
    lines = [
        "  ".join(
            ["case".ljust(width), *(lang.ljust(w) for lang, w in zip(languages, columns, strict=True)), *consumers]
        ).rstrip()
    ]
    for case in cases:
        row = [case.ljust(width)]
        for lang, column_width in zip(languages, columns, strict=True):
            result = cells.get((lang, case))
            row.append((symbol(result) if result else " ").ljust(column_width))
        row.extend(crossreport.consumer_cell(record, name, case).ljust(len(name)) for name in consumers)
        lines.append("  ".join(row).rstrip())
    lines.append("")
    lines.extend(f"  {SYMBOLS[s]} {s}: {meaning}" for s, meaning in LEGEND.items())
    lines.append(f"  {KNOWN_MARK} {KNOWN_LEGEND}")
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
        lines.extend(f"  {e['language']} / every case: {skipped_text(e)}: {e['reason']}" for e in skipped)
        if verbose:
            skipped_names = {e["language"] for e in skipped}
            lines.extend(
                f"  {r['language']} / {r['case']}: {r['status']}: {r['reason']}"
                for r in record["results"]
                if r["status"] != Verdict.IDENTICAL and r["language"] not in skipped_names
            )
        else:
            lines.extend(
                f"  {d.language}: {d.status}{' (known)' if d.known else ''}: {d.note} ({cases_text(d)})"
                for d in details
            )
    lines.extend(f"Known: {r['language']} / {r['case']}: {r['known']}" for r in record["results"] if r.get("known"))
    lines.extend(f"Stale: {line}" for line in stale_lines(record))
    lines.extend(f"Case {case}: {note}" for case, notes in record.get("case_notes", {}).items() for note in notes)
    lines.extend(crossreport.lines(record))
    lines.extend(plain.lines(record))
    lines.extend(f"Note: {note}" for note in record.get("redaction", []))
    lines.append("")
    lines.append(f"Summary: {summary_text(record)}")
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    """Write a report file atomically: a failed write leaves the previous report intact."""
    write_atomically(path, text.encode("utf-8"))


def to_json(record: Mapping[str, object]) -> str:
    return printable.json_text(json.dumps(record, ensure_ascii=False, indent=2)) + "\n"
