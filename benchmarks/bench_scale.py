"""Scale: `jwtparity check --lang python,go` on 1,000, 10,000 and 100,000 cases, as a user runs it.

Usage (images built or not: a first untimed 10-case check builds them): python benchmarks/bench_scale.py [--max N]
Each size runs the real command line in a fresh process; prints its wall time, its peak memory (the
jwtparity process's own, from wait4) and the ratio of its time to the previous size's and to the
1,000-case baseline timed in the same process. Linear host-side work keeps each tenfold step near 10x
(100,000 cases must take less than 15x the 10,000-case time).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generator"))

from jwtparity.cases.suite import load_suite

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000)
LANGUAGES = "python,go"


def write_cases(path: Path, count: int) -> None:
    """`count` HS256 cases cycling through the default suite's payloads and secrets, distinct ids."""
    pool = [c for c in load_suite("default") if c.alg == "HS256"]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            case = pool[i % len(pool)]
            out.write(
                json.dumps({"id": f"scale-{i}", "payload": case.payload, "secret": case.secret}, ensure_ascii=False)
                + "\n"
            )


def check(cases: Path) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in MiB, exit code) of one `jwtparity check` in its own process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jwtparity",
            "check",
            "--quiet",
            "--lang",
            LANGUAGES,
            "--cases",
            str(cases),
            "--timeout",
            "1800",
            "--format",
            "json",
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"check failed ({code}): {stderr.decode(errors='replace')}")
    return seconds, usage.ru_maxrss // 1024, code


def main() -> None:
    largest = int(sys.argv[sys.argv.index("--max") + 1]) if "--max" in sys.argv else SIZES[-1]
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.jsonl"
        write_cases(warm, 10)
        check(warm)  # builds the images when missing; not timed
        print(f"check --lang {LANGUAGES} (one process per size; time includes start-up, runs and judging)")
        print(f"{'cases':>8} {'wall':>9} {'peak RSS':>9} {'vs previous':>12} {'vs 1,000':>9} {'exit':>5}")
        base = previous = None
        for count in (size for size in SIZES if size <= largest):
            path = Path(folder) / f"cases-{count}.jsonl"
            write_cases(path, count)
            seconds, peak, code = check(path)
            base = base or seconds
            step = f"{seconds / previous:11.1f}x" if previous else f"{'-':>12}"
            print(f"{count:>8,} {seconds:8.1f}s {peak:7d}MB {step} {seconds / base:8.1f}x {code:>5}")
            previous = seconds
            path.unlink()


if __name__ == "__main__":
    main()
