"""The table output of `--cross` and `--consumer`: rendered from the report record alone.

A consumer adds a column to the main table (per case: tokens accepted / tokens judged) and lists its
rejections; `--cross` adds a second table, signer x verifier with accepted/total, then every cell that
is not all accepted (by case and reason) and every token named as a finding.
"""

from collections import defaultdict
from typing import Any

SKIPPED_CELL = "-"


def consumer_names(record: dict[str, Any]) -> list[str]:
    return [entry["name"] for entry in record.get("consumers", [])]


def consumer_cell(record: dict[str, Any], name: str, case: str) -> str:
    """`accepted/judged` over the case's tokens, or `-` when there is no token to judge."""
    verdicts = [r["consumers"][name]["accepted"] for r in record["results"]
                if r["case"] == case and name in r.get("consumers", {})]
    judged = [v for v in verdicts if v is not None]
    return f"{sum(judged)}/{len(judged)}" if judged else SKIPPED_CELL


def _consumer_lines(record: dict[str, Any]) -> list[str]:
    lines = []
    for entry in record.get("consumers", []):
        lines.append("")
        lines.append(f"Consumer {entry['name']} ({entry['display']}, run with {entry['library']} "
                     f"{entry['version']}): {entry['rules']}")
        if entry["status"] != "ran":
            lines.append(f"  {entry['status']}: {entry['reason']}")
        rejected: dict[tuple[str, str], list[str]] = defaultdict(list)
        for result in record["results"]:
            verdict = result.get("consumers", {}).get(entry["name"])
            if verdict and verdict["accepted"] is False:
                rejected[(result["case"], verdict["reason"])].append(result["language"])
        lines.extend(f"  rejects {case} from {', '.join(signers)}: {reason}"
                     for (case, reason), signers in rejected.items())
        if not rejected:
            lines.append("  accepts every token")
    return lines


def _matrix(cross: dict[str, Any]) -> list[str]:
    verifiers = [v["language"] for v in cross["verifiers"]]
    ran = {v["language"] for v in cross["verifiers"] if v["status"] != "skipped"}
    cells: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for result in cross["results"]:
        cells[(result["signer"], result["verifier"])].append(result["accepted"] is True)
    signers = cross["signers"]
    width = max(len("signer \\ verifier"), *(len(s) for s in signers))
    columns = [max(len(v), 5) for v in verifiers]
    lines = ["  ".join(["signer \\ verifier".ljust(width), *(v.ljust(w) for v, w in zip(verifiers, columns,
                                                                                       strict=True))]).rstrip()]
    for signer in signers:
        row = [signer.ljust(width)]
        for verifier, column in zip(verifiers, columns, strict=True):
            verdicts = cells.get((signer, verifier), [])
            cell = f"{sum(verdicts)}/{len(verdicts)}" if verdicts and verifier in ran else SKIPPED_CELL
            row.append(cell.ljust(column))
        lines.append("  ".join(row).rstrip())
    return lines


def _cross_lines(cross: dict[str, Any]) -> list[str]:
    lines = ["", "Cross-verification (tokens accepted / tokens verified; rows sign, columns verify):"]
    lines.extend(_matrix(cross))
    lines.append("Verifiers: " + "; ".join(
        f"{v['language']}: {v['library']} {v['version']} ({v['source']})"
        + (f" [{v['status']}: {v['reason']}]" if v["status"] != "ran" else "") for v in cross["verifiers"]))
    failing = [r for r in cross["results"] if r["accepted"] is not True]
    if failing:
        lines.append("Rejected:")
        lines.extend(f"  {r['signer']} → {r['verifier']} / {r['case']}: {r['reason']}"
                     + (" [the reference signature check accepts it]" if r["pyjwt_accepts"] else "") for r in failing)
    findings = [r for r in cross["results"] if r["finding"] and r["accepted"] is True]
    if findings:
        lines.append("Findings:")
        lines.extend(f"  {r['signer']} → {r['verifier']} / {r['case']}: {r['finding']}" for r in findings)
    return lines


def lines(record: dict[str, Any]) -> list[str]:
    """What `--consumer` and `--cross` add below the main table (nothing when neither was asked)."""
    extra = _consumer_lines(record)
    if "cross" in record:
        extra.extend(_cross_lines(record["cross"]))
    return extra
