"""How the driver calls the jwtencode sample: `<entry>(payload, secret)`, nothing around it."""

import types


def prepare(context: dict) -> None:
    """The sample needs no application around it."""


def sign(sample: types.ModuleType, payload: object, secret: str, context: dict) -> str:
    return getattr(sample, context["entry"])(payload, secret)
