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


def record(runs: list[LanguageRun], cases: list[Case], settings: Settings) -> dict[str, Any]:
    """The report record (the `--json` shape), secrets redacted."""
    secrets = [case.secret for case in cases]
    results = []
    for run in runs:
        for case in cases:
            verdict = _judgement(run, case, settings)
            token = None if run.status == RUN_SKIPPED else run.outcomes[case.id].token
            results.append({
                "language": run.language.name, "case": case.id, "suite": case.suite, "alg": case.alg,
                "status": verdict.status, "token": token, "reason": redact(verdict.reason, secrets),
                "notes": [redact(n, secrets) for n in verdict.notes],
                "differences": [d.as_dict() for d in verdict.differences],
            })
    return {
        "edition": settings.edition,
        "reference": {"library": "PyJWT", "version": reference.pyjwt_version()},
        "settings": {"algorithm": settings.algorithm, "lifetime": settings.lifetime, "exp": settings.exp,
                     "policy": {k: list(v) for k, v in settings.policy.items()}},
        "languages": [language_entry(run, secrets) for run in runs],
        "results": results,
        "summary": summary(results),
    }


def check(client: docker.DockerClient, languages: list[Language], cases: list[Case], settings: Settings,
          log_dir: Path, progress: Progress) -> dict[str, Any]:
    runs = run_languages(client, languages, cases, settings, log_dir, progress)
    return record(runs, cases, settings)
