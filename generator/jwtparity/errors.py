"""Errors the CLI turns into one line on stderr and exit code 2."""


class ToolError(Exception):
    """The tool could not do what was asked (bad input, Docker down, broken template)."""


def first_line(exc: BaseException) -> str:
    """An exception's first line of text, or its type's name when it has none."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
