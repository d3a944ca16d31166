"""How the driver calls the callback sample, `<entry>(body, authorization_header, secret)`, nothing
around it (`body` is the request's JSON body as `json.loads` gives it; the answer is the claims or the
library's exception), and the plain call the integration example makes, without leeway."""

import types

import jwt


def prepare(context: dict) -> None:
    """The sample needs no application around it."""


def sign(sample: types.ModuleType, payload: dict, secret: str, context: dict) -> str:
    raise TypeError("the callback edition's sample verifies requests; it signs nothing")


def verify(sample: types.ModuleType, body: dict, authorization: str | None, secret: str, context: dict) -> dict:
    return getattr(sample, context["entry"])(body, authorization, secret)


def plain(token: str, secret: str, alg: str) -> dict:
    """python/src/utils/jwtManager.py `decode` of the integration example: no leeway."""
    return jwt.decode(token, secret, algorithms=[alg])
