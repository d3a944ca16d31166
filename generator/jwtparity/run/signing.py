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

from jwtparity.cases.suite import Case
from jwtparity.config.languages import Language, Library
from jwtparity.run import images, protocol
from jwtparity.run.build_context import image_algorithm
from jwtparity.run.context import RunContext
from jwtparity.run.images import ImageOutcome
from jwtparity.run.progress import build_output
from jwtparity.run.protocol import CaseOutcome
from jwtparity.run.runner import run_image
from jwtparity.run.states import ImageState, RunState

OnDone = Callable[["LanguageRun"], str]  # a finished language's run -> what to add to its "done" line


@dataclass
class LanguageRun:
    language: Language
    status: RunState = RunState.RAN
    library: Library | None = None
    reason: str = ""
    outcomes: dict[str, CaseOutcome] = field(default_factory=dict)
    window: tuple[float, float] = (0.0, 0.0)
    seconds: float = 0.0


def _fail_group(outcome: LanguageRun, group: list[Case], reason: str, case_error: str) -> None:
    """Mark the run failed for `reason` and every case of `group` with `case_error`."""
    outcome.status, outcome.reason = RunState.FAILED, reason
    outcome.outcomes.update({case.id: CaseOutcome(error=case_error) for case in group})


def _image_groups(language: Language, cases: list[Case]) -> dict[str, list[Case]]:
    """The cases by the image that signs them, in the order of the algorithms."""
    groups: dict[str, list[Case]] = {}
    for case in sorted(cases, key=lambda c: c.alg):
        groups.setdefault(image_algorithm(language, case.alg), []).append(case)
    return groups


def _images(ctx: RunContext, language: Language, cases: list[Case], build: bool) -> dict[str, ImageOutcome]:
    """The image of each group of cases, by image algorithm; missing ones built now when `build`."""
    prepared: dict[str, ImageOutcome] = {}
    groups = _image_groups(language, cases)
    for algorithm in groups:
        ctx.progress(language.name, f"image for {algorithm}")
        prepared[algorithm] = images.ensure_image(
            ctx, language, algorithm, build_output(language.name, ctx.progress), build=build
        )
        if prepared[algorithm].status == ImageState.UNAVAILABLE:  # one recipe: so are the others, for the same reason
            return dict.fromkeys(groups, prepared[algorithm])
    return prepared


def _run_language(
    ctx: RunContext,
    language: Language,
    cases: list[Case],
    on_done: OnDone,
    prepared: dict[str, ImageOutcome],
    started: float,
) -> LanguageRun:
    outcome = _run_groups(ctx, language, cases, prepared, started)
    counts = on_done(outcome)
    ctx.progress(language.name, f"skipped: {outcome.reason}" if outcome.status == RunState.SKIPPED else f"done{counts}")
    return outcome


def _run_groups(
    ctx: RunContext, language: Language, cases: list[Case], prepared: dict[str, ImageOutcome], started: float
) -> LanguageRun:
    outcome = LanguageRun(language, library=language.library)
    first_run = None
    for algorithm, group in _image_groups(language, cases).items():
        image = prepared[algorithm]
        if image.status == ImageState.READY:
            ctx.progress(language.name, f"running {len(group)} cases ({algorithm})")
            first_run = first_run or time.time()
        container = run_image(ctx, language, image, b"".join(case.driver_line() for case in group))
        if container.state == RunState.SKIPPED:
            return LanguageRun(
                language, RunState.SKIPPED, language.library, container.reason, seconds=time.time() - started
            )
        outcome.library = container.library
        if container.result is None:
            cause = image.reason.splitlines()[0] if image.reason else "no image"  # the build log's cause line
            said = cause if cause.startswith("image build failed") else f"image build failed: {cause}"
            case_error = f"{said} (log: {image.log_path})" if image.status != ImageState.READY else container.reason
            _fail_group(outcome, group, container.reason, case_error)
            continue
        parsed = protocol.parse_output(container.result, group)
        outcome.outcomes.update(parsed.outcomes)
        if parsed.violation:
            outcome.status = RunState.FAILED
        if parsed.note:
            outcome.reason = "; ".join(filter(None, [outcome.reason, parsed.note]))
    outcome.window = (first_run or started, time.time())  # when tokens can have been made (iat checks)
    outcome.seconds = outcome.window[1] - started
    return outcome


def run_languages(
    ctx: RunContext, languages: list[Language], cases: list[Case], on_done: OnDone = lambda _run: ""
) -> list[LanguageRun]:
    """Every language's outcome, in the order given; `on_done` is called in the worker as each finishes.

    Every language's images are looked up at once, beside the runs. Up to `jobs` languages run at a
    time, and up to `jobs` + 1 images build at a time beside them, the longest builds (the manifests'
    `build_seconds`) first: a language whose images are ready runs when a runner is free, one whose
    image must be built goes to a builder as soon as that is known and runs when it is ready, so that
    a long build holds up no other language.
    """
    jobs = ctx.settings.jobs
    lookups = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="jwtparity-lookup")
    runners = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="jwtparity-run")
    # One build more than `jobs`: a build waits on the network and the disk part of the time (on 2 cores,
    # a first run of every edition took 163 s with 3 builds at a time, 181 s with 2, 161 s with 4).
    builders = ThreadPoolExecutor(max_workers=jobs + 1, thread_name_prefix="jwtparity-build")

    def build_then_run(language: Language, started: float) -> Future[LanguageRun]:
        prepared = _images(ctx, language, cases, build=True)
        return runners.submit(_run_language, ctx, language, cases, on_done, prepared, started)

    def look_up(language: Language) -> dict[str, ImageOutcome] | Future[Future[LanguageRun]]:
        """The language's images when all exist, else its build (then run) under way."""
        prepared = _images(ctx, language, cases, build=False)
        if any(image.status == ImageState.MISSING for image in prepared.values()):
            return builders.submit(build_then_run, language, time.time())
        return prepared

    def start(
        language: Language,
        lookup: Future[dict[str, ImageOutcome] | Future[Future[LanguageRun]]],
    ) -> LanguageRun | Future[Future[LanguageRun]]:
        prepared = lookup.result()
        if isinstance(prepared, Future):
            return prepared
        return _run_language(ctx, language, cases, on_done, prepared, time.time())

    # Looked up, and so built, longest build first; reported in the order given.
    longest_first = sorted(languages, key=lambda language: -language.build_seconds)
    looked_up = {language.name: lookups.submit(look_up, language) for language in longest_first}
    pending = {language.name: runners.submit(start, language, looked_up[language.name]) for language in longest_first}
    try:
        with ctx.cancelling():  # stop the other workers' builds and containers too, then wait for their clean-up
            runs = []
            for future in (pending[language.name] for language in languages):
                value: object = future.result()
                while isinstance(value, Future):  # handed to a builder, then back to a runner
                    value = value.result()
                assert isinstance(value, LanguageRun)
                runs.append(value)
            return runs
    finally:
        lookups.shutdown(wait=True, cancel_futures=True)
        builders.shutdown(wait=True, cancel_futures=True)
        runners.shutdown(wait=True, cancel_futures=True)
