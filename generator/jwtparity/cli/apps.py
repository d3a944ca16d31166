"""The command groups; each module of commands/ registers its commands on them."""

import typer

app = typer.Typer(
    help="Render, run and verify the JWT signing snippets of API documentation.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
docs_app = typer.Typer(help="Keep a markdown page's code samples section in sync.", no_args_is_help=True)
images_app = typer.Typer(help="Build, list and prune the per-language images.", no_args_is_help=True)
engine_app = typer.Typer(help="The Docker engine.", no_args_is_help=True)
report_app = typer.Typer(help="Work with saved reports.", no_args_is_help=True)
app.add_typer(docs_app, name="docs")
app.add_typer(images_app, name="images")
app.add_typer(engine_app, name="engine")
app.add_typer(report_app, name="report")
