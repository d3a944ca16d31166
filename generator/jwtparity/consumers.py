"""Consumer profiles (`check --consumer NAME`): a real consumer's acceptance rules applied to every token.

A profile is data: a `[consumers.NAME]` table in the manifest of the language whose image runs it
(command, rules, the sources it follows), its script in that harness folder. Every token of the run
goes through one container of that image; each result of the report gains
`"consumers": {NAME: {"accepted": bool, "reason": "…"}}` (`accepted` is null where there is no token).
"""

from pathlib import Path
from typing import Any

import docker

from jwtparity.cases import Case
from jwtparity.cross import image_algorithm, signed_tokens
from jwtparity.errors import ToolError
from jwtparity.languages import Consumer
from jwtparity.report import redact
from jwtparity.run import LanguageRun
from jwtparity.settings import Settings
from jwtparity.toolrun import run_requests


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


def apply(client: docker.DockerClient, consumer: Consumer, record: dict[str, Any], runs: list[LanguageRun],
          cases: list[Case], settings: Settings, log_dir: Path) -> None:
    """Add the consumer's verdict to every result of `record`, and its entry to `record["consumers"]`."""
    host = settings.resolve(consumer.language)
    tokens = signed_tokens(runs, cases)
    requests = [{**t.request(), **({"use": t.case.use} if t.case.use else {})} for t in tokens]
    outcome = run_requests(client, host, consumer.command, requests, settings, image_algorithm(cases), log_dir)
    secrets = [case.secret for case in cases]
    # The record's case ids are redacted (a case id may hold its secret): results come run by run, case by
    # case, so each is matched with its case's own id.
    raw_ids = [f"{run.language.name}/{case.id}" for run in runs for case in cases]
    for result, raw_id in zip(record["results"], raw_ids, strict=True):
        answer = outcome.answers.get(raw_id)
        if answer is not None:
            verdict = {"accepted": answer["accepted"], "reason": redact(str(answer.get("reason", "")), secrets)}
        elif result.get("token"):
            verdict = {"accepted": None, "reason": f"no verdict: {outcome.status}: {outcome.reason}"}
        else:
            verdict = {"accepted": None, "reason": "no token to judge"}
        result.setdefault("consumers", {})[consumer.name] = verdict
    library = outcome.library or host.library
    record.setdefault("consumers", []).append({
        "name": consumer.name, "display": consumer.display, "rules": consumer.rules,
        "sources": list(consumer.sources), "language": host.name, "library": library.name,
        "version": library.version, "status": outcome.status, "reason": redact(outcome.reason, secrets),
    })
