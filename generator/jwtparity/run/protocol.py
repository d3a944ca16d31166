"""The driver protocol's output side: one JSON line per case, in input order, checked line by line.

The snippet shares its process with the driver and is untrusted, so the output is checked, never just
collected: a second line for a case, a line for a case that was not asked for, or a line that goes back
in the input order is a protocol violation that fails the whole language (any of its results could be
forged). An error line that names no case is kept as a note on the language, never dropped. Lines are
split on `\\n` only, and every text kept from the output has the cases' secrets redacted.
"""

import json
from dataclasses import dataclass

from jwtparity.cases.suite import Case, json_lines
from jwtparity.report.redact import Redactor
from jwtparity.run.sandbox import RunResult

SHOWN_CHARACTERS = 80  # of a line outside the protocol
SHOWN_ERROR = 500  # of an error that names no case


@dataclass(frozen=True)
class CaseOutcome:
    token: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Parsed:
    outcomes: dict[str, CaseOutcome]
    note: str  # anything amiss, for the language's reason ("" when all is well)
    violation: str  # why the output cannot be trusted at all ("" when it can)


def _outcome(record: object) -> tuple[object, CaseOutcome] | None:
    """(id, outcome) of a protocol line, None when it is not one."""
    if not isinstance(record, dict) or "id" not in record:
        return None
    if isinstance(record.get("error"), str) and "token" not in record:
        return record["id"], CaseOutcome(error=record["error"])
    if isinstance(record.get("token"), str) and "error" not in record:
        return record["id"], CaseOutcome(token=record["token"])
    return None


def _violation(case_id: object, position: dict[str, int], outcomes: dict[str, CaseOutcome], next_index: int) -> str:
    """Why a line for `case_id` breaks the protocol, or ""."""
    if not isinstance(case_id, str) or case_id not in position:
        return f"the driver wrote a result for a case it was not given ({json.dumps(case_id)[:SHOWN_CHARACTERS]})"
    if case_id in outcomes:
        return f"the driver wrote a second result for case {case_id!r}"
    if position[case_id] < next_index:
        return f"the driver wrote the result for case {case_id!r} out of the input order"
    return ""


def _cut_note(result: RunResult, answered: int, cases: list[Case]) -> str:
    return (
        f"the container's output exceeded the cap of {result.stdout_cap} bytes and was cut after "
        f"{answered} of {len(cases)} results"
    )


def parse_output(result: RunResult, cases: list[Case]) -> Parsed:
    """The outcome of each case from the driver's stdout, a note on anything amiss, and any violation."""
    redactor = Redactor({case.secret for case in cases})
    position = {case.id: index for index, case in enumerate(cases)}
    outcomes: dict[str, CaseOutcome] = {}
    problems: list[str] = []
    next_index, violation = 0, ""
    for raw in json_lines(result.stdout.decode("utf-8", "replace")):
        if not raw.strip():
            continue
        try:
            parsed = _outcome(json.loads(raw))
        except (ValueError, RecursionError):
            parsed = None
        if parsed is None:
            problems.append(f"driver wrote a line outside the protocol: {redactor.cut(raw, SHOWN_CHARACTERS)!r}")
            continue
        case_id, outcome = parsed
        if case_id is None and outcome.error is not None:
            problems.append(
                "the driver reported an error without naming its case: " + redactor.cut(outcome.error, SHOWN_ERROR)
            )
            continue
        violation = _violation(case_id, position, outcomes, next_index)
        if violation:
            said = f"error: {outcome.error}" if outcome.error is not None else "a token"
            violation += f" ({redactor.cut(said, SHOWN_CHARACTERS)})"
            break
        outcomes[str(case_id)] = outcome
        next_index = position[str(case_id)] + 1
    if result.output_cut:
        problems.insert(0, _cut_note(result, len(outcomes), cases))
    elif result.failure:
        stderr = redactor.text(result.stderr.decode("utf-8", "replace")).strip().splitlines()[-3:]
        problems.insert(0, f"the container {result.failure}" + (f"; stderr: {' | '.join(stderr)}" if stderr else ""))
    note = "; ".join(problems)
    if violation:
        violation = f"protocol violation: {violation}"
        return Parsed(
            {case.id: CaseOutcome(error=violation) for case in cases},
            "; ".join(filter(None, [violation, note])),
            violation,
        )
    for case in cases:
        if case.id not in outcomes:
            outcomes[case.id] = CaseOutcome(error=f"no output for this case ({note or 'driver skipped it'})")
    return Parsed(outcomes, note, "")
