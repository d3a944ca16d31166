"""Settings: built-in defaults, overridden by a config file, overridden by CLI options.

The config file is `jwtparity.toml` (top level) or the `[tool.jwtparity]` table of `pyproject.toml`,
looked up in the current directory unless a path is given.
"""

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jwtparity.errors import ToolError
from jwtparity.languages import Language, all_languages, resolve
from jwtparity.paths import BUILTIN_TEMPLATES

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
    templates_dir: Path = BUILTIN_TEMPLATES

    def secret_key(self, language: Language) -> str:
        return self.secret_keys.get(language.name, language.secret_key)

    def accepted(self, language: Language) -> tuple[str, ...]:
        """The differences accepted for `language`: its policy, plus `exp` when the templates add one."""
        configured = self.policy.get(language.name, ())
        return configured if not self.exp or "exp" in configured else (*configured, "exp")

    def with_options(self, **options: Any) -> "Settings":
        """These settings with every option that is not None applied, then validated."""
        changes = {k: v for k, v in options.items() if v is not None}
        return validate(replace(self, **changes))


def _by_language(table: Any, what: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ToolError(f"config: {what} must be a table of language = value")
    return {resolve(name).name: value for name, value in table.items()}


def _policy(table: Any) -> dict[str, tuple[str, ...]]:
    policy = {}
    for name, entry in _by_language(table, "policy").items():
        accept = entry.get("accept") if isinstance(entry, dict) else None
        if not isinstance(accept, list) or not all(isinstance(a, str) for a in accept):
            raise ToolError(f"config: policy for {name} must be a table with accept = [names]")
        policy[name] = tuple(accept)
    return policy


def _from_table(table: dict[str, Any], origin: str) -> Settings:
    known = {"algorithm", "secret_keys", "lifetime", "exp", "timeout", "jobs", "base_image",
             "ca_bundle", "policy"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ToolError(f"config {origin}: unknown setting {unknown[0]!r}")
    values = dict(table)
    if "secret_keys" in values:
        values["secret_keys"] = _by_language(values["secret_keys"], "secret_keys")
    if "policy" in values:
        values["policy"] = _policy(values["policy"])
    if "ca_bundle" in values:
        values["ca_bundle"] = Path(values["ca_bundle"]) if values["ca_bundle"] else None
    return validate(replace(Settings(), **values))


def _config_table(path: Path, explicit: bool) -> dict[str, Any] | None:
    """The settings table of a config file; None for a pyproject.toml without one, found by looking."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ToolError(f"config file {path} is unreadable: {exc}") from exc
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("jwtparity")
    return {} if table is None and explicit else table


def load(config: Path | None = None, cwd: Path | None = None) -> Settings:
    """Settings from `config`, else from jwtparity.toml or pyproject.toml in `cwd`, else defaults."""
    if config is not None and not config.is_file():
        raise ToolError(f"config file {config} not found")
    here = cwd or Path.cwd()
    candidates = [config] if config else [here / "jwtparity.toml", here / "pyproject.toml"]
    for path in candidates:
        table = _config_table(path, explicit=config is not None) if path.is_file() else None
        if table is not None:
            return _from_table(table, str(path))
    return Settings()


KNOWN_DIFFERENCES = ("iat", "exp")


def validate(settings: Settings) -> Settings:
    """Raise ToolError naming the first invalid setting; return the settings unchanged otherwise."""
    if settings.algorithm not in ALGORITHMS:
        raise ToolError(f"unknown algorithm {settings.algorithm!r} (use one of {', '.join(ALGORITHMS)})")
    if not isinstance(settings.exp, bool):
        raise ToolError(f"exp must be true or false, not {settings.exp!r}")
    if not isinstance(settings.base_image, str) or not settings.base_image.strip():
        raise ToolError(f"base_image must be an image name, not {settings.base_image!r}")
    for language in all_languages():
        key = settings.secret_key(language)
        if not isinstance(key, str):
            raise ToolError(f"secret key name for {language.name} must be a string, not {key!r}")
        if not key.strip():
            raise ToolError(f"empty secret key name for {language.name}")
        if not language.accepts_secret_key(key):
            raise ToolError(f"secret key name {key!r} is not valid for {language.name} "
                            f"(must match {language.secret_key_pattern})")
    if not isinstance(settings.lifetime, int) or settings.lifetime <= 0:
        raise ToolError(f"lifetime must be a positive number of seconds, not {settings.lifetime!r}")
    if not isinstance(settings.timeout, int | float) or settings.timeout <= 0:
        raise ToolError(f"timeout must be a positive number of seconds, not {settings.timeout!r}")
    if not isinstance(settings.jobs, int) or settings.jobs < 1:
        raise ToolError(f"jobs must be a whole number of at least 1, not {settings.jobs!r}")
    if not settings.templates_dir.is_dir():
        raise ToolError(f"templates folder {settings.templates_dir} not found")
    if settings.ca_bundle is not None and not settings.ca_bundle.is_file():
        raise ToolError(f"CA bundle {settings.ca_bundle} not found")
    for name, accepted in settings.policy.items():
        for difference in accepted:
            if difference not in KNOWN_DIFFERENCES:
                raise ToolError(f"policy for {name}: unknown difference {difference!r} "
                                f"(known: {', '.join(KNOWN_DIFFERENCES)})")
    return settings
