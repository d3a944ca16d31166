"""The Python reference: PyJWT signs and verifies; an independent hmac/hashlib recomputation checks it."""

import base64
import binascii
import hashlib
import hmac
import re
import warnings
from dataclasses import dataclass

import jwt
from jwt.exceptions import InvalidAlgorithmError, InvalidSignatureError, InvalidTokenError

from jwtparity.cases.suite import Case

_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def pyjwt_version() -> str:
    return jwt.__version__


def sign(case: Case) -> str:
    """The reference token for the case: PyJWT with its default header."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyJWT warns on short HMAC keys; short keys are a case here
        return jwt.encode(case.payload, case.secret, algorithm=case.alg)


def b64url_decode(segment: str) -> bytes:
    """Strict base64url without padding, as JWS requires."""
    if not _BASE64URL.fullmatch(segment) or len(segment) % 4 == 1:
        raise ValueError("is not base64url without padding")
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"is not base64url: {exc}") from exc


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def hmac_valid(token: str, secret: str, alg: str) -> bool:
    """Recompute the signature with hmac/hashlib alone, without PyJWT."""
    signing_input, _, signature = token.rpartition(".")
    try:
        given = b64url_decode(signature)
    except ValueError:
        return False
    expected = hmac.new(secret.encode("utf-8"), signing_input.encode("ascii", "replace"), HASHES[alg])
    return hmac.compare_digest(expected.digest(), given)


@dataclass(frozen=True)
class Verdict:
    """PyJWT's and the recomputation's verdicts on one signature."""

    pyjwt_valid: bool
    pyjwt_reason: str
    hmac_valid: bool

    @property
    def agree(self) -> bool:
        return self.pyjwt_valid == self.hmac_valid


def verify_signature(token: str, secret: str, alg: str) -> Verdict:
    """Verify the signature only (no claim checks such as exp), accepting only `alg`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            jwt.PyJWS().decode_complete(token, key=secret, algorithms=[alg])
        valid, reason = True, ""
    except InvalidSignatureError:
        valid, reason = False, "signature does not verify with the case's secret"
    except InvalidAlgorithmError:
        valid, reason = False, f"header alg is not {alg}"
    except InvalidTokenError as exc:
        valid, reason = False, f"PyJWT rejects the token: {exc}"
    except RecursionError:  # a header nested too deeply for json to read
        valid, reason = False, "PyJWT cannot read the token: its header is nested too deeply"
    return Verdict(valid, reason, hmac_valid(token, secret, alg))
