"""The build context of one language's image: its harness folder plus the rendered snippet.

The harness folder's `editions/` holds one adapter folder per edition (how the driver calls that
edition's sample); the context holds only the edition's own, at `jwtparity/edition/`.
"""

import hashlib
import json
import shutil
from pathlib import Path, PurePosixPath

from jwtparity.languages import Language
from jwtparity.render import render_snippet
from jwtparity.settings import Settings

CONTEXT_DIR = "jwtparity"


ADAPTERS_DIR = "editions"


def application_context(language: Language, settings: Settings, algorithm: str) -> dict[str, object]:
    """What the application around the snippet supplies (the driver reads it); secret_key is null when the
    sample takes the secret as an argument, entry names the function the edition's adapter calls."""
    return {"alg": algorithm, "secret_key": settings.secret_key(language), "lifetime": settings.lifetime,
            "edition": language.edition, "entry": language.entry}


def write_context(language: Language, settings: Settings, algorithm: str, dest: Path) -> None:
    """Fill `dest` (empty or absent) with everything the image of `language` is built from."""
    ours = dest / CONTEXT_DIR
    for layer in language.harness_dirs:
        shutil.copytree(layer, dest, dirs_exist_ok=True,
                        ignore=lambda folder, names, top=str(layer): {ADAPTERS_DIR} if folder == top else set())
        adapter = layer / language.adapter
        if adapter.is_dir():
            shutil.copytree(adapter, ours / "edition", dirs_exist_ok=True)
    snippet = ours / "snippet" / PurePosixPath(language.sample).name
    snippet.parent.mkdir(parents=True, exist_ok=True)
    snippet.write_text(render_snippet(language, settings, algorithm), encoding="utf-8")
    context = application_context(language, settings, algorithm)
    (ours / "context.json").write_text(json.dumps(context, sort_keys=True) + "\n", encoding="utf-8")
    ca = settings.ca_bundle.read_bytes() if settings.ca_bundle else b""
    (ours / "ca.crt").write_bytes(ca)


def digest(context_dir: Path, base_image_id: str) -> str:
    """A hash of every file of the context (names and bytes) and of the base image id."""
    sha = hashlib.sha256(base_image_id.encode())
    for path in sorted(p for p in context_dir.rglob("*") if p.is_file()):
        sha.update(path.relative_to(context_dir).as_posix().encode() + b"\0")
        sha.update(path.read_bytes() + b"\0")
    return sha.hexdigest()[:16]
