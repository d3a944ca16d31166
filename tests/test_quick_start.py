"""What the images do to start quickly leaves the sample's world as it was.

Ruby's driver starts without RubyGems (its own start-up was half of a run): a sample that names `Gem`,
when it is loaded and when it signs, still finds it, loaded the first time it is named.
"""

import json
from pathlib import Path

import jwt
import pytest

from jwtparity.cases.suite import DEFAULT_SECRET
from tests.conftest import mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("client", "no_leftovers")]


def test_a_ruby_sample_that_names_rubygems_still_finds_it(tmp_path: Path) -> None:
    templates = mutated_templates(
        tmp_path,
        "jwtencode/ruby/jwt_encode.rb.j2",
        'require "jwt"\n',
        'require "jwt"\nLOADED_WITH = Gem::Version.new("2.5")\n',
    )
    sample = templates / "jwtencode/ruby/jwt_encode.rb.j2"
    sample.write_text(
        sample.read_text().replace(
            "  JWT.encode(payload, secret,",
            '  payload = payload.merge("at" => LOADED_WITH.to_s, "ge" => Gem::Version.new("3") >= LOADED_WITH)\n'
            "  JWT.encode(payload, secret,",
        )
    )
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "payload": {"sub": "x"}}\n')
    done = run_cli(
        "check",
        "--quiet",
        "--edition",
        "jwtencode",
        "--lang",
        "ruby",
        "--cases",
        str(cases),
        "--templates",
        str(templates),
        "--format",
        "json",
    )
    result = json.loads(done.stdout)["results"][0]
    assert result["status"] == "divergent", result  # the two claims the sample adds
    claims = jwt.decode(result["token"], DEFAULT_SECRET, algorithms=["HS256"])
    assert claims == {"sub": "x", "at": "2.5", "ge": True}
