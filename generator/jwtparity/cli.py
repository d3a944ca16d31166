"""The command line. Maps commands to the pipeline stages; known failures become one line and exit 2."""

import os
import signal
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import docker.errors
import requests.exceptions
import typer

from jwtparity import cases as case_files
from jwtparity import consumers as consumer_profiles
from jwtparity import docs, drift, engine, images, known, report, report_html, report_markdown, run, sandbox, scaffold
from jwtparity.check import check as run_check
from jwtparity.editions import all_editions
from jwtparity.errors import ToolError, first_line
from jwtparity.files import read_regular, refuse_escape
from jwtparity.judge import PASSING, STATUSES
from jwtparity.languages import Language, shadowing
from jwtparity.merging import merge as merge_reports
from jwtparity.printable import record as visible_record
from jwtparity.printable import text as visible
from jwtparity.progress import ProgressLog, build_output, progress_display
from jwtparity.project import Project, find
from jwtparity.render import (
    render_all,
    render_edition,
    render_section,
    render_snippet,
    stale_files,
    write_atomically,
    write_samples,
)
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

ProjectDir = Annotated[Path | None, typer.Option(
    "--project", help="The project folder (default: the nearest folder, from here upwards, with jwtparity.toml "
                      "or [tool.jwtparity] in pyproject.toml).")]
Config = Annotated[Path | None, typer.Option(help="Settings file (default: the project's).")]
Algorithm = Annotated[str | None, typer.Option(help="HS256, HS384 or HS512.")]
SecretKeys = Annotated[list[str] | None, typer.Option(
    "--secret-key", help="LANG=NAME: the configuration key a language's snippet reads the secret from.")]
Lifetime = Annotated[int | None, typer.Option(help="Token lifetime in seconds (Node's expiresIn).")]
Exp = Annotated[bool | None, typer.Option("--exp/--no-exp", help="Add an exp claim in the other languages.")]
Templates = Annotated[Path | None, typer.Option(
    help="Templates folder, looked up before the project's templates/ and the built-in ones.")]
Samples = Annotated[Path | None, typer.Option(help="Samples folder (default: the project's samples/).")]
Langs = Annotated[list[str] | None, typer.Option("--lang", help="Language(s), repeatable or comma-separated.")]
CaseFiles = Annotated[list[Path] | None, typer.Option("--cases", help="Cases file: JSON array or JSON lines.")]
Suites = Annotated[list[str] | None, typer.Option("--suite", help="Built-in suite: default, edge or all.")]
Jobs = Annotated[int | None, typer.Option(help="Languages run in parallel.")]
Timeout = Annotated[float | None, typer.Option(help="Wall-clock limit per container, seconds.")]
LogDir = Annotated[Path | None, typer.Option(
    help="Where image build logs go (default: .jwtparity/logs in the project, else the user's cache).")]
CaBundle = Annotated[Path | None, typer.Option(help="CA bundle trusted inside image builds.")]
BaseImage = Annotated[str | None, typer.Option(help="Base image of every recipe.")]
AllowUnavailable = Annotated[list[str] | None, typer.Option(
    "--allow-unavailable", help="A language that may be unavailable here without failing (repeatable; added "
                                "to the config's allow_unavailable).")]
RetryUnavailable = Annotated[bool, typer.Option(
    "--retry-unavailable", help="Try again to build images whose library was found unobtainable (else "
                                "remembered for a day).")]
EditionOpt = Annotated[str | None, typer.Option(
    "--edition", help="The samples' edition: jwtencode (the live page's functions in MDX tabs) or jwtmanager "
                      "(the 2025 page's JwtManager classes under headings); default: the project's first.")]


def _settings(project: Project, config: Path | None, algorithm: str | None = None,
              secret_keys: list[str] | None = None, lifetime: int | None = None, exp: bool | None = None,
              templates: Path | None = None, edition: str | None = None, **others: Any) -> Settings:
    settings = load(config, project)
    if templates is not None:
        settings = settings.with_options(templates_dirs=(templates, *settings.templates_dirs))
    if edition is not None:
        settings = settings.with_options(edition=edition)
    keys = None
    if secret_keys:
        keys = dict(settings.secret_keys)
        for item in secret_keys:
            name, sep, value = item.partition("=")
            if not sep:
                raise ToolError(f"--secret-key takes LANG=NAME, not {item!r}")
            language = settings.resolve(name)
            if language.secret_key is None:
                raise ToolError(f"--secret-key: {language.name}'s sample in edition {settings.edition} takes "
                                "the secret as an argument, it reads no configuration key")
            keys[language.name] = value
    settings = settings.with_options(algorithm=algorithm, secret_keys=keys, lifetime=lifetime, exp=exp, **others)
    for note in shadowing(settings.languages):
        typer.echo(f"note: {note}", err=True)
    return settings


