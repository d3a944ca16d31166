"""Verifying editions (`check --edition callback`): each language's verification sample, run unchanged in
its image with its real library, on the requests a producer profile signs as the real producer does.

The edition's `verifies` names the producer profile (`[producers.NAME]` in the manifest of the language
whose image runs it). For each verifying language, right before its container starts (so that the
skews are the producer's clock against the verifier's, not against a build or a queue), the producer
signs the callback object at every skew, both shapes (the body token over the object, the
`Authorization: Bearer` token over `{"payload": object}`); jwtparity makes the requests from them, the
expected ones and the hostile ones, and the language's driver answers each (protocol: harness/README.md,
"Verify mode"). Expected: accept what is within the leeway, returning the signed claims (the body
token's, or the header token's `payload`) and never the unsigned body's fields; reject the rest.

The same container also makes the library's plain call (as the integration examples make it, no leeway)
on each token alone: the record's `plain` section, which shows why the samples have a leeway.
"""

import base64
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jwtparity.config import known
from jwtparity.config.languages import Consumer, Language, Library
from jwtparity.errors import ToolError
from jwtparity.judge import jsonvalues, reference
from jwtparity.judge.consumers import profile_entry
from jwtparity.judge.cross import pyjwt_claims
from jwtparity.judge.statuses import DIVERGENT, ERROR, IDENTICAL, INVALID
from jwtparity.judge.verdict import unavailable
from jwtparity.report.record import (
    LanguageEntry,
    PlainResult,
    PlainSection,
    ProducerEntry,
    Reference,
    Report,
    Result,
)
from jwtparity.report.redact import Redactor
from jwtparity.report.table import summary
from jwtparity.run import images
from jwtparity.run.context import RunContext
from jwtparity.run.runner import run_image
from jwtparity.run.states import ImageState, RunState
from jwtparity.run.tools import parse_answers

SUITE = "callback"
SECRET = "jwtparity-outbox-secret-4f1c9b2e"  # the outbox secret both sides share in this check
OTHER_SECRET = "not-the-outbox-secret-7d2a"
# A save callback as OutputSfcData carries it (Common/sources/commondefines.js), status 2 (ready to save).
CALLBACK: dict[str, Any] = {
    "key": "Khirz6zTPdfd7",
    "status": 2,
    "url": "https://documentserver/cache/files/Khirz6zTPdfd7/output.docx/output.docx",
    "changesurl": "https://documentserver/cache/files/Khirz6zTPdfd7/changes.zip/changes.zip",
    "history": {"serverVersion": "9.0.0", "changes": [{"created": "2026-05-20 10:20:30", "user": {"id": "78e1e841"}}]},
    "users": ["78e1e841"],
    "actions": [{"type": 0, "userid": "78e1e841"}],
    "lastsave": "2026-05-20T10:20:30.000Z",
    "notmodified": False,
    "filetype": "docx",
}
UNSIGNED = {"url": "https://attacker.example/evil.docx", "status": 6}  # body fields no token signs
# Skews: the server's clock minus the verifier's, seconds. exp is iat + 300 (expiresIn "5m").
SKEWS = {"skew+0": 0, "skew+2": 2, "skew-2": -2, "skew+30": 30, "skew-30": -30, "expired-30s": -330}
EXPIRED = {"expired-75s": -375}  # beyond the 60 s leeway


@dataclass(frozen=True)
class Signing:
    """One producer request: the object, secret, algorithm and skew its two tokens are signed with."""

    callback: dict[str, Any]
    secret: str = SECRET
    alg: str = "HS256"
    skew: int = 0


@dataclass(frozen=True)
class Tokens:
    body: str
    header: str


Build = Callable[[dict[str, Tokens]], tuple[dict[str, Any], str | None]]  # tokens -> (body, Authorization)


@dataclass(frozen=True)
class Request:
    """A request the verification sample gets, and what it must do with it."""

    id: str
    accept: bool
    build: Build
    claims_from: tuple[str, str] | None = None  # (signing, "body" | "header"): whose signed claims to return
    what: str = ""


