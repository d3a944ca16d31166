"""Accepted differences: claims a library adds on its own that the config says to accept, per language.

Each entry is checked, never waved through: `iat` must be an integer inside the run's time window,
`exp` an integer `lifetime` seconds after `iat` (or after the window when there is no `iat`).
"""

from dataclasses import dataclass

from jwtparity.judge.jsonvalues import Difference, Num

SLACK_SECONDS = 2


@dataclass(frozen=True)
class Policy:
    accepted: tuple[str, ...] = ()
    lifetime: int = 300
    window: tuple[float, float] = (0.0, 0.0)  # when the run started and ended, epoch seconds


def _integer(value: object) -> int | None:
    if isinstance(value, Num) and isinstance(value.value, int):
        return value.value
    return None


def accept(
    policy: Policy, differences: list[Difference], claims: dict[str, object]
) -> tuple[list[Difference], list[str]]:
    """Split `differences` into (still unaccepted, notes on the accepted ones)."""
    start, end = policy.window[0] - SLACK_SECONDS, policy.window[1] + SLACK_SECONDS
    remaining, notes = [], []
    iat = _integer(claims.get("iat"))
    for difference in differences:
        name = difference.path[2:] if difference.path.startswith("$.") else None
        value = _integer(difference.actual)
        if difference.kind != "added" or name not in policy.accepted or value is None:
            remaining.append(difference)
        elif name == "iat" and start <= value <= end:
            notes.append("accepted by policy: $.iat added by the library (an integer inside the run's time window)")
        elif name == "exp" and iat is not None and value - iat == policy.lifetime:
            notes.append(f"accepted by policy: $.exp added (exp - iat = {policy.lifetime} s, the configured lifetime)")
        elif name == "exp" and iat is None and start + policy.lifetime <= value <= end + policy.lifetime:
            notes.append(f"accepted by policy: $.exp added ({policy.lifetime} s after the run)")
        else:
            remaining.append(difference)
    return remaining, notes
