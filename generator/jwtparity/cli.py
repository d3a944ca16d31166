"""The command line. Maps commands to the pipeline stages; known failures become one line and exit 2."""

import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import docker.errors
import requests.exceptions
import typer

from jwtparity import cases as case_files
from jwtparity import docs, engine, images, report, report_html, report_markdown, run
from jwtparity.check import check as run_check
from jwtparity.errors import ToolError, first_line
from jwtparity.judge import PASSING, STATUSES
from jwtparity.languages import all_languages, resolve, resolve_many
from jwtparity.paths import BUILTIN_DIR
from jwtparity.progress import ProgressLog, build_output, progress_display
from jwtparity.render import render_all, render_section, render_snippet, stale_files, unified_diff, write_samples
from jwtparity.settings import ALGORITHMS, Settings, load

app = typer.Typer(help="Render, run and verify the JWT signing snippets of API documentation.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
docs_app = typer.Typer(help="Keep a markdown page's code samples section in sync.", no_args_is_help=True)
images_app = typer.Typer(help="Build, list and prune the per-language images.", no_args_is_help=True)
engine_app = typer.Typer(help="The Docker engine.", no_args_is_help=True)
report_app = typer.Typer(help="Work with saved reports.", no_args_is_help=True)
app.add_typer(docs_app, name="docs")
app.add_typer(images_app, name="images")
app.add_typer(engine_app, name="engine")
app.add_typer(report_app, name="report")

Config = Annotated[Path | None, typer.Option(help="Config file (default: ./jwtparity.toml or "
                                                  "[tool.jwtparity] in ./pyproject.toml).")]
Algorithm = Annotated[str | None, typer.Option(help="HS256, HS384 or HS512.")]
SecretKeys = Annotated[list[str] | None, typer.Option(
    "--secret-key", help="LANG=NAME: the configuration key a language's snippet reads the secret from.")]
Lifetime = Annotated[int | None, typer.Option(help="Token lifetime in seconds (Node's expiresIn).")]
Exp = Annotated[bool | None, typer.Option("--exp/--no-exp", help="Add an exp claim in the other languages.")]
Templates = Annotated[Path | None, typer.Option(help="Templates folder (default: the project's templates/).")]
Samples = Annotated[Path, typer.Option(help="Samples folder.")]
Langs = Annotated[list[str] | None, typer.Option("--lang", help="Language(s), repeatable or comma-separated.")]
CaseFiles = Annotated[list[Path] | None, typer.Option("--cases", help="Cases file: JSON array or JSON lines.")]
Suites = Annotated[list[str] | None, typer.Option("--suite", help="Built-in suite: default, edge or all.")]
Jobs = Annotated[int | None, typer.Option(help="Languages run in parallel.")]
Timeout = Annotated[float | None, typer.Option(help="Wall-clock limit per container, seconds.")]
LogDir = Annotated[Path, typer.Option(help="Where image build logs go.")]
CaBundle = Annotated[Path | None, typer.Option(help="CA bundle trusted inside image builds.")]
BaseImage = Annotated[str | None, typer.Option(help="Base image of every recipe.")]
RetryUnavailable = Annotated[bool, typer.Option(
    "--retry-unavailable", help="Try again to build images whose library was found unobtainable (else "
                                "remembered for a day).")]
DEFAULT_LOG_DIR = Path(".jwtparity/logs")
SAMPLES_DIR = BUILTIN_DIR / "samples"  # interim: replaced by the project's samples/


def _settings(config: Path | None, algorithm: str | None = None, secret_keys: list[str] | None = None,
              lifetime: int | None = None, exp: bool | None = None, **others: Any) -> Settings:
    settings = load(config)
    keys = None
    if secret_keys:
        keys = dict(settings.secret_keys)
        for item in secret_keys:
            name, sep, value = item.partition("=")
            if not sep:
                raise ToolError(f"--secret-key takes LANG=NAME, not {item!r}")
            keys[resolve(name).name] = value
    return settings.with_options(algorithm=algorithm, secret_keys=keys, lifetime=lifetime, exp=exp, **others)


@app.command()
def render(check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 when stale.")] = False,
           config: Config = None, algorithm: Algorithm = None, secret_key: SecretKeys = None,
           lifetime: Lifetime = None, exp: Exp = None, templates: Templates = None,
           samples: Samples = SAMPLES_DIR) -> None:
    """Render every snippet and the docs section into samples/ (only changed files are written)."""
    rendered = render_all(_settings(config, algorithm, secret_key, lifetime, exp, templates_dir=templates))
    if check:
        stale = stale_files(rendered, samples)
        for item in stale:
            typer.echo(f"stale: {samples / item.path}", err=True)
            typer.echo(item.diff)
        if stale:
            raise typer.Exit(1)
        typer.echo(f"samples are fresh ({len(rendered)} files)", err=True)
        return
    written = write_samples(rendered, samples)
    for path in written:
        typer.echo(f"wrote {samples / path}")
    if not written:
        typer.echo(f"nothing changed ({len(rendered)} files up to date)")


@app.command()
def snippet(language: Annotated[str, typer.Argument(help="csharp|cs|c#, java, nodejs|node|js, php, "
                                                          "python|py, ruby|rb, go|golang")],
            config: Config = None, algorithm: Algorithm = None, secret_key: SecretKeys = None,
            lifetime: Lifetime = None, exp: Exp = None, templates: Templates = None) -> None:
    """Print one ready snippet on stdout; its library's install line goes to stderr."""
    chosen = resolve(language)
    code = render_snippet(chosen, _settings(config, algorithm, secret_key, lifetime, exp, templates_dir=templates))
    typer.echo(f"# install: {chosen.install}", err=True)
    typer.echo(code, nl=False)


@docs_app.command("sync")
def docs_sync(page: Annotated[Path, typer.Argument(help="The markdown page to update in place.")],
              check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 on drift.")] = False,
              config: Config = None, algorithm: Algorithm = None, secret_key: SecretKeys = None,
              lifetime: Lifetime = None, exp: Exp = None, templates: Templates = None) -> None:
    """Replace the page's code samples section with the rendered one, leaving every other byte alone."""
    settings = _settings(config, algorithm, secret_key, lifetime, exp, templates_dir=templates)
    try:
        text = page.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ToolError(f"cannot read {page}: {exc}") from exc
    section = render_section(settings)
    updated = docs.sync(text, section)
    if updated == text:
        typer.echo(f"{page}: code samples section is up to date", err=True)
        return
    if check:
        typer.echo(unified_diff(docs.current_section(text) + "\n", section.rstrip() + "\n", str(page)))
        typer.echo(f"{page}: code samples section has drifted", err=True)
        raise typer.Exit(1)
    page.write_bytes(updated.encode("utf-8"))
    typer.echo(f"{page}: code samples section updated")


@engine_app.command("ensure")
def engine_ensure(base_image: BaseImage = None, config: Config = None,
                  mirror: Annotated[str | None, typer.Option(help="Debian mirror for debootstrap.")] = None
                  ) -> None:
    """Start Docker (installing it on Debian as root if needed) and make sure the base image exists."""
    settings = _settings(config, base_image=base_image)
    client = engine.ensure_engine(say=lambda m: typer.echo(m, err=True))
    typer.echo(engine.bootstrap_base(client, settings.base_image, mirror, say=lambda m: typer.echo(m, err=True)))


@images_app.command("bootstrap-base")
def images_bootstrap_base(
        base_image: BaseImage = None, config: Config = None,
        mirror: Annotated[str | None, typer.Option(help="Debian mirror (default: the apt sources').")] = None,
        force: Annotated[bool, typer.Option(help="Rebuild even when the image exists.")] = False) -> None:
    """Build the base image from the machine's Debian mirror with debootstrap, unless it can be had."""
    settings = _settings(config, base_image=base_image)
    client = engine.connect()
    typer.echo(engine.bootstrap_base(client, settings.base_image, mirror, force,
                                     say=lambda m: typer.echo(m, err=True)))


@images_app.command("build")
def images_build(languages: Annotated[list[str] | None, typer.Argument(help="Languages (default: all).")] = None,
                 config: Config = None, algorithm: Algorithm = None, ca_bundle: CaBundle = None,
                 base_image: BaseImage = None, log_dir: LogDir = DEFAULT_LOG_DIR,
                 templates: Templates = None, retry_unavailable: RetryUnavailable = False) -> None:
    """Build (or reuse) the image of each language for the configured algorithm, one after the other."""
    settings = _settings(config, algorithm, ca_bundle=ca_bundle, base_image=base_image, templates_dir=templates)
    client = engine.connect()
    progress = ProgressLog()
    failed = False
    for language in resolve_many(languages):
        outcome = images.ensure_image(client, language, settings, settings.algorithm, log_dir,
                                      build_output(language.name, progress),
                                      retry_unavailable=retry_unavailable)
        if outcome.status == "ready":
            verb = "reused" if outcome.reused else "built"
            library = outcome.library
            typer.echo(f"{language.name}: {verb} {outcome.tag} "
                       f"({library.name} {library.version} from {library.source})" if library else verb)
        elif outcome.status == "unavailable":
            typer.echo(f"{language.name}: skipped: {outcome.reason}")
        else:
            failed = True
            typer.echo(f"{language.name}: FAILED: {outcome.reason}\n  full log: {outcome.log_path}")
    if failed:
        raise typer.Exit(1)


@images_app.command("list")
def images_list() -> None:
    """The tool's images: language, algorithm, tag, library with version and source, size, age."""
    rows = images.list_images(engine.connect())
    if not rows:
        typer.echo("no jwtparity images (build them with `jwtparity images build`)")
    for row in rows:
        typer.echo(f"{row.language:<8} {row.algorithm:<6} {row.tag:<38} {row.library:<55} "
                   f"{row.size_mb:7.0f} MB  {_age(row.created)}")


def _age(created: datetime) -> str:
    seconds = (datetime.now(UTC) - created).total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f}{unit} ago"
    return f"{seconds:.0f}s ago"


