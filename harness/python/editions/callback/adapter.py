"""DRAFT (issue 18), not wired: how a driver would call the callback sample,
`<entry>(body, authorization_header, secret)`, nothing around it. `body` is the request's JSON body as
`json.loads` gives it; the answer is the claims (the callback object) or the library's exception."""

import types


def prepare(context: dict) -> None:
    """The sample needs no application around it."""


def verify(sample: types.ModuleType, body: dict, authorization: str | None, secret: str, context: dict) -> dict:
    return getattr(sample, context["entry"])(body, authorization, secret)
