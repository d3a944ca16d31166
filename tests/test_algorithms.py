"""One container per language signs every algorithm of a run, each case by the snippet rendered for its
alg and with its own secret (Node.js: a fresh `config` per secret in one process), in either edition:
the driver picks the snippet, the edition's adapter calls it."""

import json
import os
import re
import time
import uuid
from collections import Counter
from pathlib import Path

import jwt
import pytest

from jwtparity.config.settings import Settings
from jwtparity.run import images
from tests.conftest import mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]
RUNNABLE = "java,nodejs,php,python,ruby,go"
# jwtencode's browser sample too: one frame per algorithm, in one page load.
RUNNABLE_IN = {"jwtmanager": RUNNABLE, "jwtencode": RUNNABLE + ",javascript"}
# Secrets and algorithms interleaved, and a group that comes back: a driver that kept the first
# configuration, or signed everything with one algorithm, gets tokens that do not verify.
CASES = [
    {"id": f"c{i}", "payload": {"sub": f"user-{i}", "n": i}, "secret": secret, "alg": alg}
    for i, (secret, alg) in enumerate(
        [
            ("first-secret", "HS256"),
            ("second-secret", "HS384"),
            ("first-secret", "HS512"),
            ("second-secret", "HS256"),
            ("first-secret", "HS256"),
            ("third-secret", "HS384"),
        ]
    )
]


@pytest.mark.parametrize("edition", ["jwtmanager", "jwtencode"])
def test_every_case_is_signed_with_its_secret_and_algorithm_in_one_container_per_language(
    client, tmp_path: Path, edition: str
) -> None:
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(CASES))
    args = (
        "run",
        "--edition",
        edition,
        "--lang",
        RUNNABLE_IN[edition],
        "--cases",
        str(cases),
        "--json",
        str(tmp_path / "raw.json"),
    )
    assert run_cli(*args, timeout=1800).returncode == 0  # builds what is missing
    time.sleep(1.1)  # the engine's event times are whole seconds: none of the first run's may count
    since = int(time.time())
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    raw = json.loads((tmp_path / "raw.json").read_text())
    for entry in raw["languages"]:
        tokens = {r["case"]: r["token"] for r in entry["results"]}
        for case in CASES:
            decoded = jwt.api_jwt.decode_complete(
                tokens[case["id"]],
                case["secret"],
                algorithms=[case["alg"]],
                options={"verify_exp": False, "verify_iat": False},
            )
            assert decoded["header"]["alg"] == case["alg"], (entry["language"], case["id"])
            assert {k: v for k, v in decoded["payload"].items() if k not in ("iat", "exp")} == case["payload"]
    owner = os.environ[images.OWNER_ENV]
    events = client.events(
        since=since,
        until=int(time.time()) + 1,
        decode=True,
        filters={"type": "container", "event": "create", "label": f"{images.OWNER_LABEL}={owner}"},
    )
    started = Counter(event["Actor"]["Attributes"]["image"].split(":")[0] for event in events)
    assert started == Counter({f"jwtparity/{name}": 1 for name in RUNNABLE_IN[edition].split(",")})


def test_a_language_whose_image_is_ready_runs_while_another_builds(client, tmp_path: Path) -> None:
    templates = mutated_templates(
        tmp_path, "jwtmanager/python/jwt_manager.py.j2", "def encode", f"# {uuid.uuid4().hex}: a new image\ndef encode"
    )
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(CASES[:2]))
    run_cli("run", "--edition", "jwtmanager", "--lang", "go", "--cases", str(cases))  # go's image is ready
    done = run_cli(
        "check",
        "--edition",
        "jwtmanager",
        "--lang",
        "python,go",
        "--jobs",
        "1",
        "--cases",
        str(cases),
        "--templates",
        str(templates),
        "--json",
        str(tmp_path / "report.json"),
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    go_done = next(i for i, line in enumerate(lines) if re.search(r"\] go +done", line))
    python_building = next(i for i, line in enumerate(lines) if re.search(r"\] python +Step 1/", line))
    python_running = next(i for i, line in enumerate(lines) if re.search(r"\] python +running", line))
    assert python_building < go_done < python_running, "\n".join(lines)
    report = json.loads((tmp_path / "report.json").read_text())
    assert {r["status"] for r in report["results"]} <= {"identical", "equivalent"}
    settings = Settings(templates_dirs=(templates,), editions=("jwtmanager",), edition="jwtmanager")
    client.images.remove(
        images.planned_tag(settings.resolve("python"), settings, "HS256", images.base_image_id(client, settings))
    )