@images_app.command("prune")
def images_prune(all_images: Annotated[bool, typer.Option("--all", help="Remove every jwtparity image.")] = False,
                 config: Config = None, ca_bundle: CaBundle = None, base_image: BaseImage = None) -> None:
    """Remove the tool's images that the current templates and settings no longer produce."""
    settings = _settings(config, ca_bundle=ca_bundle, base_image=base_image)
    client = engine.connect()
    keep: set[str] = set()
    if not all_images:
        base_id = images.base_image_id(client, settings)
        keep = {images.planned_tag(lang, settings, alg, base_id)
                for lang in all_languages() for alg in ALGORITHMS}
    removed = images.prune_images(client, keep)
    typer.echo("\n".join(f"removed {tag}" for tag in removed) or "nothing to remove")


def _cases(suites: list[str] | None, files: list[Path] | None, settings: Settings) -> list[case_files.Case]:
    return case_files.select(suites, files, settings.algorithm)


@app.command("run")
def run_command(lang: Langs = None, cases: CaseFiles = None, suite: Suites = None, jobs: Jobs = None,
                timeout: Timeout = None, json_out: Annotated[Path | None, typer.Option(
                    "--json", help="Write the raw tokens as JSON here.")] = None,
                config: Config = None, algorithm: Algorithm = None, ca_bundle: CaBundle = None,
                base_image: BaseImage = None, log_dir: LogDir = DEFAULT_LOG_DIR, templates: Templates = None,
                retry_unavailable: RetryUnavailable = False) -> None:
    """Run each language's snippet on the cases and print the raw tokens (no judging)."""
    settings = _settings(config, algorithm, jobs=jobs, timeout=timeout, ca_bundle=ca_bundle,
                         base_image=base_image, templates_dir=templates)
    chosen = _cases(suite, cases, settings)
    client = engine.connect()
    images.base_image_id(client, settings)
    languages = resolve_many(lang)
    with progress_display([language.name for language in languages]) as progress:
        runs = run.run_languages(client, languages, chosen, settings, log_dir, progress,
                                 retry_unavailable=retry_unavailable)
    raw = report.raw_record(runs, chosen)
    for entry in raw["languages"]:
        typer.echo(f"== {entry['language']}: {entry['library']} {entry['version']} ({entry['source']}) "
                   f"{entry['status']}" + (f": {entry['reason']}" if entry["reason"] else ""))
        for result in entry["results"]:
            shown = result["token"] if result["error"] is None else f"error: {result['error']}"
            typer.echo(f"   {result['case']}: {shown}")
    if json_out:
        report.write(json_out, report.to_json(raw))


