"""Progress on stderr while images build and containers run.

On a terminal: one live line per language (Rich), with its stage (image, building N/M steps, running,
done), its elapsed time and, when done, its verdict counts. Elsewhere (stderr not a terminal, CI=true)
one plain line per change. Full build output only goes to the log files.
"""

import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer
from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from jwtparity import printable

BUILD_STEP_PREFIX = "Step "
STEP = re.compile(r"^Step (\d+)/(\d+) :")


Progress = Callable[[str, str], None]  # (language name, what is happening)


def build_output(name: str, progress: Progress) -> Callable[[str], None]:
    """A build-output callback passing the step headers on to `progress` (the rest is in the log only)."""

    def on_line(line: str) -> None:
        if line.startswith(BUILD_STEP_PREFIX):
            progress(name, line)

    return on_line


def quiet(_language: str, _message: str) -> None:
    return None


class ProgressLog:
    """Prints what each language is doing (build steps, runs, done) with the elapsed time."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.lock = threading.Lock()

    def __call__(self, language: str, message: str) -> None:
        with self.lock:
            elapsed = time.monotonic() - self.started
            typer.echo(printable.text(f"[{elapsed:6.1f}s] {language:<8} {message[:100]}"), err=True)
            sys.stderr.flush()


@dataclass
class _Line:
    stage: str = "waiting"
    started: float | None = None
    finished: float | None = None

    def elapsed(self, now: float) -> str:
        if self.started is None:
            return ""
        return f"{(self.finished or now) - self.started:5.1f}s"


def stage_of(message: str) -> str:
    """The short stage a progress message means: a build step becomes `building N/M steps`."""
    step = STEP.match(message)
    if step:
        return f"building {step.group(1)}/{step.group(2)} steps"
    return message


class LiveProgress:
    """One live line per language, redrawn in place (Rich)."""

    def __init__(self, languages: list[str], console: Console) -> None:
        self.lines = {name: _Line() for name in languages}
        self.lock = threading.Lock()
        self.live = Live(console=console, refresh_per_second=8, get_renderable=self._render, transient=False)

    def __call__(self, language: str, message: str) -> None:
        now = time.monotonic()
        with self.lock:
            line = self.lines.setdefault(language, _Line())
            line.started = line.started or now
            line.stage = stage_of(message)
            if message.startswith(("done", "skipped")):
                line.finished = now

    def _render(self) -> Table:
        now = time.monotonic()
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, overflow="ellipsis", max_width=90)
        grid.add_column(no_wrap=True, justify="right")
        with self.lock:
            for name, line in self.lines.items():
                style = "green" if line.finished else ("cyan" if line.started else "dim")
                shown = escape(printable.text(line.stage))  # a reason may hold ESC or [markup]
                grid.add_row(
                    f"[bold]{escape(printable.text(name))}[/bold]", f"[{style}]{shown}[/{style}]", line.elapsed(now)
                )
        return grid


def live_wanted(stream: object = None) -> bool:
    """Whether a live display fits: stderr is a terminal and this is no CI job."""
    stream = stream or sys.stderr
    is_tty = getattr(stream, "isatty", lambda: False)()
    return bool(is_tty) and os.environ.get("CI", "").lower() != "true" and os.environ.get("TERM") != "dumb"


@contextmanager
def progress_display(languages: list[str], quiet_mode: bool = False) -> Iterator[Progress]:
    """The progress callback to use for a run of `languages`: live lines, plain lines, or nothing."""
    if quiet_mode:
        yield quiet
        return
    if not live_wanted():
        yield ProgressLog()
        return
    display = LiveProgress(languages, Console(stderr=True))
    with display.live:
        yield display
