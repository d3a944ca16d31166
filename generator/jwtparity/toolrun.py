"""Run a command of a language's image (its verifier, a consumer profile) over JSON-line requests.

One container per command for every request of the run. Each output line must carry the request's
`id` and a boolean `accepted`; the line is kept decoded with `jsonvalues.loads` so that numbers keep
their spelling (claims are compared as the library wrote them).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docker
import docker.errors

from jwtparity import images, jsonvalues, sandbox
from jwtparity.errors import first_line
from jwtparity.languages import Language, Library
from jwtparity.run import FAILED, RAN, SKIPPED
from jwtparity.settings import Settings

MAX_PROBLEMS = 3


@dataclass
class ToolRun:
    """How one command's container went, and its answer to each request id."""

    language: Language
    status: str = RAN
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


def _parse(result: sandbox.RunResult) -> tuple[dict[str, dict[str, Any]], list[str]]:
    answers: dict[str, dict[str, Any]] = {}
    problems = []
    # Lines end at \n only: claims may hold U+2028 or U+2029 raw, which str.splitlines() would split on.
    for raw in result.stdout.decode("utf-8", "replace").split("\n"):
        if not raw.strip():
            continue
        try:
            record = _too_deep_verdict(raw)
            if not isinstance(record, dict) or not isinstance(record.get("accepted"), bool) \
                    or not isinstance(record.get("id"), str):
                raise ValueError("needs a string id and a boolean accepted")
        except ValueError as exc:
            problems.append(f"a line outside the protocol ({exc}): {raw[:80]!r}")
            continue
        answers.setdefault(record["id"], record)
    if result.failure:
        stderr = result.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        problems.insert(0, f"the container {result.failure}" + (f"; stderr: {' | '.join(stderr)}" if stderr else ""))
    return answers, problems


def run_requests(client: docker.DockerClient, language: Language, command: tuple[str, ...],
                 requests: list[dict[str, Any]], settings: Settings, algorithm: str, log_dir: Path) -> ToolRun:
    """Every request through `command` in the language's image (the one for `algorithm`, built as needed)."""
    image = images.ensure_image(client, language, settings, algorithm, log_dir, cancel=sandbox.CANCEL)
    if image.status == "unavailable":
        return ToolRun(language, SKIPPED, language.library, image.reason)
    if image.status != "ready" or image.tag is None:
        reason = image.reason.splitlines()[0] if image.reason else "image build failed"
        return ToolRun(language, FAILED, language.library, reason)
    if not command:
        return ToolRun(language, SKIPPED, image.library, "the manifest declares no such command")
    stdin = b"".join((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8") for request in requests)
    try:
        limits = sandbox.Limits(timeout=settings.timeout).raised(language.limits)
        result = sandbox.run(client, image.tag, stdin, limits, list(command))
    except docker.errors.DockerException as exc:
        return ToolRun(language, FAILED, image.library, f"the container could not run: {first_line(exc)}")
    answers, problems = _parse(result)
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"{len(problems) - MAX_PROBLEMS} more"]
    missing = sum(request["id"] not in answers for request in requests)
    if missing:
        problems.append(f"no answer for {missing} of {len(requests)} tokens")
    status = FAILED if result.failure or missing else RAN
    return ToolRun(language, status, image.library, "; ".join(problems), answers, result.seconds)
