"""`engine ensure` and `images …`: the Docker engine, the base image and the per-language images."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import typer

from jwtparity.cli.apps import engine_app, images_app
from jwtparity.cli.options import BuildOptions, ProjectOptions, arg, command, opt, say
from jwtparity.config.editions import all_editions
from jwtparity.config.settings import ALGORITHMS
from jwtparity.run import engine, images
from jwtparity.run.progress import ProgressLog, build_output
from jwtparity.run.states import ImageState


@dataclass
class BaseImageOptions(ProjectOptions):
    base_image: str | None = opt(None, help="Base image of every recipe.")
    mirror: str | None = opt(None, help="Debian mirror for mmdebstrap or debootstrap (default: the apt sources').")


@command(engine_app, "ensure")
def ensure(options: BaseImageOptions) -> None:
    """Start Docker (installing it on Debian as root if needed) and make sure the base image exists."""
    settings = options.load(base_image=options.base_image)
    _, said = engine.ensure(settings.base_image, options.mirror, say=say)
    typer.echo(said)


@dataclass
class BootstrapCommand(BaseImageOptions):
    force: bool = opt(False, help="Rebuild even when the image exists.")


@command(images_app, "bootstrap-base")
def bootstrap_base(options: BootstrapCommand) -> None:
    """Build the base image from the machine's Debian mirror (mmdebstrap, else debootstrap), unless it can be had."""
    settings = options.load(base_image=options.base_image)
    typer.echo(engine.bootstrap_base(engine.connect(), settings.base_image, options.mirror, options.force, say=say))


@dataclass
class BuildCommand(BuildOptions):
    languages: list[str] | None = arg(None, help="Languages (default: all).")


@command(images_app, "build")
def build(options: BuildCommand) -> None:
    """Build (or reuse) the image of each language for the configured algorithm, one after the other."""
    settings = options.settings(ca_bundle=options.ca_bundle, base_image=options.base_image)
    progress = ProgressLog()
    ctx = options.context(settings).with_progress(progress)
    failed = False
    for language in settings.resolve_many(options.languages):
        outcome = images.ensure_image(ctx, language, settings.algorithm, build_output(language.name, progress))
        if outcome.status == ImageState.READY:
            verb = "reused" if outcome.reused else "built"
            library = outcome.library
            typer.echo(
                f"{language.name}: {verb} {outcome.tag} ({library.name} {library.version} from {library.source})"
                if library
                else verb
            )
        elif outcome.status == ImageState.UNAVAILABLE:
            typer.echo(f"{language.name}: skipped: {outcome.reason}")
        else:
            failed = True
            typer.echo(f"{language.name}: FAILED: {outcome.reason}\n  full log: {outcome.log_path}")
    if failed:
        raise typer.Exit(1)


@dataclass
class ListCommand:
    pass


@command(images_app, "list")
def list_images(options: ListCommand) -> None:
    """The tool's images: language, algorithm, tag, library with version and source, size, age."""
    rows = images.list_images(engine.connect())
    if not rows:
        typer.echo("no jwtparity images (build them with `jwtparity images build`)")
    for row in rows:
        typer.echo(
            f"{row.language:<8} {row.algorithm:<6} {row.tag:<38} {row.library:<55} "
            f"{row.size_mb:7.0f} MB  {_age(row.created)}"
        )


def _age(created: datetime) -> str:
    seconds = (datetime.now(UTC) - created).total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f}{unit} ago"
    return f"{seconds:.0f}s ago"


@dataclass
class PruneCommand(ProjectOptions):
    all_images: bool = opt(False, "--all", help="Remove every jwtparity image.")
    ca_bundle: Path | None = opt(None, help="CA bundle trusted inside image builds.")
    base_image: str | None = opt(None, help="Base image of every recipe.")


@command(images_app, "prune")
def prune(options: PruneCommand) -> None:
    """Remove the tool's images that the current templates and settings no longer produce."""
    settings = options.load(ca_bundle=options.ca_bundle, base_image=options.base_image)
    client = engine.connect()
    keep: set[str] = set()
    if not options.all_images:
        base_id = images.base_image_id(client, settings)
        keep = {
            images.planned_tag(lang, edition_settings, alg, base_id)
            for edition_settings in map(settings.for_edition, all_editions(settings.templates_dirs))
            for lang in edition_settings.languages
            for alg in ALGORITHMS
        }
    removed = images.prune_images(client, keep)
    typer.echo("\n".join(f"removed {tag}" for tag in removed) or "nothing to remove")
