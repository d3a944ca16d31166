"""The verdicts a result can have, in report order (a module of its own: the config checks them too)."""

from enum import StrEnum


class Verdict(StrEnum):
    IDENTICAL = "identical"
    EQUIVALENT = "equivalent"
    DIVERGENT = "divergent"
    INVALID = "invalid"
    ERROR = "error"
    SKIPPED = "skipped"


IDENTICAL, EQUIVALENT, DIVERGENT, INVALID, ERROR, SKIPPED = Verdict
STATUSES = tuple(Verdict)
PASSING = (IDENTICAL, EQUIVALENT, SKIPPED)
