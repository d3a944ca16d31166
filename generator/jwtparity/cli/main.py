"""The console entry point: the commands registered, bad input turned into one line and exit code 2."""

import signal
import sys
from typing import NoReturn

import docker.errors
import requests.exceptions
import typer

from jwtparity.cli import commands  # noqa: F401  (registers every command on the apps)
from jwtparity.cli.apps import app
from jwtparity.errors import ToolError, first_line
from jwtparity.printable import text as visible


def _interrupt(_signal: int, _frame: object) -> None:
    """The first Ctrl-C or SIGTERM stops the work; later ones are ignored so that clean-up can finish."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


# Typer (0.29 on) raises its own copy of Click's exceptions, all of them TyperExceptions.
COMMAND_LINE_ERRORS = (typer.TyperException,)


INTERRUPTED = 130


def _fail(message: str) -> NoReturn:
    typer.echo(f"jwtparity: error: {visible(message)}", err=True)
    sys.exit(2)


def main() -> None:
    """Console entry point: bad input is one line on stderr and exit code 2, never a traceback."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)  # a CI job cancelled cleans up its containers like Ctrl-C
    try:
        code = app(standalone_mode=False)
    except ToolError as exc:
        _fail(str(exc))
    except COMMAND_LINE_ERRORS as exc:  # a bad option value or argument: one line, no usage box
        message = exc.format_message()  # type: ignore[attr-defined]
        context = getattr(exc, "ctx", None)
        if context is not None and message == context.get_help():  # no arguments at all: the help
            typer.echo(message, err=True)
            sys.exit(2)
        _fail(" ".join(message.split()))
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("jwtparity: interrupted", err=True)
        sys.exit(INTERRUPTED)
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        _fail(f"the Docker engine failed: {first_line(exc)}")
    except OSError as exc:  # a file or folder the tool was pointed at cannot be read or written
        _fail(f"{exc.strerror or type(exc).__name__}: {exc.filename}" if exc.filename else first_line(exc))
    if code == INTERRUPTED:  # Typer turns a KeyboardInterrupt into this code itself
        typer.echo("jwtparity: interrupted", err=True)
    sys.exit(code if isinstance(code, int) else 0)
