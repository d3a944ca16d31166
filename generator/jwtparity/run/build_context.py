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

from jwtparity.config.languages import Language
from jwtparity.config.settings import ALGORITHMS, Settings
from jwtparity.paths import BUILTIN_HARNESS
from jwtparity.render.snippets import render_snippet

CONTEXT_DIR = "jwtparity"
FETCH_SCRIPT = "fetch.sh"  # beside the language folders: how every recipe fetches its library (harness/README.md)
BUILD_BASE_DIR = "build-base"  # harness/build-base/: the shared layer every recipe starts from (harness/README.md)
ALL_ALGORITHMS = "all"
ADAPTERS_DIR = "editions"
# A build context by each file's path in it: a file to copy, or the bytes of one made here.
BuildContext = dict[PurePosixPath, Path | bytes]


def image_algorithm(language: Language, algorithm: str) -> str:
    """Which image of `language` signs for `algorithm`: `all` when one image holds every algorithm."""
    return ALL_ALGORITHMS if language.all_algorithms else algorithm


def application_context(language: Language, settings: Settings, algorithm: str) -> dict[str, object]:
    """What the application around the snippet supplies (the driver reads it); secret_key is null when the
    sample takes the secret as an argument, entry names the function the edition's adapter calls."""
    chosen: dict[str, object] = {"algorithms": list(ALGORITHMS)} if algorithm == ALL_ALGORITHMS else {"alg": algorithm}
    return {
        **chosen,
        "secret_key": settings.secret_key(language),
        "lifetime": settings.lifetime,
        "edition": language.edition,
        "entry": language.entry,
    }


def _layer_files(folder: Path, skip_top: str | None = None) -> dict[PurePosixPath, Path]:
    """Every file under `folder` by its path relative to it (a top-level folder `skip_top` left out)."""
    files = {}
    for path in folder.rglob("*"):
        relative = PurePosixPath(path.relative_to(folder).as_posix())
        if path.is_file() and relative.parts[0] != skip_top:
            files[relative] = path
    return files


def context_files(language: Language, settings: Settings, algorithm: str) -> BuildContext:
    """Everything the image of `language` is built from: the harness folders (a later layer's file over
    an earlier one's), the rendered snippet(s), the application context, the CA bundle, the fetch script,
    and the shared build layer's files (unused by the recipe, there so that the image's digest covers them)."""
    files: BuildContext = {}
    ours = PurePosixPath(CONTEXT_DIR)
    for layer in language.harness_dirs:
        files.update(_layer_files(layer, skip_top=ADAPTERS_DIR))
        adapter = layer / language.adapter
        if adapter.is_dir():
            files.update({ours / "edition" / path: source for path, source in _layer_files(adapter).items()})
    algorithm = image_algorithm(language, algorithm)
    name = PurePosixPath(language.sample).name
    snippets = (
        {ours / "snippet" / alg / name: alg for alg in ALGORITHMS}
        if algorithm == ALL_ALGORITHMS
        else {ours / "snippet" / name: algorithm}
    )
    for path, alg in snippets.items():
        files[path] = render_snippet(language, settings, alg).encode()
    context = application_context(language, settings, algorithm)
    files[ours / "context.json"] = (json.dumps(context, sort_keys=True) + "\n").encode()
    files[ours / "ca.crt"] = settings.ca_bundle.read_bytes() if settings.ca_bundle else b""
    files[ours / FETCH_SCRIPT] = _fetch_script(language.harness_dirs)
    shared = build_base_files(language, settings)
    files.update({ours / BUILD_BASE_DIR / path: source for path, source in shared.items()})
    return files


def build_base_files(language: Language, settings: Settings) -> BuildContext:
    """The build context of the shared layer the recipes start from: the innermost harness folder's
    build-base/ (a project's, else the built-in one), the CA bundle and `language`'s fetch script."""
    roots = reversed(settings.harness_dirs)  # the project's harness folders, innermost first
    folder = next((root / BUILD_BASE_DIR for root in roots if (root / BUILD_BASE_DIR).is_dir()), None)
    files: BuildContext = dict(_layer_files(folder or BUILTIN_HARNESS / BUILD_BASE_DIR))
    files[PurePosixPath("ca.crt")] = settings.ca_bundle.read_bytes() if settings.ca_bundle else b""
    files[PurePosixPath(FETCH_SCRIPT)] = _fetch_script(language.harness_dirs)
    return files


def _fetch_script(harness_dirs: tuple[Path, ...]) -> Path:
    """The library-fetch script of the innermost harness layer that has one, else the built-in one."""
    roots = [layer.parent for layer in reversed(harness_dirs)]
    return next(
        (root / FETCH_SCRIPT for root in roots if (root / FETCH_SCRIPT).is_file()), BUILTIN_HARNESS / FETCH_SCRIPT
    )


def write_context(files: BuildContext, dest: Path) -> None:
    """Write the build context `files` (context_files) into `dest`, copied files with their modes."""
    for relative, source in files.items():
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copy2(source, target)
        else:
            target.write_bytes(source)


def digest(files: BuildContext, base_image_id: str) -> str:
    """A hash of every file of the build context `files` (names and bytes) and of the base image id."""
    sha = hashlib.sha256(base_image_id.encode())
    for relative in sorted(files):
        source = files[relative]
        sha.update(relative.as_posix().encode() + b"\0")
        sha.update((source.read_bytes() if isinstance(source, Path) else source) + b"\0")
    return sha.hexdigest()[:16]
