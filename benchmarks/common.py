"""Shared by the benchmarks: the engine, the images (built untimed when missing) and the baseline."""

import statistics
import sys
import time
from pathlib import Path

import docker

from jwtparity.config.languages import Language, all_languages
from jwtparity.config.settings import Settings, load
from jwtparity.run import engine, images, sandbox
from jwtparity.run.context import RunContext

LOG_DIR = Path(".jwtparity/logs")
REPEATS = 3


def setup() -> tuple[docker.DockerClient, Settings, dict[str, str]]:
    """The client, the settings, and the ready image tag of each runnable language (HS256)."""
    client = engine.connect()
    settings = load()
    tags = {}
    for language in all_languages():
        outcome = images.ensure_image(RunContext(client, settings, LOG_DIR), language, "HS256")
        if outcome.status == "ready" and outcome.tag:
            tags[language.name] = outcome.tag
        else:
            print(f"# {language.name}: {outcome.status}: {outcome.reason.splitlines()[0]}", file=sys.stderr)
    return client, settings, tags


def timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def baseline(client: docker.DockerClient, tag: str) -> float:
    """Median wall time of a bare `true` in the image, through the same sandbox as every run."""
    limits = sandbox.Limits()
    return statistics.median(timed(lambda: sandbox.run(client, tag, b"", limits, ["true"])) for _ in range(REPEATS))


def runnable(tags: dict[str, str]) -> list[Language]:
    return [lang for lang in all_languages() if lang.name in tags]
