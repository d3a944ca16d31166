"""One module per group of commands: each parses nothing itself (its options object did) and dispatches."""

from jwtparity.cli.commands import checking, docs, engine, project, rendering, running

__all__ = ["checking", "docs", "engine", "project", "rendering", "running"]
