"""Case files read faithfully or refused in one line naming the case and the JSON path; linear selection."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jwt
import pytest

from jwtparity.cases import suite as cases
from jwtparity.errors import ToolError
from jwtparity.judge.policy import Policy
from jwtparity.judge.statuses import DIVERGENT, EQUIVALENT, IDENTICAL, INVALID
from jwtparity.judge.verdict import judge
from tests.conftest import ROOT, run_cli


def test_line_and_paragraph_separators_inside_strings_are_not_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    records = [{"id": "sep\u2028", "payload": {"s": "a\u2028b\u2029c\x85d"}}, {"id": "two", "payload": {}}]
    path.write_text("\r\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\r\n", encoding="utf-8")
    first, second = cases.load_file(path)
    assert (first.id, first.payload, second.id) == ("sep\u2028", {"s": "a\u2028b\u2029c\x85d"}, "two")


def test_payload_reaches_the_driver_as_written(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"id": "n", "payload": {"z": -0, "d": 0.1000000000000000000001, "i": 123456789012345678901234,'
        ' "e": 1E+2, "o": {}, "k": "\\u00e9"}}\n'
    )
    (case,) = cases.load_file(path)
    line = case.driver_line().decode()
    assert (
        '"payload": {"z": -0, "d": 0.1000000000000000000001, "i": 123456789012345678901234, "e": 1E+2, '
        '"o": {}, "k": "é"}' in line
    )
    assert case.payload["i"] == 123456789012345678901234 and json.loads(line)["id"] == "n"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"a": {"b": [1, NaN]}}', "$.a.b[1]: NaN is not JSON"),
        ('{"x": Infinity}', "$.x: Infinity is not JSON"),
        ('{"x": -Infinity}', "$.x: -Infinity is not JSON"),
        ('{"big": 1e400}', "$.big: 1e400 is beyond the range of a double"),
        ('{"a": 1, "a": 2}', "$.a: the key appears twice"),
        ('{"s": "\\ud800"}', "$.s: a lone surrogate (\\ud800)"),
        ('{"\\udfff": 1}', "a lone surrogate (\\udfff)"),
        ('{"n": ' + "9" * 5000 + "}", "$.n: an integer of 5000 digits"),
        ('{"d": ' + "[" * 300 + "]" * 300 + "}", "nested more than 256 levels deep"),
        ('{"d": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply to read"),
    ],
)
def test_values_that_cannot_reach_a_driver_as_written_are_refused(tmp_path: Path, payload: str, message: str) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "ok", "payload": {}}\n{"id": "bad", "payload": ' + payload + "}\n")
    with pytest.raises(ToolError) as caught:
        cases.load_file(path)
    assert message in str(caught.value)
    assert "cases.jsonl:2" in str(caught.value)


def test_lone_surrogate_secret_and_duplicate_field_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "s", "payload": {}, "secret": "k\\udc00ey"}\n')
    with pytest.raises(ToolError, match=r"case 's': field 'secret': a lone surrogate"):
        cases.load_file(path)
    path.write_text('{"id": "s", "payload": {}, "secret": NaN}\n')
    with pytest.raises(ToolError, match="field 'secret' must be a string"):
        cases.load_file(path)
    path.write_text('{"id": "s", "payload": {}, "id": "t"}\n')
    with pytest.raises(ToolError, match="field 'id' appears twice"):
        cases.load_file(path)


@pytest.mark.parametrize(
    "payload",
    [
        '{"x": 1e400}',
        '{"s": "\\ud800"}',
        '{"n": ' + "9" * 5000 + "}",
        '{"d": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"a": 1, "a": 2}',
    ],
)
def test_refused_case_is_one_line_and_exit_2_before_any_docker_work(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "bad", "payload": ' + payload + "}\n")
    done = run_cli("check", "--cases", str(path), "--base-image", "no-such/image:never", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith(f"jwtparity: error: {path}:1: ")
    assert "refused" in done.stderr or "nested too deeply" in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr


def test_fifo_and_unreadable_cases_files_are_one_line_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "cases.fifo"
    os.mkfifo(fifo)
    done = run_cli("run", "--cases", str(fifo), timeout=30)
    assert (done.returncode, done.stderr) == (
        2,
        f"jwtparity: error: cannot read cases file {fifo}: not a regular file\n",
    )
    for args, what in ((("report", "merge", str(fifo)), "report"), (("docs", "sync", str(fifo)), "page")):
        done = run_cli(*args, timeout=30)
        assert (done.returncode, done.stderr) == (
            2,
            f"jwtparity: error: cannot read {what} {fifo}: not a regular file\n",
        )
    folder = tmp_path / "folder"
    folder.mkdir()
    done = run_cli("run", "--cases", str(folder), timeout=30)
    assert done.returncode == 2 and done.stderr.count("\n") == 1


def test_token_with_nan_or_the_secret_in_its_claims() -> None:
    secret = "the-case-secret"
    case = cases.Case("c", {"a": 1}, secret, "HS256")
    signed = jwt.api_jws.encode(b'{"a":NaN}', secret, algorithm="HS256")
    verdict = judge(case, signed, None, Policy())
    assert verdict.status == INVALID and "NaN is not JSON" in verdict.reason
    leaking = jwt.encode({"a": 1, "k": secret}, secret, algorithm="HS256")
    verdict = judge(case, leaking, None, Policy())
    assert (verdict.status, verdict.reason) == (DIVERGENT, "the token carries the secret")
    own = cases.Case("own", {"a": 1, "k": secret}, secret, "HS256")  # the case itself puts it there
    assert judge(own, leaking, None, Policy()).status == IDENTICAL


def test_a_decimal_beyond_a_double_is_judged_against_the_double_every_library_reads(tmp_path: Path) -> None:
    """Issue 15: every double-based library (the reference too) must round it; the spelling is a note."""
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "d", "payload": {"d": 0.1000000000000000000001}, "secret": "k3y-k3y"}\n')
    (case,) = cases.load_file(path)
    rounded = jwt.encode({"d": 0.1}, "k3y-k3y", algorithm="HS256")
    verdict = judge(case, rounded, None, Policy())
    assert verdict.status == IDENTICAL  # the reference rounds it to the same double, and writes it alike
    written = jwt.api_jws.encode(b'{"d":0.10000000000000000000}', "k3y-k3y", algorithm="HS256")
    assert judge(case, written, None, Policy()).status == EQUIVALENT  # the same double, spelled otherwise
    other = jwt.encode({"d": 0.2}, "k3y-k3y", algorithm="HS256")
    assert judge(case, other, None, Policy()).status == DIVERGENT  # another double is another number
    exact = jwt.api_jws.encode(b'{"d":0.1000000000000000000001}', "k3y-k3y", algorithm="HS256")
    assert judge(case, exact, None, Policy()).status != DIVERGENT
    plain = cases.Case("p", {"a": 1}, "k3y-k3y", "HS256")
    assert judge(plain, jwt.encode({"a": 1}, "k3y-k3y", algorithm="HS256"), None, Policy()).status == IDENTICAL


def test_selecting_100000_cases_is_linear(tmp_path: Path) -> None:
    """298 s when ids were counted per id; a subprocess so that a quadratic step fails by its timeout."""
    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"id": "case-{i}", "payload": {{"n": {i}}}}}\n' for i in range(100_000)))
    code = (
        f"from pathlib import Path; from jwtparity.cases import suite as cases; "
        f"print(len(cases.select(None, [Path({str(path)!r})], 'HS256')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT / "generator")},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "100000"