def _default_log_dir(project: Project) -> Path:
    """Build logs go into the project, else into the user's cache (a read-only command writes nothing else)."""
    if project.root is not None:
        return project.root / ".jwtparity" / "logs"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "jwtparity" / "logs"


@app.command()
def render(check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 when stale.")] = False,
           config: Config = None, algorithm: Algorithm = None, secret_key: SecretKeys = None,
           lifetime: Lifetime = None, exp: Exp = None, templates: Templates = None,
           samples: Samples = None, edition: EditionOpt = None, project_dir: ProjectDir = None) -> None:
    """Render every snippet and the docs section of each of the project's editions (or the one given with
    --edition) into samples/<edition>/ (only changed files are written)."""
    project = find(explicit=project_dir)
    settings = _settings(project, config, algorithm, secret_key, lifetime, exp, templates, edition)
    rendered = render_edition(settings) if edition else render_all(settings)
    explicit_samples = samples is not None
    samples = samples or project.writable("samples")
    if check:
        stale = stale_files(rendered, samples)
        for item in stale:
            typer.echo(f"stale: {samples / item.path}", err=True)
            typer.echo(item.diff)
        if stale:
            raise typer.Exit(1)
        typer.echo(f"samples are fresh ({len(rendered)} files)", err=True)
        return
    written = write_samples(rendered, samples, project.root if project.root and not explicit_samples else samples)
    for path in written:
        typer.echo(f"wrote {samples / path}")
    if not written:
        typer.echo(f"nothing changed ({len(rendered)} files up to date)")


@app.command("editions")
def editions_command(names: Annotated[bool, typer.Option("--names", help="Only the names, one a line.")] = False,
                     config: Config = None, project_dir: ProjectDir = None) -> None:
    """The project's editions, the default first (then the other editions known here)."""
    settings = _settings(find(explicit=project_dir), config)
    known = all_editions(settings.templates_dirs)
    if names:
        typer.echo("\n".join(settings.editions))
        return
    for name in dict.fromkeys((*settings.editions, *known)):
        role = "default" if name == settings.edition else "listed" if name in settings.editions else "known"
        typer.echo(f"{name:<12} {role:<8} {known[name].layout:<9} {known[name].description}")


@app.command()
def init(folder: Annotated[str, typer.Argument(help="The docs repository's folder.")] = ".",
         templates: Annotated[bool, typer.Option(
             "--templates", help="Also copy the built-in templates into templates/ to customise.")] = False,
         force: Annotated[bool, typer.Option(help="Overwrite files that exist.")] = False) -> None:
    """Make FOLDER a jwtparity project: a commented jwtparity.toml (and with --templates, the templates)."""
    if not folder.strip():
        raise ToolError("init: the folder name is empty (leave it out for the current folder)")
    written = scaffold.init(Path(folder), templates, force)
    typer.echo(f"wrote {written[0]}" + (f" and {len(written) - 1} templates" if len(written) > 1 else ""))
    typer.echo("next: `jwtparity render` writes samples/, `jwtparity check` runs them", err=True)


@app.command()
def snippet(language: Annotated[str, typer.Argument(help="csharp|cs|c#, java, nodejs|node|js, "
                                                          "javascript|browser (jwtencode), php, python|py, "
                                                          "ruby|rb, go|golang")],
            config: Config = None, algorithm: Algorithm = None, secret_key: SecretKeys = None,
            lifetime: Lifetime = None, exp: Exp = None, templates: Templates = None,
            edition: EditionOpt = None, project_dir: ProjectDir = None) -> None:
    """Print one ready snippet on stdout (the file the harness runs); its library's install line goes to stderr."""
    settings = _settings(find(explicit=project_dir), config, algorithm, secret_key, lifetime, exp, templates,
                         edition)
    chosen = settings.resolve(language)
    code = render_snippet(chosen, settings)
    typer.echo(f"# install: {chosen.install}", err=True)
    typer.echo(code, nl=False)


