"""Consumer profiles (`check --consumer NAME`): a real consumer's acceptance rules applied to every token.

A profile is data: a `[consumers.NAME]` table in the manifest of the language whose image runs it
(command, rules, the sources it follows), its script in that harness folder. Every token of the run
goes through one container of that image; the check gives each result of the report
`"consumers": {NAME: {"accepted": bool, "reason": "…"}}` (`accepted` is null where there is no token).
"""

from jwtparity.cases.suite import Case
from jwtparity.config.languages import Consumer, Library
from jwtparity.config.settings import Settings
from jwtparity.errors import ToolError
from jwtparity.judge.cross import signed_tokens, verifier_algorithm
from jwtparity.report.record import ConsumerEntry, ConsumerVerdict, ProfileEntry
from jwtparity.run.context import RunContext
from jwtparity.run.signing import LanguageRun
from jwtparity.run.tools import run_requests


def known(settings: Settings) -> dict[str, Consumer]:
    return {consumer.name: consumer for language in settings.languages for consumer in language.consumers}


def resolve(names: list[str] | None, settings: Settings) -> list[Consumer]:
    """The profiles named (comma lists allowed), or a ToolError naming the known ones."""
    profiles = known(settings)
    if names is not None and not any(part.strip() for item in names for part in item.split(",")):
        raise ToolError(f"--consumer names no profile (known: {', '.join(sorted(profiles)) or 'none'})")
    chosen: list[Consumer] = []
    for item in names or []:
        for name in filter(None, (part.strip() for part in item.split(","))):
            if name not in profiles:
                raise ToolError(f"unknown consumer profile {name!r} (known: {', '.join(sorted(profiles)) or 'none'})")
            if profiles[name] not in chosen:
                chosen.append(profiles[name])
    return chosen


def verdicts(
    ctx: RunContext, consumer: Consumer, runs: list[LanguageRun], cases: list[Case]
) -> tuple[ConsumerEntry, list[ConsumerVerdict]]:
    """The consumer's entry of the report, and its verdict on every result (run by run, case by case, the
    order of the record's results)."""
    host = ctx.settings.resolve(consumer.language)
    tokens = signed_tokens(runs, cases)
    requests = [{**t.request(), **({"use": t.case.use} if t.case.use else {})} for t in tokens]
    outcome = run_requests(ctx, host, consumer.command, requests, verifier_algorithm(cases))
    found: list[ConsumerVerdict] = []
    for run in runs:
        for case in cases:
            answer = outcome.answers.get(f"{run.language.name}/{case.id}")
            outcome_of_case = run.outcomes.get(case.id)
            if answer is not None:
                found.append(ConsumerVerdict(accepted=answer["accepted"], reason=str(answer.get("reason", ""))))
            elif outcome_of_case is not None and outcome_of_case.token:
                found.append(ConsumerVerdict(accepted=None, reason=f"no verdict: {outcome.status}: {outcome.reason}"))
            else:
                found.append(ConsumerVerdict(accepted=None, reason="no token to judge"))
    entry = ConsumerEntry(
        **profile_entry(consumer, host.name, outcome.library or host.library),
        status=outcome.status,
        reason=outcome.reason,
    )
    return entry, found


def profile_entry(profile: Consumer, language: str, library: Library) -> ProfileEntry:
    """The report's entry of a consumer or producer profile run in `language`'s image with `library`."""
    return ProfileEntry(
        name=profile.name,
        display=profile.display,
        rules=profile.rules,
        sources=list(profile.sources),
        language=language,
        library=library.name,
        version=library.version,
    )
