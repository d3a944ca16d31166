"""Hostile snippet output that reaches the outputs: control characters, a token nested too deeply to read,
an error line that names no case. One real check (jwtmanager's Python sample made hostile, `--cross` and
the onlyoffice-docs consumer) with the table on a terminal, then every other output of the same record."""

import json
import os
import pty
import shutil
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from jwtparity.printable import CONTROL
from tests.conftest import ROOT, mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]

SECRET = "hostile-output-secret"
PLAIN = f"plain-{SECRET}"  # a case id holding the secret: redacted wherever a case is named
CONTROL_ID = "control-\x1b]0;title\x07-\r-\x0b-\x9b"
# Signs like the sample unless the payload's mode says otherwise: a token with a header or payload nested
# 100,000 deep (correctly signed), an error full of terminal sequences, an error line naming no case.
HOSTILE = r"""    mode = payload.get('mode')
    if mode in ('deep-header', 'deep-payload'):
        import base64, hashlib, hmac
        def b64(data):
            return base64.urlsafe_b64encode(data).rstrip(b'=').decode()
        nest = ',"x":' + '[' * 100000 + ']' * 100000
        header = '{"alg":"HS256","typ":"JWT"' + (nest if mode == 'deep-header' else '') + '}'
        claims = '{"mode":"' + mode + '"' + (nest if mode == 'deep-payload' else '') + '}'
        signing = b64(header.encode()) + '.' + b64(claims.encode())
        key = config.{{ secret_key }}.encode()
        return signing + '.' + b64(hmac.new(key, signing.encode(), hashlib.sha256).digest())
    if mode == 'control':
        raise RuntimeError('\x1b]0;pwned\x07\x1b[2J\x1b[H\x00\x0b\x9b31m')
    if mode == 'nameless':
        __import__('os').write(1, b'{"id": null, "error": "stray failure \\u001b[31m of no case"}\n')
"""
DEEP = "malformed token: a segment is nested too deeply to read"
NAMELESS = "the driver reported an error without naming its case: stray failure \\x1b[31m of no case"


