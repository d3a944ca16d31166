"""`render` and `snippet`: the templates into samples/ and onto stdout."""

import os
from dataclasses import dataclass
from pathlib import Path

import typer

from jwtparity.cli.apps import app
from jwtparity.cli.options import AnnotateOptions, RenderOptions, arg, command, opt, say
from jwtparity.render.snippets import render_all, render_edition, render_snippet, stale_files, write_samples
from jwtparity.report import github


@dataclass
class RenderCommand(RenderOptions, AnnotateOptions):
    check: bool = opt(False, "--check", help="Write nothing; exit 1 when stale.")
    samples: Path | None = opt(None, help="Samples folder (default: the project's samples/).")


@command(app, "render")
def render(options: RenderCommand) -> None:
    """Render every snippet and the docs section of each of the project's editions (or the one given with
    --edition) into samples/<edition>/ (only changed files are written)."""
    settings, project = options.settings(), options.project()
    rendered = render_edition(settings) if options.edition else render_all(settings)
    samples = options.samples or project.writable("samples")
    if options.check:
        stale = stale_files(rendered, samples)
        for item in stale:
            if options.fmt == "github":
                message = f"{item.path} differs from its template: run `jwtparity render`"
                line = github.first_changed_line(item.diff)
                typer.echo(github.annotation("error", message, _shown(samples / item.path), line, "stale sample"))
                continue
            say(f"stale: {samples / item.path}")
            typer.echo(item.diff)
        if stale:
            raise typer.Exit(1)
        say(f"samples are fresh ({len(rendered)} files)")
        return
    confined_to = project.root if project.root and options.samples is None else samples
    written = write_samples(rendered, samples, confined_to)
    for path in written:
        typer.echo(f"wrote {samples / path}")
    if not written:
        typer.echo(f"nothing changed ({len(rendered)} files up to date)")


def _shown(path: Path) -> str:
    """`path` as an annotation names it: from the current folder (the repository's, in a workflow)."""
    return os.path.relpath(path) if path.is_absolute() else str(path)


@dataclass
class SnippetCommand(RenderOptions):
    language: str = arg(
        ...,
        help="csharp|cs|c#, java, nodejs|node|js, javascript|browser (jwtencode), php, python|py, ruby|rb, go|golang",
    )


@command(app, "snippet")
def snippet(options: SnippetCommand) -> None:
    """Print one ready snippet on stdout (the file the harness runs); its library's install line goes to stderr."""
    settings = options.settings()
    chosen = settings.resolve(options.language)
    code = render_snippet(chosen, settings)
    say(f"# install: {chosen.install}")
    typer.echo(code, nl=False)
