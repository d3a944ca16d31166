"""One container per language signs every algorithm of a run, each case by the snippet rendered for its
alg and with its own secret (Node.js: a fresh `config` per secret in one process)."""

import json
import os
import time
from collections import Counter
from pathlib import Path

import jwt
import pytest

from jwtparity import images
from tests.conftest import run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]
RUNNABLE = "java,nodejs,php,python,ruby,go"
# Secrets and algorithms interleaved, and a group that comes back: a driver that kept the first
# configuration, or signed everything with one algorithm, gets tokens that do not verify.
CASES = [{"id": f"c{i}", "payload": {"sub": f"user-{i}", "n": i}, "secret": secret, "alg": alg}
         for i, (secret, alg) in enumerate([("first-secret", "HS256"), ("second-secret", "HS384"),
                                             ("first-secret", "HS512"), ("second-secret", "HS256"),
                                             ("first-secret", "HS256"), ("third-secret", "HS384")])]


def test_every_case_is_signed_with_its_secret_and_algorithm_in_one_container_per_language(client,
                                                                                          tmp_path: Path) -> None:
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(CASES))
    args = ("run", "--lang", RUNNABLE, "--cases", str(cases), "--json", str(tmp_path / "raw.json"))
    assert run_cli(*args, timeout=1800).returncode == 0  # builds what is missing
    since = int(time.time())
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    raw = json.loads((tmp_path / "raw.json").read_text())
    for entry in raw["languages"]:
        tokens = {r["case"]: r["token"] for r in entry["results"]}
        for case in CASES:
            decoded = jwt.api_jwt.decode_complete(tokens[case["id"]], case["secret"], algorithms=[case["alg"]],
                                                  options={"verify_exp": False, "verify_iat": False})
            assert decoded["header"]["alg"] == case["alg"], (entry["language"], case["id"])
            assert {k: v for k, v in decoded["payload"].items() if k not in ("iat", "exp")} == case["payload"]
    session = os.environ[images.SESSION_ENV]
    events = client.events(since=since, until=int(time.time()) + 1, decode=True,
                           filters={"type": "container", "event": "create", "label": f"jwtparity.session={session}"})
    started = Counter(event["Actor"]["Attributes"]["image"].split(":")[0] for event in events)
    assert started == Counter({f"jwtparity/{name}": 1 for name in RUNNABLE.split(",")})
