"""The checker catches what it claims: deliberately broken snippets go red for the right reason."""

import json
from pathlib import Path

import pytest

from tests.conftest import mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]

PYTHON = "jwtmanager/python/jwt_manager.py.j2"
SIGN = "jwt.encode(payload, config.{{ secret_key }}, algorithm='{{ alg }}')"
BREAKAGES = {
    "reads the wrong secret": (
        PYTHON,
        "config.{{ secret_key }},",
        "config.{{ secret_key }} + '-stale',",
        "invalid",
        "signature does not verify with the case's secret",
    ),
    "signs with the wrong algorithm": (
        PYTHON,
        "algorithm='{{ alg }}'",
        "algorithm='HS512'",
        "invalid",
        "header alg is 'HS512', the case asks for HS256",
    ),
    "drops a claim": (
        PYTHON,
        "def encode(payload):\n",
        "def encode(payload):\n    payload = dict(list(payload.items())[1:])\n",
        "divergent",
        '$.sub removed (string "user-42")',
    ),
    "corrupts the signature": (
        PYTHON,
        f"return {SIGN}",
        f"return (lambda t: t[:-9] + ('B' if t[-9] == 'A' else 'A') + t[-8:])({SIGN})",
        "invalid",
        "signature does not verify",
    ),
    "throws": (
        PYTHON,
        "def encode(payload):\n",
        "def encode(payload):\n    raise RuntimeError('config not loaded')\n",
        "error",
        "RuntimeError: config not loaded",
    ),
    "hangs": (
        PYTHON,
        "def encode(payload):\n",
        "def encode(payload):\n    __import__('time').sleep(600)\n",
        "error",
        "timed out",
    ),
    "floods stdout": (
        PYTHON,
        "def encode(payload):\n",
        "def encode(payload):\n    while True:\n        __import__('os').write(1, b'x' * 65536)\n",
        "error",
        "output exceeded the cap",
    ),
    "forks without end": (
        PYTHON,
        "def encode(payload):\n",
        "def encode(payload):\n    while True:\n        __import__('os').fork()\n",
        "error",
        "Resource temporarily unavailable",
    ),
    "Java swallows an exception into an empty token": (
        "jwtmanager/java/JwtManager.java.j2",
        'ConfigManager.GetProperty("{{ secret_key }}")',
        'ConfigManager.GetProperty("no.such.key")',
        "invalid",
        "empty token",
    ),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_broken_snippet_gets_the_right_status(tmp_path: Path, name: str) -> None:
    template, old, new, status, reason = BREAKAGES[name]
    templates = mutated_templates(tmp_path, template, old, new)
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "plain", "payload": {"sub": "user-42", "name": "Jane", "admin": true}}\n')
    edition, language = template.split("/")[:2]
    done = run_cli(
        "check",
        "--quiet",
        "--edition",
        edition,
        "--lang",
        language,
        "--cases",
        str(cases),
        "--templates",
        str(templates),
        "--timeout",
        "20",
        "--json",
        str(tmp_path / "report.json"),
        timeout=1200,
    )
    report = json.loads((tmp_path / "report.json").read_text())
    (result,) = report["results"]
    assert (result["status"], done.returncode) == (status, 1), result["reason"]
    assert reason in result["reason"]


def test_unbroken_snippet_passes_the_same_check(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "plain", "payload": {"sub": "user-42", "name": "Jane", "admin": true}}\n')
    done = run_cli("check", "--quiet", "--lang", "python", "--cases", str(cases), timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
