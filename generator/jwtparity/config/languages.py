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
from typing import Any

from jwtparity.config.editions import DEFAULT_EDITION
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
    """A consumer profile: a real consumer's acceptance rules, run by `command` in its language's image;
    a producer profile (`[producers.NAME]`, same keys) is a real producer's signing, run the same way."""

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
    producers: tuple[Consumer, ...] = ()
    plain_call: str = ""  # verifying editions: the library's plain call without leeway, as the driver makes it
    # One image holds the snippet rendered for every algorithm and its driver picks by each case's alg
    # (else one image per algorithm, each holding its one snippet).
    all_algorithms: bool = False
    edition: str = DEFAULT_EDITION
    entry: str = ""  # the function (or method) the harness calls, as the adapter needs it
    tab: str = ""  # the docs tab value (tabs layout)
    label: str = ""  # the docs tab label (tabs layout)
    wrapper: tuple[str, ...] = ()  # lines the sample file adds around the docs fragment
    limits: tuple[tuple[str, str | int], ...] = ()  # sandbox limits raised for this language
    # About how long its image takes to build with nothing cached: images are built longest first, so
    # that a first run ends with short builds in parallel, not a long one alone.
    build_seconds: int = 0

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


NAME = re.compile(r"[a-z][a-z0-9_-]*")
TEXT_KEYS = ("name", "display", "sample", "fence", "install")  # required strings
OPTIONAL_TEXT_KEYS = ("secret_key", "secret_key_pattern", "entry", "tab", "label", "plain_call")
TEXT_LIST_KEYS = ("aliases", "wrapper", "verify")


def _is_texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check(values: dict[str, Any]) -> None:
    """Raise ValueError naming the first key of a manifest (as one edition has it) of the wrong type."""
    for key in TEXT_KEYS:
        if not isinstance(values.get(key), str) or not values[key].strip():
            raise ValueError(f"{key} must be a non-empty string, not {values.get(key)!r}")
    for key in OPTIONAL_TEXT_KEYS:
        if not isinstance(values.get(key, ""), str):
            raise ValueError(f"{key} must be a string, not {values[key]!r}")
    for key in TEXT_LIST_KEYS:
        if not _is_texts(values.get(key, [])):
            raise ValueError(f"{key} must be a list of strings, not {values[key]!r}")
    if not isinstance(values.get("order"), int) or isinstance(values["order"], bool):
        raise ValueError(f"order must be a whole number, not {values.get('order')!r}")
    build_seconds = values.get("build_seconds", 0)
    if not isinstance(build_seconds, int) or isinstance(build_seconds, bool) or build_seconds < 0:
        raise ValueError(f"build_seconds must be a whole number of seconds, not {build_seconds!r}")
    if not isinstance(values.get("all_algorithms", False), bool):
        raise ValueError(f"all_algorithms must be true or false, not {values['all_algorithms']!r}")
    library = values.get("library")
    if (
        not isinstance(library, dict)
        or sorted(library) != ["name", "source", "version"]
        or not all(isinstance(v, str) for v in library.values())
    ):
        raise ValueError(f"library must be a table of strings name, version, source, not {library!r}")
    deviations = values.get("deviations", [])
    if not isinstance(deviations, list) or not all(
        isinstance(d, dict)
        and {"line", "reason"} <= set(d) <= {"line", "reason", "replaces"}
        and all(isinstance(v, str) for v in d.values())
        for d in deviations
    ):
        raise ValueError(f"deviations must be tables of strings line, reason (and replaces), not {deviations!r}")
    limits = values.get("limits", {})
    if not isinstance(limits, dict) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in limits.values()
    ):
        raise ValueError(f"limits must be a table of sizes and numbers, not {limits!r}")
    for kind in ("consumers", "producers"):
        profiles = values.get(kind, {})
        if not isinstance(profiles, dict) or not all(
            isinstance(c, dict)
            and isinstance(c.get("display"), str)
            and isinstance(c.get("rules"), str)
            and _is_texts(c.get("command"))
            and _is_texts(c.get("sources", []))
            for c in profiles.values()
        ):
            raise ValueError(f"{kind} must be tables with display, rules, command = [strings] (and sources)")
    re.compile(values.get("secret_key_pattern", ""))


