"""The GitHub Action (action.yml and its step scripts under action/), run here as a runner runs them.

Each step script runs in a temporary docs repository (`jwtparity init --templates`, a small cases file,
Python only to stay quick) with GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_WORKSPACE and RUNNER_TEMP
pointing into temporary files, and `jwtparity` on PATH being this checkout's.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import docker
import pytest
import yaml

from tests.conftest import ROOT, run_cli

ACTION = ROOT / "action"
CASES = ['{"id": "sub-only", "payload": {"sub": "x"}}', '{"id": "two-claims", "payload": {"sub": "y", "n": 2}}']
CASE_IDS = ("sub-only", "two-claims")
PYTHON_TEMPLATE = "templates/jwtencode/python/jwt_encode.py.j2"


def docs_repository(folder: Path) -> Path:
    """A docs repository as a user makes one: init with the templates, a cases file, rendered samples."""
    folder.mkdir()
    for args in (("init", "--templates"), ("render",)):
        done = run_cli(*args, cwd=folder)
        assert done.returncode == 0, done.stderr
    (folder / "cases.jsonl").write_text("\n".join(CASES) + "\n")
    return folder


class Runner:
    """What a runner gives a step: the workspace, the summary and output files, a temporary folder."""

    def __init__(self, tmp: Path, workspace: Path) -> None:
        self.workspace = workspace
        self.summary = tmp / "step-summary.md"
        self.output = tmp / "github-output"
        self.temp = tmp / "runner-temp"
        self.temp.mkdir()
        shim = tmp / "bin"  # `jwtparity` on PATH: this checkout's code, as `pip install <action>` would give
        shim.mkdir()
        (shim / "jwtparity").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m jwtparity "$@"\n')
        (shim / "jwtparity").chmod(0o755)
        self.env = {
            **os.environ,
            "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(ROOT / "generator"),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(self.output),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(self.temp),
            "JWTPARITY_ACTION_STATE": str(self.temp / "jwtparity-action"),
            "JWTPARITY_ACTION_PATH": str(ROOT),
        }

    def step(self, script: str, *args: str, **inputs: str) -> subprocess.CompletedProcess[str]:
        """Run action/SCRIPT as the action's step does; `inputs` become INPUT_<NAME> variables."""
        self.output.unlink(missing_ok=True)
        env = {**self.env, **{f"INPUT_{name.upper()}": value for name, value in inputs.items()}}
        shell = "bash" if script == "run-check.sh" else "sh"
        return subprocess.run(
            [shell, str(ACTION / script), *args],
            cwd=self.workspace,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    def outputs(self) -> dict[str, str]:
        lines = self.output.read_text().splitlines()
        pairs = [line.split("=", 1) for line in lines]
        assert all(len(pair) == 2 for pair in pairs), lines
        assert len({name for name, _ in pairs}) == len(pairs), f"an output set twice: {lines}"
        return dict(pairs)


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    return Runner(tmp_path, docs_repository(tmp_path / "docs"))


def images_used(runner: Runner) -> list[str]:
    """The tool's images that the run's containers were created from, as run-check.sh recorded them."""
    lines = (runner.temp / "jwtparity-action" / "images-used").read_text().splitlines()
    return [image for _, image in (line.split() for line in lines) if image.startswith("jwtparity/")]


def matrix_rows(summary: str) -> dict[str, str]:
    """The Markdown matrix's rows: case id -> the row's cells after the case."""
    rows = re.finditer(r"^\| ([a-z-]+) \| (.*) \|$", summary, re.MULTILINE)
    return {m.group(1): m.group(2) for m in rows if m.group(1) in CASE_IDS}


@pytest.mark.docker
@pytest.mark.usefixtures("client")
def test_a_passing_check_fills_the_summary_the_outputs_and_the_reports(runner: Runner) -> None:
    done = runner.step("run-check.sh", editions="jwtencode, jwtmanager", languages="python", cases="cases.jsonl")
    assert done.returncode == 0, done.stderr

    summary = runner.summary.read_text()
    assert summary.count("## jwtparity report") == 2
    assert "Edition: jwtencode" in summary and "Edition: jwtmanager" in summary
    assert "| case | Python |" in summary
    assert matrix_rows(summary) == {"sub-only": "=", "two-claims": "="}

    outputs = runner.outputs()
    reports = Path(outputs.pop("reports-dir"))
    assert outputs == {
        "identical": "4",
        "equivalent": "0",
        "divergent": "0",
        "invalid": "0",
        "error": "0",
        "skipped": "0",
        "known": "0",
        "results": "4",
        "exit-code": "0",
    }
    assert reports == runner.workspace / "jwtparity-reports"
    for edition in ("jwtencode", "jwtmanager"):
        record = json.loads((reports / f"{edition}.json").read_text())
        assert record["summary"]["identical"] == 2
        suites = ET.parse(reports / f"{edition}.xml").getroot()
        assert [case.get("name") for case in suites.iter("testcase")] == ["sub-only", "two-claims"]
        assert "<html" in (reports / f"{edition}.html").read_text()
        assert (reports / f"{edition}.md").read_text() in summary

    # The images the checks ran are recorded for the cache: Python's, of each edition, and they exist.
    used = images_used(runner)
    assert len(set(used)) == 2 and all(tag.startswith("jwtparity/python:") for tag in used), used
    client = docker.from_env()
    for tag in used:
        client.images.get(tag)


@pytest.mark.docker
@pytest.mark.usefixtures("client")
def test_a_sample_signing_with_the_wrong_key_fails_the_step_and_the_outputs_say_so(runner: Runner) -> None:
    template = runner.workspace / PYTHON_TEMPLATE
    text = template.read_text()
    assert "jwt.encode(payload, secret," in text
    template.write_text(text.replace("jwt.encode(payload, secret,", 'jwt.encode(payload, secret + "-wrong",'))

    done = runner.step("run-check.sh", languages="python", cases="cases.jsonl")
    assert done.returncode == 1, done.stderr
    outputs = runner.outputs()
    assert (outputs["invalid"], outputs["identical"], outputs["exit-code"]) == ("2", "0", "1")
    summary = runner.summary.read_text()
    assert matrix_rows(summary) == {"sub-only": "✗", "two-claims": "✗"}
    record = json.loads((Path(outputs["reports-dir"]) / "jwtencode.json").read_text())
    assert {r["status"] for r in record["results"]} == {"invalid"}
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2 and all("file=samples/jwtencode/python/jwt_encode.py" in a for a in annotations)

    # Told it may fail on divergent only, the same check passes: the fail-on input reaches the check.
    done = runner.step("run-check.sh", languages="python", cases="cases.jsonl", fail_on="divergent")
    assert done.returncode == 0, done.stderr
    assert runner.outputs()["exit-code"] == "0"

    # A known finding for one case: counted as known, and the other case still fails the step.
    config = runner.workspace / "jwtparity.toml"
    config.write_text(
        config.read_text() + '\n[[known]]\nlanguage = "python"\nstatus = "invalid"\n'
        'cases = ["two-claims"]\nnote = "signs with the wrong key"\n'
    )
    runner.summary.unlink()
    done = runner.step("run-check.sh", languages="python", cases="cases.jsonl")
    assert done.returncode == 1, done.stderr
    outputs = runner.outputs()
    assert (outputs["invalid"], outputs["known"], outputs["exit-code"]) == ("2", "1", "1")
    assert "**Summary:** 2 invalid (1 known)" in runner.summary.read_text()


@pytest.mark.docker
@pytest.mark.usefixtures("client")
def test_a_check_that_cannot_run_exits_2_and_says_why_in_the_summary(runner: Runner) -> None:
    done = runner.step("run-check.sh", editions="jwtencode", languages="no-such-language")
    assert done.returncode == 2
    assert runner.outputs()["exit-code"] == "2"
    summary = runner.summary.read_text()
    assert "edition jwtencode could not be checked (exit 2)" in summary
    assert "no-such-language" in summary  # the tool's own one line


@pytest.mark.docker
@pytest.mark.usefixtures("client")
def test_the_cache_key_changes_with_what_the_images_are_made_of_and_only_with_that(runner: Runner) -> None:
    def key(**inputs: str) -> str:
        done = runner.step("cache-key.sh", **inputs)
        assert done.returncode == 0, done.stderr
        outputs = runner.outputs()
        assert outputs["key"].startswith(outputs["restore-prefix"])
        return outputs["key"]

    first = key(languages="python")
    assert key(languages="python") == first
    (runner.workspace / "docs").mkdir()
    (runner.workspace / "docs" / "page.md").write_text("# a page the images do not depend on\n")
    assert key(languages="python") == first
    assert key(languages="python,go") != first  # another matrix job keeps its own images

    template = runner.workspace / PYTHON_TEMPLATE
    template.write_text(template.read_text() + "# changed\n")
    changed = key(languages="python")
    assert changed != first
    config = runner.workspace / "jwtparity.toml"
    config.write_text(config.read_text() + '\nalgorithm = "HS384"\n')
    assert key(languages="python") not in (first, changed)


@pytest.mark.docker
@pytest.mark.usefixtures("client")
def test_the_images_saved_for_the_cache_are_those_the_check_used_and_load_back(runner: Runner) -> None:
    tar = runner.temp / "jwtparity-images.tar"
    done = runner.step("save-images.sh", str(tar))  # nothing recorded yet
    assert done.returncode == 0, done.stderr
    assert runner.outputs() == {"saved": "false"} and not tar.exists()

    done = runner.step("run-check.sh", editions="jwtencode", languages="python", cases="cases.jsonl")
    assert done.returncode == 0, done.stderr
    state = runner.temp / "jwtparity-action" / "images-used"
    used = sorted(set(images_used(runner)))
    assert len(used) == 1
    # A tag recorded that no longer exists, and an image that is not one of the tool's, are left out.
    state.write_text(state.read_text() + "0123 jwtparity/python:0000000000000000\n4567 debian:bookworm-slim\n")

    done = runner.step("save-images.sh", str(tar))
    assert done.returncode == 0, done.stderr
    assert runner.outputs() == {"saved": "true"}
    with tarfile.open(tar) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert [tag for image in manifest for tag in image["RepoTags"]] == used

    done = runner.step("load-images.sh", str(tar))
    assert done.returncode == 0, done.stderr
    assert f"Loaded image: {used[0]}" in done.stdout
    done = runner.step("load-images.sh", str(runner.temp / "absent.tar"))
    assert done.returncode == 0 and "no cached jwtparity images" in done.stdout


# ---- action.yml itself ----


def action_yml() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text())


