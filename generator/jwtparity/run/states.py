"""How a language's run and a language's image ended up."""

from enum import StrEnum


class RunState(StrEnum):
    RAN = "ran"
    SKIPPED = "skipped"  # its library cannot be had here (the registry could not be reached)
    FAILED = "failed"  # its image did not build, its container could not run, or its driver broke the protocol


class ImageState(StrEnum):
    READY = "ready"
    UNAVAILABLE = "unavailable"  # the library cannot be obtained here
    FAILED = "failed"
    MISSING = "missing"  # not built yet, and the caller asked not to build it
