"""Cross-verification (`check --cross`): every signer's token through every language's own verifier.

Each verifier is the language's library verifying an HS token through its documented API (the
manifest's `verify` command, protocol in harness/README.md), one container per verifying language
for all tokens of the run. A verdict is compared with PyJWT's on the same token, and the claims the
verifier read with the claims PyJWT reads from it: a token PyJWT accepts that another library rejects,
or whose claims another library reads differently (integers beyond 2^53 as doubles, `{}` as a list),
is named as such in the result's `finding`.
"""

from dataclasses import dataclass
from typing import Any

from jwtparity.cases.suite import Case
from jwtparity.judge import jsonvalues, reference
from jwtparity.report.record import CrossResult, CrossSection, VerifierEntry
from jwtparity.run.context import RunContext
from jwtparity.run.signing import LanguageRun
from jwtparity.run.states import RunState
from jwtparity.run.tools import ToolRun, run_requests

MAX_SHOWN_DIFFERENCES = 3


@dataclass(frozen=True)
class SignedToken:
    """One token a signing language made for one case."""

    signer: str
    case: Case
    token: str

    @property
    def id(self) -> str:
        return f"{self.signer}/{self.case.id}"

    def request(self) -> dict[str, str]:
        return {"id": self.id, "token": self.token, "secret": self.case.secret, "alg": self.case.alg}


def signed_tokens(runs: list[LanguageRun], cases: list[Case]) -> list[SignedToken]:
    """Every non-empty token of the run, signer by signer, case by case."""
    return [
        SignedToken(run.language.name, case, outcome.token)
        for run in runs
        if run.status == RunState.RAN
        for case in cases
        if (outcome := run.outcomes.get(case.id)) is not None and outcome.token
    ]


def verifier_algorithm(cases: list[Case]) -> str:
    """Which of the run's images holds the verifier: any does, the first algorithm's is already built."""
    return sorted({case.alg for case in cases})[0]


def pyjwt_claims(token: str) -> Any:
    """The claims as PyJWT reads them (json.loads of the payload segment), in `jsonvalues` form; raises
    ValueError when they cannot be read."""
    try:
        return jsonvalues.loads(reference.b64url_decode(token.split(".")[1]))
    except IndexError as exc:
        raise ValueError("the token has no payload segment") from exc


def pyjwt_accepts(signed: SignedToken) -> bool:
    """The reference's verdict as a plain check gives it: PyJWT verifies the signature, and the claims
    can be read (a payload nested too deeply is invalid there, and PyJWT's `jwt.decode` cannot read it)."""
    if not reference.verify_signature(signed.token, signed.case.secret, signed.case.alg).pyjwt_valid:
        return False
    try:
        pyjwt_claims(signed.token)
    except ValueError:
        return False
    return True


def _finding(
    verifier: str, pyjwt_accepts: bool, accepted: bool, reason: str, differences: list[jsonvalues.Difference]
) -> str:
    if pyjwt_accepts and not accepted:
        return f"the reference signature check (PyJWT) accepts this token, {verifier} rejects it: {reason}"
    if accepted and not pyjwt_accepts:
        return f"{verifier} accepts this token, the reference signature check (PyJWT) rejects it"
    if differences:
        shown = "; ".join(str(d) for d in differences[:MAX_SHOWN_DIFFERENCES])
        hidden = len(differences) - MAX_SHOWN_DIFFERENCES
        more = f" (+{hidden} more)" if hidden > 0 else ""
        return f"{verifier} reads the claims otherwise than PyJWT: {shown}{more}"
    return ""


def _result(verifier: ToolRun, signed: SignedToken, pyjwt_accepts: bool) -> CrossResult:
    answer = verifier.answers.get(signed.id)
    name = verifier.language.name
    if answer is None:
        return CrossResult(
            signer=signed.signer,
            verifier=name,
            case=signed.case.id,
            accepted=None,
            reason=f"no verdict: the verifier {verifier.status} (see verifiers)",
            claims_equal=None,
            pyjwt_accepts=pyjwt_accepts,
            finding="",
        )
    accepted = answer["accepted"]
    reason = str(answer.get("reason", "")) if not accepted else ""
    differences: list[jsonvalues.Difference] = []
    readable = accepted and "claims_unreadable" not in answer
    if readable:
        try:
            expected = pyjwt_claims(signed.token)
        except ValueError:
            expected = None
        differences = jsonvalues.diff(expected, answer.get("claims"))
    return CrossResult(
        signer=signed.signer,
        verifier=name,
        case=signed.case.id,
        accepted=accepted,
        reason=reason,
        claims_equal=(not differences) if readable else None,
        pyjwt_accepts=pyjwt_accepts,
        finding=_finding(name, pyjwt_accepts, accepted, reason, differences),
    )


def cross_record(ctx: RunContext, runs: list[LanguageRun], cases: list[Case]) -> CrossSection:
    """The report's `cross` section: the verifiers and every signer x verifier x case verdict."""
    tokens = signed_tokens(runs, cases)
    requests = [t.request() for t in tokens]
    algorithm = verifier_algorithm(cases)
    verifiers = ctx.map(
        lambda language: run_requests(ctx, language, language.verify, requests, algorithm),
        [run.language for run in runs],
    )
    pyjwt = {t.id: pyjwt_accepts(t) for t in tokens}
    results = [
        _result(verifier, signed, pyjwt[signed.id])
        for verifier in verifiers
        if verifier.status != RunState.SKIPPED
        for signed in tokens
    ]
    entries = []
    for verifier in verifiers:
        library = verifier.library or verifier.language.library
        entries.append(
            VerifierEntry(
                language=verifier.language.name,
                library=library.name,
                version=library.version,
                source=library.source,
                status=verifier.status,
                reason=verifier.reason,
                seconds=round(verifier.seconds, 2),
            )
        )
    return CrossSection(verifiers=entries, signers=[run.language.name for run in runs], results=results)
