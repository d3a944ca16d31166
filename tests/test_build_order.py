"""A first run builds the longest builds first (the manifests' build_seconds), whatever order the
languages are given in, so that it ends with short builds side by side rather than one long one alone."""

import dataclasses
import threading
from pathlib import Path

import pytest

from jwtparity.cases.suite import select
from jwtparity.config.languages import resolve
from jwtparity.config.settings import Settings
from jwtparity.run.context import RunContext
from jwtparity.run.progress import BUILD_STEP_PREFIX
from jwtparity.run.signing import run_languages

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftovers")]


def test_the_longest_build_starts_first_whatever_the_order_given(client, tmp_path: Path) -> None:
    # Three copies of the Python language under names of their own: each builds an image (from the
    # Python recipe's cached layers) and runs. With jobs=1 two builds run at a time: the shortest waits.
    python = resolve("python")
    probes = [
        dataclasses.replace(python, name=f"order-probe-{seconds}", build_seconds=seconds) for seconds in (1, 50, 99)
    ]
    started: list[str] = []
    lock = threading.Lock()

    def progress(language: str, message: str) -> None:
        if message.startswith(BUILD_STEP_PREFIX):  # a build step: its image is being built
            with lock:
                if language not in started:
                    started.append(language)

    cases = select(["default"], None, "HS256")[:1]
    ctx = RunContext(client, dataclasses.replace(Settings(), jobs=1), tmp_path / "logs", progress=progress)
    try:
        runs = run_languages(ctx, probes, cases)
        assert [run.language.name for run in runs] == [probe.name for probe in probes]  # reported as given
        assert all(run.status == "ran" for run in runs), [run.reason for run in runs]
        assert started[-1] == "order-probe-1", started
        assert set(started) == {probe.name for probe in probes}
    finally:
        for image in client.images.list(filters={"label": "jwtparity.language"}):
            if any(tag.startswith("jwtparity/order-probe-") for tag in image.tags):
                for tag in image.tags:
                    client.images.remove(tag)
