"""The main job: run every language's snippet on the cases, judge each token, build the report record."""

from jwtparity.cases.suite import Case
from jwtparity.config import known
from jwtparity.config.languages import Consumer, Language
from jwtparity.config.settings import Settings
from jwtparity.errors import ToolError
from jwtparity.judge import consumers as consumer_profiles
from jwtparity.judge import reference, verification
from jwtparity.judge.cross import cross_record
from jwtparity.judge.jsonvalues import loads, rounded_numbers
from jwtparity.judge.policy import Policy
from jwtparity.judge.verdict import Judgement, judge, unavailable
from jwtparity.report.record import LanguageEntry, Reference, Report, Result
from jwtparity.report.redact import Redactor
from jwtparity.report.table import language_entry, summary
from jwtparity.run.context import RunContext
from jwtparity.run.signing import LanguageRun, run_languages
from jwtparity.run.states import RunState


def _judgement(run: LanguageRun, case: Case, settings: Settings) -> Judgement:
    if run.status == RunState.SKIPPED:
        return unavailable(run.reason, run.language.name in settings.allow_unavailable)
    outcome = run.outcomes[case.id]
    policy = Policy(settings.accepted(run.language), settings.lifetime, run.window)
    return judge(case, outcome.token, outcome.error, policy)


def language_results(run: LanguageRun, cases: list[Case], settings: Settings) -> list[Result]:
    """One language's results (the `results` entries of the report), not yet redacted."""
    results = []
    for case in cases:
        verdict = _judgement(run, case, settings)
        token = None if run.status == RunState.SKIPPED else run.outcomes[case.id].token
        results.append(
            Result(
                language=run.language.name,
                case=case.id,
                suite=case.suite,
                alg=case.alg,
                status=verdict.status,
                token=token,
                reason=verdict.reason,
                notes=list(verdict.notes),
                differences=[d.as_dict() for d in verdict.differences],
            )
        )
    return results


def build_record(
    runs: list[LanguageRun], cases: list[Case], settings: Settings, judged: dict[str, list[Result]] | None = None
) -> Report:
    """The report record (the `--json` shape), not yet redacted; `judged` holds languages judged already."""
    judged = judged or {}
    results = [
        result for run in runs for result in judged.get(run.language.name) or language_results(run, cases, settings)
    ]
    known_marked = known.mark(
        results, settings.edition, [run.language.name for run in runs if run.status != RunState.SKIPPED], settings.known
    )
    return Report(
        edition=settings.edition,
        reference=Reference(library="PyJWT", version=reference.pyjwt_version()),
        settings={
            "algorithm": settings.algorithm,
            "lifetime": settings.lifetime,
            "exp": settings.exp,
            "policy": {k: list(v) for k, v in settings.policy.items()},
        },
        languages=[_language(run, settings) for run in runs],
        results=results,
        summary=summary(results),
        case_notes=_case_notes(cases),
        known_stale=known_marked,
    )


def redacted(built: Report, cases: list[Case]) -> Report:
    """The record with every case's secret out of what the runs produced (once, when it is complete)."""
    return Redactor({case.secret for case in cases}).report(built, [case.id for case in cases])


def record(runs: list[LanguageRun], cases: list[Case], settings: Settings) -> Report:
    """The record of a plain check, redacted."""
    return redacted(build_record(runs, cases, settings), cases)


def _language(run: LanguageRun, settings: Settings) -> LanguageEntry:
    entry = language_entry(run)
    if run.status == RunState.SKIPPED:
        entry["allowed"] = run.language.name in settings.allow_unavailable
    return entry


def _case_notes(cases: list[Case]) -> dict[str, list[str]]:
    """What to say once on a case: numbers that every double-based library, the reference too, rounds."""
    notes = {
        case.id: [
            f"more precision than a double holds at {place}; every language is judged against that double"
            for place in rounded_numbers(loads(case.written_payload))
        ]
        for case in cases
    }
    return {case: said for case, said in notes.items() if said}


def check(
    ctx: RunContext,
    languages: list[Language],
    cases: list[Case],
    cross: bool = False,
    consumers: list[Consumer] | None = None,
) -> Report:
    """Run and judge: each language is judged as soon as it finishes (its counts go to the progress).

    `cross` adds the signer x verifier matrix, each consumer its verdicts; the record is redacted once,
    complete.
    """
    if ctx.settings.edition_info.verifies:  # its samples verify a producer's requests
        if cross or consumers:
            raise ToolError(f"edition {ctx.settings.edition} verifies requests: --cross and --consumer do not apply")
        return verification.check(ctx, languages)
    judged: dict[str, list[Result]] = {}

    def judge_now(run: LanguageRun) -> str:
        judged[run.language.name] = language_results(run, cases, ctx.settings)
        counts = summary(judged[run.language.name])
        return ": " + ", ".join(f"{n} {status}" for status, n in counts.items() if n)

    runs = run_languages(ctx, languages, cases, judge_now)
    built = build_record(runs, cases, ctx.settings, judged)
    if cross:
        ctx.progress("cross", "every token through every verifier")
        built["cross"] = cross_record(ctx, runs, cases)
    for consumer in consumers or []:
        ctx.progress(consumer.name, "judging every token")
        entry, verdicts = consumer_profiles.verdicts(ctx, consumer, runs, cases)
        built.setdefault("consumers", []).append(entry)
        for result, verdict in zip(built["results"], verdicts, strict=True):
            result.setdefault("consumers", {})[consumer.name] = verdict
    return redacted(built, cases)