@docs_app.command("sync")
def docs_sync(page: Annotated[Path, typer.Argument(help="The markdown or MDX page to update in place.")],
              check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 on drift.")] = False,
              config: Config = None, algorithm: Algorithm = None, secret_key: SecretKeys = None,
              lifetime: Lifetime = None, exp: Exp = None, templates: Templates = None,
              edition: EditionOpt = None, project_dir: ProjectDir = None) -> None:
    """Replace the block the tool generates in PAGE, leaving every other byte alone.

    The block is what lies between the markers <!-- jwtparity:begin --> and <!-- jwtparity:end --> (in MDX:
    {/* jwtparity:begin */} and {/* jwtparity:end */}) when the page has them; else the section under the
    heading "## Code samples for signature generation" (or any level-2 heading ending in
    {#code-samples-for-signature-generation}, as translated pages have), all of it in the headings layout
    (jwtmanager), only its <Tabs>...</Tabs> block in the tabs layout (jwtencode). BOM, line endings and the
    page's indentation are kept.
    """
    settings = _settings(find(explicit=project_dir), config, algorithm, secret_key, lifetime, exp, templates,
                         edition)
    try:
        text = read_regular(page, "page").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ToolError(f"cannot read {page}: {exc}") from exc
    edition_info = settings.edition_info
    updated = docs.sync(text, render_section(settings), edition_info)
    if updated == text:
        typer.echo(f"{page}: code samples are up to date (edition {settings.edition})", err=True)
        return
    if check:
        typer.echo(drift.report(docs.current_block(text, edition_info), settings, str(page)))
        typer.echo(f"{page}: code samples differ from the templates of edition {settings.edition}", err=True)
        raise typer.Exit(1)
    write_atomically(page, updated.encode("utf-8"))
    typer.echo(f"{page}: code samples updated (edition {settings.edition})")


@engine_app.command("ensure")
def engine_ensure(base_image: BaseImage = None, config: Config = None, project_dir: ProjectDir = None,
                  mirror: Annotated[str | None, typer.Option(help="Debian mirror for debootstrap.")] = None
                  ) -> None:
    """Start Docker (installing it on Debian as root if needed) and make sure the base image exists."""
    settings = _settings(find(explicit=project_dir), config, base_image=base_image)
    client = engine.ensure_engine(say=lambda m: typer.echo(m, err=True))
    typer.echo(engine.bootstrap_base(client, settings.base_image, mirror, say=lambda m: typer.echo(m, err=True)))


@images_app.command("bootstrap-base")
def images_bootstrap_base(
        base_image: BaseImage = None, config: Config = None,
        mirror: Annotated[str | None, typer.Option(help="Debian mirror (default: the apt sources').")] = None,
        force: Annotated[bool, typer.Option(help="Rebuild even when the image exists.")] = False,
        project_dir: ProjectDir = None) -> None:
    """Build the base image from the machine's Debian mirror with debootstrap, unless it can be had."""
    settings = _settings(find(explicit=project_dir), config, base_image=base_image)
    client = engine.connect()
    typer.echo(engine.bootstrap_base(client, settings.base_image, mirror, force,
                                     say=lambda m: typer.echo(m, err=True)))


@images_app.command("build")
def images_build(languages: Annotated[list[str] | None, typer.Argument(help="Languages (default: all).")] = None,
                 config: Config = None, algorithm: Algorithm = None, ca_bundle: CaBundle = None,
                 base_image: BaseImage = None, log_dir: LogDir = None,
                 templates: Templates = None, edition: EditionOpt = None, project_dir: ProjectDir = None,
                 retry_unavailable: RetryUnavailable = False) -> None:
    """Build (or reuse) the image of each language for the configured algorithm, one after the other."""
    project = find(explicit=project_dir)
    settings = _settings(project, config, algorithm, templates=templates, edition=edition, ca_bundle=ca_bundle,
                         base_image=base_image)
    log_dir = _log_dir(project, log_dir)
    client = engine.connect()
    progress = ProgressLog()
    failed = False
    for language in settings.resolve_many(languages):
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
                 config: Config = None, ca_bundle: CaBundle = None, base_image: BaseImage = None,
                 project_dir: ProjectDir = None) -> None:
    """Remove the tool's images that the current templates and settings no longer produce."""
    settings = _settings(find(explicit=project_dir), config, ca_bundle=ca_bundle, base_image=base_image)
    client = engine.connect()
    keep: set[str] = set()
    if not all_images:
        base_id = images.base_image_id(client, settings)
        keep = {images.planned_tag(lang, edition_settings, alg, base_id)
                for edition_settings in map(settings.for_edition, all_editions(settings.templates_dirs))
                for lang in edition_settings.languages for alg in ALGORITHMS}
    removed = images.prune_images(client, keep)
    typer.echo("\n".join(f"removed {tag}" for tag in removed) or "nothing to remove")


