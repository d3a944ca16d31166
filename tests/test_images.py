"""Image cache with the real engine: unchanged input reuses the image, any change builds a new one."""

from pathlib import Path

import pytest

from jwtparity import images
from jwtparity.languages import resolve
from jwtparity.settings import Settings
from tests.conftest import mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftovers")]


def test_unchanged_input_reuses_the_image_and_a_snippet_change_builds_anew(client, tmp_path: Path) -> None:
    python = resolve("python")
    settings = Settings()
    first = images.ensure_image(client, python, settings, "HS256", tmp_path / "logs")
    again = images.ensure_image(client, python, settings, "HS256", tmp_path / "logs")
    assert first.status == again.status == "ready"
    assert again.reused and again.tag == first.tag
    assert again.library is not None and (again.library.name, again.library.version) == ("PyJWT", "2.10.1")
    assert again.library.source == "PyPI"

    templates = mutated_templates(tmp_path, python.template, "def jwt_encode", "# edited\ndef jwt_encode")
    changed = images.ensure_image(client, python, Settings(templates_dirs=(templates,)), "HS256", tmp_path / "logs")
    assert changed.status == "ready" and not changed.reused and changed.tag != first.tag
    assert (tmp_path / "logs" / "python-HS256.log").read_text().count("Step") > 3

    other_alg = images.ensure_image(client, python, settings, "HS384", tmp_path / "logs")
    assert other_alg.tag != first.tag

    listing = run_cli("images", "list")
    assert listing.returncode == 0
    assert any(first.tag in line and "PyJWT 2.10.1 (PyPI)" in line for line in listing.stdout.splitlines())

    pruned = run_cli("images", "prune")
    assert pruned.returncode == 0
    assert f"removed {changed.tag}" in pruned.stdout
    assert first.tag not in pruned.stdout  # still what the current templates produce


def test_a_failing_build_names_the_language_and_shows_its_last_lines(client, tmp_path: Path) -> None:
    templates = mutated_templates(tmp_path, resolve("python").template, "def jwt_encode(payload, secret):",
                                  "def jwt_encode(payload, secret) syntax error here:")
    outcome = images.ensure_image(client, resolve("python"), Settings(templates_dirs=(templates,)), "HS256",
                                  tmp_path / "logs")
    assert outcome.status == "failed"
    assert "SyntaxError" in outcome.reason and outcome.log_path and outcome.log_path.is_file()
    done = run_cli("images", "build", "python", "ruby", "--templates", str(templates),
                   "--log-dir", str(tmp_path / "logs"))
    assert done.returncode == 1
    assert "python: FAILED" in done.stdout and "SyntaxError" in done.stdout
    assert "ruby: " in done.stdout and "ruby: FAILED" not in done.stdout  # the others go on


def test_an_unavailable_library_is_a_skip_with_the_recipes_reason(availability: dict[str, str]) -> None:
    """Whatever this machine reaches, no image fails: each is ready or says why its library cannot be had."""
    for name, found in availability.items():
        if found != "ready":
            assert "could not be fetched" in found, (name, found)
    assert availability["python"] == "ready"  # PyPI serves PyJWT wherever jwtparity itself installs from
