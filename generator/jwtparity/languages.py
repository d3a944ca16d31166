"""Languages are data: one `harness/<name>/language.toml` manifest each, read here.

Nothing else in the package names a language; everything asks the registry. Harness folders are
layered: a project's `harness/<name>/` lays its files over the built-in folder of that name (its
manifest, when it has one, replaces the built-in manifest), and a new name adds a language.

A manifest's top-level keys hold what its editions share; each `[editions.<name>]` table makes the
language part of that edition and overrides any key for it (see editions.py). A `Language` is one
language as one edition has it.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jwtparity.editions import DEFAULT_EDITION
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
    secret_key: str | None  # None: the sample takes the secret as an argument
    secret_key_pattern: str
    library: Library
    deviations: tuple[Deviation, ...]
    harness_dirs: HarnessDirs  # the layers of its harness folder, the built-in one first
    verify: tuple[str, ...] = ()  # the command of the image's verifier; () when it has none
    consumers: tuple[Consumer, ...] = ()
    # One image holds the snippet rendered for every algorithm and its driver picks by each case's alg
    # (else one image per algorithm, each holding its one snippet).
    all_algorithms: bool = False
    edition: str = DEFAULT_EDITION
    entry: str = ""  # the function (or method) the harness calls, as the adapter needs it
    tab: str = ""  # the docs tab value (tabs layout)
    label: str = ""  # the docs tab label (tabs layout)
    wrapper: tuple[str, ...] = ()  # lines the sample file adds around the docs fragment
    limits: tuple[tuple[str, str | int], ...] = ()  # sandbox limits raised for this language

    @property
    def template(self) -> str:
        return f"{self.edition}/{self.sample}.j2"

    @property
    def sample_path(self) -> str:
        """Where the rendered sample lives, relative to samples/."""
        return f"{self.edition}/{self.sample}"

    @property
    def adapter(self) -> str:
        """The harness folder, relative to the language's, that tells the driver how to call this sample."""
        return f"editions/{self.edition}"

    @property
    def heading(self) -> str:
        return f"{self.display} example"

    def accepts_secret_key(self, key: str) -> bool:
        return re.fullmatch(self.secret_key_pattern, key) is not None


def _language(data: dict, edition: str, layers: HarnessDirs) -> Language:
    """The language as `edition` has it: the manifest's shared keys, overridden by the edition's table."""
    values = {k: v for k, v in data.items() if k != "editions"} | data["editions"][edition]
    return Language(
        name=values["name"],
        display=values["display"],
        aliases=tuple(values.get("aliases", ())),
        order=values["order"],
        sample=values["sample"],
        fence=values["fence"],
        install=values["install"],
        secret_key=values.get("secret_key") or None,
        secret_key_pattern=values.get("secret_key_pattern", ""),
        library=Library(**values["library"]),
        deviations=tuple(Deviation(**d) for d in values.get("deviations", ())),
        harness_dirs=layers,
        edition=edition,
        entry=values.get("entry", ""),
        tab=values.get("tab", values["name"]),
        label=values.get("label", values["display"]),
        wrapper=tuple(values.get("wrapper", ())),
        limits=tuple(sorted(values.get("limits", {}).items())),
        verify=tuple(values.get("verify", ())),
        consumers=tuple(Consumer(name, c["display"], values["name"], tuple(c["command"]), c["rules"],
                                 tuple(c.get("sources", ()))) for name, c in values.get("consumers", {}).items()),
        all_algorithms=bool(values.get("all_algorithms", False)),
    )


def _load(manifest: Path, layers: HarnessDirs, edition: str) -> Language | None:
    """The language of `manifest` in `edition`, or None when it takes no part in that edition."""
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        if edition not in data.get("editions", {}):
            return None
        return _language(data, edition, layers)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise ToolError(f"broken language manifest {manifest}: {exc}") from exc


@cache
def all_languages(harness_dirs: HarnessDirs = (BUILTIN_HARNESS,),
                  edition: str = DEFAULT_EDITION) -> tuple[Language, ...]:
    """Every language of `edition` with a manifest in `harness_dirs` (later ones lay over earlier), in docs order."""
    layers: dict[str, list[Path]] = {}
    for harness in harness_dirs:
        for folder in sorted(p for p in harness.iterdir() if p.is_dir()) if harness.is_dir() else ():
            layers.setdefault(folder.name, []).append(folder)
    found = []
    for folders in layers.values():
        manifests = [f / "language.toml" for f in folders if (f / "language.toml").is_file()]
        language = _load(manifests[-1], tuple(folders), edition) if manifests else None
        if language:
            found.append(language)
    return tuple(sorted(found, key=lambda lang: (lang.order, lang.name)))


def spellings(language: Language) -> set[str]:
    return {language.name, language.display.lower(), *(a.lower() for a in language.aliases)}


def resolve(spelling: str, harness_dirs: HarnessDirs = (BUILTIN_HARNESS,),
            edition: str = DEFAULT_EDITION) -> Language:
    """The language a user means by `spelling` (`cs`, `C#`, `golang`, …) in `edition`."""
    wanted = spelling.strip().lower()
    for language in all_languages(harness_dirs, edition):
        if wanted in spellings(language):
            return language
    known = ", ".join(lang.name for lang in all_languages(harness_dirs, edition))
    raise ToolError(f"unknown language {spelling!r} in edition {edition} (known: {known})")


def resolve_many(spellings: list[str] | None, harness_dirs: HarnessDirs = (BUILTIN_HARNESS,),
                 edition: str = DEFAULT_EDITION) -> list[Language]:
    """The languages named (comma lists allowed), or all of them when none is named."""
    if not spellings:
        return list(all_languages(harness_dirs, edition))
    chosen: list[Language] = []
    for item in spellings:
        for part in filter(None, (p.strip() for p in item.split(","))):
            language = resolve(part, harness_dirs, edition)
            if language not in chosen:
                chosen.append(language)
    return chosen
