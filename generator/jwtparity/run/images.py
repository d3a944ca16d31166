"""Build, reuse, list and prune the per-language images, through the docker SDK only.

An image is tagged `jwtparity/<language>:<digest>`, the digest covering every byte of its build context
(recipe, driver, manifest with the pinned versions, rendered snippet, application context, CA bundle)
and the base image id: unchanged input reuses the image, any change builds a new one.

A build that finds its library unobtainable (a registry not reachable from here) is remembered under
the image's digest for a day, so that every check does not pay for the failing fetch again;
`retry_unavailable` tries anyway.
"""

import functools
import io
import json
import math
import os
import socket
import tarfile
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import docker
import docker.errors
import requests.exceptions

from jwtparity.config.languages import Language, Library
from jwtparity.config.settings import Settings
from jwtparity.errors import ToolError, first_line
from jwtparity.files import refuse_escape
from jwtparity.run.build_context import (
    BuildContext,
    build_base_files,
    context_files,
    digest,
    image_algorithm,
    write_context,
)
from jwtparity.run.context import RunContext
from jwtparity.run.states import ImageState

LABEL = "jwtparity"
OWNER_ENV = "JWTPARITY_OWNER"
OWNER_LABEL = f"{LABEL}.owner"
DEADLINE_LABEL = f"{LABEL}.deadline"  # epoch seconds after which the container has ended (sandbox.remove_stale)
READ_LIBRARY_SECONDS = 60  # the container made to read the library file is never started: stale after this
UNAVAILABLE_MARK = "JWTPARITY-UNAVAILABLE:"  # the registry could not be reached (harness/fetch.sh)
ERROR_MARK = "JWTPARITY-ERROR:"  # the library fetch failed otherwise: an error of the language
LIBRARY_FILE = "/opt/jwtparity/library.json"
TAIL_LINES = 15
UNAVAILABLE_FOR_SECONDS = 24 * 3600
UNAVAILABLE_DIR = "unavailable"  # beside the log folder: <log dir>/../unavailable/<language>-<digest>.json
BUILD_BASE_REPOSITORY = f"{LABEL}/build-base"
OnLine = Callable[[str], None]
# One build of a shared layer at a time: every builder needs it, the first builds it, the others wait.
_BUILD_BASE_LOCK = threading.Lock()


@dataclass(frozen=True)
class ImageOutcome:
    """What became of one language's image for one algorithm."""

    language: Language
    algorithm: str
    status: ImageState
    tag: str | None = None
    library: Library | None = None
    reused: bool = False
    reason: str = ""
    log_path: Path | None = None


def owner() -> str:
    """Who starts the tool's containers: $JWTPARITY_OWNER (a test session on a shared engine), else host and pid."""
    return os.environ.get(OWNER_ENV) or f"{socket.gethostname()}:{os.getpid()}"


def container_labels(deadline: int) -> dict[str, str]:
    """The labels of every container the tool creates, given when it is created: the tool's, its owner's,
    and the moment (epoch seconds) after which it has ended and the next run may remove it."""
    return {LABEL: "1", OWNER_LABEL: owner(), DEADLINE_LABEL: str(deadline)}


def repository(language: Language) -> str:
    return f"{LABEL}/{language.name}"


def base_image_id(client: docker.DockerClient, settings: Settings) -> str:
    try:
        return client.images.get(settings.base_image).id
    except docker.errors.ImageNotFound as exc:
        raise ToolError(f"base image {settings.base_image} is missing: run `jwtparity images bootstrap-base`") from exc


def _library_from_labels(labels: dict[str, str]) -> Library:
    return Library(labels[f"{LABEL}.library"], labels[f"{LABEL}.library.version"], labels[f"{LABEL}.library.source"])


def _read_library(client: docker.DockerClient, image: str) -> dict[str, str]:
    """The recipe's account of the library it installed, read without starting a container."""
    labels = container_labels(math.ceil(time.time()) + READ_LIBRARY_SECONDS)  # removable should we be killed
    container = client.containers.create(image, command=["true"], labels=labels)
    try:
        chunks, _ = container.get_archive(LIBRARY_FILE)
        with tarfile.open(fileobj=io.BytesIO(b"".join(chunks))) as archive:
            member = archive.extractfile(archive.getmembers()[0])
            data = json.loads(member.read() if member else b"{}")
        return {"library": str(data["library"]), "version": str(data["version"]), "source": str(data["source"])}
    finally:
        container.remove(force=True)


def _stream_build(
    client: docker.DockerClient, log: TextIO, on_line: OnLine, cancel: threading.Event, **build_args: object
) -> tuple[str | None, str | None, deque[str]]:
    """Run one build; return (image id, error, last lines of output)."""
    tail: deque[str] = deque(maxlen=TAIL_LINES)
    image_id, error = None, None
    for chunk in client.api.build(decode=True, rm=True, forcerm=True, pull=False, **build_args):
        if cancel.is_set():
            raise KeyboardInterrupt
        text = chunk.get("stream") or chunk.get("status") or ""
        if "error" in chunk:
            error = str(chunk["error"]).strip()
            text = error + "\n"
        if "aux" in chunk and isinstance(chunk["aux"], dict):
            image_id = chunk["aux"].get("ID", image_id)
        if text:
            log.write(text)
            for line in text.splitlines():
                if line.strip():
                    tail.append(line.rstrip())
                    on_line(line.rstrip())
    return image_id, error, tail


def _fetch_failure(tail: deque[str]) -> tuple[str, str] | None:
    """(mark, reason) of the last line the recipe's fetch script marked: a recipe with a fallback source
    prints one for the source it tried first, then one for the fallback if that fails too."""
    marked = [
        (mark, line[len(mark) :].strip())
        for line in tail
        for mark in (UNAVAILABLE_MARK, ERROR_MARK)
        if line.startswith(mark)
    ]
    return marked[-1] if marked else None


def planned_tag(language: Language, settings: Settings, algorithm: str, base_id: str) -> str:
    """The tag the image of `language` for `algorithm` has when it is up to date."""
    return _tag(language, context_files(language, settings, algorithm), base_id)


def _tag(language: Language, files: BuildContext, base_id: str) -> str:
    return f"{repository(language)}:{digest(files, base_id)}"


@dataclass(frozen=True)
class _Planned:
    """One image to build: its language and algorithm, the build context its tag was computed from, its log."""

    language: Language
    algorithm: str
    files: BuildContext
    tag: str
    log_path: Path

    @property
    def build_args(self) -> dict[str, str]:
        """The manifest's library version is the one place it is written: the recipe takes it as an ARG."""
        return {"LIBRARY_VERSION": self.language.library.version}


def _build(ctx: RunContext, planned: _Planned, on_line: OnLine) -> ImageOutcome:
    """Build the image from its build context, then label it with the library the recipe reports having
    installed."""
    client, cancel = ctx.client, ctx.cancel
    language, algorithm, log_path = planned.language, planned.algorithm, planned.log_path
    labels = {LABEL: "1", f"{LABEL}.language": language.name, f"{LABEL}.algorithm": algorithm}
    failed = functools.partial(ImageOutcome, language, algorithm, ImageState.FAILED, log_path=log_path)
    with (
        tempfile.TemporaryDirectory(prefix=f"jwtparity-{language.name}-") as work,
        refuse_escape(log_path, log_path.parent).open("w", encoding="utf-8") as log,
    ):
        image_id: str | None = None
        build_base, error, tail = _ensure_build_base(ctx, language, log, on_line)
        if build_base:
            write_context(planned.files, Path(work))
            image_id, error, tail = _stream_build(
                client,
                log,
                on_line,
                cancel,
                path=work,
                labels=labels,
                buildargs={"BASE_IMAGE": build_base, **planned.build_args},
            )
        if error or not image_id:
            fetch = _fetch_failure(tail)
            if fetch and fetch[0] == UNAVAILABLE_MARK:
                return ImageOutcome(language, algorithm, ImageState.UNAVAILABLE, reason=fetch[1], log_path=log_path)
            if fetch:
                return failed(reason=f"{fetch[1]} (build log: {log_path})")
            last = "\n".join(tail)
            what = "image build failed" if build_base else "the shared build layer (harness/build-base) failed"
            return failed(reason=f"{what} ({error or 'no image'}); last lines:\n{last}")
        try:
            library = _read_library(client, image_id)
        except (docker.errors.NotFound, KeyError, ValueError, tarfile.TarError) as exc:
            return failed(reason=f"the recipe left no valid {LIBRARY_FILE} ({first_line(exc)})")
        labels.update(
            {
                f"{LABEL}.library": library["library"],
                f"{LABEL}.library.version": library["version"],
                f"{LABEL}.library.source": library["source"],
            }
        )
        dockerfile = io.BytesIO(f"FROM {image_id}\n".encode())
        _, error, _ = _stream_build(client, log, on_line, cancel, fileobj=dockerfile, tag=planned.tag, labels=labels)
    if error:
        return failed(reason=f"labelling the image failed: {error}")
    return ImageOutcome(
        language, algorithm, ImageState.READY, planned.tag, _library_from_labels(labels), log_path=log_path
    )


def build_base_tag(language: Language, settings: Settings, base_id: str) -> str:
    """The tag of the shared layer the recipes of `language` start from (harness/build-base)."""
    return _build_base_tag(build_base_files(language, settings), base_id)


def _build_base_tag(files: BuildContext, base_id: str) -> str:
    return f"{BUILD_BASE_REPOSITORY}:{digest(files, base_id)}"


