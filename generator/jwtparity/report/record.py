"""The report record's shape: what `--json` writes and every output renders, typed for mypy.

A record is plain JSON data (a saved report is read back by `report merge`, checked field by field in
merge.py, and renders exactly like a fresh one), so its parts are TypedDicts: mypy checks every key a
renderer reads, and nothing needs converting on the way in or out. Statuses are the judge's and run
stage's StrEnums when a check builds the record, their string values when a report is read back.
"""

from typing import NotRequired, TypedDict


class Reference(TypedDict):
    library: str
    version: str


class LanguageEntry(TypedDict):
    language: str
    display: str
    library: str
    version: str
    source: str
    status: str  # RunState
    reason: str
    seconds: float
    allowed: NotRequired[bool]  # with status "skipped": the project allows it to be unavailable


class ConsumerVerdict(TypedDict):
    accepted: bool | None  # None: no token to judge, or no verdict
    reason: str


class Result(TypedDict):
    language: str
    case: str
    suite: str
    alg: str
    status: str  # Verdict
    token: str | None
    reason: str
    notes: list[str]
    differences: list[dict[str, str]]
    known: NotRequired[str]  # the known finding's note, when one matches
    consumers: NotRequired[dict[str, ConsumerVerdict]]


class ProfileEntry(TypedDict):
    """A consumer or producer profile as the report names it: the profile, and the image that ran it."""

    name: str
    display: str
    rules: str
    sources: list[str]
    language: str
    library: str
    version: str


class ConsumerEntry(ProfileEntry):
    status: str
    reason: str


class VerifierEntry(TypedDict):
    language: str
    library: str
    version: str
    source: str
    status: str
    reason: str
    seconds: float


class CrossResult(TypedDict):
    signer: str
    verifier: str
    case: str
    accepted: bool | None
    reason: str
    claims_equal: bool | None
    pyjwt_accepts: bool
    finding: str


class CrossSection(TypedDict):
    signers: list[str]
    verifiers: list[VerifierEntry]
    results: list[CrossResult]


class StaleFinding(TypedDict):
    language: str
    case: str
    status: str
    note: str


class ProducerEntry(ProfileEntry):
    """A verifying edition's producer profile: who signed the requests the samples verified."""


class PlainResult(TypedDict):
    language: str
    token: str  # "<signing>/<body|header>"
    accepted: bool | None  # None: no answer
    reason: str


class PlainSection(TypedDict):
    """What each library's plain call (no leeway, as the integration examples make it) does with the
    producer's tokens, each alone."""

    calls: dict[str, str]
    results: list[PlainResult]


class Report(TypedDict):
    edition: NotRequired[str]
    reference: Reference
    settings: NotRequired[dict[str, object]]
    languages: list[LanguageEntry]
    results: list[Result]
    summary: dict[str, int]
    case_notes: NotRequired[dict[str, list[str]]]
    redaction: NotRequired[list[str]]
    known_stale: NotRequired[list[StaleFinding]]
    consumers: NotRequired[list[ConsumerEntry]]
    cross: NotRequired[CrossSection]
    producer: NotRequired[ProducerEntry]
    plain: NotRequired[PlainSection]
