"""Reading the user's files without hanging: only regular files are opened (a FIFO would block)."""

import stat
from pathlib import Path

from jwtparity.errors import ToolError


def read_regular(path: Path, what: str) -> bytes:
    """The bytes of `path`; ToolError naming `what` when it is missing, unreadable or not a regular file."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ToolError(f"cannot read {what} {path}: not a regular file")
        return path.read_bytes()
    except OSError as exc:
        raise ToolError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc
