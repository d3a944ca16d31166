"""`jwtparity init`: a new project in a docs repository, from the built-in defaults."""

import shutil
from pathlib import Path

from jwtparity.config.project import CONFIG_FILE
from jwtparity.errors import ToolError
from jwtparity.files import refuse_escape
from jwtparity.paths import BUILTIN_TEMPLATES

CONFIG_TEXT = """\
# jwtparity's settings for this docs repository. Every setting is optional: the commented values are
# the defaults. Command-line options override this file. `jwtparity --help` lists the commands.

# edition = "jwtencode"  # or "jwtmanager", or a list: ["jwtencode", "jwtmanager"] (render writes each;
#                         # the first is what commands work on; `jwtparity editions` lists them)
# algorithm = "HS256"     # HS256, HS384 or HS512: what the samples are rendered for
# lifetime = 300          # seconds: Node's expiresIn, and exp in the others when exp = true
# exp = false             # jwtmanager: add an exp claim in the samples that have none
# timeout = 120           # wall-clock limit per container, seconds
# jobs = 2                # languages built and run in parallel
# base_image = "debian:bookworm-slim"

# [secret_keys]           # jwtmanager: the configuration key each sample reads its secret from
# java = "files.docservice.secret"

# A folder templates/ here (`jwtparity init --templates` copies the built-in ones, templates/<edition>/)
# comes before the built-in templates, file by file; harness/<language>/ lays files over the built-in harness of that
# language, or adds a language. `jwtparity render` writes samples/ here.

# jsonwebtoken (Node.js) adds iat on its own and exp from expiresIn. Accepted explicitly: iat must be an
# integer inside the run's time window, exp - iat the lifetime.
[policy.nodejs]
accept = ["iat", "exp"]
"""


def _planned(folder: Path, with_templates: bool) -> dict[Path, Path | None]:
    """Every file init writes, with the built-in file it copies (None: the settings file)."""
    files: dict[Path, Path | None] = {folder / CONFIG_FILE: None}
    if with_templates:
        for source in sorted(p for p in BUILTIN_TEMPLATES.rglob("*") if p.is_file()):
            files[folder / "templates" / source.relative_to(BUILTIN_TEMPLATES)] = source
    return files


def init(folder: Path, with_templates: bool, force: bool) -> list[Path]:
    """Write the project's files into `folder`; refuse to overwrite any unless `force`."""
    files = _planned(folder, with_templates)
    for target in files:
        refuse_escape(target, folder)
    existing = [path for path in files if path.exists()]
    if existing and not force:
        more = f" (and {len(existing) - 1} more files)" if len(existing) > 1 else ""
        raise ToolError(f"{existing[0]} already exists{more}; nothing was written: use --force to overwrite")
    try:
        for target, source in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            if source is None:
                target.write_text(CONFIG_TEXT, encoding="utf-8")
            else:
                shutil.copyfile(source, target)
    except OSError as exc:
        raise ToolError(f"cannot write the project into {folder}: {exc}") from exc
    return list(files)
