"""The table output of `--cross` and `--consumer`: rendered from the report record alone.

A consumer adds a column to the main table (per case: tokens accepted / tokens judged) and lists its
rejections; `--cross` adds a second table, signer x verifier with accepted/total, then every cell that
is not all accepted (by case and reason) and every token named as a finding.
"""

from collections import defaultdict

from jwtparity.report.record import ConsumerEntry, CrossSection, Report, VerifierEntry

SKIPPED_CELL = "-"


def consumer_names(record: Report) -> list[str]:
    return [entry["name"] for entry in record.get("consumers", [])]


def consumer_cell(record: Report, name: str, case: str) -> str:
    """`accepted/judged` over the case's tokens, or `-` when there is no token to judge."""
    verdicts = [
        r["consumers"][name]["accepted"]
        for r in record["results"]
        if r["case"] == case and name in r.get("consumers", {})
    ]
    judged = [v for v in verdicts if v is not None]
    return f"{sum(judged)}/{len(judged)}" if judged else SKIPPED_CELL


def consumer_heading(entry: ConsumerEntry) -> str:
    return (
        f"Consumer {entry['name']} ({entry['display']}, run with {entry['library']} {entry['version']}): "
        f"{entry['rules']}"
    )


def consumer_rejections(record: Report, name: str) -> dict[tuple[str, str], list[str]]:
    """(case, reason) -> the signing languages whose token the consumer rejected for it."""
    rejected: dict[tuple[str, str], list[str]] = defaultdict(list)
    for result in record["results"]:
        verdict = result.get("consumers", {}).get(name)
        if verdict and verdict["accepted"] is False:
            rejected[(result["case"], verdict["reason"])].append(result["language"])
    return rejected


def _consumer_lines(record: Report) -> list[str]:
    lines = []
    for entry in record.get("consumers", []):
        lines.append("")
        lines.append(consumer_heading(entry))
        if entry["status"] != "ran":
            lines.append(f"  {entry['status']}: {entry['reason']}")
        rejected = consumer_rejections(record, entry["name"])
        lines.extend(
            f"  rejects {case} from {', '.join(signers)}: {reason}" for (case, reason), signers in rejected.items()
        )
        if not rejected:
            lines.append("  accepts every token")
    return lines


def matrix(cross: CrossSection) -> list[tuple[str, list[str]]]:
    """(signer, `accepted/total` per verifier in `cross["verifiers"]` order) for every signer."""
    ran = {v["language"] for v in cross["verifiers"] if v["status"] != "skipped"}
    cells: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for result in cross["results"]:
        cells[(result["signer"], result["verifier"])].append(result["accepted"] is True)
    rows = []
    for signer in cross["signers"]:
        row = []
        for verifier in (v["language"] for v in cross["verifiers"]):
            verdicts = cells.get((signer, verifier), [])
            row.append(f"{sum(verdicts)}/{len(verdicts)}" if verdicts and verifier in ran else SKIPPED_CELL)
        rows.append((signer, row))
    return rows


def verifier_text(entry: VerifierEntry) -> str:
    return f"{entry['language']}: {entry['library']} {entry['version']} ({entry['source']})" + (
        f" [{entry['status']}: {entry['reason']}]" if entry["status"] != "ran" else ""
    )


def rejected(cross: CrossSection) -> list[str]:
    """Every token a verifier did not accept: `signer → verifier / case: reason`."""
    return [
        f"{r['signer']} → {r['verifier']} / {r['case']}: {r['reason']}"
        + (" [the reference signature check accepts it]" if r["pyjwt_accepts"] else "")
        for r in cross["results"]
        if r["accepted"] is not True
    ]


def findings(cross: CrossSection) -> list[str]:
    """Every accepted token named as a finding: `signer → verifier / case: finding`."""
    return [
        f"{r['signer']} → {r['verifier']} / {r['case']}: {r['finding']}"
        for r in cross["results"]
        if r["finding"] and r["accepted"] is True
    ]


def _matrix(cross: CrossSection) -> list[str]:
    verifiers = [v["language"] for v in cross["verifiers"]]
    width = max([len("signer \\ verifier"), *(len(s) for s in cross["signers"])])
    columns = [max(len(v), 5) for v in verifiers]
    lines = [
        "  ".join(
            ["signer \\ verifier".ljust(width), *(v.ljust(w) for v, w in zip(verifiers, columns, strict=True))]
        ).rstrip()
    ]
    for signer, cells in matrix(cross):
        row = [signer.ljust(width), *(cell.ljust(column) for cell, column in zip(cells, columns, strict=True))]
        lines.append("  ".join(row).rstrip())
    return lines


def _cross_lines(cross: CrossSection) -> list[str]:
    lines = ["", "Cross-verification (tokens accepted / tokens verified; rows sign, columns verify):"]
    lines.extend(_matrix(cross))
    lines.append("Verifiers: " + "; ".join(verifier_text(v) for v in cross["verifiers"]))
    for title, items in (("Rejected:", rejected(cross)), ("Findings:", findings(cross))):
        if items:
            lines.append(title)
            lines.extend(f"  {item}" for item in items)
    return lines


def lines(record: Report) -> list[str]:
    """What `--consumer` and `--cross` add below the main table (nothing when neither was asked)."""
    extra = _consumer_lines(record)
    if "cross" in record:
        extra.extend(_cross_lines(record["cross"]))
    return extra