def _fail_on(value: str) -> set[str]:
    chosen = {s.strip() for s in value.split(",") if s.strip()}
    unknown = sorted(chosen - set(STATUSES))
    if unknown:
        raise ToolError(f"--fail-on: unknown status {unknown[0]!r} (known: {', '.join(STATUSES)})")
    return chosen


DEFAULT_FAIL_ON = ",".join(s for s in STATUSES if s not in PASSING)


FORMATS = ("table", "json", "markdown")


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ToolError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def _render(record: dict[str, object], fmt: str, verbose: bool) -> str:
    if fmt == "json":
        return report.to_json(record)
    if fmt == "markdown":
        return report_markdown.markdown(record)
    return report.table(record, verbose) + "\n"


def _emit(record: dict[str, object], fmt: str, json_out: Path | None, junit_out: Path | None,
          fail_on: set[str], html_out: Path | None = None, verbose: bool = False) -> None:
    if json_out:
        report.write(json_out, report.to_json(record))
    if junit_out:
        report.write(junit_out, report.junit(record, fail_on))
    if html_out:
        report.write(html_out, report_html.html(record))
    typer.echo(_render(record, fmt, verbose), nl=False)
    failures = report.failing(record, fail_on)
    if failures:
        typer.echo(f"check failed: {len(failures)} result(s) with status in {sorted(fail_on)}", err=True)
        raise typer.Exit(1)


