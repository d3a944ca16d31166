"""What every stage of one command's run shares, passed as one object instead of five to nine parameters:
the engine, the settings, where build logs go, the progress display, whether unavailable libraries are
tried again, and the cancellation that Ctrl-C (or any worker's failure) sets so that every build and
container of the run stops and cleans up."""

import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import docker

from jwtparity.config.settings import Settings
from jwtparity.run.progress import Progress

T = TypeVar("T")
R = TypeVar("R")


def _silent(_language: str, _message: str) -> None:
    return None


@dataclass(frozen=True)
class RunContext:
    client: docker.DockerClient
    settings: Settings
    log_dir: Path
    progress: Progress = _silent
    retry_unavailable: bool = False
    cancel: threading.Event = field(default_factory=threading.Event)

    def with_progress(self, progress: Progress) -> "RunContext":
        return replace(self, progress=progress)

    @contextmanager
    def cancelling(self) -> Iterator[None]:
        """On any exception (Ctrl-C above all) every other worker's build and container stops too."""
        try:
            yield
        except BaseException:
            self.cancel.set()
            raise

    def map(self, work: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """`work` on every item, `jobs` at a time, in order; a failure cancels the others."""
        pool = ThreadPoolExecutor(max_workers=self.settings.jobs, thread_name_prefix="jwtparity")
        try:
            with self.cancelling():
                return list(pool.map(work, items))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
