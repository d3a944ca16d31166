"""Each command's options as one dataclass, declared once beside its field, parsed once.

A field's metadata holds its Typer parameter (`opt`, `arg`); `command` turns the dataclass into the
command's signature for Typer and hands the handler one filled-in options object. Groups of options
that several commands share are dataclasses of their own, combined by inheritance, so that a flag is
written once. Rules that span options (a bad --fail-on or --format fails before any work) live in the
option class's `__post_init__`.
"""

import dataclasses
import inspect
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from jwtparity.cases.suite import Case, select
from jwtparity.config.languages import Language, shadowing
from jwtparity.config.project import Project, find
from jwtparity.config.settings import Settings, load
from jwtparity.errors import ToolError
from jwtparity.files import refuse_escape
from jwtparity.judge.statuses import PASSING, STATUSES
from jwtparity.run import engine, images, sandbox
from jwtparity.run.context import RunContext

Options = TypeVar("Options")


def opt(default: Any, *names: str, help: str) -> Any:
    """A field that is a command-line option (`--name` from the field's name unless `names` say)."""
    return dataclasses.field(default=default, metadata={"typer": typer.Option(*names, help=help)})


def arg(default: Any, help: str) -> Any:
    """A field that is a positional argument."""
    return dataclasses.field(default=default, metadata={"typer": typer.Argument(help=help)})


def command(group: typer.Typer, name: str | None = None) -> Callable[[Callable[[Options], None]], None]:
    """Register `handler(options)` as a command whose parameters are the fields of its options class."""

    def register(handler: Callable[[Options], None]) -> None:
        options_class = next(iter(inspect.get_annotations(handler, eval_str=True).values()))
        fields = dataclasses.fields(options_class)
        parameters = [
            inspect.Parameter(
                f.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=f.default,
                annotation=Annotated[f.type, f.metadata["typer"]],
            )
            for f in fields
        ]

        def entry(**values: Any) -> None:
            handler(options_class(**values))

        entry.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        entry.__annotations__ = {p.name: p.annotation for p in parameters}
        entry.__doc__ = handler.__doc__
        entry.__name__ = handler.__name__
        group.command(name)(entry)

    return register


def say(message: str) -> None:
    typer.echo(message, err=True)


@dataclass
class ProjectOptions:
    config: Path | None = opt(None, help="Settings file (default: the project's).")
    project_dir: Path | None = opt(
        None,
        "--project",
        help="The project folder (default: the nearest folder, "
        "from here upwards, with jwtparity.toml or [tool.jwtparity] in pyproject.toml).",
    )

    def project(self) -> Project:
        return find(explicit=self.project_dir)

    def load(self, **overrides: Any) -> Settings:
        """The settings: built-in defaults, the config file, then these options (those not None)."""
        settings = load(self.config, self.project()).with_options(**overrides)
        for note in shadowing(settings.languages):
            say(f"note: {note}")
        return settings


@dataclass
class RenderOptions(ProjectOptions):
    algorithm: str | None = opt(None, help="HS256, HS384 or HS512.")
    secret_key: list[str] | None = opt(
        None, "--secret-key", help="LANG=NAME: the configuration key a language's snippet reads the secret from."
    )
    lifetime: int | None = opt(None, help="Token lifetime in seconds (Node's expiresIn).")
    exp: bool | None = opt(None, "--exp/--no-exp", help="Add an exp claim in the other languages.")
    templates: Path | None = opt(
        None, help="Templates folder, looked up before the project's templates/ and the built-in ones."
    )
    edition: str | None = opt(
        None,
        "--edition",
        help="The samples' edition: jwtencode (the live page's "
        "functions in MDX tabs) or jwtmanager (the 2025 page's JwtManager classes under "
        "headings); default: the project's first.",
    )

    def settings(self, **overrides: Any) -> Settings:
        settings = load(self.config, self.project())
        if self.templates is not None:
            settings = settings.with_options(templates_dirs=(self.templates, *settings.templates_dirs))
        if self.edition is not None:
            settings = settings.with_options(edition=self.edition)
        keys = self._secret_keys(settings) if self.secret_key else None
        settings = settings.with_options(
            algorithm=self.algorithm, secret_keys=keys, lifetime=self.lifetime, exp=self.exp, **overrides
        )
        for note in shadowing(settings.languages):
            say(f"note: {note}")
        return settings

    def _secret_keys(self, settings: Settings) -> dict[str, str]:
        keys = dict(settings.secret_keys)
        for item in self.secret_key or []:
            name, sep, value = item.partition("=")
            if not sep:
                raise ToolError(f"--secret-key takes LANG=NAME, not {item!r}")
            language = settings.resolve(name)
            if language.secret_key is None:
                raise ToolError(
                    f"--secret-key: {language.name}'s sample in edition {settings.edition} takes "
                    "the secret as an argument, it reads no configuration key"
                )
            keys[language.name] = value
        return keys


@dataclass
class BuildOptions(RenderOptions):
    ca_bundle: Path | None = opt(None, help="CA bundle trusted inside image builds.")
    base_image: str | None = opt(None, help="Base image of every recipe.")
    log_dir: Path | None = opt(
        None, help="Where image build logs go (default: .jwtparity/logs in the project, else the user's cache)."
    )
    retry_unavailable: bool = opt(
        False,
        "--retry-unavailable",
        help="Try again to build images whose library was found unobtainable (else remembered for a day).",
    )

    def logs(self) -> Path:
        """The build log folder, made and checked (writable, no symlink leading out) before any work."""
        return _log_dir(self.project(), self.log_dir)

    def context(self, settings: Settings, connect: bool = False, log_dir: Path | None = None) -> RunContext:
        """The run's shared context: the log folder (`log_dir` when checked already), the engine (cleared of
        a killed run's containers when `connect`), its base image checked, before any progress is shown."""
        log_dir = log_dir or self.logs()
        client = _connect() if connect else engine.connect()
        images.base_image_id(client, settings)  # fail before any progress when the base image is missing
        return RunContext(client, settings, log_dir, retry_unavailable=self.retry_unavailable)


