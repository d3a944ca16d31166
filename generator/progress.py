"""Progress on stderr while images build and containers run: one line per language that changes."""

import sys
import threading
import time

import typer

BUILD_STEP_PREFIX = "Step "


def build_step(line: str) -> bool:
    """Whether a build output line is a step header (the rest goes to the log file only)."""
    return line.startswith(BUILD_STEP_PREFIX)


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