def script_of(step: dict) -> Path | None:
    found = re.search(r"/action/([a-z-]+\.sh)", step.get("run", ""))
    return ACTION / found.group(1) if found else None


def test_action_yml_declares_every_input_its_steps_use_and_passes_every_input_each_script_reads() -> None:
    action = action_yml()
    assert action["runs"]["using"] == "composite"
    declared = set(action["inputs"])
    used = set(re.findall(r"\$\{\{[^}]*?inputs\.([a-z-]+)", (ROOT / "action.yml").read_text()))
    assert used <= declared, used - declared
    assert declared - used == set(), f"declared but never used: {declared - used}"

    scripts = 0
    for step in action["runs"]["steps"]:
        assert ("uses" in step) != ("run" in step), step
        assert "run" not in step or step["shell"] == "bash", f"a composite run step needs its shell: {step}"
        script = script_of(step)
        if script is None:
            continue
        scripts += 1
        assert script.is_file(), script
        env = step.get("env", {})
        for variable in set(re.findall(r"\bINPUT_[A-Z_]+", script.read_text())):
            assert variable in env, f"{script.name} reads {variable}, its step does not pass it"
            name = variable.removeprefix("INPUT_").lower().replace("_", "-")
            assert env[variable] == f"${{{{ inputs.{name} }}}}", (variable, env[variable])
        for variable in ("JWTPARITY_ACTION_STATE", "JWTPARITY_ACTION_PATH"):
            if variable in script.read_text() and not re.search(rf"{variable}:-", script.read_text()):
                assert variable in env, f"{script.name} needs {variable}"
    assert scripts == 4  # cache-key, load-images, run-check and save-images; run-check calls outputs.sh
    assert {p.name for p in ACTION.glob("*.sh")} == {
        "run-check.sh",
        "outputs.sh",
        "cache-key.sh",
        "load-images.sh",
        "save-images.sh",
    }
    assert '"$here/outputs.sh"' in (ACTION / "run-check.sh").read_text()


def test_every_output_of_the_action_is_one_the_check_step_sets() -> None:
    done = subprocess.run(
        ["sh", str(ACTION / "outputs.sh"), "0", "/reports"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GITHUB_OUTPUT": "/dev/stdout"},
    )
    assert done.returncode == 0, done.stderr
    set_by_step = {line.split("=", 1)[0] for line in done.stdout.splitlines()}
    outputs = action_yml()["outputs"]
    assert {name: spec["value"] for name, spec in outputs.items()} == {
        name: f"${{{{ steps.check.outputs.{name} }}}}" for name in set_by_step
    }


def test_the_step_scripts_are_valid_shell() -> None:
    for script in ACTION.glob("*.sh"):
        shell = "bash" if script.read_text().startswith("#!/usr/bin/env bash") else shutil.which("dash") or "sh"
        done = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, (script.name, done.stderr)