def signings() -> dict[str, Signing]:
    made = {name: Signing(CALLBACK, skew=skew) for name, skew in {**SKEWS, **EXPIRED}.items()}
    made["wrong-secret"] = Signing(CALLBACK, secret=OTHER_SECRET)
    made["hs384"] = Signing(CALLBACK, alg="HS384")
    made["no-payload"] = Signing({"foo": 1})
    return made


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def altered(token: str) -> str:
    """The token with its payload's url changed and its signature kept."""
    head, payload, signature = token.split(".")
    claims = json.loads(reference.b64url_decode(payload))
    inner = claims.get("payload", claims)
    inner["url"] = UNSIGNED["url"]
    return ".".join([head, _b64(json.dumps(claims).encode()), signature])


def unsigned_alg_none(token: str) -> str:
    """The token's claims under `alg: none`, with no signature."""
    payload = token.split(".")[1]
    return ".".join([_b64(b'{"alg":"none","typ":"JWT"}'), payload, ""])


def _server(name: str) -> Build:
    """The request as the server sends it: the body token in the body, the header token in Authorization."""
    return lambda t: ({**CALLBACK, "token": t[name].body}, "Bearer " + t[name].header)


def _header_only(name: str) -> Build:
    return lambda t: (dict(CALLBACK), "Bearer " + t[name].header)


def requests() -> list[Request]:
    made: list[Request] = []
    for name, skew in {**SKEWS, **EXPIRED}.items():
        accept = name in SKEWS
        made.append(Request(f"{name}/body", accept, _server(name), (name, "body") if accept else None, f"skew {skew}"))
        made.append(
            Request(f"{name}/header", accept, _header_only(name), (name, "header") if accept else None, f"skew {skew}")
        )
    made += [
        Request("wrong-secret/body", False, _server("wrong-secret"), what="both tokens signed with another secret"),
        Request("wrong-secret/header", False, _header_only("wrong-secret"), what="signed with another secret"),
        Request(
            "altered-payload/body",
            False,
            lambda t: ({**CALLBACK, "token": altered(t["skew+0"].body)}, "Bearer " + t["skew+0"].header),
            what="the body token's url changed, its signature kept; a good header beside it",
        ),
        Request(
            "altered-payload/header",
            False,
            lambda t: (dict(CALLBACK), "Bearer " + altered(t["skew+0"].header)),
            what="the header token's url changed, its signature kept",
        ),
        Request(
            "alg-none/body",
            False,
            lambda t: (
                {**CALLBACK, "token": unsigned_alg_none(t["skew+0"].body)},
                "Bearer " + unsigned_alg_none(t["skew+0"].header),
            ),
            what="both tokens unsigned, alg none",
        ),
        Request(
            "alg-none/header",
            False,
            lambda t: (dict(CALLBACK), "Bearer " + unsigned_alg_none(t["skew+0"].header)),
            what="unsigned, alg none",
        ),
        Request("hs384/body", False, _server("hs384"), what="the right secret, HS384 instead of the pinned HS256"),
        Request("hs384/header", False, _header_only("hs384"), what="the right secret, HS384"),
        Request("neither", False, lambda t: (dict(CALLBACK), None), what="no body token, no Authorization"),
        Request(
            "unsigned-fields/body",
            True,
            lambda t: ({**CALLBACK, **UNSIGNED, "token": t["skew+0"].body}, "Bearer " + t["skew+0"].header),
            ("skew+0", "body"),
            "the body's url and status differ from what its token signs",
        ),
        Request(
            "unsigned-fields/header",
            True,
            lambda t: ({**CALLBACK, **UNSIGNED}, "Bearer " + t["skew+0"].header),
            ("skew+0", "header"),
            "the body's url and status differ from what the header token signs",
        ),
        Request(
            "bad-body-good-header",
            False,
            lambda t: ({**CALLBACK, "token": t["wrong-secret"].body}, "Bearer " + t["skew+0"].header),
            what="a body token signed with another secret beside a good header",
        ),
        Request(
            "header-no-payload",
            False,
            lambda t: (dict(CALLBACK), "Bearer " + t["no-payload"].body),
            what="a good header token with no payload claim",
        ),
    ]
    return made


PLAIN_TOKENS = [*SKEWS, *EXPIRED, "hs384"]  # the tokens the plain calls get, each shape alone