def _cases(suites: list[str] | None, files: list[Path] | None, settings: Settings) -> list[case_files.Case]:
    return case_files.select(suites, files, settings.algorithm)


def _languages(settings: Settings, lang: list[str] | None) -> list[Language]:
    """The languages asked for; `--lang ""` names none and would check nothing, so it is refused."""
    chosen = settings.resolve_many(lang)
    if not chosen:
        raise ToolError("--lang names no language (leave it out for all of them)")
    return chosen


def _log_dir(project: Project, chosen: Path | None) -> Path:
    """The build log folder (--log-dir, else the default), made and known to be writable before any work
    starts; refused when the project's, or a log or remembered outcome in it, is a symlink leading out."""
    path = chosen or _default_log_dir(project)
    unavailable = path.parent / images.UNAVAILABLE_DIR
    if chosen is None and project.root is not None:
        refuse_escape(path, project.root)
        refuse_escape(unavailable, project.root)
    _writable_log_dir(path)
    for entry in (*path.iterdir(), *(unavailable.iterdir() if unavailable.is_dir() else ())):
        if entry.is_symlink():
            refuse_escape(entry, entry.parent)
    return path


def _writable_log_dir(path: Path) -> Path:
    """The build log folder, made and known to be writable."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise ToolError(f"cannot write build logs to {path}: {exc.strerror or exc}") from exc
    return path


@app.command("run")
def run_command(lang: Langs = None, cases: CaseFiles = None, suite: Suites = None, jobs: Jobs = None,
                timeout: Timeout = None, json_out: Annotated[Path | None, typer.Option(
                    "--json", help="Write the raw tokens as JSON here.")] = None,
                config: Config = None, algorithm: Algorithm = None, ca_bundle: CaBundle = None,
                base_image: BaseImage = None, log_dir: LogDir = None, templates: Templates = None,
                edition: EditionOpt = None, project_dir: ProjectDir = None,
                retry_unavailable: RetryUnavailable = False) -> None:
    """Run each language's snippet on the cases and print the raw tokens (no judging)."""
    project = find(explicit=project_dir)
    settings = _settings(project, config, algorithm, templates=templates, edition=edition, jobs=jobs,
                         timeout=timeout, ca_bundle=ca_bundle, base_image=base_image)
    chosen, languages = _cases(suite, cases, settings), _languages(settings, lang)
    log_dir = _log_dir(project, log_dir)
    client = _connect()
    images.base_image_id(client, settings)
    with progress_display([language.name for language in languages]) as progress:
        runs = run.run_languages(client, languages, chosen, settings, log_dir, progress,
                                 retry_unavailable=retry_unavailable)
    raw = report.raw_record(runs, chosen, settings.edition)
    shown = visible_record(raw)  # case ids, tokens and errors may hold control characters
    typer.echo(f"edition {settings.edition}")
    for entry in shown["languages"]:
        typer.echo(f"== {entry['language']}: {entry['library']} {entry['version']} ({entry['source']}) "
                   f"{entry['status']}" + (f": {entry['reason']}" if entry["reason"] else ""))
        for result in entry["results"]:
            shown = result["token"] if result["error"] is None else f"error: {result['error']}"
            typer.echo(f"   {result['case']}: {shown}")
    if json_out:
        report.write(json_out, report.to_json(raw))


def _connect() -> docker.DockerClient:
    """The engine, cleared of the containers a killed run left behind (saying so)."""
    client = engine.connect()
    removed = sandbox.remove_stale(client)
    if removed:
        typer.echo(f"removed {len(removed)} stale jwtparity container(s) left by an earlier run that was "
                   f"killed: {', '.join(removed)}", err=True)
    return client