def _language(data: dict, edition: str, layers: HarnessDirs) -> Language:
    """The language as `edition` has it: the manifest's shared keys, overridden by the edition's table."""
    table = data["editions"][edition]
    if not isinstance(table, dict):
        raise ValueError(f"[editions.{edition}] must be a table")
    values = {k: v for k, v in data.items() if k != "editions"} | table
    _check(values)
    return Language(
        name=values["name"],
        display=values["display"],
        aliases=tuple(values.get("aliases", ())),
        order=values["order"],
        sample=values["sample"],
        fence=values["fence"],
        install=values["install"].replace("{version}", values["library"]["version"]),  # written once: [library]
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
        consumers=tuple(
            Consumer(name, c["display"], values["name"], tuple(c["command"]), c["rules"], tuple(c.get("sources", ())))
            for name, c in values.get("consumers", {}).items()
        ),
        producers=tuple(
            Consumer(name, c["display"], values["name"], tuple(c["command"]), c["rules"], tuple(c.get("sources", ())))
            for name, c in values.get("producers", {}).items()
        ),
        plain_call=values.get("plain_call", ""),
        all_algorithms=bool(values.get("all_algorithms", False)),
        build_seconds=values.get("build_seconds", 0),
    )


def _load(manifest: Path, layers: HarnessDirs, edition: str) -> Language | None:
    """The language of `manifest` in `edition`, or None when it takes no part in that edition."""
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        editions = data.get("editions", {})
        if not isinstance(editions, dict):
            raise ValueError("editions must be a table of [editions.<name>] tables")
        if edition not in editions:
            return None
        language = _language(data, edition, layers)
    except (
        OSError,
        UnicodeDecodeError,
        tomllib.TOMLDecodeError,
        KeyError,
        TypeError,
        AttributeError,
        ValueError,
        re.error,
    ) as exc:
        raise ToolError(f"broken language manifest {manifest}: {exc}") from exc
    folder = manifest.parent.name
    if language.name != folder or not NAME.fullmatch(folder):
        builtin = (
            manifest.parent.parent.resolve() != BUILTIN_HARNESS.resolve()
            and (BUILTIN_HARNESS / language.name / "language.toml").is_file()
        )
        shadow = f" (it would shadow the built-in language {language.name})" if builtin else ""
        raise ToolError(
            f"language manifest {manifest}: name {language.name!r} must be its folder's name, "
            f"in lower case ([a-z][a-z0-9_-]*){shadow}"
        )
    return language


def _no_shared_spellings(languages: list[Language]) -> None:
    """Refuse two languages answering to one spelling: one of them could never be named."""
    owner: dict[str, Language] = {}
    for language in languages:
        for spelling in sorted(spellings(language)):
            other = owner.setdefault(spelling, language)
            if other is not language:
                raise ToolError(
                    f"languages {other.name} ({other.harness_dirs[-1]}) and {language.name} "
                    f"({language.harness_dirs[-1]}) are both called {spelling!r}: rename one"
                )


@cache
def all_languages(
    harness_dirs: HarnessDirs = (BUILTIN_HARNESS,), edition: str = DEFAULT_EDITION
) -> tuple[Language, ...]:
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
    _no_shared_spellings(found)
    return tuple(sorted(found, key=lambda lang: (lang.order, lang.name)))


def shadowing(languages: tuple[Language, ...]) -> list[str]:
    """A line for each language whose manifest a project's harness folder replaces (the built-in one unused)."""
    notes = []
    for language in languages:
        builtin, *project = language.harness_dirs
        if builtin.parent != BUILTIN_HARNESS or not (builtin / "language.toml").is_file():
            continue
        used = [folder / "language.toml" for folder in project if (folder / "language.toml").is_file()]
        # A project whose harness/ is the built-in one (this checkout) or a copy of it replaces nothing.
        if used and used[-1].read_bytes() != (builtin / "language.toml").read_bytes():
            notes.append(f"{used[-1]} replaces the built-in manifest of {language.name}")
    return notes


def spellings(language: Language) -> set[str]:
    return {language.name, language.display.lower(), *(a.lower() for a in language.aliases)}


def resolve(spelling: str, harness_dirs: HarnessDirs = (BUILTIN_HARNESS,), edition: str = DEFAULT_EDITION) -> Language:
    """The language a user means by `spelling` (`cs`, `C#`, `golang`, …) in `edition`."""
    wanted = spelling.strip().lower()
    for language in all_languages(harness_dirs, edition):
        if wanted in spellings(language):
            return language
    known = ", ".join(lang.name for lang in all_languages(harness_dirs, edition))
    raise ToolError(f"unknown language {spelling!r} in edition {edition} (known: {known})")


def resolve_many(
    spellings: list[str] | None, harness_dirs: HarnessDirs = (BUILTIN_HARNESS,), edition: str = DEFAULT_EDITION
) -> list[Language]:
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
