"""The driver output is checked line by line: forged, repeated and unordered results fail the language."""

import json

import jwt

from jwtparity.cases.suite import Case
from jwtparity.run.protocol import parse_output
from jwtparity.run.sandbox import Limits, RunResult, stdout_cap

SECRET = 'a-secret\\with"quotes'
CASES = [Case(f"c{i}", {"n": i}, SECRET, "HS256") for i in range(3)]


def good(case: Case) -> str:
    return json.dumps({"id": case.id, "token": jwt.encode(case.payload, SECRET, algorithm="HS256")})


def output(*lines: str, **fields: object) -> RunResult:
    return RunResult(("\n".join(lines) + "\n").encode(), b"", 0, **fields)  # type: ignore[arg-type]


def test_in_order_lines_give_every_outcome() -> None:
    parsed = parse_output(output(*(good(c) for c in CASES)), CASES)
    assert (parsed.violation, parsed.note) == ("", "")
    assert all(parsed.outcomes[c.id].token for c in CASES)


def test_line_separators_inside_strings_are_not_line_breaks() -> None:
    cases = [Case("a\u2028b\u2029c\x85d", {}, SECRET, "HS256"), Case("two", {}, SECRET, "HS256")]
    lines = [
        json.dumps({"id": cases[0].id, "error": "bad\u2028thing"}, ensure_ascii=False),
        json.dumps({"id": "two", "token": "t"}) + "\r",
    ]
    parsed = parse_output(output(*lines), cases)
    assert parsed.outcomes[cases[0].id].error == "bad\u2028thing"
    assert parsed.outcomes["two"].token == "t" and parsed.note == ""


def test_forged_result_for_another_case_is_a_violation() -> None:
    forged = good(CASES[1])  # written by the snippet while case c0 was signing
    parsed = parse_output(
        output(forged, good(CASES[0]), json.dumps({"id": "c1", "error": "boom"}), good(CASES[2])), CASES
    )
    assert "protocol violation" in parsed.violation and "out of the input order" in parsed.violation
    assert all("protocol violation" in (o.error or "") for o in parsed.outcomes.values())


def test_second_and_unknown_results_are_violations() -> None:
    twice = parse_output(output(good(CASES[0]), good(CASES[0])), CASES)
    assert "second result for case 'c0'" in twice.violation
    unknown = parse_output(output(json.dumps({"id": "nope", "token": "x"})), CASES)
    assert "a case it was not given" in unknown.violation


def test_error_without_a_case_is_shown_not_lost() -> None:
    parsed = parse_output(
        output(json.dumps({"id": None, "error": "SyntaxError: Unexpected token I"}), good(CASES[1]), good(CASES[2])),
        CASES,
    )
    assert parsed.violation == ""
    assert "without naming its case: SyntaxError: Unexpected token I" in parsed.note
    assert "SyntaxError: Unexpected token I" in (parsed.outcomes["c0"].error or "")


def test_stray_lines_and_cut_output_never_show_a_secret() -> None:
    escaped = json.dumps(SECRET)[1:-1]
    stray = "x" * 70 + escaped  # cut at 80 characters: only the head of the secret would remain
    cut = output(stray, good(CASES[0]), '{"id": "c1", "token": "' + SECRET[:6], output_cut=True, stdout_cap=99)
    parsed = parse_output(cut, CASES)
    assert SECRET[:4] not in parsed.note and escaped[:4] not in parsed.note and "***" in parsed.note
    assert "exceeded the cap of 99 bytes and was cut after 1 of 3 results" in parsed.note


def test_stdout_cap_grows_with_the_input_and_its_cases() -> None:
    limits = Limits()
    assert stdout_cap(limits, b"") == limits.max_stdout
    fifty_megabytes = b"".join(b'{"id": "%d", "payload": {"x": "%s"}}\n' % (i, b"y" * 5000) for i in range(9898))
    assert stdout_cap(limits, fifty_megabytes) >= limits.max_stdout + 4 * len(fifty_megabytes) + 4096 * 9898