def plain_requests(tokens: dict[str, Tokens], alg: str) -> list[dict[str, Any]]:
    made = []
    for name in PLAIN_TOKENS:
        for shape in ("body", "header"):
            token = getattr(tokens[name], shape)
            made.append({"id": f"plain:{name}/{shape}", "plain": token, "secret": SECRET, "alg": alg})
    return made


def expected_claims(tokens: dict[str, Tokens], claims_from: tuple[str, str]) -> Any:
    """The claims the token signs, as PyJWT reads them; the header token's `payload`."""
    name, shape = claims_from
    claims = pyjwt_claims(getattr(tokens[name], shape))
    return claims["payload"] if shape == "header" else claims


def judge_answer(request: Request, answer: dict[str, Any] | None, tokens: dict[str, Tokens], why: str) -> Result:
    """The result of one request: identical (as expected, the signed claims), divergent (accepted, other
    claims), invalid (accepted what must be rejected), error (rejected what must be accepted, no answer)."""

    def result(status: str, reason: str, differences: list[dict[str, str]] | None = None) -> Result:
        return Result(
            language="",
            case=request.id,
            suite=SUITE,
            alg="HS256",
            status=status,
            token=None,
            reason=reason,
            notes=[request.what] if request.what else [],
            differences=differences or [],
        )

    if answer is None:
        return result(ERROR, f"no answer: {why}")
    accepted, said = answer["accepted"], str(answer.get("reason", ""))
    if not request.accept:
        if accepted:
            return result(INVALID, "accepted what must be rejected")
        return result(IDENTICAL, f"rejected: {said}")
    if not accepted:
        return result(ERROR, f"rejected what must be accepted: {said}")
    assert request.claims_from is not None
    expected = expected_claims(tokens, request.claims_from)
    got = answer.get("claims")
    if isinstance(expected, dict) and isinstance(got, dict):
        # A library may return the claims without the time claims it checked (fusionauth's other claims).
        expected = {k: v for k, v in expected.items() if k not in ("iat", "exp") or k in got}
    differences = jsonvalues.diff(expected, got)
    if differences:
        return result(
            DIVERGENT,
            "accepted, with other claims than the token signs",
            [d.as_dict() for d in differences],
        )
    return result(IDENTICAL, "")


@dataclass
class Verified:
    language: Language
    status: RunState
    reason: str
    entry_library: Library
    seconds: float
    answers: dict[str, dict[str, Any]]
    tokens: dict[str, Tokens]


def produce(ctx: RunContext, producer: Consumer, host: Language, image: images.ImageOutcome) -> dict[str, Tokens]:
    """Every signing's two tokens, from one run of the producer profile; ToolError when it fails."""
    made = signings()
    lines = [
        {"id": name, "callback": s.callback, "secret": s.secret, "alg": s.alg, "skew": s.skew}
        for name, s in made.items()
    ]
    stdin = b"".join((json.dumps(line) + "\n").encode() for line in lines)
    container = run_image(ctx, host, image, stdin, producer.command)
    if container.result is None:
        raise ToolError(f"the producer profile {producer.name} could not run: {container.reason.splitlines()[0]}")
    tokens: dict[str, Tokens] = {}
    for raw in container.result.stdout.decode("utf-8", "replace").split("\n"):
        if raw.strip():
            record = json.loads(raw)
            if isinstance(record.get("body"), str) and isinstance(record.get("header"), str):
                tokens[record["id"]] = Tokens(record["body"], record["header"])
    if set(tokens) != set(made):
        stderr = container.result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise ToolError(f"the producer profile {producer.name} signed {len(tokens)} of {len(made)}: {stderr}")
    return tokens


