"""Known findings and allowed unavailability: what a project has declared it lives with, for now.

A known finding (`[[known]]` in the config: language, cases, status, note, optionally edition) marks the
results it matches as known: they are shown with their own mark and do not fail the check. An entry that
no longer matches a result it names fails the check instead, like a strict expected failure, so that a
fixed sample cannot hide behind it. A language that could not run fails the check unless the project
allows it to be unavailable (`allow_unavailable`, `--allow-unavailable`).
"""

import json
from dataclasses import dataclass
from typing import Any

from jwtparity.errors import ToolError
from jwtparity.report.record import Report, Result, StaleFinding

ENTRY_KEYS = {"language", "cases", "status", "note", "edition"}


@dataclass(frozen=True)
class KnownFinding:
    language: str  # the language's name (resolved from any spelling when the config is read)
    cases: tuple[str, ...]  # the case ids; empty: every case of the check
    status: str
    note: str
    edition: str | None = None  # None: every edition that has the language

    def applies(self, edition: str | None, language: str) -> bool:
        return language == self.language and self.edition in (None, edition)

    def matches(self, result: Result, edition: str | None) -> bool:
        return (
            self.applies(edition, result["language"])
            and result["status"] == self.status
            and (not self.cases or result["case"] in self.cases)
        )


def parse(entries: Any, origin: str, statuses: tuple[str, ...]) -> list[dict[str, Any]]:
    """The `[[known]]` tables, checked (their languages are resolved by the caller)."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ToolError(f"config {origin}: known must be a list of tables ([[known]])")
    for number, entry in enumerate(entries, 1):
        where = f"config {origin}: known entry {number}"
        unknown = sorted(set(entry) - ENTRY_KEYS)
        if unknown:
            raise ToolError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(ENTRY_KEYS))})")
        for key in ("language", "status", "note"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ToolError(f"{where}: {key} must be a non-empty string")
        if entry["status"] not in statuses:
            raise ToolError(f"{where}: unknown status {entry['status']!r} (known: {', '.join(statuses)})")
        cases = entry.get("cases", [])
        if not isinstance(cases, list) or not all(isinstance(c, str) and c for c in cases):
            raise ToolError(f"{where}: cases must be a list of case ids")
        if "edition" in entry and not isinstance(entry["edition"], str):
            raise ToolError(f"{where}: edition must be an edition's name")
    return entries


def mark(results: list[Result], edition: str, ran: list[str], findings: tuple[KnownFinding, ...]) -> list[StaleFinding]:
    """Mark the results that a finding matches (`known`: its note); return the findings that match no
    longer: those whose language ran (is in `ran`) and whose cases were in the check."""
    checked = {result["case"] for result in results}
    stale: list[StaleFinding] = []
    for finding in findings:
        if finding.language not in ran or finding.edition not in (None, edition):
            continue
        matched = set()
        for result in results:
            if finding.matches(result, edition):
                result["known"] = finding.note
                matched.add(result["case"])
        wanted = set(finding.cases or checked) & checked
        stale.extend(
            StaleFinding(language=finding.language, case=case, status=finding.status, note=finding.note)
            for case in sorted(wanted - matched)
        )
    return stale


def stale_lines(record: Report) -> list[str]:
    return [
        f"known finding no longer occurs: {s['language']} / {s['case']} ({s['status']}): remove it from "
        "the config's [[known]]"
        for s in record.get("known_stale", [])
    ]


def unrunnable_lines(record: Report) -> list[str]:
    """One line per language that could not run and is not allowed to be unavailable; one more when no
    language ran at all."""
    lines = [
        f"{e['language']} could not run: {e['reason']} (a project that accepts this says "
        f'allow_unavailable = ["{e["language"]}"] or --allow-unavailable {e["language"]})'
        for e in record["languages"]
        if e["status"] == "skipped" and not e.get("allowed")
    ]
    if not any(e["status"] != "skipped" for e in record["languages"]):
        lines.append("no language ran: nothing was checked")
    return lines


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def entries_toml(record: Report, failing: list[Result]) -> str:
    """The failing results as `[[known]]` entries (one per language and status), for a person to review."""
    groups: dict[tuple[str, str], list[Result]] = {}
    for result in failing:
        groups.setdefault((result["language"], result["status"]), []).append(result)
    blocks = [
        "# Current failures as known findings (jwtparity check --write-known): review each note before "
        "adding these to jwtparity.toml."
    ]
    for (language, status), results in groups.items():
        cases = ", ".join(_toml_string(r["case"]) for r in results)
        lines = ["[[known]]", f"language = {_toml_string(language)}"]
        if record.get("edition"):
            lines.append(f"edition = {_toml_string(record['edition'])}")
        lines += [
            f"status = {_toml_string(status)}",
            f"cases = [{cases}]",
            f"note = {_toml_string(results[0]['reason'][:200])}",
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
