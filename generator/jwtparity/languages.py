"""Languages are data: one `harness/<name>/language.toml` manifest each, read here.

Nothing else in the package names a language; everything asks the registry.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jwtparity.errors import ToolError
from jwtparity.paths import BUILTIN_HARNESS


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    source: str


@dataclass(frozen=True)
class Deviation:
    """A line the rendered snippet has that the seed does not (or has instead of `replaces`)."""

    line: str
    reason: str
    replaces: str | None = None


@dataclass(frozen=True)
class Language:
    name: str
    display: str
    aliases: tuple[str, ...]
    order: int
    sample: str
    fence: str
    install: str
    secret_key: str
    secret_key_pattern: str
    library: Library
    deviations: tuple[Deviation, ...]
    harness_dir: Path
    # One image holds the snippet rendered for every algorithm and its driver picks by each case's alg
    # (else one image per algorithm, each holding its one snippet).
    all_algorithms: bool = False

    @property
    def template(self) -> str:
        return f"{self.sample}.j2"

    @property
    def heading(self) -> str:
        return f"{self.display} example"

    def accepts_secret_key(self, key: str) -> bool:
        return re.fullmatch(self.secret_key_pattern, key) is not None


def _load(manifest: Path) -> Language:
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        return Language(
            name=data["name"],
            display=data["display"],
            aliases=tuple(data.get("aliases", ())),
            order=data["order"],
            sample=data["sample"],
            fence=data["fence"],
            install=data["install"],
            secret_key=data["secret_key"],
            secret_key_pattern=data["secret_key_pattern"],
            library=Library(**data["library"]),
            deviations=tuple(Deviation(**d) for d in data.get("deviations", ())),
            harness_dir=manifest.parent,
            all_algorithms=bool(data.get("all_algorithms", False)),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ToolError(f"broken language manifest {manifest}: {exc}") from exc


@cache
def all_languages(harness_dir: Path = BUILTIN_HARNESS) -> tuple[Language, ...]:
    """Every language with a manifest, in docs order."""
    found = [_load(m) for m in sorted(harness_dir.glob("*/language.toml"))]
    return tuple(sorted(found, key=lambda lang: lang.order))


def _spellings(language: Language) -> set[str]:
    return {language.name, language.display.lower(), *(a.lower() for a in language.aliases)}


def resolve(spelling: str) -> Language:
    """The language a user means by `spelling` (`cs`, `C#`, `golang`, …)."""
    wanted = spelling.strip().lower()
    for language in all_languages():
        if wanted in _spellings(language):
            return language
    known = ", ".join(lang.name for lang in all_languages())
    raise ToolError(f"unknown language {spelling!r} (known: {known})")


def resolve_many(spellings: list[str] | None) -> list[Language]:
    """The languages named (comma lists allowed), or all of them when none is named."""
    if not spellings:
        return list(all_languages())
    chosen: list[Language] = []
    for item in spellings:
        for part in filter(None, (p.strip() for p in item.split(","))):
            language = resolve(part)
            if language not in chosen:
                chosen.append(language)
    return chosen