def _verify(
    ctx: RunContext, language: Language, producer: Consumer, host: Language, host_image: images.ImageOutcome
) -> Verified:
    started = time.time()
    alg = ctx.settings.algorithm
    ctx.progress(language.name, "image")
    image = images.ensure_image(ctx, language, alg)
    if image.status != ImageState.READY:
        state = RunState.SKIPPED if image.status == ImageState.UNAVAILABLE else RunState.FAILED
        return Verified(language, state, image.reason, language.library, time.time() - started, {}, {})
    ctx.progress(language.name, "signing the requests, then verifying them")
    tokens = produce(ctx, producer, host, host_image)
    lines = []
    for request in requests():
        body, authorization = request.build(tokens)
        line: dict[str, Any] = {"id": request.id, "body": body}
        if authorization is not None:
            line["authorization"] = authorization
        lines.append({**line, "secret": SECRET, "alg": alg})
    lines += plain_requests(tokens, alg)
    stdin = b"".join((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8") for line in lines)
    container = run_image(ctx, language, image, stdin)
    library = container.library
    if container.result is None:
        return Verified(language, container.state, container.reason, library, time.time() - started, {}, tokens)
    answers, problems = parse_answers(container.result)
    status = RunState.FAILED if container.result.failure else RunState.RAN
    ctx.progress(language.name, "done")
    return Verified(
        language,
        status,
        "; ".join(problems),
        library,
        time.time() - started,
        answers,
        tokens,
    )


def _producer(ctx: RunContext, name: str) -> tuple[Consumer, Language]:
    for language in ctx.settings.languages:
        for producer in language.producers:
            if producer.name == name:
                return producer, language
    raise ToolError(
        f"edition {ctx.settings.edition} verifies the requests of producer profile {name!r}, which no manifest has"
    )


def check(ctx: RunContext, languages: list[Language]) -> Report:
    """The record of a verifying edition's check (redacted)."""
    settings = ctx.settings
    producer, host = _producer(ctx, settings.edition_info.verifies)
    ctx.progress(host.name, f"image for the producer profile {producer.name}")
    host_image = images.ensure_image(ctx, host, settings.algorithm)
    if host_image.status != ImageState.READY:
        raise ToolError(f"the producer profile {producer.name} has no image: {host_image.reason}")
    verified = ctx.map(lambda language: _verify(ctx, language, producer, host, host_image), languages)
    results: list[Result] = []
    plain: list[PlainResult] = []
    entries: list[LanguageEntry] = []
    for run in verified:
        name = run.language.name
        entry = LanguageEntry(
            language=name,
            display=run.language.display,
            library=run.entry_library.name,
            version=run.entry_library.version,
            source=run.entry_library.source,
            status=run.status,
            reason=run.reason,
            seconds=round(run.seconds, 2),
        )
        if run.status == RunState.SKIPPED:
            entry["allowed"] = name in settings.allow_unavailable
        entries.append(entry)
        for request in requests():
            if run.status == RunState.SKIPPED:
                verdict = unavailable(run.reason, name in settings.allow_unavailable)
                judged = Result(
                    language=name,
                    case=request.id,
                    suite=SUITE,
                    alg=settings.algorithm,
                    status=verdict.status,
                    token=None,
                    reason=verdict.reason,
                    notes=[],
                    differences=[],
                )
            else:
                judged = judge_answer(request, run.answers.get(request.id), run.tokens, run.reason or run.status)
                judged["language"] = name
            results.append(judged)
        if run.status != RunState.SKIPPED:
            for name_shape in (f"{n}/{s}" for n in PLAIN_TOKENS for s in ("body", "header")):
                answer = run.answers.get(f"plain:{name_shape}")
                plain.append(
                    PlainResult(
                        language=name,
                        token=name_shape,
                        accepted=None if answer is None else answer["accepted"],
                        reason="" if answer is None or answer["accepted"] else str(answer.get("reason", "")),
                    )
                )
    ran = [run.language.name for run in verified if run.status != RunState.SKIPPED]
    built = Report(
        edition=settings.edition,
        reference=Reference(library="PyJWT", version=reference.pyjwt_version()),
        settings={"algorithm": settings.algorithm, "leeway": "the samples' (60 s)", "skews": {**SKEWS, **EXPIRED}},
        languages=entries,
        results=results,
        summary=summary(results),
        known_stale=known.mark(results, settings.edition, ran, settings.known),
        producer=ProducerEntry(**profile_entry(producer, host.name, host_image.library or host.library)),
        plain=PlainSection(
            calls={run.language.name: run.language.plain_call for run in verified},
            results=plain,
        ),
    )
    return Redactor({SECRET, OTHER_SECRET}).report(built, [r.id for r in requests()])