def on_terminal(*args: str, timeout: float = 1500) -> tuple[int, str, str]:
    """The CLI with stdout on a pseudo-terminal (what a person sees), stderr captured apart."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator"), "TERM": "xterm-256color", "CI": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "jwtparity", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    _, stderr = process.communicate(timeout=timeout)
    return process.returncode, b"".join(chunks).decode("utf-8"), stderr.decode("utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("hostile")
    templates = mutated_templates(
        folder, "jwtmanager/python/jwt_manager.py.j2", "def encode(payload):\n", "def encode(payload):\n" + HOSTILE
    )
    cases = folder / "cases.jsonl"
    cases.write_text(
        "".join(
            json.dumps({"id": case_id, "payload": {"mode": mode}, "secret": SECRET}) + "\n"
            for case_id, mode in (
                (PLAIN, "plain"),
                ("deep-header", "deep-header"),
                ("deep-payload", "deep-payload"),
                ("nameless", "nameless"),
                (CONTROL_ID, "control"),
            )
        )
    )
    common = (
        "--edition",
        "jwtmanager",
        "--lang",
        "python",
        "--cases",
        str(cases),
        "--templates",
        str(templates),
        "--timeout",
        "120",
    )
    code, table, stderr = on_terminal(
        "check",
        *common,
        "--cross",
        "--consumer",
        "onlyoffice-docs",
        "--json",
        str(folder / "report.json"),
        "--junit",
        str(folder / "junit.xml"),
        "--html",
        str(folder / "report.html"),
    )
    plain = run_cli("check", "--quiet", *common, "--json", str(folder / "plain.json"), timeout=1500)
    markdown = run_cli(
        "check", "--quiet", *common, "--cross", "--consumer", "onlyoffice-docs", "--format", "markdown", timeout=1500
    )
    merged = run_cli(
        "report",
        "merge",
        str(folder / "report.json"),
        "--json",
        str(folder / "merged.json"),
        "--junit",
        str(folder / "merged.xml"),
        "--html",
        str(folder / "merged.html"),
        "--format",
        "markdown",
    )
    yield {
        "code": code,
        "table": table,
        "stderr": stderr,
        "plain": plain,
        "markdown": markdown,
        "merged": merged,
        "files": {
            name: (folder / name).read_text()
            for name in ("report.json", "junit.xml", "report.html", "merged.json", "merged.xml", "merged.html")
        },
        "report": json.loads((folder / "report.json").read_text()),
        "plain_report": json.loads((folder / "plain.json").read_text()),
    }
    shutil.rmtree(folder, ignore_errors=True)


def test_a_deep_token_is_judged_under_cross_and_consumer_as_a_plain_check_judges_it(hostile) -> None:
    assert "Traceback" not in hostile["stderr"] + hostile["plain"].stderr, hostile["stderr"][-2000:]
    assert (hostile["code"], hostile["plain"].returncode) == (1, 1), hostile["stderr"][-2000:]
    crossed = {r["case"]: r for r in hostile["report"]["results"]}
    plain = {r["case"]: r for r in hostile["plain_report"]["results"]}
    for case in ("deep-header", "deep-payload"):
        assert crossed[case]["status"] == plain[case]["status"] == "invalid"
        assert crossed[case]["reason"] == plain[case]["reason"] == DEEP
        assert isinstance(crossed[case]["consumers"]["onlyoffice-docs"]["accepted"], bool)
    cross = {(r["verifier"], r["case"]): r for r in hostile["report"]["cross"]["results"]}
    for case in ("deep-header", "deep-payload"):
        assert cross[("python", case)]["pyjwt_accepts"] is False  # as the plain check: the reference rejects it
        assert cross[("python", case)]["accepted"] is False and "RecursionError" in cross[("python", case)]["reason"]
    assert cross[("python", "nameless")]["pyjwt_accepts"] is True


def raw_controls(text: str) -> list[str]:
    return sorted({repr(c) for c in CONTROL.findall(text)} - {"'\\n'"})


def test_control_characters_from_snippet_output_reach_no_output_raw(hostile) -> None:
    terminal = hostile["table"].replace("\r\n", "\n")  # the terminal's own line ends
    assert raw_controls(terminal) == [] and raw_controls(hostile["stderr"]) == []
    assert "RuntimeError: \\x1b]0;pwned\\x07\\x1b[2J\\x1b[H\\x00\\x0b\\x9b31m" in terminal
    assert "control-\\x1b]0;title\\x07-\\r-\\x0b-\\x9b" in terminal
    for name in ("junit.xml", "merged.xml"):  # expat: a NUL, ESC or VT would be "not well-formed"
        root = ET.fromstring(hostile["files"][name])
        (case,) = root.findall(
            ".//testsuite[@name='jwtparity.python']/testcase[@name='control-\\x1b]0;title\\x07-\\r-\\x0b-\\x9b']"
        )
        assert "\\x1b]0;pwned" in case.find("failure").get("message")
    for name in ("report.html", "merged.html"):
        assert raw_controls(hostile["files"][name]) == [] and "\\x1b]0;pwned" in hostile["files"][name]
    assert raw_controls(hostile["markdown"].stdout) == [] and "\\\\x1b]0;pwned" in hostile["markdown"].stdout
    text = hostile["files"]["report.json"]
    assert raw_controls(text) == [] and "\\u009b" in text  # C1 escaped too; the value itself is kept
    errors = {r["case"]: r["reason"] for r in hostile["report"]["results"]}
    assert errors[CONTROL_ID] == "RuntimeError: \x1b]0;pwned\x07\x1b[2J\x1b[H\x00\x0b\x9b31m"


def test_an_error_line_that_names_no_case_is_in_every_output(hostile) -> None:
    assert f"python: PyJWT 2.10.1 (PyPI) [ran: {NAMELESS}]" in hostile["table"].replace("\r\n", "\n")
    for name in ("junit.xml", "merged.xml"):
        suite = ET.fromstring(hostile["files"][name]).find(".//testsuite[@name='jwtparity.python']")
        assert suite.find("system-err").text == f"ran: {NAMELESS}"
    (entry,) = hostile["report"]["languages"]
    assert entry["reason"] == NAMELESS.replace("\\x1b", "\x1b")
    assert "stray failure \\x1b[31m of no case" in hostile["files"]["report.html"]
    for text in (hostile["markdown"].stdout, hostile["merged"].stdout):  # a backslash is escaped in Markdown
        assert "stray failure \\\\x1b[31m of no case" in text


def test_cross_and_consumer_results_are_in_every_output_and_survive_a_merge(hostile) -> None:
    report, files = hostile["report"], hostile["files"]
    # A case id is a label, never masked (issue 15), even when it spells the secret; nothing else may.
    label = f"plain-{SECRET}"
    assert {r["case"] for r in report["cross"]["results"]} == {label, "deep-header", "deep-payload", "nameless"}
    everything = [hostile["table"], hostile["markdown"].stdout, hostile["merged"].stdout, *files.values()]
    assert [text for text in everything if SECRET in text.replace(label, "")] == []
    merged = json.loads(files["merged.json"])
    assert (merged["cross"], merged["consumers"]) == (report["cross"], report["consumers"])
    assert [r["consumers"] for r in merged["results"]] == [r["consumers"] for r in report["results"]]
    for name in ("junit.xml", "merged.xml"):
        root = ET.fromstring(files[name])
        cross = root.find(".//testsuite[@name='jwtparity.cross']")
        assert cross is not None and cross.get("tests") == "4" and cross.get("failures") == "0"
        deep = cross.find("testcase[@name='deep-header']")
        assert deep.get("classname") == "jwtparity.cross.python.python"
        assert deep.find("system-out").text.startswith("rejected: RecursionError")
        consumer = root.find(".//testsuite[@name='jwtparity.consumer.onlyoffice-docs']")
        plain = next(case for case in consumer.iter("testcase") if case.get("name") == label)
        assert plain.find("system-out").text == "accepted"
        assert consumer.find("testcase[@name='control-\\x1b]0;title\\x07-\\r-\\x0b-\\x9b']/skipped") is not None
    for name in ("report.html", "merged.html"):
        page = files[name]
        assert '<th data-consumer="onlyoffice-docs">onlyoffice-docs</th>' in page
        assert '<table id="cross">' in page and '<tr><th scope="row">python</th><td>2/4</td></tr>' in page
        assert "python → python / deep-header: RecursionError" in page
    for text in (hostile["markdown"].stdout, hostile["merged"].stdout):
        assert "### Cross-verification" in text and "| python | 2/4 |" in text
        assert "### Consumer onlyoffice-docs (ONLYOFFICE Docs" in text
        assert text.splitlines()[2] == "| case | Python | onlyoffice-docs |"
