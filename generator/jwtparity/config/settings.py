"""Settings: built-in defaults, overridden by a config file, overridden by CLI options.

The config file is `jwtparity.toml` (top level) or the `[tool.jwtparity]` table of `pyproject.toml`:
the project's (see project.py) unless a path is given.
"""

import math
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jwtparity.config import editions, known
from jwtparity.config.editions import DEFAULT_EDITION, Edition
from jwtparity.config.known import KnownFinding
from jwtparity.config.languages import HarnessDirs, Language, all_languages, resolve, resolve_many, spellings
from jwtparity.config.project import Project
from jwtparity.errors import ToolError
from jwtparity.judge.statuses import STATUSES
from jwtparity.paths import BUILTIN_HARNESS, BUILTIN_TEMPLATES

ALGORITHMS = ("HS256", "HS384", "HS512")
DEFAULT_BASE_IMAGE = "debian:bookworm-slim"
SYSTEM_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")


@dataclass(frozen=True)
class Settings:
    algorithm: str = "HS256"
    secret_keys: dict[str, str] = field(default_factory=dict)
    lifetime: int = 300
    exp: bool = False
    timeout: float = 120.0
    jobs: int = field(default_factory=lambda: os.cpu_count() or 2)
    base_image: str = DEFAULT_BASE_IMAGE
    ca_bundle: Path | None = SYSTEM_CA_BUNDLE if SYSTEM_CA_BUNDLE.is_file() else None
    policy: dict[str, tuple[str, ...]] = field(default_factory=dict)
    templates_dirs: tuple[Path, ...] = (BUILTIN_TEMPLATES,)  # first match wins
    harness_dirs: HarnessDirs = (BUILTIN_HARNESS,)  # later layers lay over earlier ones
    editions: tuple[str, ...] = (DEFAULT_EDITION,)  # the project's editions; `render` writes each
    edition: str = DEFAULT_EDITION  # the one commands work on: --edition, else the first of `editions`
    allow_unavailable: tuple[str, ...] = ()  # languages that may be unavailable without failing the check
    known: tuple[KnownFinding, ...] = ()  # findings that do not fail the check while they occur (known.py)

    @property
    def languages(self) -> tuple[Language, ...]:
        return all_languages(self.harness_dirs, self.edition)

    @property
    def edition_info(self) -> Edition:
        return editions.resolve(self.edition, self.templates_dirs)

    def for_edition(self, name: str) -> "Settings":
        """These settings working on edition `name` (without `exp` when that edition has no such option)."""
        supports_exp = editions.resolve(name, self.templates_dirs).exp
        return validate(replace(self, edition=name, exp=self.exp and supports_exp))

    def resolve(self, spelling: str) -> Language:
        return resolve(spelling, self.harness_dirs, self.edition)

    def resolve_many(self, spellings: list[str] | None) -> list[Language]:
        return resolve_many(spellings, self.harness_dirs, self.edition)

    def secret_key(self, language: Language) -> str | None:
        """The configuration key `language`'s sample reads the secret from; None when it takes it as an argument."""
        if language.secret_key is None:
            return None
        return self.secret_keys.get(language.name, language.secret_key)

    def accepted(self, language: Language) -> tuple[str, ...]:
        """The differences accepted for `language`: its policy, plus `exp` when the templates add one."""
        configured = self.policy.get(language.name, ())
        return configured if not self.exp or "exp" in configured else (*configured, "exp")

    def with_options(self, **options: Any) -> "Settings":
        """These settings with every option that is not None applied, then validated."""
        changes = {k: v for k, v in options.items() if v is not None}
        return validate(replace(self, **changes))


def _by_language(table: Any, what: str, defaults: Settings) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ToolError(f"config: {what} must be a table of language = value")
    known = {
        lang.name: lang
        for name in editions.all_editions(defaults.templates_dirs)
        for lang in all_languages(defaults.harness_dirs, name)
    }
    by_name = {}
    for name, value in table.items():
        found = [lang for lang in known.values() if name.strip().lower() in spellings(lang)]
        if not found:
            raise ToolError(f"config: {what}: unknown language {name!r} (known: {', '.join(sorted(known))})")
        by_name[found[0].name] = value
    return by_name


def _editions(value: Any, origin: str) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
        raise ToolError(f"config {origin}: edition must be a name or a non-empty list of names")
    return tuple(dict.fromkeys(names))


def _language_names(value: Any, what: str, defaults: Settings) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(name, str) and name.strip() for name in value):
        raise ToolError(f"config: {what} must be a list of language names")
    return tuple(_by_language(dict.fromkeys(value), what, defaults))


def _known(value: Any, origin: str, defaults: Settings) -> tuple[KnownFinding, ...]:
    entries = known.parse(value, origin, STATUSES)
    return tuple(
        KnownFinding(
            language=_language_names([e["language"]], "known", defaults)[0],
            cases=tuple(e.get("cases", ())),
            status=e["status"],
            note=e["note"],
            edition=e.get("edition"),
        )
        for e in entries
    )


def _policy(table: Any, defaults: Settings) -> dict[str, tuple[str, ...]]:
    policy = {}
    for name, entry in _by_language(table, "policy", defaults).items():
        accept = entry.get("accept") if isinstance(entry, dict) else None
        if isinstance(entry, dict) and set(entry) - {"accept"}:  # e.g. a top-level key written below [policy.x]
            raise ToolError(
                f"config: policy for {name}: unknown key {sorted(set(entry) - {'accept'})[0]!r} "
                "(a setting written below a [policy.…] header belongs to that table)"
            )
        if not isinstance(accept, list) or not all(isinstance(a, str) for a in accept):
            raise ToolError(f"config: policy for {name} must be a table with accept = [names]")
        policy[name] = tuple(accept)
    return policy


