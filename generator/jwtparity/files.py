"""Reading the user's files without hanging (only regular files are opened: a FIFO would block), and writing
them without leaving half a file or going through a symlink out of the project."""

import contextlib
import os
import stat
import tempfile
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


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `target`, flushed to disk, then rename it over `target`: a
    failed write (a full disk) leaves the previous file as it was and no temporary file behind."""
    temp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as file:
            temp = file.name
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        os.replace(temp, target)
    except OSError as exc:
        raise ToolError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
