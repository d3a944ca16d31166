"""`docs sync`: the page's generated block, replaced in place or checked."""

from dataclasses import dataclass
from pathlib import Path

import typer

from jwtparity.cli.apps import docs_app
from jwtparity.cli.options import AnnotateOptions, RenderOptions, arg, command, opt, say
from jwtparity.errors import ToolError
from jwtparity.files import read_regular, write_atomically
from jwtparity.render import docs, drift
from jwtparity.render.snippets import render_section
from jwtparity.report import github


@dataclass
class SyncCommand(RenderOptions, AnnotateOptions):
    page: Path = arg(..., help="The markdown or MDX page to update in place.")
    check: bool = opt(False, "--check", help="Write nothing; exit 1 on drift.")


@command(docs_app, "sync")
def sync(options: SyncCommand) -> None:
    """Replace the block the tool generates in PAGE, leaving every other byte alone.

    The block is what lies between the markers <!-- jwtparity:begin --> and <!-- jwtparity:end --> (in MDX:
    {/* jwtparity:begin */} and {/* jwtparity:end */}) when the page has them; else the section under the
    heading "## Code samples for signature generation" (or any level-2 heading ending in
    {#code-samples-for-signature-generation}, as translated pages have), all of it in the headings layout
    (jwtmanager), only its <Tabs>...</Tabs> block in the tabs layout (jwtencode). BOM, line endings and the
    page's indentation are kept.
    """
    settings, page = options.settings(), options.page
    try:
        text = read_regular(page, "page").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ToolError(f"cannot read {page}: {exc}") from exc
    edition_info = settings.edition_info
    updated = docs.sync(text, render_section(settings), edition_info)
    if updated == text:
        say(f"{page}: code samples are up to date (edition {settings.edition})")
        return
    if options.check and options.fmt == "github":
        line = text.count("\n", 0, docs.block_span(text, edition_info).start) + 1
        finding = drift.report(docs.current_block(text, edition_info), settings, str(page)).split("\n")[0]
        typer.echo(github.annotation("error", finding, str(page), line, "docs out of sync"))
        raise typer.Exit(1)
    if options.check:
        typer.echo(drift.report(docs.current_block(text, edition_info), settings, str(page)))
        say(f"{page}: code samples differ from the templates of edition {settings.edition}")
        raise typer.Exit(1)
    write_atomically(page, updated.encode("utf-8"))
    typer.echo(f"{page}: code samples updated (edition {settings.edition})")
