"""Run a command of a language's image (its verifier, a consumer profile) over JSON-line requests.

One container per command for every request of the run. Each output line must carry the request's
`id` and a boolean `accepted`; the line is kept decoded with `jsonvalues.loads` so that numbers keep
their spelling (claims are compared as the library wrote them).
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from jwtparity.config.languages import Language, Library
from jwtparity.judge import jsonvalues
from jwtparity.run import images, sandbox
from jwtparity.run.context import RunContext
from jwtparity.run.runner import run_image
from jwtparity.run.states import RunState

MAX_PROBLEMS = 3


@dataclass
class ToolRun:
    """How one command's container went, and its answer to each request id."""

    language: Language
    status: RunState = RunState.RAN
    library: Library | None = None
    reason: str = ""
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0


# The start of an answer as every verifier writes it: its verdict is read from there when the claims it
# echoes are nested too deeply to decode.
_VERDICT = re.compile(r'\{\s*"id"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"accepted"\s*:\s*(true|false)\s*[,}]')


def _too_deep_verdict(raw: str) -> Any:
    """The line decoded; an answer whose claims nest too deeply keeps its verdict, claims unreadable."""
    try:
        return jsonvalues.loads(raw)
    except jsonvalues.TooDeep as exc:
        head = _VERDICT.match(raw)
        if head is None:
            raise
        return {"id": json.loads(head[1]), "accepted": head[2] == "true", "claims_unreadable": str(exc)}


def parse_answers(result: sandbox.RunResult) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The answer lines of a command's container (`id`, boolean `accepted`) by request id, and what was amiss."""
    answers: dict[str, dict[str, Any]] = {}
    problems = []
    # Lines end at \n only: claims may hold U+2028 or U+2029 raw, which str.splitlines() would split on.
    for raw in result.stdout.decode("utf-8", "replace").split("\n"):
        if not raw.strip():
            continue
        try:
            record = _too_deep_verdict(raw)
            if (
                not isinstance(record, dict)
                or not isinstance(record.get("accepted"), bool)
                or not isinstance(record.get("id"), str)
            ):
                raise ValueError("needs a string id and a boolean accepted")
        except ValueError as exc:
            problems.append(f"a line outside the protocol ({exc}): {raw[:80]!r}")
            continue
        answers.setdefault(record["id"], record)
    if result.failure:
        stderr = result.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        problems.insert(0, f"the container {result.failure}" + (f"; stderr: {' | '.join(stderr)}" if stderr else ""))
    return answers, problems


def run_requests(
    ctx: RunContext, language: Language, command: tuple[str, ...], requests: list[dict[str, Any]], algorithm: str
) -> ToolRun:
    """Every request through `command` in the language's image (the one for `algorithm`, built as needed)."""
    if not command:
        return ToolRun(language, RunState.SKIPPED, language.library, "the manifest declares no such command")
    image = images.ensure_image(ctx, language, algorithm)
    stdin = b"".join((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8") for request in requests)
    container = run_image(ctx, language, image, stdin, command)
    if container.result is None:
        return ToolRun(language, container.state, container.library, container.reason.splitlines()[0])
    answers, problems = parse_answers(container.result)
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"{len(problems) - MAX_PROBLEMS} more"]
    missing = sum(request["id"] not in answers for request in requests)
    if missing:
        problems.append(f"no answer for {missing} of {len(requests)} tokens")
    status = RunState.FAILED if container.result.failure or missing else RunState.RAN
    return ToolRun(language, status, container.library, "; ".join(problems), answers, container.result.seconds)