def _from_table(table: dict[str, Any], origin: str, defaults: Settings) -> Settings:
    known = {
        "algorithm",
        "secret_keys",
        "lifetime",
        "exp",
        "timeout",
        "jobs",
        "base_image",
        "ca_bundle",
        "policy",
        "edition",
        "allow_unavailable",
        "known",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise ToolError(f"config {origin}: unknown setting {unknown[0]!r}")
    values = dict(table)
    if "edition" in values:
        listed = _editions(values.pop("edition"), origin)
        defaults = replace(defaults, editions=listed, edition=listed[0])
    if "secret_keys" in values:
        values["secret_keys"] = _by_language(values["secret_keys"], "secret_keys", defaults)
    if "policy" in values:
        values["policy"] = _policy(values["policy"], defaults)
    if "allow_unavailable" in values:
        values["allow_unavailable"] = _language_names(values["allow_unavailable"], "allow_unavailable", defaults)
    if "known" in values:
        values["known"] = _known(values["known"], origin, defaults)
    if "ca_bundle" in values:
        if not isinstance(values["ca_bundle"], str):
            raise ToolError(f"config {origin}: ca_bundle must be a path, not {values['ca_bundle']!r}")
        values["ca_bundle"] = Path(values["ca_bundle"]) if values["ca_bundle"] else None
    return validate(replace(defaults, **values))


def _config_table(path: Path, explicit: bool) -> dict[str, Any] | None:
    """The settings table of a config file; None for a pyproject.toml without one, found by looking."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ToolError(f"config file {path} is unreadable: {exc}") from exc
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    table = tool.get("jwtparity") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ToolError(f"config {path}: [tool.jwtparity] must be a table, not {table!r}")
    return {} if table is None and explicit else table


def load(config: Path | None = None, project: Project | None = None) -> Settings:
    """Settings from `config`, else from the project's settings file, else defaults; folders from the project."""
    project = project or Project(None)
    defaults = Settings(templates_dirs=project.templates_dirs, harness_dirs=project.harness_dirs)
    if config is not None and not config.is_file():
        raise ToolError(f"config file {config} not found")
    path = config or project.config
    table = _config_table(path, explicit=config is not None) if path else None
    return defaults if table is None else _from_table(table, str(path), defaults)


KNOWN_DIFFERENCES = ("iat", "exp")


def _whole(value: object) -> bool:
    """An int that is not a bool (TOML's `true` would otherwise pass for 1)."""
    return isinstance(value, int) and not isinstance(value, bool)


def validate(settings: Settings) -> Settings:
    """Raise ToolError naming the first invalid setting; return the settings unchanged otherwise."""
    for folder in settings.templates_dirs:
        if not folder.is_dir():
            raise ToolError(f"templates folder {folder} not found")
    edition = editions.resolve(settings.edition, settings.templates_dirs)
    for name in settings.editions:
        editions.resolve(name, settings.templates_dirs)
    if settings.exp is True and not edition.exp:
        raise ToolError(f"edition {edition.name} has no exp option (its samples are the page's functions as they are)")
    if settings.algorithm not in ALGORITHMS:
        raise ToolError(f"unknown algorithm {settings.algorithm!r} (use one of {', '.join(ALGORITHMS)})")
    if not isinstance(settings.exp, bool):
        raise ToolError(f"exp must be true or false, not {settings.exp!r}")
    if not isinstance(settings.base_image, str) or not settings.base_image.strip():
        raise ToolError(f"base_image must be an image name, not {settings.base_image!r}")
    for name, key in settings.secret_keys.items():
        if not isinstance(key, str):
            raise ToolError(f"secret key name for {name} must be a string, not {key!r}")
    for language in settings.languages:
        configured = settings.secret_key(language)
        if configured is None:
            continue
        key = configured
        if not key.strip():
            raise ToolError(f"empty secret key name for {language.name}")
        if not language.accepts_secret_key(key):
            raise ToolError(
                f"secret key name {key!r} is not valid for {language.name} (must match {language.secret_key_pattern})"
            )
    if not _whole(settings.lifetime) or settings.lifetime <= 0:
        raise ToolError(f"lifetime must be a positive number of seconds, not {settings.lifetime!r}")
    if (
        isinstance(settings.timeout, bool)
        or not isinstance(settings.timeout, int | float)
        or not math.isfinite(settings.timeout)
        or settings.timeout <= 0
    ):
        raise ToolError(f"timeout must be a positive, finite number of seconds, not {settings.timeout!r}")
    if not _whole(settings.jobs) or settings.jobs < 1:
        raise ToolError(f"jobs must be a whole number of at least 1, not {settings.jobs!r}")
    if settings.ca_bundle is not None and not settings.ca_bundle.is_file():
        raise ToolError(f"CA bundle {settings.ca_bundle} not found")
    for name, accepted in settings.policy.items():
        for difference in accepted:
            if difference not in KNOWN_DIFFERENCES:
                raise ToolError(
                    f"policy for {name}: unknown difference {difference!r} (known: {', '.join(KNOWN_DIFFERENCES)})"
                )
    return settings
