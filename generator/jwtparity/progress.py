"""Progress on stderr while images build and containers run: one line per language that changes."""

import sys
import threading
import time
from collections.abc import Callable

import typer

BUILD_STEP_PREFIX = "Step "


Progress = Callable[[str, str], None]  # (language name, what is happening)


def build_output(name: str, progress: Progress) -> Callable[[str], None]:
    """A build-output callback passing the step headers on to `progress` (the rest is in the log only)."""
    def on_line(line: str) -> None:
        if line.startswith(BUILD_STEP_PREFIX):
            progress(name, line)
    return on_line


class ProgressLog:
    """Prints what each language is doing (build steps, runs, done) with the elapsed time."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.lock = threading.Lock()

    def __call__(self, language: str, message: str) -> None:
        if not self.enabled:
            return
        with self.lock:
            elapsed = time.monotonic() - self.started
            typer.echo(f"[{elapsed:6.1f}s] {language:<8} {message[:100]}", err=True)
            sys.stderr.flush()
