"""The main job: run every language's snippet on the cases, judge each token, build the report record."""

from pathlib import Path
from typing import Any

import docker

from jwtparity import reference
from jwtparity.cases import Case
from jwtparity.judge import SKIPPED, Judgement, judge
from jwtparity.languages import Language
from jwtparity.policy import Policy
from jwtparity.progress import Progress
from jwtparity.report import language_entry, redact, summary
from jwtparity.run import SKIPPED as RUN_SKIPPED
from jwtparity.run import LanguageRun, run_languages
from jwtparity.settings import Settings


def _judgement(run: LanguageRun, case: Case, settings: Settings) -> Judgement:
    if run.status == RUN_SKIPPED:
        return Judgement(SKIPPED, run.reason)
    outcome = run.outcomes[case.id]
    policy = Policy(settings.accepted(run.language), settings.lifetime, run.window)
    return judge(case, outcome.token, outcome.error, policy)


def language_results(run: LanguageRun, cases: list[Case], settings: Settings) -> list[dict[str, Any]]:
    """One language's results (the `results` entries of the report), secrets redacted."""
    secrets = [case.secret for case in cases]
    results = []
    for case in cases:
        verdict = _judgement(run, case, settings)
        token = None if run.status == RUN_SKIPPED else run.outcomes[case.id].token
        results.append({
            "language": run.language.name, "case": case.id, "suite": case.suite, "alg": case.alg,
            "status": verdict.status, "token": token, "reason": redact(verdict.reason, secrets),
            "notes": [redact(n, secrets) for n in verdict.notes],
            "differences": [d.as_dict() for d in verdict.differences],
        })
    return results


def record(runs: list[LanguageRun], cases: list[Case], settings: Settings,
           judged: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The report record (the `--json` shape), secrets redacted; `judged` holds languages judged already."""
    secrets = [case.secret for case in cases]
    judged = judged or {}
    results = [result for run in runs
               for result in judged.get(run.language.name) or language_results(run, cases, settings)]
    return {
        "reference": {"library": "PyJWT", "version": reference.pyjwt_version()},
        "settings": {"algorithm": settings.algorithm, "lifetime": settings.lifetime, "exp": settings.exp,
                     "policy": {k: list(v) for k, v in settings.policy.items()}},
        "languages": [language_entry(run, secrets) for run in runs],
        "results": results,
        "summary": summary(results),
    }


def check(client: docker.DockerClient, languages: list[Language], cases: list[Case], settings: Settings,
          log_dir: Path, progress: Progress, retry_unavailable: bool = False) -> dict[str, Any]:
    """Run and judge: each language is judged as soon as it finishes (its counts go to the progress)."""
    judged: dict[str, list[dict[str, Any]]] = {}

    def judge_now(run: LanguageRun) -> str:
        judged[run.language.name] = language_results(run, cases, settings)
        counts = summary(judged[run.language.name])
        return ": " + ", ".join(f"{n} {status}" for status, n in counts.items() if n)

    runs = run_languages(client, languages, cases, settings, log_dir, progress, retry_unavailable, judge_now)
    return record(runs, cases, settings, judged)
