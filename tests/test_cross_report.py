"""The `--cross` and `--consumer` parts of the table, rendered from a record; the tool-output parser."""

import json

import pytest

from jwtparity.cases import suite as cases
from jwtparity.errors import ToolError
from jwtparity.report import table as report
from jwtparity.run.sandbox import RunResult
from jwtparity.run.tools import parse_answers


def cell(
    signer: str,
    verifier: str,
    case: str,
    accepted: bool | None,
    reason: str = "",
    finding: str = "",
    claims_equal: bool | None = True,
) -> dict:
    return {
        "signer": signer,
        "verifier": verifier,
        "case": case,
        "accepted": accepted,
        "reason": reason,
        "claims_equal": claims_equal if accepted else None,
        "pyjwt_accepts": True,
        "finding": finding,
    }


def record() -> dict:
    base = {
        "reference": {"library": "PyJWT", "version": "2"},
        "languages": [
            {
                "language": lang,
                "library": "l",
                "version": "1",
                "source": "s",
                "status": "skipped" if lang == "cs" else "ran",
                "reason": "no registry" if lang == "cs" else "",
            }
            for lang in ("cs", "py", "js")
        ],
        "summary": {"identical": 4},
    }
    results = []
    for lang in ("cs", "py", "js"):
        for case in ("a", "late"):
            token = None if lang == "cs" else "t"
            verdict = (
                {"accepted": None, "reason": "no token to judge"}
                if token is None
                else {"accepted": case == "a", "reason": "" if case == "a" else "token: jwt not active"}
            )
            results.append(
                {
                    "language": lang,
                    "case": case,
                    "status": "skipped" if lang == "cs" else "identical",
                    "token": token,
                    "reason": "",
                    "consumers": {"docs": verdict},
                }
            )
    base["results"] = results
    base["consumers"] = [
        {
            "name": "docs",
            "display": "Docs",
            "rules": "the rules",
            "sources": [],
            "language": "js",
            "library": "jsonwebtoken",
            "version": "9",
            "status": "ran",
            "reason": "",
        }
    ]
    base["cross"] = {
        "signers": ["cs", "py", "js"],
        "verifiers": [
            {
                "language": "cs",
                "library": "l",
                "version": "1",
                "source": "s",
                "status": "skipped",
                "reason": "no registry",
            },
            {"language": "py", "library": "l", "version": "1", "source": "s", "status": "ran", "reason": ""},
            {"language": "js", "library": "l", "version": "1", "source": "s", "status": "ran", "reason": ""},
        ],
        "results": [
            cell(s, v, c, True)
            for s in ("py", "js")
            for v in ("py", "js")
            for c in ("a", "late")
            if (s, v, c) != ("py", "js", "late")
        ]
        + [cell("py", "js", "late", False, "invalid signature")],
    }
    base["cross"]["results"][0] = cell(
        "py", "py", "a", True, finding="py reads the claims otherwise: $.n", claims_equal=False
    )
    return base


def test_the_consumer_column_counts_accepted_tokens_and_skips_cases_without_tokens() -> None:
    lines = report.table(record()).splitlines()
    assert lines[0].split() == ["case", "cs", "py", "js", "docs"]
    assert lines[1].split()[-1] == "2/2" and lines[2].split()[-1] == "0/2"
    text = "\n".join(lines)
    assert "rejects late from py, js: token: jwt not active" in text


def test_the_cross_table_has_accepted_over_total_per_signer_and_verifier() -> None:
    lines = report.table(record()).splitlines()
    start = lines.index("Cross-verification (tokens accepted / tokens verified; rows sign, columns verify):")
    assert lines[start + 1].split() == ["signer", "\\", "verifier", "cs", "py", "js"]
    assert lines[start + 2].split() == ["cs", "-", "-", "-"]
    assert lines[start + 3].split() == ["py", "-", "2/2", "1/2"]
    assert lines[start + 4].split() == ["js", "-", "2/2", "2/2"]
    text = "\n".join(lines)
    assert "  py → js / late: invalid signature [the reference signature check accepts it]" in text
    assert "  py → py / a: py reads the claims otherwise: $.n" in text
    assert "cs: l 1 (s) [skipped: no registry]" in text


def test_without_cross_or_consumers_the_table_is_unchanged() -> None:
    plain = record()
    del plain["cross"], plain["consumers"]
    for result in plain["results"]:
        del result["consumers"]
    text = report.table(plain)
    assert "Cross-verification" not in text and "Consumer" not in text
    assert text.splitlines()[0].split() == ["case", "cs", "py", "js"]


def test_tool_output_lines_end_at_newline_only_so_claims_may_hold_line_separators() -> None:
    line = json.dumps({"id": "x", "accepted": True, "claims": {"s": "a\u2028b\u2029c", "n": 1.0}}, ensure_ascii=False)
    answers, problems = parse_answers(RunResult((line + "\n").encode(), b"", 0))
    assert problems == []
    assert answers["x"]["claims"]["s"] == "a\u2028b\u2029c"
    assert answers["x"]["claims"]["n"].text == "1.0"  # numbers keep their spelling


def test_tool_output_outside_the_protocol_is_reported_not_trusted() -> None:
    out = b'{"id": "x", "accepted": "yes"}\nnot json\n{"id": "y", "accepted": false, "reason": "r"}\n'
    answers, problems = parse_answers(RunResult(out, b"boom", 3))
    assert list(answers) == ["y"]
    assert problems[0] == "the container exited with code 3; stderr: boom"
    assert len(problems) == 3


def test_a_case_use_must_be_a_known_one() -> None:
    good = cases.parse('{"id": "c", "use": "editor-config", "payload": {}}', "f")
    assert good[0].use == "editor-config"
    with pytest.raises(ToolError, match=r"^f:1: field 'use' must be one of editor-config, not 'browser'$"):
        cases.parse('{"id": "c", "use": "browser", "payload": {}}', "f")
