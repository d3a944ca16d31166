"""The one runner: JSON lines into a language's image, in the sandbox, for drivers, verifiers and
consumer profiles alike. What the lines mean is the caller's (protocol.py for drivers, tools.py for
verifiers and consumers); whether there was an image to run, and a container that ran, is decided here."""

from dataclasses import dataclass

import docker.errors

from jwtparity.config.languages import Language, Library
from jwtparity.errors import first_line
from jwtparity.run import sandbox
from jwtparity.run.context import RunContext
from jwtparity.run.images import ImageOutcome
from jwtparity.run.states import ImageState, RunState


@dataclass(frozen=True)
class ContainerRun:
    """How one container of a language's image went: RAN with its result, or why it did not."""

    state: RunState
    library: Library
    reason: str = ""
    result: sandbox.RunResult | None = None


def run_image(
    ctx: RunContext, language: Language, image: ImageOutcome, stdin: bytes, command: tuple[str, ...] = ()
) -> ContainerRun:
    """Feed `stdin` to the image's command (its driver when `command` is empty) in one sandboxed container."""
    if image.status == ImageState.UNAVAILABLE:
        return ContainerRun(RunState.SKIPPED, language.library, image.reason)
    if image.status != ImageState.READY or image.tag is None:
        return ContainerRun(RunState.FAILED, language.library, f"{image.reason} (log: {image.log_path})")
    library = image.library or language.library
    limits = sandbox.Limits(timeout=ctx.settings.timeout).raised(language.limits)
    try:
        result = sandbox.run(ctx.client, image.tag, stdin, limits, list(command) or None, ctx.cancel)
    except docker.errors.DockerException as exc:
        return ContainerRun(RunState.FAILED, library, f"the container could not run: {first_line(exc)}")
    return ContainerRun(RunState.RAN, library, result=result)
