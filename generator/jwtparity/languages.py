"""Languages are data: one `harness/<name>/language.toml` manifest each, read here.

Nothing else in the package names a language; everything asks the registry. Harness folders are
layered: a project's `harness/<name>/` lays its files over the built-in folder of that name (its
manifest, when it has one, replaces the built-in manifest), and a new name adds a language.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jwtparity.errors import ToolError
from jwtparity.paths import BUILTIN_HARNESS

HarnessDirs = tuple[Path, ...]


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
class Consumer:
    """A consumer profile: a real consumer's acceptance rules, run by `command` in its language's image."""

    name: str
    display: str
    language: str
    command: tuple[str, ...]
    rules: str
    sources: tuple[str, ...]


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
    harness_dirs: HarnessDirs  # the layers of its harness folder, the built-in one first
    verify: tuple[str, ...] = ()  # the command of the image's verifier; () when it has none
    consumers: tuple[Consumer, ...] = ()
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


def _load(manifest: Path, layers: HarnessDirs) -> Language:
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
            harness_dirs=layers,
            verify=tuple(data.get("verify", ())),
            consumers=tuple(Consumer(name, c["display"], data["name"], tuple(c["command"]), c["rules"],
                                     tuple(c.get("sources", ()))) for name, c in data.get("consumers", {}).items()),
            all_algorithms=bool(data.get("all_algorithms", False)),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ToolError(f"broken language manifest {manifest}: {exc}") from exc


@cache
def all_languages(harness_dirs: HarnessDirs = (BUILTIN_HARNESS,)) -> tuple[Language, ...]:
    """Every language with a manifest in any of `harness_dirs` (later ones lay over earlier), in docs order."""
    layers: dict[str, list[Path]] = {}
    for harness in harness_dirs:
        for folder in sorted(p for p in harness.iterdir() if p.is_dir()) if harness.is_dir() else ():
            layers.setdefault(folder.name, []).append(folder)
    found = []
    for folders in layers.values():
        manifests = [f / "language.toml" for f in folders if (f / "language.toml").is_file()]
        if manifests:
            found.append(_load(manifests[-1], tuple(folders)))
    return tuple(sorted(found, key=lambda lang: (lang.order, lang.name)))


def _spellings(language: Language) -> set[str]:
    return {language.name, language.display.lower(), *(a.lower() for a in language.aliases)}


def resolve(spelling: str, harness_dirs: HarnessDirs = (BUILTIN_HARNESS,)) -> Language:
    """The language a user means by `spelling` (`cs`, `C#`, `golang`, …)."""
    wanted = spelling.strip().lower()
    for language in all_languages(harness_dirs):
        if wanted in _spellings(language):
            return language
    known = ", ".join(lang.name for lang in all_languages(harness_dirs))
    raise ToolError(f"unknown language {spelling!r} (known: {known})")


def resolve_many(spellings: list[str] | None, harness_dirs: HarnessDirs = (BUILTIN_HARNESS,)) -> list[Language]:
    """The languages named (comma lists allowed), or all of them when none is named."""
    if not spellings:
        return list(all_languages(harness_dirs))
    chosen: list[Language] = []
    for item in spellings:
        for part in filter(None, (p.strip() for p in item.split(","))):
            language = resolve(part, harness_dirs)
            if language not in chosen:
                chosen.append(language)
    return chosen