@dataclass
class RunOptions(BuildOptions):
    lang: list[str] | None = opt(None, "--lang", help="Language(s), repeatable or comma-separated.")
    cases: list[Path] | None = opt(None, "--cases", help="Cases file: JSON array or JSON lines.")
    suite: list[str] | None = opt(None, "--suite", help="Built-in suite: default, edge or all.")
    jobs: int | None = opt(None, help="Languages run in parallel.")
    timeout: float | None = opt(None, help="Wall-clock limit per container, seconds.")

    def run_settings(self, **overrides: Any) -> Settings:
        return self.settings(
            jobs=self.jobs, timeout=self.timeout, ca_bundle=self.ca_bundle, base_image=self.base_image, **overrides
        )

    def chosen(self, settings: Settings) -> tuple[list[Case], list[Language]]:
        """The cases and the languages asked for; `--lang ""` names none and would check nothing."""
        languages = settings.resolve_many(self.lang)
        if not languages:
            raise ToolError("--lang names no language (leave it out for all of them)")
        return select(self.suite, self.cases, settings.algorithm), languages


FORMATS = ("table", "json", "markdown", "github")


@dataclass
class AnnotateOptions:
    fmt: str = opt("text", "--format", help="text, or github: one annotation per finding for a pull request.")

    def __post_init__(self) -> None:
        if self.fmt not in ("text", "github"):
            raise ToolError(f"--format must be text or github, not {self.fmt!r}")


DEFAULT_FAIL_ON = ",".join(s for s in STATUSES if s not in PASSING)


@dataclass
class ReportOptions:
    json_out: Path | None = opt(None, "--json", help="Write the JSON report here.")
    junit_out: Path | None = opt(None, "--junit", help="Write JUnit XML here.")
    fmt: str = opt("table", "--format", help="table, json, markdown, or github (annotations) on stdout.")
    html_out: Path | None = opt(None, "--html", help="Write a self-contained HTML page here.")
    verbose: bool = opt(False, "--verbose", help="Details: one line per cell instead of grouped.")
    fail_on: str = opt(DEFAULT_FAIL_ON, help="Statuses that fail the check.")

    def __post_init__(self) -> None:  # bad options fail before any work
        if self.fmt not in FORMATS:
            raise ToolError(f"--format must be one of {', '.join(FORMATS)}, not {self.fmt!r}")
        self.failing_statuses  # noqa: B018  (parsed now, to fail early)

    @property
    def failing_statuses(self) -> set[str]:
        chosen = {s.strip() for s in self.fail_on.split(",") if s.strip()}
        if not chosen:
            raise ToolError(f"--fail-on names no status (known: {', '.join(STATUSES)}); nothing could fail")
        unknown = sorted(chosen - set(STATUSES))
        if unknown:
            raise ToolError(f"--fail-on: unknown status {unknown[0]!r} (known: {', '.join(STATUSES)})")
        return chosen


@dataclass
class CheckOptions(RunOptions, ReportOptions):
    quiet: bool = opt(False, help="No progress on stderr.")
    cross: bool = opt(False, help="Also verify every token with every language's library (signer x verifier matrix).")
    consumer: list[str] | None = opt(
        None, help="Consumer profile whose acceptance rules judge every token (onlyoffice-docs)."
    )
    allow_unavailable: list[str] | None = opt(
        None,
        "--allow-unavailable",
        help="A language that may be "
        "unavailable here without failing (repeatable; added to the "
        "config's allow_unavailable).",
    )
    write_known: Path | None = opt(
        None, "--write-known", help="Write the failing results here as [[known]] entries to review."
    )

    def __post_init__(self) -> None:
        ReportOptions.__post_init__(self)

    def check_settings(self) -> Settings:
        settings = self.run_settings()
        named = [
            settings.resolve(name).name
            for item in self.allow_unavailable or []
            for name in item.split(",")
            if name.strip()
        ]
        return settings.with_options(allow_unavailable=tuple(dict.fromkeys([*settings.allow_unavailable, *named])))


def _connect() -> Any:
    """The engine, cleared of the containers a killed run left behind (saying so)."""
    client = engine.connect()
    removed = sandbox.remove_stale(client)
    if removed:
        say(
            f"removed {len(removed)} stale jwtparity container(s) left by an earlier run that was killed: "
            f"{', '.join(removed)}"
        )
    return client


def _log_dir(project: Project, chosen: Path | None) -> Path:
    """The build log folder (--log-dir, else the project's, else the user's cache), made and known to be
    writable before any work starts; refused when the project's, or a log or remembered outcome in it, is a
    symlink leading out."""
    if chosen is not None:
        path = chosen
    elif project.root is not None:
        path = project.root / ".jwtparity" / "logs"
    else:
        path = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jwtparity" / "logs"
    unavailable = path.parent / images.UNAVAILABLE_DIR
    if chosen is None and project.root is not None:
        refuse_escape(path, project.root)
        refuse_escape(unavailable, project.root)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise ToolError(f"cannot write build logs to {path}: {exc.strerror or exc}") from exc
    for entry in (*path.iterdir(), *(unavailable.iterdir() if unavailable.is_dir() else ())):
        if entry.is_symlink():
            refuse_escape(entry, entry.parent)
    return path
