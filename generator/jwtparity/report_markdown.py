"""The report as Markdown: matrix, legend, libraries and grouped details (a CI job summary, a PR comment)."""

from typing import Any

from jwtparity import printable
from jwtparity.report import LEGEND, SYMBOLS, cases_text, grouped_details, skipped_languages, summary_text


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell or list item: one line (no CR or LF), pipes escaped, and `<`,
    `>`, `&` as entities (GitHub sanitises raw HTML, other renderers would run a `<script>`)."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ").replace("`", "\\`")


def markdown(record: dict[str, Any]) -> str:
    record = printable.record(record)
    languages = record["languages"]
    cells = {(r["language"], r["case"]): r for r in record["results"]}
    cases = list(dict.fromkeys(r["case"] for r in record["results"]))
    lines = ["## jwtparity report", "",
             "| case | " + " | ".join(_cell(e["display"]) for e in languages) + " |",
             "|---|" + "---|" * len(languages)]
    for case in cases:
        row = [SYMBOLS[cells[(e["language"], case)]["status"]] if (e["language"], case) in cells else " "
               for e in languages]
        lines.append(f"| {_cell(case)} | " + " | ".join(_cell(symbol) for symbol in row) + " |")
    lines += ["", "**Legend:** " + " · ".join(f"`{SYMBOLS[s]}` {s}: {_cell(m)}" for s, m in LEGEND.items()), "",
              "### Libraries", "", "| language | library | version | source | status |", "|---|---|---|---|---|"]
    for entry in languages:
        status = entry["status"] + (f": {entry['reason']}" if entry["reason"] else "")
        lines.append(f"| {_cell(entry['display'])} | {_cell(entry['library'])} | {_cell(entry['version'])} | "
                     f"{_cell(entry['source'])} | {_cell(status)} |")
    reference = record["reference"]
    lines += ["", f"Reference: {_cell(reference['library'])} {_cell(reference['version'])}"]
    if record.get("edition"):
        lines += ["", f"Edition: {_cell(record['edition'])}"]
    skipped, details = skipped_languages(record), grouped_details(record)
    if skipped or details:
        lines += ["", "### Details", ""]
        lines += [f"- **{_cell(e['language'])}**, every case: skipped: {_cell(e['reason'])}" for e in skipped]
        lines += [f"- **{_cell(d.language)}** {d.status}: {_cell(d.note)} ({_cell(cases_text(d))})" for d in details]
    lines += ["", f"**Summary:** {summary_text(record)}", ""]
    return "\n".join(lines)
