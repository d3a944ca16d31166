"""Progress while a check runs: live lines on a terminal, plain lines elsewhere or in CI, nothing with --quiet."""

import json
import os
import pty
import re
import subprocess
import sys
import threading

import pytest

from jwtparity.run.progress import stage_of
from tests.conftest import ROOT, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]


def on_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the CLI with stderr on a pseudo-terminal; what the terminal showed."""
    master, slave = pty.openpty()
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "generator"), "TERM": "xterm", **(env or {})}
    if "CI" not in (env or {}):
        full_env.pop("CI", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "jwtparity", *args],
        cwd=ROOT,
        env=full_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    shown = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the other end closed
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    assert process.wait(timeout=900) == 0
    reader.join(timeout=30)
    os.close(master)
    return shown.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("progress") / "cases.json"
    path.write_text(
        json.dumps([{"id": "a", "payload": {"sub": "x"}}, {"id": "b", "payload": {"sub": "y"}, "alg": "HS512"}])
    )
    return str(path)


def test_a_terminal_gets_one_live_line_per_language_with_its_verdict_counts(cases: str) -> None:
    shown = on_terminal("check", "--lang", "python,go", "--cases", cases)
    assert "\x1b[2K" in shown and "\x1b[1A" in shown  # lines redrawn in place
    final = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.rsplit("\x1b[2K", 1)[-1])  # the last frame, as text
    lines = [line.split() for line in final.splitlines() if line.strip()]
    assert [words[:3] for words in lines] == [["python", "done:", "2"], ["go", "done:", "2"]], final
    assert all(words[-1].endswith("s") and float(words[-1][:-1]) > 0 for words in lines)  # elapsed seconds
    assert "[   0." not in shown  # no plain lines


def test_ci_gets_plain_lines_and_quiet_gets_nothing(cases: str) -> None:
    plain = on_terminal("check", "--lang", "python", "--cases", cases, env={"CI": "true"})
    assert "\x1b[1A" not in plain
    assert any(line.endswith("python   done: 2 identical") for line in plain.splitlines()), plain
    assert on_terminal("check", "--quiet", "--lang", "python", "--cases", cases).strip() == ""
    piped = run_cli("check", "--lang", "python", "--cases", cases)
    assert "python   running 2 cases (all)" in piped.stderr and "\x1b[" not in piped.stderr


def test_build_steps_show_as_steps() -> None:
    assert stage_of("Step 3/12 : RUN apt-get update") == "building 3/12 steps"
    assert stage_of("running 4 cases (all)") == "running 4 cases (all)"
