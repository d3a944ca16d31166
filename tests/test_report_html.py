"""The HTML page in a real browser: headless Chromium from Debian's packages (tests/chromium/), a real check.

The screenshot is kept as a test artefact: the pytest tmp folder and .jwtparity/artifacts/report-html.png.
"""

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests import browser
from tests.conftest import ROOT, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftovers")]
HOSTILE = '<img src=x onerror="document.title=1">'
COLOURS = {"identical": (0x2E, 0x9D, 0x4F), "equivalent": (0xB6, 0xE3, 0xB0), "skipped": (0xE4, 0xE4, 0xE8)}


class Dom(HTMLParser):
    """The elements of a dumped DOM: (tag, attributes) in order, and the text of #detail-panel."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.panel_depth, self.panel_text = 0, ""
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if self.panel_depth or dict(attrs).get("id") == "detail-panel":
            self.panel_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.panel_depth:
            self.panel_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.panel_depth:
            self.panel_text += data


@pytest.fixture(scope="module")
def page(client, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("html")
    cases = folder / "cases.json"
    cases.write_text(
        json.dumps(
            [
                {"id": "plain", "payload": {"sub": "user-42"}, "secret": "html-secret-1"},
                {"id": HOSTILE, "payload": {"url": "https://example.com/a"}, "secret": "html-secret-2", "alg": "HS384"},
            ]
        )
    )
    done = run_cli(
        "check",
        "--quiet",
        "--lang",
        "python,ruby,csharp",
        "--cases",
        str(cases),
        "--html",
        str(folder / "report.html"),
        "--json",
        str(folder / "report.json"),
    )
    assert done.returncode == 0, done.stderr
    return folder, json.loads((folder / "report.json").read_text())


def test_the_page_is_one_file_with_the_matrix_and_each_cells_details(client, page) -> None:
    folder, report = page
    text = (folder / "report.html").read_text()
    assert "html-secret" not in text
    assert "<link" not in text and 'src="http' not in text  # self-contained
    dom = Dom(browser.chromium(client, folder, "--dump-dom", "file:///page/report.html#cell-ruby-plain"))
    cells = {
        (a["data-language"], a["data-case"]): a
        for tag, a in dom.elements
        if tag == "td" and "cell" in (a.get("class") or "").split()
    }
    expected = {(r["language"], r["case"]): r for r in report["results"]}
    assert set(cells) == set(expected)
    for key, result in expected.items():
        assert cells[key]["data-status"] == result["status"]
        assert f"status-{result['status']}" in (cells[key]["class"] or "").split()
        assert cells[key]["title"].startswith(result["status"])
    assert not any(tag == "img" for tag, _ in dom.elements)  # the hostile case id stayed text
    # The linked cell's details opened in the panel (the click handler's code path).
    panel = next(a for tag, a in dom.elements if a.get("id") == "detail-panel")
    assert "hidden" not in panel
    assert "ruby / plain" in dom.panel_text and "header has no typ" in dom.panel_text
    assert "selected" in (cells[("ruby", "plain")]["class"] or "")


def test_the_matrix_is_coloured_by_status_in_the_screenshot(client, page) -> None:
    folder, report = page
    browser.chromium(
        client, folder, "--screenshot=/page/report.png", "--window-size=1200,900", "file:///page/report.html"
    )
    shot = (folder / "report.png").read_bytes()
    artefacts = ROOT / ".jwtparity" / "artifacts"
    artefacts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / "report.png", artefacts / "report-html.png")
    width, height, pixels = browser.png_pixels(shot)
    assert (width, height) == (1200, 900)
    present = {status for status, colour in COLOURS.items() if pixels.count(colour) > 200}
    statuses = {r["status"] for r in report["results"]} & set(COLOURS)
    assert present == statuses