def _fail_on(value: str) -> set[str]:
    chosen = {s.strip() for s in value.split(",") if s.strip()}
    if not chosen:
        raise ToolError(f"--fail-on names no status (known: {', '.join(STATUSES)}); nothing could fail")
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
    problems = known.unrunnable_lines(record) + known.stale_lines(record)
    if failures:
        problems.append(f"{len(failures)} result(s) with status in {sorted(fail_on)}")
    for problem in problems:
        typer.echo(f"check failed: {problem}", err=True)
    if problems:
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
                  base_image: BaseImage = None, log_dir: LogDir = None, templates: Templates = None,
                  quiet: Annotated[bool, typer.Option(help="No progress on stderr.")] = False,
                  cross: Annotated[bool, typer.Option(help="Also verify every token with every language's "
                                                           "library (signer x verifier matrix).")] = False,
                  consumer: Annotated[list[str] | None, typer.Option(
                      help="Consumer profile whose acceptance rules judge every token (onlyoffice-docs).")] = None,
                  edition: EditionOpt = None, project_dir: ProjectDir = None,
                  retry_unavailable: RetryUnavailable = False, allow_unavailable: AllowUnavailable = None,
                  write_known: Annotated[Path | None, typer.Option(
                      "--write-known", help="Write the failing results here as [[known]] entries to review.")
                  ] = None) -> None:
    """Render, build images as needed, run, verify every token under PyJWT and report (for one edition)."""
    project = find(explicit=project_dir)
    settings = _settings(project, config, algorithm, secret_key, lifetime, exp, templates, edition, jobs=jobs,
                         timeout=timeout, ca_bundle=ca_bundle, base_image=base_image)
    settings = settings.with_options(allow_unavailable=_allowed(settings, allow_unavailable))
    failing_statuses, fmt = _fail_on(fail_on), _format(fmt)  # bad options fail before any work
    profiles = consumer_profiles.resolve(consumer, settings)
    chosen, languages = _cases(suite, cases, settings), _languages(settings, lang)
    log_dir = _log_dir(project, log_dir)
    stale = [] if project.root is None else [
        item.path for item in stale_files(render_all(settings), project.root / "samples")]
    if stale and templates is None:
        typer.echo(f"warning: samples/ differs from the templates ({', '.join(stale)}); the templates are "
                   "what is checked: run `jwtparity render`", err=True)
    client = _connect()
    images.base_image_id(client, settings)  # fail before any progress when the base image is missing
    with progress_display([language.name for language in languages], quiet) as progress:
        record = run_check(client, languages, chosen, settings, log_dir, progress, retry_unavailable, cross, profiles)
    if write_known:
        report.write(write_known, known.entries_toml(record, report.failing(record, failing_statuses)))
    _emit(record, fmt, json_out, junit_out, failing_statuses, html_out, verbose)


@report_app.command("merge")
def report_merge(reports: Annotated[list[Path], typer.Argument(help="JSON reports to merge.")],
                 json_out: Annotated[Path | None, typer.Option("--json", help="Write the merged report.")] = None,
                 junit_out: Annotated[Path | None, typer.Option("--junit", help="Write JUnit XML here.")] = None,
                 fmt: FormatOption = "table", html_out: HtmlOut = None, verbose: Verbose = False,
                 fail_on: Annotated[str, typer.Option(help="Statuses that fail.")] = DEFAULT_FAIL_ON) -> None:
    """Merge reports made on different machines (one CI job per language, say) and print the matrix; each
    report keeps the verdicts its own check gave (allowed unavailability, known findings)."""
    failing_statuses, fmt = _fail_on(fail_on), _format(fmt)
    _emit(merge_reports(reports), fmt, json_out, junit_out, failing_statuses, html_out, verbose)


def _allowed(settings: Settings, spellings: list[str] | None) -> tuple[str, ...]:
    """The config's allow_unavailable plus the languages named with --allow-unavailable (any spelling)."""
    named = [settings.resolve(name).name for item in spellings or [] for name in item.split(",") if name.strip()]
    return tuple(dict.fromkeys([*settings.allow_unavailable, *named]))


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
