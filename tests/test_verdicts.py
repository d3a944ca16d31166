"""A green check means every language ran and passed (issue 15), with the real engine and libraries.

Nothing is skipped silently: a language that could not run fails unless the project allows it; only an
unreachable registry is an unavailability, a wrong pin is an error; known findings are shown, do not
fail, and fail once they no longer occur; labels are never masked as secrets; numbers that denote the
same double are equivalent.
"""

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import ROOT, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]


def project(tmp_path: Path, config: str = "") -> Path:
    """A throwaway docs project (its own logs and remembered unavailability) with `config`."""
    root = tmp_path / "docs"
    root.mkdir()
    (root / "jwtparity.toml").write_text('edition = "jwtmanager"\n' + config)
    return root


def cases_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(line + "\n" for line in lines))
    return path


def python_overlay(root: Path, file: str, old: str, new: str) -> None:
    """The project's harness overlay: one built-in Python harness file with one edit (which must apply)."""
    text = (ROOT / "harness" / "python" / file).read_text()
    assert old in text
    (root / "harness" / "python").mkdir(parents=True, exist_ok=True)
    (root / "harness" / "python" / file).write_text(text.replace(old, new))


def check(root: Path, *args: str) -> tuple[int, dict, str]:
    done = run_cli("check", "--quiet", "--json", str(root / "report.json"), *args, cwd=root, timeout=1500)
    report = json.loads((root / "report.json").read_text()) if (root / "report.json").exists() else {}
    (root / "report.json").unlink(missing_ok=True)
    return done.returncode, report, done.stdout + done.stderr


def test_a_wrong_pin_is_an_error_of_its_language_not_a_skip(tmp_path: Path) -> None:
    root = project(tmp_path)
    python_overlay(root, "language.toml", 'version = "2.10.1"', 'version = "9.9.9"')  # the one place it is pinned
    cases = cases_file(tmp_path, '{"id": "a", "payload": {"sub": "x"}}')
    code, report, output = check(root, "--lang", "python", "--cases", str(cases))
    (entry,) = report["languages"]
    assert (code, entry["status"]) == (1, "failed"), output
    assert "PyJWT 9.9.9 could not be fetched from PyPI" in entry["reason"], entry["reason"]  # the recipe's words
    assert "PyJWT==9.9.9" in entry["reason"], entry["reason"]  # the registry's cause line
    assert [r["status"] for r in report["results"]] == ["error"]
    assert not (root / ".jwtparity" / "unavailable").exists()  # an error is not remembered


def test_an_unreachable_registry_is_unavailable_and_fails_unless_allowed(tmp_path: Path) -> None:
    root = project(tmp_path)
    python_overlay(
        root,
        "Dockerfile",
        "pip install --break-system-packages",
        "pip install --retries 1 --index-url http://127.0.0.1:9/simple --break-system-packages",
    )
    cases = cases_file(tmp_path, '{"id": "a", "payload": {"sub": "x"}}')
    code, report, output = check(root, "--lang", "python,go", "--cases", str(cases))
    python = next(e for e in report["languages"] if e["language"] == "python")
    assert (code, python["status"], python["allowed"]) == (1, "skipped", False), output
    assert "could not be reached" in python["reason"] and "refused" in python["reason"].lower()
    assert "check failed: python could not run" in output
    assert next(r for r in report["results"] if r["language"] == "python")["status"] == "error"

    code, report, output = check(root, "--lang", "python,go", "--cases", str(cases), "--allow-unavailable", "py")
    python = next(e for e in report["languages"] if e["language"] == "python")
    assert (code, python["allowed"]) == (0, True), output
    assert next(r for r in report["results"] if r["language"] == "python")["status"] == "skipped"
    assert "python / every case: skipped (allowed)" in output
    assert (root / ".jwtparity" / "unavailable").is_dir()  # remembered: an unreachable registry

    code, _, output = check(root, "--lang", "python", "--cases", str(cases), "--allow-unavailable", "python")
    assert code == 1 and "no language ran" in output, output  # nothing checked is never green


def test_csharp_alone_fails_unless_allowed(tmp_path: Path, availability: dict[str, str]) -> None:
    root = project(tmp_path)
    cases = cases_file(tmp_path, '{"id": "a", "payload": {"sub": "x"}}')
    code, report, output = check(root, "--lang", "csharp", "--cases", str(cases))
    if availability["csharp"] == "ready":
        assert code == 0 and report["languages"][0]["status"] == "ran", output
        return
    assert code == 1 and "check failed: csharp could not run" in output, output
    assert "NuGet" in report["languages"][0]["reason"]
    code, report, output = check(root, "--lang", "csharp", "--cases", str(cases), "--allow-unavailable", "c#")
    assert code == 1 and "no language ran" in output  # allowed, but nothing at all was checked


BROWSER_CASES = (
    '{"id": "unicode-text", "payload": {"title": "Отчёт 报告"}}',
    '{"id": "plain", "payload": {"sub": "x"}}',
)


