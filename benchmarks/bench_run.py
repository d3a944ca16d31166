"""Run-stage speed: each language's container with 10 and with 1,000 cases, against a bare `true` start.

Usage (images built or not; building is not timed): python benchmarks/bench_run.py
Prints, per language, the baseline (median of 3 bare `true` containers in that image), the wall time of
one driver container for 10 and for 1,000 cases (median of 3), and the ratios to the baseline.
"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generator"))

from benchmarks.common import REPEATS, baseline, runnable, setup
from jwtparity.cases.suite import Case, load_suite
from jwtparity.run import sandbox
from jwtparity.run.protocol import parse_output


def make_cases(count: int) -> list[Case]:
    """`count` HS256 cases cycling through the default suite's payloads and secrets."""
    pool = [c for c in load_suite("default") if c.alg == "HS256"]
    return [Case(f"bench-{i}", pool[i % len(pool)].payload, pool[i % len(pool)].secret, "HS256") for i in range(count)]


def main() -> None:
    client, settings, tags = setup()
    limits = sandbox.Limits(timeout=settings.timeout)
    print(
        f"{'language':<8} {'bare true':>10} {'10 cases':>10} {'ratio':>7} {'1000 cases':>11} {'ratio':>7} "
        f"{'ms/case':>8}"
    )
    for language in runnable(tags):
        tag = tags[language.name]
        base = baseline(client, tag)
        row = [f"{language.name:<8}", f"{base:9.3f}s"]
        for count in (10, 1000):
            cases = make_cases(count)
            stdin = b"".join(c.driver_line() for c in cases)
            results = [sandbox.run(client, tag, stdin, limits) for _ in range(REPEATS)]
            for result in results:
                parsed = parse_output(result, cases)
                assert not parsed.note and all(o.token for o in parsed.outcomes.values()), (language.name, parsed.note)
            seconds = statistics.median(r.seconds for r in results)
            row += [f"{seconds:9.3f}s", f"{seconds / base:6.1f}x"]
            if count == 1000:
                row.append(f"{(seconds - base) * 1000 / count:7.2f}")
        print(" ".join(row))
    print(
        f"# wall times; baseline: median of {REPEATS} `true` containers per image with the same sandbox; "
        f"runs: median of {REPEATS}; ms/case: (1000-case run - baseline) / 1000"
    )


if __name__ == "__main__":
    main()
