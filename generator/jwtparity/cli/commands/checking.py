"""`check` and `report merge`: the verdicts, in every output, and the exit status CI reads."""

from dataclasses import dataclass
from pathlib import Path

import typer

from jwtparity.cli.apps import app, report_app
from jwtparity.cli.options import CheckOptions, ReportOptions, arg, command, say
from jwtparity.config import known
from jwtparity.config.project import find
from jwtparity.config.settings import Settings, load
from jwtparity.errors import ToolError
from jwtparity.judge import consumers
from jwtparity.judge.check import check as run_check
from jwtparity.printable import text as visible
from jwtparity.render.snippets import render_all, stale_files
from jwtparity.report import github, html, junit, markdown
from jwtparity.report import table as report
from jwtparity.report.merge import merge as merge_reports
from jwtparity.report.record import Report
from jwtparity.run.progress import progress_display


@command(app, "check")
def check(options: CheckOptions) -> None:
    """Render, build images as needed, run, verify every token under PyJWT and report (for one edition)."""
    settings = options.check_settings()
    profiles = consumers.resolve(options.consumer, settings)
    cases, languages = options.chosen(settings)
    project, log_dir = options.project(), options.logs()
    stale = (
        []
        if project.root is None
        else [item.path for item in stale_files(render_all(settings), project.root / "samples")]
    )
    if stale and options.templates is None:
        say(
            f"warning: samples/ differs from the templates ({', '.join(stale)}); the templates are what is "
            "checked: run `jwtparity render`"
        )
    ctx = options.context(settings, connect=True, log_dir=log_dir)
    with progress_display([language.name for language in languages], options.quiet) as progress:
        record = run_check(ctx.with_progress(progress), languages, cases, options.cross, profiles)
    if options.write_known:
        failing = report.failing(record["results"], options.failing_statuses)
        report.write(options.write_known, known.entries_toml(record, failing))
    emit(record, options, sample_files(settings))


@dataclass
class MergeCommand(ReportOptions):
    reports: list[Path] = arg(..., help="JSON reports to merge.")


@command(report_app, "merge")
def merge(options: MergeCommand) -> None:
    """Merge reports made on different machines (one CI job per language, say) and print the matrix; each
    report keeps the verdicts its own check gave (allowed unavailability, known findings)."""
    merged = merge_reports(options.reports)
    try:  # the samples' paths, for annotations: those of the project's languages, when there is a project
        files = sample_files(load(None, find()).for_edition(merged["edition"])) if "edition" in merged else {}
    except ToolError:
        files = {}
    emit(merged, options, files)


def sample_files(settings: Settings) -> dict[str, str]:
    """Each language's rendered sample, as a path from the project's folder (where annotations point)."""
    return {language.name: f"samples/{settings.edition}/{language.sample}" for language in settings.languages}


def emit(record: Report, options: ReportOptions, samples: dict[str, str]) -> None:
    """Every output the options ask for, then the exit status: 1 with one line per reason it failed."""
    fail_on = options.failing_statuses
    if options.json_out:
        report.write(options.json_out, report.to_json(record))
    if options.junit_out:
        report.write(options.junit_out, junit.junit(record, fail_on))
    if options.html_out:
        report.write(options.html_out, html.html(record))
    problems = known.unrunnable_lines(record) + known.stale_lines(record)
    if options.fmt == "github":
        typer.echo("\n".join(github.check_annotations(record, fail_on, samples, problems)))
    else:
        typer.echo(_render(record, options), nl=False)
    failures = report.failing(record["results"], fail_on)
    if failures:
        problems.append(f"{len(failures)} result(s) with status in {sorted(fail_on)}")
    for problem in problems:
        say(f"check failed: {visible(problem)}")
    if problems:
        raise typer.Exit(1)


def _render(record: Report, options: ReportOptions) -> str:
    if options.fmt == "json":
        return report.to_json(record)
    if options.fmt == "markdown":
        return markdown.markdown(record)
    return report.table(record, options.verbose) + "\n"
