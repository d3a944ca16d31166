"""Run stage: for each language, make sure its images exist, feed them the cases, collect the tokens.

Knows nothing of JWTs: a token is a string the driver wrote. Cases are grouped by the image that signs
them: one image and one container per language when its image holds every algorithm (the manifest's
`all_algorithms`), else one per language and algorithm. Up to `jobs` languages run at a time while up to
`jobs` images build: a language starts its container as soon as its own image is ready.
"""

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import docker
import docker.errors

from jwtparity import images, protocol, sandbox
from jwtparity.cases import Case
from jwtparity.context import image_algorithm
from jwtparity.errors import first_line
from jwtparity.images import ImageOutcome
from jwtparity.languages import Language, Library
from jwtparity.progress import Progress, build_output
from jwtparity.protocol import CaseOutcome
from jwtparity.settings import Settings

RAN, SKIPPED, FAILED = "ran", "skipped", "failed"
OnDone = Callable[["LanguageRun"], str]  # a finished language's run -> what to add to its "done" line


@dataclass
class LanguageRun:
    language: Language
    status: str = RAN
    library: Library | None = None
    reason: str = ""
    outcomes: dict[str, CaseOutcome] = field(default_factory=dict)
    window: tuple[float, float] = (0.0, 0.0)
    seconds: float = 0.0


def _fail_group(outcome: LanguageRun, group: list[Case], reason: str, case_error: str) -> None:
    """Mark the run failed for `reason` and every case of `group` with `case_error`."""
    outcome.status, outcome.reason = FAILED, reason
    outcome.outcomes.update({case.id: CaseOutcome(error=case_error) for case in group})


def _image_groups(language: Language, cases: list[Case]) -> dict[str, list[Case]]:
    """The cases by the image that signs them, in the order of the algorithms."""
    groups: dict[str, list[Case]] = {}
    for case in sorted(cases, key=lambda c: c.alg):
        groups.setdefault(image_algorithm(language, case.alg), []).append(case)
    return groups


def _images(client: docker.DockerClient, language: Language, cases: list[Case], settings: Settings,
            log_dir: Path, progress: Progress, retry_unavailable: bool, build: bool) -> dict[str, ImageOutcome]:
    """The image of each group of cases, by image algorithm; missing ones built now when `build`."""
    prepared: dict[str, ImageOutcome] = {}
    groups = _image_groups(language, cases)
    for algorithm in groups:
        progress(language.name, f"image for {algorithm}")
        prepared[algorithm] = images.ensure_image(
            client, language, settings, algorithm, log_dir, on_line=build_output(language.name, progress),
            cancel=sandbox.CANCEL, retry_unavailable=retry_unavailable, build=build)
        if prepared[algorithm].status == "unavailable":  # one recipe: so are the others, for the same reason
            return dict.fromkeys(groups, prepared[algorithm])
    return prepared


def _run_language(client: docker.DockerClient, language: Language, cases: list[Case], settings: Settings,
                  progress: Progress, on_done: OnDone, prepared: dict[str, ImageOutcome],
                  started: float) -> LanguageRun:
    outcome = _run_groups(client, language, cases, settings, progress, prepared, started)
    counts = on_done(outcome)
    progress(language.name, f"skipped: {outcome.reason}" if outcome.status == SKIPPED else f"done{counts}")
    return outcome


