"""The report as one self-contained HTML page: the matrix coloured by status, each cell's details on
hover (a tooltip) or click (a panel), the legend, the libraries and the grouped details.

No external file, font or script: the page works offline, attached to a CI run or mailed.
"""

from html import escape

from jwtparity import printable
from jwtparity.report import cross as crossreport
from jwtparity.report import plain
from jwtparity.report.record import Report, Result
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

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1d1d1f; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d0d5; padding: 3px 8px; }
#matrix td.cell { text-align: center; cursor: pointer; position: relative; min-width: 3.5em; }
#matrix tbody th { text-align: left; font-weight: normal; font-family: ui-monospace, monospace; }
.status-identical { background: #2e9d4f; color: #fff; }
.status-equivalent { background: #b6e3b0; }
.status-divergent { background: #f5a623; }
.status-invalid { background: #d93b3b; color: #fff; }
.status-error { background: #7d1420; color: #fff; }
.status-skipped { background: #e4e4e8; color: #666; }
.known { background: #8e6cc4; color: #fff; }
td.cell.selected { outline: 3px solid #1f5fd6; outline-offset: -3px; }
td.cell .detail { display: none; position: absolute; z-index: 2; left: 100%; top: 0; width: 32em;
  text-align: left; background: #fff; color: #1d1d1f; border: 1px solid #999; padding: 6px 10px;
  box-shadow: 0 2px 8px rgba(0,0,0,.25); }
td.cell:hover .detail { display: block; }
#detail-panel { border: 2px solid #1f5fd6; padding: 4px 12px; margin: 1em 0; max-width: 60em; }
.legend span { display: inline-block; padding: 0 6px; margin-right: 4px; }
"""

SCRIPT = """
function showDetail(cell) {
  const panel = document.getElementById('detail-panel');
  panel.hidden = false;
  panel.querySelector('h2').textContent = cell.dataset.language + ' / ' + cell.dataset.case;
  panel.querySelector('.body').innerHTML = cell.querySelector('.detail').innerHTML;
  document.querySelectorAll('td.cell.selected').forEach(c => c.classList.remove('selected'));
  cell.classList.add('selected');
}
document.querySelectorAll('td.cell').forEach(cell => {
  cell.addEventListener('click', () => showDetail(cell));
  cell.addEventListener('keydown', event => { if (event.key === 'Enter') showDetail(cell); });
});
const linked = document.getElementById(decodeURIComponent(location.hash.slice(1)));
if (linked && linked.classList.contains('cell')) showDetail(linked);
"""


def _differences(result: Result) -> str:
    if not result["differences"]:
        return ""
    rows = "".join(
        f"<tr><td>{escape(d['path'])}</td><td>{escape(d['kind'])}</td>"
        f"<td>{escape(str(d.get('expected')))}</td><td>{escape(str(d.get('actual')))}</td></tr>"
        for d in result["differences"]
    )
    return f"<table><tr><th>path</th><th>kind</th><th>expected</th><th>actual</th></tr>{rows}</table>"


def _cell(result: Result | None, language: str, case: str) -> str:
    if result is None:
        return "<td></td>"
    status = result["status"]
    notes = "".join(f"<li>{escape(note)}</li>" for note in result["notes"])
    known = f"<p><b>known finding</b>: {escape(result['known'])}</p>" if result.get("known") else ""
    detail = (
        f"<p><b>{escape(status)}</b>: {escape(result['reason'] or LEGEND[status])}</p>"
        + known
        + (f"<ul>{notes}</ul>" if notes else "")
        + _differences(result)
    )
    title = f"{status}: {result['reason'] or LEGEND[status]}"
    known_class = " known" if result.get("known") else ""
    return (
        f'<td id="{escape(f"cell-{language}-{case}")}" class="cell status-{escape(status)}{known_class}" tabindex="0" '
        f'data-status="{escape(status)}" data-language="{escape(language)}" data-case="{escape(case)}" '
        f'title="{escape(title)}">{escape(symbol(result))}<div class="detail">{detail}</div></td>'
    )


def _items(texts: list[str]) -> str:
    return "".join(f"<li>{escape(text)}</li>" for text in texts)


def _cross_and_consumers(record: Report) -> str:
    """What `--consumer` and `--cross` add: each consumer's rejections, the signer x verifier matrix."""
    parts = []
    for entry in record.get("consumers", []):
        status = [f"{entry['status']}: {entry['reason']}"] if entry["status"] != "ran" else []
        rejections = [
            f"rejects {case} from {', '.join(signers)}: {reason}"
            for (case, reason), signers in crossreport.consumer_rejections(record, entry["name"]).items()
        ] or ["accepts every token"]
        parts.append(
            f"<h2>{escape(crossreport.consumer_heading(entry))}</h2>"
            f'<ul class="consumer" data-consumer="{escape(entry["name"])}">{_items(status + rejections)}</ul>'
        )
    if "cross" in record:
        cross = record["cross"]
        head = "".join(f"<th>{escape(v['language'])}</th>" for v in cross["verifiers"])
        rows = "".join(
            f'<tr><th scope="row">{escape(signer)}</th>' + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
            for signer, cells in crossreport.matrix(cross)
        )
        verifiers = _items([crossreport.verifier_text(v) for v in cross["verifiers"]])
        parts.append(
            "<h2>Cross-verification</h2><p>Tokens accepted / tokens verified; rows sign, columns verify.</p>"
            f'<table id="cross"><thead><tr><th>signer → verifier</th>{head}</tr></thead><tbody>{rows}'
            f"</tbody></table><p>Verifiers:</p><ul>{verifiers}</ul>"
            f'<p>Rejected:</p><ul id="cross-rejected">{_items(crossreport.rejected(cross))}</ul>'
            f'<p>Findings:</p><ul id="cross-findings">{_items(crossreport.findings(cross))}</ul>'
        )
    return "".join(parts)


def html(record: Report) -> str:
    record = printable.record(record)
    languages = record["languages"]
    cells = {(r["language"], r["case"]): r for r in record["results"]}
    cases = list(dict.fromkeys(r["case"] for r in record["results"]))
    consumers = crossreport.consumer_names(record)
    head = "".join(f'<th data-language="{escape(e["language"])}">{escape(e["display"])}</th>' for e in languages)
    head += "".join(f'<th data-consumer="{escape(name)}">{escape(name)}</th>' for name in consumers)
    body = "".join(
        f'<tr><th scope="row">{escape(case)}</th>'
        + "".join(_cell(cells.get((e["language"], case)), e["language"], case) for e in languages)
        + "".join(
            f'<td class="consumer">{escape(crossreport.consumer_cell(record, name, case))}</td>' for name in consumers
        )
        + "</tr>"
        for case in cases
    )
    legend = (
        "".join(
            f'<li><span class="status-{s}">{escape(SYMBOLS[s])}</span>{escape(s)}: {escape(m)}</li>'
            for s, m in LEGEND.items()
        )
        + f'<li><span class="known">{escape(KNOWN_MARK)}</span>{escape(KNOWN_LEGEND)}</li>'
    )
    libraries = "".join(
        f"<tr><td>{escape(e['display'])}</td><td>{escape(e['library'])}</td><td>{escape(e['version'])}</td>"
        f"<td>{escape(e['source'])}</td><td>{escape(e['status'])}"
        + (f": {escape(e['reason'])}" if e["reason"] else "")
        + "</td></tr>"
        for e in languages
    )
    details = [
        f"<li><b>{escape(e['language'])}</b>, every case: skipped: {escape(e['reason'])}</li>"
        for e in skipped_languages(record)
    ]
    details += [
        f'<li data-language="{escape(d.language)}"><b>{escape(d.language)}</b> {escape(d.status)}'
        f"{' (known)' if d.known else ''}: "
        f"{escape(d.note)} ({escape(cases_text(d))})</li>"
        for d in grouped_details(record)
    ]
    reference = record["reference"]
    edition = f" Edition: {escape(record['edition'])}." if record.get("edition") else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>jwtparity report</title><style>{STYLE}</style></head>
<body>
<h1>jwtparity report</h1>
<p id="summary">Summary: {escape(summary_text(record))}. Reference: {escape(reference["library"])}
{escape(reference["version"])}.{edition} Hover over a cell for its details, click it to keep them below the table.</p>
<table id="matrix"><thead><tr><th>case</th>{head}</tr></thead><tbody>{body}</tbody></table>
<aside id="detail-panel" hidden><h2></h2><div class="body"></div></aside>
<h2>Legend</h2><ul class="legend" id="legend">{legend}</ul>
<h2>Libraries</h2>
<table id="libraries"><tr><th>language</th><th>library</th><th>version</th><th>source</th><th>status</th></tr>
{libraries}</table>
<h2>Details</h2><ul id="details">{"".join(details) or "<li>every cell is identical</li>"}</ul>
{_cross_and_consumers(record)}
{plain.html(record)}
<script>{SCRIPT}</script>
</body></html>
"""
