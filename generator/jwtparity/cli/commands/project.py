"""`init` and `editions`: making a docs repository a project, and what editions it guards."""

from dataclasses import dataclass
from pathlib import Path

import typer

from jwtparity.cli.apps import app
from jwtparity.cli.options import ProjectOptions, arg, command, opt, say
from jwtparity.config import scaffold
from jwtparity.config.editions import all_editions
from jwtparity.errors import ToolError


@dataclass
class InitCommand:
    folder: str = arg(".", help="The docs repository's folder.")
    templates: bool = opt(False, "--templates", help="Also copy the built-in templates into templates/ to customise.")
    force: bool = opt(False, help="Overwrite files that exist.")


@command(app, "init")
def init(options: InitCommand) -> None:
    """Make FOLDER a jwtparity project: a commented jwtparity.toml (and with --templates, the templates)."""
    if not options.folder.strip():
        raise ToolError("init: the folder name is empty (leave it out for the current folder)")
    written = scaffold.init(Path(options.folder), options.templates, options.force)
    typer.echo(f"wrote {written[0]}" + (f" and {len(written) - 1} templates" if len(written) > 1 else ""))
    say("next: `jwtparity render` writes samples/, `jwtparity check` runs them")


@dataclass
class EditionsCommand(ProjectOptions):
    names: bool = opt(False, "--names", help="Only the names, one a line.")


@command(app, "editions")
def editions(options: EditionsCommand) -> None:
    """The project's editions, the default first (then the other editions known here)."""
    settings = options.load()
    known = all_editions(settings.templates_dirs)
    if options.names:
        typer.echo("\n".join(settings.editions))
        return
    for name in dict.fromkeys((*settings.editions, *known)):
        role = "default" if name == settings.edition else "listed" if name in settings.editions else "known"
        typer.echo(f"{name:<12} {role:<8} {known[name].layout:<9} {known[name].description}")
