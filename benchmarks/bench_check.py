"""Warm `check` speed against its floor, for every edition of the samples; optionally the cold first run.

Usage, from the checkout (a first, untimed check builds whatever image is missing):
    python benchmarks/bench_check.py [--suite default] [--repeats 5] [--jobs N] [--cold]

Floor: one bare `true` container per runnable language image, through the same sandbox as every run,
`jobs` at a time, timed in this process through the docker SDK. Warm: `check` of every language on
the suite (render, image reuse, runs, judging), in this process. Floor and check alternate (paired
runs); the medians and their ratio are printed, with each language's median seconds.

--cold: the time to a full report with the base image present and no language image. The images are
built under a throwaway CA bundle (the system bundle behind a comment line naming this moment), which
changes every digest, so nobody's images are touched or reused; the bench removes the images it built.
"""

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generator"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

import docker

from benchmarks.common import LOG_DIR
from jwtparity.cases.suite import Case, select
from jwtparity.config.languages import Language
from jwtparity.config.project import find
from jwtparity.config.settings import Settings, load
from jwtparity.judge.check import check
from jwtparity.run import engine, images, sandbox
from jwtparity.run.context import RunContext


def quiet(_language: str, _message: str) -> None:
    return None


def editions(settings: Settings) -> list[tuple[str, Settings]]:
    """Each edition the project lists, by name, with the settings working on it."""
    return [(name, settings.for_edition(name)) for name in settings.editions]


def ready_images(client: docker.DockerClient, settings: Settings, cases: list[Case]) -> dict[str, str]:
    """One ready image per runnable language (the one of its first case's algorithm)."""
    tags = {}
    for language in settings.languages:
        outcome = images.ensure_image(RunContext(client, settings, LOG_DIR), language, cases[0].alg)
        if outcome.status == "ready" and outcome.tag:
            tags[language.name] = outcome.tag
    return tags


def floor(client: docker.DockerClient, tags: list[str], jobs: int) -> float:
    """Wall time of one bare `true` container per image, `jobs` at a time, through the sandbox."""
    limits = sandbox.Limits()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        started = time.perf_counter()
        list(pool.map(lambda tag: sandbox.run(client, tag, b"", limits, ["true"]), tags))
        return time.perf_counter() - started


def warm_check(
    client: docker.DockerClient, languages: list[Language], cases: list[Case], settings: Settings
) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    record = check(RunContext(client, settings, LOG_DIR, quiet), languages, cases)
    return time.perf_counter() - started, record


def bench_edition(client: docker.DockerClient, name: str, settings: Settings, suite: str, repeats: int) -> None:
    cases = select([suite], None, settings.algorithm)
    languages = list(settings.languages)
    warm_check(client, languages, cases, settings)  # builds what is missing, untimed
    tags = list(ready_images(client, settings, cases).values())
    floors, checks, per_language = [], [], {}
    for _ in range(repeats):
        floors.append(floor(client, tags, settings.jobs))
        seconds, record = warm_check(client, languages, cases, settings)
        checks.append(seconds)
        for entry in record["languages"]:
            per_language.setdefault(entry["display"], []).append(entry["seconds"])
    base, seconds = statistics.median(floors), statistics.median(checks)
    print(
        f"[{name}] suite {suite}: {len(languages)} languages x {len(cases)} cases, jobs={settings.jobs}, "
        f"medians of {repeats} paired runs"
    )
    print(f"  floor (one bare `true` container per runnable language image, {len(tags)} images): {base:6.2f}s")
    print(f"  warm check: {seconds:6.2f}s  = {seconds / base:5.2f}x the floor")
    print("  per language: " + ", ".join(f"{lang} {statistics.median(s):.2f}s" for lang, s in per_language.items()))


def throwaway_settings(settings: Settings, folder: Path) -> Settings:
    """The settings with a CA bundle of the same certificates behind a comment naming this moment."""
    bundle = folder / "ca.crt"
    original = settings.ca_bundle.read_bytes() if settings.ca_bundle else b""
    bundle.write_bytes(f"# jwtparity bench cold run {datetime.now(UTC).isoformat()}\n".encode() + original)
    return dataclasses.replace(settings, ca_bundle=bundle)


def bench_cold(client: docker.DockerClient, name: str, settings: Settings, suite: str) -> None:
    cases = select([suite], None, settings.algorithm)
    languages = list(settings.languages)
    with tempfile.TemporaryDirectory(prefix="jwtparity-bench-") as work:
        cold = throwaway_settings(settings, Path(work))
        seconds, record = warm_check(client, languages, cases, cold)
        base_id = images.base_image_id(client, cold)
        built = {images.planned_tag(lang, cold, case.alg, base_id) for lang in languages for case in cases}
    per_language = ", ".join(f"{e['display']} {e['seconds']:.0f}s ({e['status']})" for e in record["languages"])
    print(
        f"[{name}] cold (base image present, no language image), suite {suite}: {seconds:6.1f}s to a full "
        f"report; {per_language}"
    )
    for tag in sorted(built):
        with contextlib.suppress(docker.errors.ImageNotFound):
            client.images.remove(tag)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="default")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None, help="default: the settings' (the CPU count)")
    parser.add_argument("--cold", action="store_true", help="also time a first run that builds every image")
    args = parser.parse_args()
    client = engine.connect()
    settings = load(project=find())  # the project here: its editions, templates and harness
    if args.jobs:
        settings = dataclasses.replace(settings, jobs=args.jobs)
    for name, edition in editions(settings):
        bench_edition(client, name, edition, args.suite, args.repeats)
        if args.cold:
            bench_cold(client, name, edition, args.suite)


if __name__ == "__main__":
    main()