def _run_groups(client: docker.DockerClient, language: Language, cases: list[Case], settings: Settings,
                progress: Progress, prepared: dict[str, ImageOutcome], started: float) -> LanguageRun:
    outcome = LanguageRun(language, library=language.library)
    first_run = None
    limits = sandbox.Limits(timeout=settings.timeout).raised(language.limits)
    for algorithm, group in _image_groups(language, cases).items():
        image = prepared[algorithm]
        if image.status == "unavailable":
            return LanguageRun(language, SKIPPED, language.library, image.reason, seconds=time.time() - started)
        if image.status != "ready" or image.tag is None:
            _fail_group(outcome, group, f"{image.reason} (log: {image.log_path})",
                        f"image build failed (log: {image.log_path})")
            continue
        outcome.library = image.library
        progress(language.name, f"running {len(group)} cases ({algorithm})")
        first_run = first_run or time.time()
        try:
            result = sandbox.run(client, image.tag, b"".join(case.driver_line() for case in group), limits)
        except docker.errors.DockerException as exc:
            reason = f"the container could not run: {first_line(exc)}"
            _fail_group(outcome, group, reason, reason)
            continue
        parsed = protocol.parse_output(result, group)
        outcome.outcomes.update(parsed.outcomes)
        if parsed.violation:
            outcome.status = FAILED
        if parsed.note:
            outcome.reason = "; ".join(filter(None, [outcome.reason, parsed.note]))
    outcome.window = (first_run or started, time.time())  # when tokens can have been made (iat checks)
    outcome.seconds = outcome.window[1] - started
    return outcome


def run_languages(client: docker.DockerClient, languages: list[Language], cases: list[Case],
                  settings: Settings, log_dir: Path, progress: Progress = lambda _l, _m: None,
                  retry_unavailable: bool = False, on_done: OnDone = lambda _run: "") -> list[LanguageRun]:
    """Every language's outcome, in the order given; `on_done` is called in the worker as each finishes.

    Every language's images are looked up at once, beside the runs. Up to `jobs` languages run at a
    time, and up to `jobs` images build at a time beside them: a language whose images are ready runs
    when a runner is free, one whose image must be built goes to a builder as soon as that is known and
    runs when it is ready, so that a long build holds up no other language.
    """
    lookups = ThreadPoolExecutor(max_workers=settings.jobs, thread_name_prefix="jwtparity-lookup")
    runners = ThreadPoolExecutor(max_workers=settings.jobs, thread_name_prefix="jwtparity-run")
    builders = ThreadPoolExecutor(max_workers=settings.jobs, thread_name_prefix="jwtparity-build")

    def build_then_run(language: Language, started: float) -> Future[LanguageRun]:
        prepared = _images(client, language, cases, settings, log_dir, progress, retry_unavailable, build=True)
        return runners.submit(_run_language, client, language, cases, settings, progress, on_done, prepared,
                              started)

    def look_up(language: Language) -> dict[str, ImageOutcome] | Future[Future[LanguageRun]]:
        """The language's images when all exist, else its build (then run) under way."""
        prepared = _images(client, language, cases, settings, log_dir, progress, retry_unavailable, build=False)
        if any(image.status == "missing" for image in prepared.values()):
            return builders.submit(build_then_run, language, time.time())
        return prepared

    def start(language: Language, lookup: Future[dict[str, ImageOutcome] | Future[Future[LanguageRun]]],
              ) -> LanguageRun | Future[Future[LanguageRun]]:
        prepared = lookup.result()
        if isinstance(prepared, Future):
            return prepared
        return _run_language(client, language, cases, settings, progress, on_done, prepared, time.time())

    looked_up = [lookups.submit(look_up, language) for language in languages]
    futures = [runners.submit(start, language, lookup) for language, lookup in zip(languages, looked_up, strict=True)]
    try:
        runs = []
        for future in futures:
            value: object = future.result()
            while isinstance(value, Future):  # handed to a builder, then back to a runner
                value = value.result()
            assert isinstance(value, LanguageRun)
            runs.append(value)
        return runs
    except BaseException:
        sandbox.CANCEL.set()  # stop the other workers' builds and containers too, then wait for their clean-up
        raise
    finally:
        lookups.shutdown(wait=True, cancel_futures=True)
        builders.shutdown(wait=True, cancel_futures=True)
        runners.shutdown(wait=True, cancel_futures=True)
        sandbox.CANCEL.clear()
