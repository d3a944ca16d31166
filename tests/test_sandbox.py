"""The sandbox with the real engine: limits hold and no container is ever left behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jwtparity.config.settings import Settings
from jwtparity.run import sandbox
from tests.conftest import OWNER, ROOT, mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftovers")]
BASE = Settings().base_image


def test_stdin_reaches_the_container_and_stdout_comes_back(client) -> None:
    result = sandbox.run(client, BASE, b'{"id": "a"}\n\xc3\xa9\n', sandbox.Limits(timeout=20), ["cat"])
    assert (result.stdout, result.exit_code, result.failure) == (b'{"id": "a"}\n\xc3\xa9\n', 0, None)


def test_container_is_locked_down(client) -> None:
    probe = (
        "id -u; cat /proc/self/status | grep -c NoNewPrivs; touch /x 2>/dev/null || echo ro; "
        "touch /tmp/x && echo tmp-ok; cat /sys/class/net/*/operstate 2>/dev/null | wc -l; "
        "ls /sys/class/net"
    )
    result = sandbox.run(client, BASE, b"", sandbox.Limits(timeout=20), ["sh", "-c", probe])
    lines = result.stdout.decode().split()
    assert lines[0] == "65534"  # not root
    assert "ro" in lines and "tmp-ok" in lines  # read-only root, writable tmpfs
    assert lines[-1] == "lo"  # no network but loopback


def test_a_hanging_driver_is_killed_at_the_timeout(client) -> None:
    started = time.monotonic()
    result = sandbox.run(client, BASE, b"", sandbox.Limits(timeout=3), ["sleep", "600"])
    assert result.timed_out and result.failure == "timed out"
    assert time.monotonic() - started < 15


def test_a_fork_bomb_is_stopped_by_the_process_limit(client) -> None:
    bomb = "b() { b | b & }; b; sleep 2; echo survived"
    result = sandbox.run(client, BASE, b"", sandbox.Limits(timeout=30, pids=64), ["bash", "-c", bomb])
    assert not result.timed_out
    assert b"fork" in result.stderr.lower() or b"resource" in result.stderr.lower()


def test_a_flood_on_stdout_is_cut_at_the_cap(client) -> None:
    result = sandbox.run(client, BASE, b"", sandbox.Limits(timeout=30, max_stdout=1 << 20), ["yes"])
    assert result.output_cut and len(result.stdout) == 1 << 20
    assert result.failure == "output exceeded the cap and was cut"


def test_a_memory_hog_is_killed(client) -> None:
    hog = "head -c 2000000000 /dev/zero | tail > /dev/null"
    result = sandbox.run(client, BASE, b"", sandbox.Limits(timeout=60, memory="64m"), ["sh", "-c", hog])
    assert result.exit_code not in (0, None)


def test_stderr_is_kept_apart_and_capped(client) -> None:
    noisy = "yes err | head -c 500000 >&2; echo out"
    result = sandbox.run(client, BASE, b"", sandbox.Limits(timeout=30, max_stderr=1000), ["sh", "-c", noisy])
    assert result.stdout == b"out\n" and len(result.stderr) == 1000


def running(client) -> list[dict]:
    return client.api.containers(filters={"label": f"{sandbox.OWNER_LABEL}={OWNER}", "status": "running"})


def hanging_check(client, tmp_path: Path, timeout: int) -> subprocess.Popen[str]:
    """A check whose Python snippet sleeps, once its container runs."""
    templates = mutated_templates(
        tmp_path,
        "jwtmanager/python/jwt_manager.py.j2",
        "def encode(payload):\n",
        "def encode(payload):\n    __import__('time').sleep(600)\n",
    )
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "payload": {"x": 1}}\n')
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jwtparity",
            "check",
            "--edition",
            "jwtmanager",
            "--lang",
            "python",
            "--cases",
            str(cases),
            "--templates",
            str(templates),
            "--timeout",
            str(timeout),
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while not running(client) and time.monotonic() < deadline:
        time.sleep(0.1)  # the image builds, then the driver's container starts
    assert running(client), "the container never started"
    return process


def test_ctrl_c_during_a_check_removes_the_container(client, tmp_path: Path) -> None:
    process = hanging_check(client, tmp_path, 600)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in stderr


@pytest.mark.parametrize("first", [signal.SIGINT, signal.SIGTERM])
def test_two_signals_in_quick_succession_still_remove_the_container(client, tmp_path: Path, first) -> None:
    process = hanging_check(client, tmp_path, 600)
    process.send_signal(first)
    time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr.strip().splitlines()[-1]) == (130, "jwtparity: interrupted"), stderr
    assert "Traceback" not in stderr


def test_a_killed_run_leaves_a_container_that_ends_itself_and_the_next_run_removes(client, tmp_path: Path) -> None:
    process = hanging_check(client, tmp_path, 4)
    (left,) = running(client)
    process.kill()
    process.wait(timeout=30)
    deadline = float(left["Labels"][sandbox.DEADLINE_LABEL])
    assert deadline <= time.time() + 4 + sandbox.SELF_DEADLINE_GRACE + 1
    while running(client) and time.time() < deadline + 15:
        time.sleep(0.5)
    assert not running(client), "the container outlived its own deadline"
    assert sandbox.leftover_containers(client, OWNER) == [left["Id"]]  # ended, not yet removed
    while time.time() <= deadline:
        time.sleep(0.2)
    done = run_cli("run", "--lang", "python", "--cases", str(tmp_path / "cases.jsonl"), "--timeout", "30")
    assert (
        f"removed 1 stale jwtparity container(s) left by an earlier run that was killed: {left['Id'][:12]}"
        in done.stderr
    ), done.stderr
    assert sandbox.leftover_containers(client, OWNER) == []
