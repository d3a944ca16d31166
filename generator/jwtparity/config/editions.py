"""Editions: one generation of the samples each (templates, docs section layout, how the harness calls them).

An edition is a folder `templates/<name>/` holding `edition.toml`, its section template and one folder
per language. Languages take part in an edition through an `[editions.<name>]` table in their manifest
(see languages.py), and the harness calls the sample through `harness/<language>/editions/<name>/`.
Editions are looked up like templates: the project's folder first, then the built-in one.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from jwtparity.errors import ToolError

EDITION_FILE = "edition.toml"
DEFAULT_EDITION = "jwtencode"
LAYOUTS = ("headings", "tabs")
SECTION_FILE = "signature-samples.md"  # the rendered docs section, in samples/<edition>/


@dataclass(frozen=True)
class Edition:
    name: str
    description: str
    layout: str  # headings: the tool writes the whole section; tabs: only its <Tabs> block
    heading: str  # the section's English heading text
    anchor: str  # the {#id} a translated heading carries
    level: int  # the heading's level (## is 2)
    section_template: str  # relative to the templates folders
    exp: bool  # whether its templates can add an exp claim
    verifies: str = ""  # a producer profile: the samples verify its requests instead of signing cases


TEXT_KEYS = ("description", "layout", "heading", "anchor", "section_template")


def _load(path: Path) -> Edition:
    name = path.parent.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ToolError(f"broken edition file {path}: {exc}") from exc
    for key in TEXT_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ToolError(f"edition file {path}: {key} must be a non-empty string, not {data.get(key)!r}")
    level, exp = data.get("level"), data.get("exp", False)
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 6:
        raise ToolError(f"edition file {path}: level must be a heading level from 1 to 6, not {level!r}")
    if not isinstance(exp, bool):
        raise ToolError(f"edition file {path}: exp must be true or false, not {exp!r}")
    verifies = data.get("verifies", "")
    if not isinstance(verifies, str):
        raise ToolError(f"edition file {path}: verifies must be a producer profile's name, not {verifies!r}")
    if data["layout"] not in LAYOUTS:
        raise ToolError(f"edition file {path}: layout must be one of {', '.join(LAYOUTS)}, not {data['layout']!r}")
    return Edition(
        name=name,
        description=data["description"],
        layout=data["layout"],
        heading=data["heading"],
        anchor=data["anchor"],
        level=level,
        section_template=f"{name}/{data['section_template']}",
        exp=exp,
        verifies=verifies,
    )


def all_editions(templates_dirs: tuple[Path, ...]) -> dict[str, Edition]:
    """Every edition found in `templates_dirs` by name, the first folder that has it winning."""
    found: dict[str, Edition] = {}
    for folder in templates_dirs:
        for path in sorted(folder.glob(f"*/{EDITION_FILE}")) if folder.is_dir() else ():
            found.setdefault(path.parent.name, _load(path))
    return found


def resolve(name: str, templates_dirs: tuple[Path, ...]) -> Edition:
    known = all_editions(templates_dirs)
    if name not in known:
        raise ToolError(f"unknown edition {name!r} (known: {', '.join(sorted(known)) or 'none'})")
    return known[name]
