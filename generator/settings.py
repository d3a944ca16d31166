"""Settings: built-in defaults, overridden by a config file, overridden by CLI options.

The config file is `jwtparity.toml` (top level) or the `[tool.jwtparity]` table of `pyproject.toml`,
looked up in the current directory unless a path is given.
"""

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.errors import ToolError
from generator.languages import Language, all_languages, resolve
from generator.paths import TEMPLATES_DIR

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
    jobs: int = 2
    base_image: str = DEFAULT_BASE_IMAGE
    ca_bundle: Path | None = SYSTEM_CA_BUNDLE if SYSTEM_CA_BUNDLE.is_file() else None
    policy: dict[str, tuple[str, ...]] = field(default_factory=dict)
    templates_dir: Path = TEMPLATES_DIR

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
        policy = _by_language(values["policy"], "policy")
        values["policy"] = {name: tuple(entry.get("accept", ())) if isinstance(entry, dict) else ()
                            for name, entry in policy.items()}
    if "ca_bundle" in values:
        values["ca_bundle"] = Path(values["ca_bundle"]) if values["ca_bundle"] else None
    return validate(replace(Settings(), **values))


def load(config: Path | None = None, cwd: Path | None = None) -> Settings:
    """Settings from `config`, else from jwtparity.toml or pyproject.toml in `cwd`, else defaults."""
    here = cwd or Path.cwd()
    candidates = [config] if config else [here / "jwtparity.toml", here / "pyproject.toml"]
    for path in candidates:
        if not path.is_file():
            if config:
                raise ToolError(f"config file {path} not found")
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ToolError(f"config file {path} is unreadable: {exc}") from exc
        if path.name == "pyproject.toml" and not config:
            table = data.get("tool", {}).get("jwtparity")
            if table is None:
                continue
        elif path.name == "pyproject.toml":
            table = data.get("tool", {}).get("jwtparity", {})
        else:
            table = data
        return _from_table(table, str(path))
    return Settings()


KNOWN_DIFFERENCES = ("iat", "exp")


def validate(settings: Settings) -> Settings:
    """Raise ToolError naming the first invalid setting; return the settings unchanged otherwise."""
    if settings.algorithm not in ALGORITHMS:
        raise ToolError(f"unknown algorithm {settings.algorithm!r} (use one of {', '.join(ALGORITHMS)})")
    for language in all_languages():
        key = settings.secret_key(language)
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
