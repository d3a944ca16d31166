"""The report as Markdown: matrix, legend, libraries and grouped details (a CI job summary, a PR comment)."""

from jwtparity import printable
from jwtparity.report import cross as crossreport
from jwtparity.report import plain
from jwtparity.report.record import Report
from jwtparity.report.table import (
    KNOWN_LEGEND,
    KNOWN_MARK,
    LEGEND,
    SYMBOLS,
    cases_text,
    grouped_details,
    skipped_languages,
    summary_text,
    symbol,
)


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell or list item: one line (no CR or LF), pipes escaped, and `<`,
    `>`, `&` as entities (GitHub sanitises raw HTML, other renderers would run a `<script>`)."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ").replace("`", "\\`")


def markdown(record: Report) -> str:
    record = printable.record(record)
    languages = record["languages"]
    cells = {(r["language"], r["case"]): r for r in record["results"]}
    cases = list(dict.fromkeys(r["case"] for r in record["results"]))
    consumers = crossreport.consumer_names(record)
    lines = [
        "## jwtparity report",
        "",
        "| case | " + " | ".join(_cell(name) for name in [*(e["display"] for e in languages), *consumers]) + " |",
        "|---|" + "---|" * (len(languages) + len(consumers)),
    ]
    for case in cases:
        row = [symbol(cells[(e["language"], case)]) if (e["language"], case) in cells else " " for e in languages] + [
            crossreport.consumer_cell(record, name, case) for name in consumers
        ]
        lines.append(f"| {_cell(case)} | " + " | ".join(_cell(symbol) for symbol in row) + " |")
    lines += [
        "",
        "**Legend:** "
        + " · ".join(
            [*(f"`{SYMBOLS[s]}` {s}: {_cell(m)}" for s, m in LEGEND.items()), f"`{KNOWN_MARK}` {KNOWN_LEGEND}"]
        ),
        "",
        "### Libraries",
        "",
        "| language | library | version | source | status |",
        "|---|---|---|---|---|",
    ]
    for entry in languages:
        status = entry["status"] + (f": {entry['reason']}" if entry["reason"] else "")
        lines.append(
            f"| {_cell(entry['display'])} | {_cell(entry['library'])} | {_cell(entry['version'])} | "
            f"{_cell(entry['source'])} | {_cell(status)} |"
        )
    reference = record["reference"]
    lines += ["", f"Reference: {_cell(reference['library'])} {_cell(reference['version'])}"]
    if record.get("edition"):
        lines += ["", f"Edition: {_cell(record['edition'])}"]
    skipped, details = skipped_languages(record), grouped_details(record)
    if skipped or details:
        lines += ["", "### Details", ""]
        lines += [f"- **{_cell(e['language'])}**, every case: skipped: {_cell(e['reason'])}" for e in skipped]
        lines += [
            f"- **{_cell(d.language)}** {d.status}{' (known)' if d.known else ''}: {_cell(d.note)} "
            f"({_cell(cases_text(d))})"
            for d in details
        ]
    lines += _cross_and_consumers(record)
    lines += plain.markdown(record)
    lines += ["", f"**Summary:** {summary_text(record)}", ""]
    return "\n".join(lines)


def _cross_and_consumers(record: Report) -> list[str]:
    """What `--consumer` and `--cross` add: each consumer's rejections, the signer x verifier matrix."""
    lines = []
    for entry in record.get("consumers", []):
        lines += ["", f"### {_cell(crossreport.consumer_heading(entry))}", ""]
        if entry["status"] != "ran":
            lines.append(f"- {_cell(entry['status'])}: {_cell(entry['reason'])}")
        lines += [
            f"- rejects {_cell(case)} from {_cell(', '.join(signers))}: {_cell(reason)}"
            for (case, reason), signers in crossreport.consumer_rejections(record, entry["name"]).items()
        ] or ["- accepts every token"]
    if "cross" in record:
        cross = record["cross"]
        lines += [
            "",
            "### Cross-verification",
            "",
            "Tokens accepted / tokens verified; rows sign, columns verify.",
            "",
            "| signer → verifier | " + " | ".join(_cell(v["language"]) for v in cross["verifiers"]) + " |",
            "|---|" + "---|" * len(cross["verifiers"]),
        ]
        lines += [f"| {_cell(signer)} | " + " | ".join(cells) + " |" for signer, cells in crossreport.matrix(cross)]
        lines += ["", "Verifiers: " + "; ".join(_cell(crossreport.verifier_text(v)) for v in cross["verifiers"])]
        for title, items in (("Rejected", crossreport.rejected(cross)), ("Findings", crossreport.findings(cross))):
            lines += ["", f"**{title}:**", "", *(f"- {_cell(item)}" for item in items)] if items else []
    return lines
