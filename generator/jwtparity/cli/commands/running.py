"""`run`: every language's snippet on the cases, the raw tokens printed (no judging)."""

from dataclasses import dataclass
from pathlib import Path

import typer

from jwtparity.cli.apps import app
from jwtparity.cli.options import RunOptions, command, opt
from jwtparity.files import write_atomically
from jwtparity.printable import record as visible_record
from jwtparity.report import table as report
from jwtparity.run.progress import progress_display
from jwtparity.run.signing import run_languages


@dataclass
class RunCommand(RunOptions):
    json_out: Path | None = opt(None, "--json", help="Write the raw tokens as JSON here.")


@command(app, "run")
def run(options: RunCommand) -> None:
    """Run each language's snippet on the cases and print the raw tokens (no judging)."""
    settings = options.run_settings()
    cases, languages = options.chosen(settings)
    ctx = options.context(settings, connect=True)
    with progress_display([language.name for language in languages]) as progress:
        runs = run_languages(ctx.with_progress(progress), languages, cases)
    raw = report.raw_record(runs, cases, settings.edition)
    shown = visible_record(raw)
    typer.echo(f"edition {settings.edition}")
    for entry in shown["languages"]:
        typer.echo(
            f"== {entry['language']}: {entry['library']} {entry['version']} ({entry['source']}) "
            f"{entry['status']}" + (f": {entry['reason']}" if entry["reason"] else "")
        )
        for result in entry["results"]:
            token = result["token"] if result["error"] is None else f"error: {result['error']}"
            typer.echo(f"   {result['case']}: {token}")
    if options.json_out:
        write_atomically(options.json_out, report.to_json(raw).encode("utf-8"))