FormatOption = Annotated[str, typer.Option("--format", help="table, json or markdown on stdout.")]
HtmlOut = Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML page here.")]
Verbose = Annotated[bool, typer.Option("--verbose", help="Details: one line per cell instead of grouped.")]


@app.command("check")
def check_command(lang: Langs = None, cases: CaseFiles = None, suite: Suites = None, jobs: Jobs = None,
                  timeout: Timeout = None,
                  json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")] = None,
                  junit_out: Annotated[Path | None, typer.Option("--junit", help="Write JUnit XML here.")] = None,
                  fmt: FormatOption = "table", html_out: HtmlOut = None, verbose: Verbose = False,
                  fail_on: Annotated[str, typer.Option(help="Statuses that fail the check.")] = DEFAULT_FAIL_ON,
                  config: Config = None, algorithm: Algorithm = None, secret_key: SecretKeys = None,
                  lifetime: Lifetime = None, exp: Exp = None, ca_bundle: CaBundle = None,
                  base_image: BaseImage = None, log_dir: LogDir = DEFAULT_LOG_DIR, templates: Templates = None,
                  quiet: Annotated[bool, typer.Option(help="No progress on stderr.")] = False,
                  retry_unavailable: RetryUnavailable = False) -> None:
    """Render, build images as needed, run, verify every token under PyJWT and report."""
    settings = _settings(config, algorithm, secret_key, lifetime, exp, jobs=jobs, timeout=timeout,
                         ca_bundle=ca_bundle, base_image=base_image, templates_dir=templates)
    failing_statuses, fmt = _fail_on(fail_on), _format(fmt)  # bad options fail before any work
    chosen = _cases(suite, cases, settings)
    languages = resolve_many(lang)
    stale = [item.path for item in stale_files(render_all(settings), SAMPLES_DIR)]
    if stale and templates is None:
        typer.echo(f"warning: samples/ differs from the templates ({', '.join(stale)}); the templates are "
                   "what is checked: run `jwtparity render`", err=True)
    client = engine.connect()
    images.base_image_id(client, settings)  # fail before any progress when the base image is missing
    with progress_display([language.name for language in languages], quiet) as progress:
        record = run_check(client, languages, chosen, settings, log_dir, progress, retry_unavailable)
    _emit(record, fmt, json_out, junit_out, failing_statuses, html_out, verbose)


@report_app.command("merge")
def report_merge(reports: Annotated[list[Path], typer.Argument(help="JSON reports to merge.")],
                 json_out: Annotated[Path | None, typer.Option("--json", help="Write the merged report.")] = None,
                 junit_out: Annotated[Path | None, typer.Option("--junit", help="Write JUnit XML here.")] = None,
                 fmt: FormatOption = "table", html_out: HtmlOut = None, verbose: Verbose = False,
                 fail_on: Annotated[str, typer.Option(help="Statuses that fail.")] = DEFAULT_FAIL_ON) -> None:
    """Merge reports made on different machines (one CI job per language, say) and print the matrix."""
    failing_statuses, fmt = _fail_on(fail_on), _format(fmt)
    _emit(report.merge(reports), fmt, json_out, junit_out, failing_statuses, html_out, verbose)


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Console entry point: a ToolError is one line on stderr and exit code 2, never a traceback."""
    signal.signal(signal.SIGTERM, _interrupt)  # a CI job cancelled cleans up its containers like Ctrl-C
    try:
        app()
    except ToolError as exc:
        typer.echo(f"jwtparity: error: {exc}", err=True)
        sys.exit(2)
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        typer.echo(f"jwtparity: error: the Docker engine failed: {first_line(exc)}", err=True)
        sys.exit(2)
