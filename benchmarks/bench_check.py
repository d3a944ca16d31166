"""Warm `check` speed: every language x every built-in case, against the bare container baseline.

Usage (after a first check has built the images): python benchmarks/bench_check.py
Prints the baseline (median bare `true` container over the runnable images), the wall time of the whole
warm check (render, image reuse, runs, judging; median of 3) and their ratio, at jobs=1 and jobs=2.
"""

import dataclasses
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generator"))

from benchmarks.common import LOG_DIR, REPEATS, baseline, runnable, setup, timed
from jwtparity.cases import select
from jwtparity.check import check
from jwtparity.languages import all_languages


def main() -> None:
    client, settings, tags = setup()
    cases = select(["all"], None, settings.algorithm)
    for algorithm in sorted({c.alg for c in cases}):  # build the other algorithms' images untimed
        check(client, list(all_languages()), [c for c in cases if c.alg == algorithm][:1], settings, LOG_DIR,
              lambda _l, _m: None)
    base = statistics.median(baseline(client, tags[lang.name]) for lang in runnable(tags))
    print(f"baseline (bare `true` container, median over {len(tags)} images): {base:.3f}s")
    print(f"check: {len(all_languages())} languages x {len(cases)} cases")
    for jobs in (1, 2):
        tuned = dataclasses.replace(settings, jobs=jobs)
        seconds = statistics.median(
            timed(lambda s=tuned: check(client, list(all_languages()), cases, s, LOG_DIR, lambda _l, _m: None))
            for _ in range(REPEATS))
        print(f"jobs={jobs}: {seconds:7.2f}s  = {seconds / base:6.1f}x the baseline")


if __name__ == "__main__":
    main()
