"""The verdicts a result can have, in report order (a module of its own: settings check them too)."""

IDENTICAL, EQUIVALENT, DIVERGENT, INVALID, ERROR, SKIPPED = (
    "identical", "equivalent", "divergent", "invalid", "error", "skipped")
STATUSES = (IDENTICAL, EQUIVALENT, DIVERGENT, INVALID, ERROR, SKIPPED)
PASSING = (IDENTICAL, EQUIVALENT, SKIPPED)
