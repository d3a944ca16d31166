"""Run stage: for each language, make sure its images exist, feed them the cases, collect the tokens.

Knows nothing of JWTs: a token is a string the driver wrote. Cases are grouped by algorithm, one image
and one container per language and algorithm; languages run in parallel up to `jobs`.
"""

import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import docker
import docker.errors

from jwtparity import images, sandbox
from jwtparity.cases import Case
from jwtparity.errors import first_line
from jwtparity.languages import Language, Library
from jwtparity.progress import Progress, build_output
from jwtparity.settings import Settings

RAN, SKIPPED, FAILED = "ran", "skipped", "failed"


@dataclass(frozen=True)
class CaseOutcome:
    token: str | None = None
    error: str | None = None


@dataclass
class LanguageRun:
    language: Language
    status: str = RAN
    library: Library | None = None
    reason: str = ""
    outcomes: dict[str, CaseOutcome] = field(default_factory=dict)
    window: tuple[float, float] = (0.0, 0.0)
    seconds: float = 0.0


def parse_output(result: sandbox.RunResult, cases: list[Case]) -> tuple[dict[str, CaseOutcome], str]:
    """The outcome of each case from the driver's stdout, and a note on anything amiss."""
    outcomes: dict[str, CaseOutcome] = {}
    problems = []
    for raw in result.stdout.decode("utf-8", "replace").splitlines():
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            case_id = record["id"]
            outcome = (CaseOutcome(error=str(record["error"])) if "error" in record
                       else CaseOutcome(token=str(record["token"])))
        except (json.JSONDecodeError, KeyError, TypeError):
            problems.append(f"driver wrote a line outside the protocol: {raw[:80]!r}")
            continue
        outcomes.setdefault(str(case_id), outcome)
    failure = result.failure
    if failure:
        stderr = result.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        problems.insert(0, f"the container {failure}" + (f"; stderr: {' | '.join(stderr)}" if stderr else ""))
    note = "; ".join(problems)
    for case in cases:
        if case.id not in outcomes:
            outcomes[case.id] = CaseOutcome(error=f"no output for this case ({note or 'driver skipped it'})")
    return outcomes, note


def _fail_group(outcome: LanguageRun, group: list[Case], reason: str, case_error: str) -> None:
    """Mark the run failed for `reason` and every case of `group` with `case_error`."""
    outcome.status, outcome.reason = FAILED, reason
    outcome.outcomes.update({case.id: CaseOutcome(error=case_error) for case in group})


def _run_language(client: docker.DockerClient, language: Language, cases: list[Case], settings: Settings,
                  log_dir: Path, progress: Progress) -> LanguageRun:
    outcome = LanguageRun(language, library=language.library)
    started, first_run = time.time(), None
    limits = sandbox.Limits(timeout=settings.timeout).raised(language.limits)
    algorithms = sorted({case.alg for case in cases})
    for algorithm in algorithms:
        group = [case for case in cases if case.alg == algorithm]
        progress(language.name, f"image for {algorithm}")
        image = images.ensure_image(client, language, settings, algorithm, log_dir,
                                    on_line=build_output(language.name, progress), cancel=sandbox.CANCEL)
        if image.status == "unavailable":
            progress(language.name, "skipped: the library cannot be obtained here")
            return LanguageRun(language, SKIPPED, language.library, image.reason, seconds=time.time() - started)
        if image.status == "failed" or image.tag is None:
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
        parsed, note = parse_output(result, group)
        outcome.outcomes.update(parsed)
        if note:
            outcome.reason = "; ".join(filter(None, [outcome.reason, note]))
    outcome.window = (first_run or started, time.time())  # when tokens can have been made (iat checks)
    outcome.seconds = outcome.window[1] - started
    progress(language.name, "done")
    return outcome


def run_languages(client: docker.DockerClient, languages: list[Language], cases: list[Case],
                  settings: Settings, log_dir: Path, progress: Progress = lambda _l, _m: None
                  ) -> list[LanguageRun]:
    """Every language's outcome, in the order given."""
    pool = ThreadPoolExecutor(max_workers=settings.jobs)
    futures = [pool.submit(_run_language, client, lang, cases, settings, log_dir, progress)
               for lang in languages]
    try:
        return [future.result() for future in futures]
    except BaseException:
        sandbox.CANCEL.set()  # stop the other workers' containers too, then wait for their clean-up
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        sandbox.CANCEL.clear()
