"""The build context of one language's image: its harness folder plus the rendered snippet(s).

A language whose manifest says `all_algorithms = true` gets the snippet rendered for every algorithm,
each in `jwtparity/snippet/<ALG>/`, and one image serves every case; otherwise the context holds the
snippet for one algorithm in `jwtparity/snippet/` and there is one image per algorithm.
The harness folder's `editions/` holds one adapter folder per edition (how the driver calls that
edition's sample); the context holds only the edition's own, at `jwtparity/edition/`.
"""

import hashlib
import json
import shutil
from pathlib import Path, PurePosixPath

from jwtparity.languages import Language
from jwtparity.render import render_snippet
from jwtparity.settings import ALGORITHMS, Settings

CONTEXT_DIR = "jwtparity"
ALL_ALGORITHMS = "all"
ADAPTERS_DIR = "editions"


def image_algorithm(language: Language, algorithm: str) -> str:
    """Which image of `language` signs for `algorithm`: `all` when one image holds every algorithm."""
    return ALL_ALGORITHMS if language.all_algorithms else algorithm


def application_context(language: Language, settings: Settings, algorithm: str) -> dict[str, object]:
    """What the application around the snippet supplies (the driver reads it); secret_key is null when the
    sample takes the secret as an argument, entry names the function the edition's adapter calls."""
    chosen: dict[str, object] = ({"algorithms": list(ALGORITHMS)} if algorithm == ALL_ALGORITHMS
                                 else {"alg": algorithm})
    return {**chosen, "secret_key": settings.secret_key(language), "lifetime": settings.lifetime,
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
    algorithm = image_algorithm(language, algorithm)
    name = PurePosixPath(language.sample).name
    snippets = ({ours / "snippet" / alg / name: alg for alg in ALGORITHMS} if algorithm == ALL_ALGORITHMS
                else {ours / "snippet" / name: algorithm})
    for path, alg in snippets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_snippet(language, settings, alg), encoding="utf-8")
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
