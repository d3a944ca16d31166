"""The Markdown report under hostile case ids and reasons, rendered by a real CommonMark renderer that,
unlike GitHub, lets raw HTML through (markdown-it-py with html on and GFM tables)."""

import json
import time
from pathlib import Path

import jwt
from markdown_it import MarkdownIt

from jwtparity.cases.suite import Case
from jwtparity.config.languages import resolve
from jwtparity.config.settings import Settings
from jwtparity.judge.check import record
from jwtparity.report import table as report
from jwtparity.run.signing import CaseOutcome, LanguageRun
from tests.conftest import run_cli

SECRET = "markdown-secret"
CASES = [
    Case("cr\rsplit", {"a": 1}, SECRET, "HS256"),
    Case('img<img src=x onerror="alert(1)">', {"b": 2}, SECRET, "HS256"),
    Case("plain", {"c": 3}, SECRET, "HS256"),
]


def test_a_cr_or_html_in_case_ids_and_reasons_stays_text_in_markdown(tmp_path: Path) -> None:
    now = time.time()
    python = LanguageRun(
        resolve("python"),
        outcomes={c.id: CaseOutcome(token=jwt.encode(c.payload, SECRET, algorithm=c.alg)) for c in CASES},
        window=(now - 1, now),
    )
    go = LanguageRun(
        resolve("go"),
        outcomes={c.id: CaseOutcome(error="<script>alert(document.cookie)</script>") for c in CASES},
        window=(now - 1, now),
    )
    path = tmp_path / "report.json"
    path.write_text(report.to_json(record([python, go], CASES, Settings())))
    done = run_cli("report", "merge", str(path), "--format", "markdown")
    assert done.returncode == 1, done.stderr  # go's errors fail the check
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(done.stdout)
    assert "<script" not in rendered and "<img" not in rendered, rendered
    assert "&lt;script&gt;alert(document.cookie)&lt;/script&gt;" in rendered
    matrix = rendered.split("<tbody>")[1].split("</tbody>")[0]
    assert matrix.count("<tr>") == len(CASES), matrix  # the CR split no row
    assert "<td>cr\\rsplit</td>" in matrix and "<td>img&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</td>" in matrix
    assert json.loads(path.read_text())["results"][0]["case"] == "cr\rsplit"  # the JSON keeps the id as it is
