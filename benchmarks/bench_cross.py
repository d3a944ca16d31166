"""What `--cross` (and `--consumer onlyoffice-docs`) costs: warm check with them, as a ratio to the check without.

Usage (after a first check has built the images): python -m benchmarks.bench_cross
Both are timed in this process over every language and every built-in case (median of 3, jobs=2):
the check alone is the baseline; the cross matrix adds one verifier container per language for all
tokens, the consumer one Node container.
"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generator"))

from benchmarks.common import LOG_DIR, REPEATS, setup, timed
from jwtparity.cases.suite import select
from jwtparity.config.languages import all_languages
from jwtparity.judge import consumers
from jwtparity.judge.check import check
from jwtparity.run.context import RunContext


def main() -> None:
    client, settings, _ = setup()
    cases = select(["all"], None, settings.algorithm)
    languages = list(all_languages())
    profiles = consumers.resolve(["onlyoffice-docs"], settings)
    ctx = RunContext(client, settings, LOG_DIR)
    check(ctx, languages, cases, True, profiles)  # warm, untimed
    variants = {
        "check": (False, []),
        "check --cross": (True, []),
        "check --cross --consumer onlyoffice-docs": (True, profiles),
    }
    times = {}
    for name, (cross, chosen) in variants.items():
        times[name] = statistics.median(
            timed(lambda c=cross, p=chosen: check(ctx, languages, cases, c, p)) for _ in range(REPEATS)
        )
    base = times["check"]
    print(f"{len(languages)} languages x {len(cases)} cases, jobs={settings.jobs}")
    for name, seconds in times.items():
        print(f"{name:<42} {seconds:7.2f}s  = {seconds / base:5.2f}x the check without --cross")


if __name__ == "__main__":
    main()
