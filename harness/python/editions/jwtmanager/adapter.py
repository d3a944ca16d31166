"""How the driver calls the jwtmanager sample: `encode(payload)` reading `config.<secret_key>`.

The sample does `import config` and reads the attribute each time it signs, so one import serves
every case: the application's `config` module is registered before the sample loads, and its
attribute is set to the case's secret before each call.
"""

import sys
import types

config = types.ModuleType("config")


def prepare(context: dict) -> None:
    """Before the sample loads: the application's `config` module wins over anything on sys.path."""
    sys.modules["config"] = config


def sign(sample: types.ModuleType, payload: object, secret: str, context: dict) -> str:
    setattr(config, context["secret_key"], secret)
    return sample.encode(payload)
