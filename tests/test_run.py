"""`jwtparity run`: raw tokens per language and case, with each library's name, version and source."""

import json
from pathlib import Path

import jwt
import pytest

from tests.conftest import run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]


def test_run_prints_raw_tokens_and_libraries_and_reports_skips(tmp_path: Path, availability: dict[str, str]) -> None:
    cases = tmp_path / "cases.json"
    cases.write_text(
        json.dumps(
            [
                {"id": "a", "payload": {"sub": "x"}, "secret": "first-secret"},
                {"id": "b", "payload": {"n": 1.5}, "secret": "second-secret", "alg": "HS384"},
            ]
        )
    )
    done = run_cli(
        "run",
        "--edition",
        "jwtmanager",
        "--lang",
        "go,cs,py",
        "--cases",
        str(cases),
        "--json",
        str(tmp_path / "raw.json"),
    )
    assert done.returncode == 0, done.stderr
    assert "== go: golang-jwt 4.5.2 (Go module proxy) ran" in done.stdout
    assert "== python: PyJWT 2.10.1 (PyPI) ran" in done.stdout
    raw = {entry["language"]: entry for entry in json.loads((tmp_path / "raw.json").read_text())["languages"]}
    ran = ["go", "python"]
    if availability["csharp"] == "ready":
        assert "== csharp: JWT.NET 10.1.1 (NuGet) ran" in done.stdout
        ran.append("csharp")
    else:
        assert f"== csharp: JWT.NET 10.1.1 (NuGet) skipped: {availability['csharp']}" in done.stdout
        assert raw["csharp"]["status"] == "skipped" and raw["csharp"]["results"] == []
    for language in ran:
        tokens = {r["case"]: r["token"] for r in raw[language]["results"]}
        assert jwt.decode(tokens["a"], "first-secret", algorithms=["HS256"]) == {"sub": "x"}
        assert jwt.decode(tokens["b"], "second-secret", algorithms=["HS384"]) == {"n": 1.5}
    assert "first-secret" not in done.stdout + done.stderr


def test_check_format_json_on_stdout(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "payload": {"sub": "x"}}\n')
    done = run_cli("check", "--quiet", "--lang", "ruby", "--cases", str(cases), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["summary"]["equivalent"] == 1
    assert report["results"][0]["notes"] == ["header has no typ"]


def test_exp_option_adds_an_expiry_the_judge_checks(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "payload": {"sub": "x", "5": "five"}}\n')
    done = run_cli(
        "check",
        "--quiet",
        "--edition",
        "jwtmanager",
        "--exp",
        "--lifetime",
        "120",
        "--lang",
        "java,go,python,ruby,php,node",
        "--cases",
        str(cases),
        "--format",
        "json",
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    report = json.loads(done.stdout)
    expected = {"nodejs": "accepted by policy: $.exp added (exp - iat = 120 s, the configured lifetime)"}
    for result in report["results"]:
        assert result["status"] == "equivalent", result
        note = expected.get(result["language"], "accepted by policy: $.exp added (120 s after the run)")
        assert note in result["notes"], result["notes"]


def test_missing_base_image_is_one_line_and_exit_2(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "payload": {"sub": "x"}}\n')
    done = run_cli("check", "--lang", "python", "--cases", str(cases), "--base-image", "jwtparity-test/absent:1")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "jwtparity: error: base image jwtparity-test/absent:1 is missing: run `jwtparity images bootstrap-base`"
    ]
