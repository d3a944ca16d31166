"""Errors the CLI turns into one line on stderr and exit code 2."""


class ToolError(Exception):
    """The tool could not do what was asked (bad input, Docker down, broken template)."""