def test_a_known_finding_is_shown_does_not_fail_and_fails_once_it_no_longer_occurs(tmp_path: Path) -> None:
    cases = cases_file(tmp_path, *BROWSER_CASES)
    args = ("--edition", "jwtencode", "--lang", "javascript", "--cases", str(cases))
    root = project(tmp_path)
    code, report, output = check(root, *args, "--write-known", str(tmp_path / "known.toml"))
    assert code == 1 and [r["status"] for r in report["results"]] == ["error", "equivalent"], output
    written = (tmp_path / "known.toml").read_text()
    assert 'language = "javascript"' in written and 'cases = ["unicode-text"]' in written

    (root / "jwtparity.toml").write_text('edition = "jwtmanager"\n' + written.split("\n", 1)[1])
    code, report, output = check(root, *args, "--junit", str(root / "junit.xml"))
    assert code == 0, output
    known = report["results"][0]
    assert known["status"] == "error" and "btoa" in known["known"]
    assert "!*" in output.splitlines()[1] and "Known: javascript / unicode-text" in output
    junit = ET.parse(root / "junit.xml").getroot()
    assert junit.find(".//testcase[@name='unicode-text']/skipped").get("message").startswith("known finding")

    stale = written.replace('cases = ["unicode-text"]', 'cases = ["unicode-text", "plain"]')
    (root / "jwtparity.toml").write_text('edition = "jwtmanager"\n' + stale.split("\n", 1)[1])
    code, report, output = check(root, *args)
    assert code == 1 and "known finding no longer occurs: javascript / plain (error)" in output, output

    (root / "jwtparity.toml").write_text('edition = "jwtmanager"\n')  # the entry removed: red again
    assert check(root, *args)[0] == 1


def test_a_secret_that_is_an_ordinary_word_masks_no_label(tmp_path: Path) -> None:
    """Secrets `secret`, `error`, `python` and one equal to another case's id: every id, status and
    language stays as it is in the table, JSON, JUnit, Markdown and HTML."""
    root = project(tmp_path)
    cases = cases_file(
        tmp_path,
        '{"id": "h-secret-unicode", "payload": {"sub": "x"}}',
        '{"id": "plain", "payload": {"sub": "y"}, "secret": "secret"}',
        '{"id": "word", "payload": {"sub": "z"}, "secret": "python"}',
        '{"id": "same", "payload": {"sub": "w"}, "secret": "plain"}',
    )
    done = run_cli(
        "check",
        "--quiet",
        "--lang",
        "python",
        "--cases",
        str(cases),
        "--json",
        str(root / "r.json"),
        "--junit",
        str(root / "j.xml"),
        "--html",
        str(root / "r.html"),
        cwd=root,
        timeout=1500,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((root / "r.json").read_text())
    assert [(r["language"], r["case"], r["status"]) for r in report["results"]] == [
        ("python", case, "identical") for case in ("h-secret-unicode", "plain", "word", "same")
    ]
    assert any("labels" in note for note in report["redaction"])
    for text in (done.stdout, (root / "j.xml").read_text(), (root / "r.html").read_text()):
        assert "h-secret-unicode" in text and "***" not in text
    markdown = run_cli("report", "merge", str(root / "r.json"), "--format", "markdown", cwd=root)
    assert "| h-secret-unicode | = |" in markdown.stdout and "| Python | PyJWT |" in markdown.stdout
    assert "***" not in markdown.stdout


def test_java_spelling_of_the_smallest_double_is_equivalent(tmp_path: Path) -> None:
    root = project(tmp_path)
    cases = cases_file(
        tmp_path,
        '{"id": "tiny", "payload": {"d": 5e-324}}',
        '{"id": "pi", "payload": {"pi": 3.14159265358979323846264338327950288}}',
    )
    code, report, output = check(root, "--lang", "java,python", "--cases", str(cases))
    status = {(r["language"], r["case"]): r for r in report["results"]}
    assert status["java", "tiny"]["status"] == "equivalent", status["java", "tiny"]
    assert any("4.9E-324" in note for note in status["java", "tiny"]["notes"])
    assert status["python", "tiny"]["status"] == "identical"
    assert status["java", "pi"]["status"] in ("identical", "equivalent"), status["java", "pi"]
    assert "double" in report["case_notes"]["pi"][0] and "Case pi:" in output
    assert code == 0, output


def test_a_refused_case_file_names_every_refused_case(tmp_path: Path) -> None:
    cases = cases_file(
        tmp_path,
        '{"id": "a", "payload": {"x": NaN}}',
        '{"id": "ok", "payload": {}}',
        '{"id": "b", "payload": {"y": {"z": 1e999}}}',
        '{"id": "c", "payload": {"q": "\\ud800"}}',
    )
    done = run_cli("check", "--cases", str(cases), cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "3 cases refused" in done.stderr
    for line, path in ((1, "$.x"), (3, "$.y.z"), (4, "$.q")):
        assert f"cases.jsonl:{line}: " in done.stderr and path in done.stderr


def test_the_repository_check_is_green_with_its_finding_known(tmp_path: Path) -> None:
    """This repository's config records the browser finding: the live edition's check passes and shows it."""
    shutil.copy(ROOT / "jwtparity.toml", tmp_path / "jwtparity.toml")
    done = run_cli(
        "check",
        "--quiet",
        "--edition",
        "jwtencode",
        "--lang",
        "javascript",
        "--json",
        str(tmp_path / "r.json"),
        cwd=ROOT,
        timeout=1500,
    )
    report = json.loads((tmp_path / "r.json").read_text())
    assert done.returncode == 0, done.stderr
    assert [r["case"] for r in report["results"] if r.get("known")] == ["unicode-text"]