def _ensure_build_base(
    ctx: RunContext, language: Language, log: TextIO, on_line: OnLine
) -> tuple[str | None, str | None, deque[str]]:
    """(tag, error, last lines) of the shared layer the recipes start from (harness/build-base): reused
    when its digest exists, else built now, once, however many builders ask at the same time."""
    files = build_base_files(language, ctx.settings)
    tag = _build_base_tag(files, base_image_id(ctx.client, ctx.settings))
    with _BUILD_BASE_LOCK:
        try:
            ctx.client.images.get(tag)
            return tag, None, deque()
        except docker.errors.ImageNotFound:
            pass
        log.write(f"building the shared build layer {tag}\n")
        with tempfile.TemporaryDirectory(prefix="jwtparity-build-base-") as work:
            write_context(files, Path(work))
            _, error, tail = _stream_build(
                ctx.client,
                log,
                on_line,
                ctx.cancel,
                path=work,
                tag=tag,
                labels={LABEL: "1", f"{LABEL}.build-base": "1"},
                buildargs={"BASE_IMAGE": ctx.settings.base_image},
            )
    return (None, error or "no image", tail) if error else (tag, None, tail)


def _unavailable_file(log_dir: Path, tag: str) -> Path:
    language, _, tag_digest = tag.rpartition("/")[2].partition(":")
    return log_dir.parent / UNAVAILABLE_DIR / f"{language}-{tag_digest}.json"


def _remembered_unavailable(path: Path) -> str | None:
    """The reason remembered at `path` when it is less than a day old, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        reason, at = str(data["reason"]), float(data["at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if time.time() - at > UNAVAILABLE_FOR_SECONDS:
        return None
    stamp = datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{reason} (as found at {stamp}; tried again after a day or with --retry-unavailable)"


def _remember_unavailable(path: Path, reason: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    record = json.dumps({"reason": reason, "at": time.time()}) + "\n"
    refuse_escape(path, path.parent.parent).write_text(record, encoding="utf-8")


def ensure_image(
    ctx: RunContext, language: Language, algorithm: str, on_line: OnLine = lambda _: None, build: bool = True
) -> ImageOutcome:
    """The image of `language` for `algorithm`: reused when its digest exists, else built now (or, with
    build=False, reported as missing). A library remembered as unavailable is tried again only with the
    context's retry_unavailable."""
    client, settings, log_dir = ctx.client, ctx.settings, ctx.log_dir
    algorithm = image_algorithm(language, algorithm)
    files = context_files(language, settings, algorithm)
    tag = _tag(language, files, base_image_id(client, settings))
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{language.name}-{algorithm}.log"
    try:
        labels = client.images.get(tag).labels or {}
        return ImageOutcome(
            language, algorithm, ImageState.READY, tag, _library_from_labels(labels), reused=True, log_path=log_path
        )
    except (docker.errors.ImageNotFound, KeyError):
        pass
    remembered = _unavailable_file(log_dir, tag)
    reason = None if ctx.retry_unavailable else _remembered_unavailable(remembered)
    if reason:
        return ImageOutcome(language, algorithm, ImageState.UNAVAILABLE, reason=reason, log_path=log_path)
    if not build:
        return ImageOutcome(language, algorithm, ImageState.MISSING, tag, log_path=log_path)
    try:
        outcome = _build(ctx, _Planned(language, algorithm, files, tag, log_path), on_line)
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        return ImageOutcome(
            language, algorithm, ImageState.FAILED, log_path=log_path, reason=f"image build failed: {first_line(exc)}"
        )
    if outcome.status == ImageState.UNAVAILABLE:
        _remember_unavailable(remembered, outcome.reason)
    return outcome


@dataclass(frozen=True)
class ImageRow:
    language: str
    algorithm: str
    tag: str
    library: str
    size_mb: float
    created: datetime


def list_images(client: docker.DockerClient) -> list[ImageRow]:
    rows = []
    for image in client.images.list(filters={"label": f"{LABEL}.library"}):
        labels = image.labels
        library = _library_from_labels(labels)
        created = datetime.fromisoformat(image.attrs["Created"].split(".")[0].rstrip("Z")).replace(tzinfo=UTC)
        for tag in image.tags or ["<untagged>"]:
            rows.append(
                ImageRow(
                    labels.get(f"{LABEL}.language", "?"),
                    labels.get(f"{LABEL}.algorithm", "?"),
                    tag,
                    f"{library.name} {library.version} ({library.source})",
                    image.attrs.get("Size", 0) / 1e6,
                    created,
                )
            )
    return sorted(rows, key=lambda r: (r.language, r.algorithm, r.created))


def prune_images(client: docker.DockerClient, keep: set[str]) -> list[str]:
    """Remove the tool's images whose tag is not in `keep`; return the tags removed."""
    removed = []
    for image in client.images.list(filters={"label": f"{LABEL}.library"}):
        for tag in image.tags:
            if tag not in keep:
                client.images.remove(tag, noprune=False)
                removed.append(tag)
    client.images.prune(filters={"dangling": True, "label": LABEL})
    return removed
