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


def refuse_escape(path: Path, root: Path) -> Path:
    """`path`, or a ToolError when writing it would go through a symlink (of the file or of a folder above
    it, dangling or not) to a place outside `root`."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ToolError(f"refusing to write {path}: it resolves to {resolved}, outside {root} (a symlink)")
    return path
