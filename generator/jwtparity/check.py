"""The main job: run every language's snippet on the cases, judge each token, build the report record."""

from pathlib import Path
from typing import Any

import docker

from jwtparity import consumers as consumer_profiles
from jwtparity import known, reference
from jwtparity.cases import Case
from jwtparity.cross import cross_record
from jwtparity.jsonvalues import loads, rounded_numbers
from jwtparity.judge import ERROR, SKIPPED, STATUSES, Judgement, judge
from jwtparity.languages import Consumer, Language
from jwtparity.policy import Policy
from jwtparity.progress import Progress
from jwtparity.redact import Redactor
from jwtparity.report import language_entry, summary
from jwtparity.run import SKIPPED as RUN_SKIPPED
from jwtparity.run import LanguageRun, run_languages
from jwtparity.settings import Settings


def _judgement(run: LanguageRun, case: Case, settings: Settings) -> Judgement:
    if run.status == RUN_SKIPPED and run.language.name in settings.allow_unavailable:
        return Judgement(SKIPPED, run.reason)
    if run.status == RUN_SKIPPED:
        return Judgement(ERROR, f"could not run here, and the project does not allow it to be unavailable: "
                                f"{run.reason}")
    outcome = run.outcomes[case.id]
    policy = Policy(settings.accepted(run.language), settings.lifetime, run.window)
    return judge(case, outcome.token, outcome.error, policy)


def language_results(run: LanguageRun, cases: list[Case], settings: Settings) -> list[dict[str, Any]]:
    """One language's results (the `results` entries of the report), not yet redacted."""
    results = []
    for case in cases:
        verdict = _judgement(run, case, settings)
        token = None if run.status == RUN_SKIPPED else run.outcomes[case.id].token
        results.append({
            "language": run.language.name, "case": case.id, "suite": case.suite, "alg": case.alg,
            "status": verdict.status, "token": token, "reason": verdict.reason,
            "notes": list(verdict.notes),
            "differences": [d.as_dict() for d in verdict.differences],
        })
    return results


def record(runs: list[LanguageRun], cases: list[Case], settings: Settings,
           judged: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The report record (the `--json` shape), secrets redacted; `judged` holds languages judged already."""
    redactor = Redactor({case.secret for case in cases})
    judged = judged or {}
    results = [result for run in runs
               for result in judged.get(run.language.name) or language_results(run, cases, settings)]
    labels = [*(case.id for case in cases), *(run.language.name for run in runs), *STATUSES]
    redacted: dict[str, Any] = redactor.record({
        "edition": settings.edition,
        "reference": {"library": "PyJWT", "version": reference.pyjwt_version()},
        "settings": {"algorithm": settings.algorithm, "lifetime": settings.lifetime, "exp": settings.exp,
                     "policy": {k: list(v) for k, v in settings.policy.items()}},
        "languages": [_language(run, settings) for run in runs],
        "results": results,
        "case_notes": _case_notes(cases),
        "redaction": redactor.notes(labels),
    })
    known.mark(redacted, settings.known)
    redacted["summary"] = summary(redacted["results"])
    return redacted


def _language(run: LanguageRun, settings: Settings) -> dict[str, Any]:
    entry = language_entry(run, [])
    if run.status == RUN_SKIPPED:
        entry["allowed"] = run.language.name in settings.allow_unavailable
    return entry


def _case_notes(cases: list[Case]) -> dict[str, list[str]]:
    """What to say once on a case: numbers that every double-based library, the reference too, rounds."""
    notes = {case.id: [f"more precision than a double holds at {place}; every language is judged against "
                       "that double" for place in rounded_numbers(loads(case.written_payload))]
             for case in cases}
    return {case: said for case, said in notes.items() if said}


def check(client: docker.DockerClient, languages: list[Language], cases: list[Case], settings: Settings,
          log_dir: Path, progress: Progress, retry_unavailable: bool = False, cross: bool = False,
          consumers: list[Consumer] | None = None) -> dict[str, Any]:
    """Run and judge: each language is judged as soon as it finishes (its counts go to the progress).

    `cross` adds the signer x verifier matrix, each consumer its verdicts.
    """
    judged: dict[str, list[dict[str, Any]]] = {}

    def judge_now(run: LanguageRun) -> str:
        judged[run.language.name] = language_results(run, cases, settings)
        counts = summary(judged[run.language.name])
        return ": " + ", ".join(f"{n} {status}" for status, n in counts.items() if n)

    runs = run_languages(client, languages, cases, settings, log_dir, progress, retry_unavailable, judge_now)
    report = record(runs, cases, settings, judged)
    if cross:
        progress("cross", "every token through every verifier")
        report["cross"] = cross_record(client, runs, cases, settings, log_dir)
    for consumer in consumers or []:
        progress(consumer.name, "judging every token")
        consumer_profiles.apply(client, consumer, report, runs, cases, settings, log_dir)
    if cross or consumers:  # their cases, reasons and findings through the same Redactor as the results
        report = Redactor({case.secret for case in cases}).record(report)
    return report
