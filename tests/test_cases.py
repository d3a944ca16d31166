"""Case files: both formats, defaults from the settings, errors that name the line and the field."""

import json
from pathlib import Path

import pytest

from jwtparity.cases import suite as cases
from jwtparity.errors import ToolError
from tests.conftest import run_cli


def test_json_array_and_json_lines_give_the_same_cases(tmp_path: Path) -> None:
    records = [{"id": "a", "payload": {"x": 1}}, {"id": "b", "payload": {"y": "é"}, "secret": "k", "alg": "HS512"}]
    array, lines = tmp_path / "a.json", tmp_path / "b.jsonl"
    array.write_text(json.dumps(records))
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\n\n")
    assert cases.load_file(array) == cases.load_file(lines)
    first, second = cases.load_file(array, default_alg="HS384")
    assert (first.secret, first.alg) == (cases.DEFAULT_SECRET, "HS384")
    assert (second.secret, second.alg) == ("k", "HS512")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": "a", "payload": {}}\n{"id": "b", "payload": [1]}\n', "cases.jsonl:2: field 'payload' must be"),
        ('{"id": "a", "payload": {}}\n{"id": "b", "payload": {}, "alg": "RS256"}\n', "cases.jsonl:2: field 'alg'"),
        ('{"id": "", "payload": {}}\n', "cases.jsonl:1: field 'id'"),
        ('{"id": "a", "payload": {}, "secret": 42}\n', "cases.jsonl:1: field 'secret' must be a string"),
        ('{"id": "a", "payload": {}, "extra": 1}\n', "cases.jsonl:1: unknown field 'extra'"),
        ('{"id": "a", "payload": {}}\n{"id": "a", "payload": {}}\n', "case id 'a' appears twice"),
        ('{"id": "a", "payload": {}}\n{"id": "b", payload}\n', "cases.jsonl:2: not valid JSON"),
        ("[1, 2]", "cases.jsonl:1: a case must be a JSON object"),
        ("", "no cases"),
    ],
)
def test_malformed_case_files_name_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(text)
    with pytest.raises(ToolError) as caught:
        cases.load_file(path)
    assert message in str(caught.value)


def test_malformed_cases_file_on_the_command_line_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text('[{"id": "a", "payload": "not an object"}]')
    for command in ("run", "check"):
        done = run_cli(command, "--cases", str(path))
        assert done.returncode == 2
        assert "cases.json:1: field 'payload' must be a JSON object" in done.stderr
        assert done.stderr.count("\n") == 1


def test_builtin_suites() -> None:
    assert {"default", "edge"} <= set(cases.suites())
    default = cases.load_suite("default")
    ids = {c.id for c in default}
    assert {
        "editor-config",
        "command-service",
        "hs384-editor-config",
        "hs512-command",
        "short-secret",
        "long-secret",
        "non-ascii-secret",
        "unicode-text",
        "url-and-markup",
    } <= ids
    assert {c.alg for c in default} == {"HS256", "HS384", "HS512"}
    edge = {c.id for c in cases.load_suite("edge")}
    assert {
        "floats",
        "int-2-53",
        "int-2-63",
        "null-and-booleans",
        "empty-containers",
        "control-characters",
        "key-order",
        "integer-like-keys",
    } <= edge
    assert len(cases.select(["all"], None, "HS256")) == len(default) + len(edge)
    with pytest.raises(ToolError, match="unknown suite"):
        cases.select(["nope"], None, "HS256")


def test_files_alone_replace_the_default_suite_unless_a_suite_is_named(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text('{"id": "mine", "payload": {"a": 1}}\n')
    assert [c.id for c in cases.select(None, [path], "HS256")] == ["mine"]
    both = cases.select(["default"], [path], "HS256")
    assert both[-1].id == "mine" and len(both) > 1


def test_driver_line_is_utf8_json_with_big_numbers_exact() -> None:
    case = cases.Case("x", {"n": 2**64, "f": 1.0, "s": "é\u2028"}, "k", "HS256")
    line = case.driver_line()
    assert line.endswith(b"\n") and b"18446744073709551616" in line and b"1.0" in line
    assert json.loads(line) == {"id": "x", "payload": case.payload, "secret": "k", "alg": "HS256"}
