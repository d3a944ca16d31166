"""A project: the folder of a docs repository that jwtparity works in.

It is the nearest folder, from the current one upwards, holding `jwtparity.toml` or a `pyproject.toml`
with a `[tool.jwtparity]` table (or the folder given with `--project`). Its own `templates/` and
`harness/` come before the built-in ones, file by file; `samples/` is where `render` writes. Without a
project, read-only commands work on the built-ins alone.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from jwtparity.errors import ToolError
from jwtparity.paths import BUILTIN_HARNESS, BUILTIN_TEMPLATES

CONFIG_FILE = "jwtparity.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Project:
    root: Path | None  # None: no project, the built-ins only
    config: Path | None = None  # the settings file, when the project has one

    def _own(self, name: str) -> tuple[Path, ...]:
        folder = self.root / name if self.root else None
        return (folder,) if folder and folder.is_dir() else ()

    @property
    def templates_dirs(self) -> tuple[Path, ...]:
        """Where templates are looked up, first match wins: the project's, then the built-in ones."""
        own = self._own("templates")
        for folder in own:
            if self.root and not folder.resolve().is_relative_to(self.root):
                raise ToolError(
                    f"templates folder {folder} resolves to {folder.resolve()}, outside the project: refused"
                )
        return (*own, BUILTIN_TEMPLATES)

    @property
    def harness_dirs(self) -> tuple[Path, ...]:
        """Harness folders, the built-in one first: a project's files lay over it (see languages.py)."""
        return (BUILTIN_HARNESS, *self._own("harness"))

    def writable(self, what: str) -> Path:
        """The project's folder `what`, or a ToolError saying why nothing can be written there."""
        if self.root is None:
            raise ToolError(
                f"no project here (no {CONFIG_FILE} in {Path.cwd()} or above), so there is no "
                f"{what}/ to write: run `jwtparity init` or pass --project DIR"
            )
        return self.root / what


def _settings_file(folder: Path) -> Path | None:
    """The file holding jwtparity's settings in `folder`, if any."""
    if (folder / CONFIG_FILE).is_file():
        return folder / CONFIG_FILE
    pyproject = folder / PYPROJECT
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ToolError(f"{pyproject} is unreadable: {exc}") from exc
        if isinstance(data.get("tool"), dict) and "jwtparity" in data["tool"]:
            return pyproject
    return None


def find(start: Path | None = None, explicit: Path | None = None) -> Project:
    """The project at `explicit`, else the nearest one from `start` (the current folder) upwards."""
    if explicit is not None:
        if not explicit.is_dir():
            raise ToolError(f"project folder {explicit} not found")
        root = explicit.resolve()
        return Project(root, _settings_file(root))
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        found = _settings_file(folder)
        if found:
            return Project(folder, found)
    return Project(None)
