"""Image cache with the real engine: unchanged input reuses the image, any change builds a new one."""

import dataclasses
import io
import json
import os
import shutil
import tarfile
import time
from pathlib import Path

import pytest

from jwtparity.config.languages import resolve
from jwtparity.config.settings import Settings
from jwtparity.paths import BUILTIN_HARNESS
from jwtparity.run import images
from jwtparity.run.context import RunContext
from tests.conftest import mutated_templates, run_cli

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftovers")]


def test_unchanged_input_reuses_the_image_and_a_snippet_change_builds_anew(client, tmp_path: Path) -> None:
    python = resolve("python")
    settings = Settings()
    first = images.ensure_image(RunContext(client, settings, tmp_path / "logs"), python, "HS256")
    again = images.ensure_image(RunContext(client, settings, tmp_path / "logs"), python, "HS256")
    assert first.status == again.status == "ready"
    assert again.reused and again.tag == first.tag
    assert again.library is not None and (again.library.name, again.library.version) == ("PyJWT", "2.10.1")
    assert again.library.source == "PyPI"

    templates = mutated_templates(tmp_path, python.template, "def jwt_encode", "# edited\ndef jwt_encode")
    changed = images.ensure_image(
        RunContext(client, Settings(templates_dirs=(templates,)), tmp_path / "logs"), python, "HS256"
    )
    assert changed.status == "ready" and not changed.reused and changed.tag != first.tag
    assert (tmp_path / "logs" / "python-all.log").read_text().count("Step") > 3

    # One image holds the snippet of every algorithm (all_algorithms, every manifest here, C#'s too); a
    # manifest without it gets one image per algorithm.
    other_alg = images.ensure_image(RunContext(client, settings, tmp_path / "logs"), python, "HS384")
    assert other_alg.reused and other_alg.tag == first.tag and other_alg.algorithm == "all"
    base_id = images.base_image_id(client, settings)
    csharp = resolve("csharp")
    assert images.planned_tag(csharp, settings, "HS256", base_id) == images.planned_tag(
        csharp, settings, "HS384", base_id
    )
    one_each = dataclasses.replace(csharp, all_algorithms=False)
    assert images.planned_tag(one_each, settings, "HS256", base_id) != images.planned_tag(
        one_each, settings, "HS384", base_id
    )

    listing = run_cli("images", "list")
    assert listing.returncode == 0
    assert any(first.tag in line and "PyJWT 2.10.1 (PyPI)" in line for line in listing.stdout.splitlines())

    pruned = run_cli("images", "prune")
    assert pruned.returncode == 0
    assert f"removed {changed.tag}" in pruned.stdout
    assert first.tag not in pruned.stdout  # still what the current templates produce


def test_a_failing_build_names_the_language_and_shows_its_last_lines(client, tmp_path: Path) -> None:
    templates = mutated_templates(
        tmp_path,
        resolve("python").template,
        "def jwt_encode(payload, secret):",
        "def jwt_encode(payload, secret) syntax error here:",
    )
    outcome = images.ensure_image(
        RunContext(client, Settings(templates_dirs=(templates,)), tmp_path / "logs"), resolve("python"), "HS256"
    )
    assert outcome.status == "failed"
    assert "SyntaxError" in outcome.reason and outcome.log_path and outcome.log_path.is_file()
    done = run_cli(
        "images", "build", "python", "ruby", "--templates", str(templates), "--log-dir", str(tmp_path / "logs")
    )
    assert done.returncode == 1
    assert "python: FAILED" in done.stdout and "SyntaxError" in done.stdout
    assert "ruby: " in done.stdout and "ruby: FAILED" not in done.stdout  # the others go on


def test_an_unavailable_library_is_a_skip_with_the_recipes_reason(availability: dict[str, str]) -> None:
    """Whatever this machine reaches, no image fails: each is ready or says why its library cannot be had."""
    for name, found in availability.items():
        if found != "ready":
            assert "could not be fetched" in found, (name, found)
    assert availability["python"] == "ready"  # PyPI serves PyJWT wherever jwtparity itself installs from


def test_csharp_is_ready_or_unavailable_because_nugets_service_index_cannot_be_reached(
    client, availability: dict[str, str], tmp_path: Path
) -> None:
    """C# fetches its packages from NuGet's v3 API: where NuGet answers the image is built and records each
    .nupkg's SHA-512; where it does not, the reason says the service index could not be reached."""
    found = availability["csharp"]
    if found != "ready":
        assert found.startswith("NuGet's service index could not be fetched: NuGet could not be reached ("), found
        return
    outcome = images.ensure_image(RunContext(client, Settings(), tmp_path / "logs"), resolve("csharp"), "HS256")
    assert outcome.status == "ready" and outcome.library
    assert (outcome.library.name, outcome.library.version, outcome.library.source) == ("JWT.NET", "10.1.1", "NuGet")
    container = client.containers.create(outcome.tag, command=["true"], labels=images.container_labels())
    try:
        chunks, _ = container.get_archive(images.LIBRARY_FILE)
    finally:
        container.remove(force=True)
    with tarfile.open(fileobj=io.BytesIO(b"".join(chunks))) as archive:
        member = archive.extractfile(archive.getmembers()[0])
        packages = json.loads(member.read() if member else b"{}")["packages"]
    assert [(p["id"], p["version"]) for p in packages] == [("JWT", "10.1.1"), ("Newtonsoft.Json", "13.0.3")]
    assert all(len(p["sha512"]) == 128 for p in packages)


def test_an_unavailable_library_is_remembered_a_day_under_its_digest(client, tmp_path: Path) -> None:
    harness = tmp_path / "harness"
    shutil.copytree(resolve("python").harness_dirs[0], harness)
    (harness / "Dockerfile").write_text(
        "ARG BASE_IMAGE=debian:bookworm-slim\nFROM ${BASE_IMAGE}\nLABEL jwtparity.recipe=unavailable-probe\n"
        "RUN echo 'JWTPARITY-UNAVAILABLE: the probe registry is not reachable' && exit 1\n"
    )
    probe = dataclasses.replace(resolve("python"), name="unavailable-probe", harness_dirs=(harness,))
    logs = tmp_path / "logs"
    log = logs / "unavailable-probe-all.log"

    def ensure(settings: Settings | None = None, retry: bool = False) -> images.ImageOutcome:
        log.unlink(missing_ok=True)
        return images.ensure_image(
            RunContext(client, settings or Settings(), logs, retry_unavailable=retry), probe, "HS256"
        )

    first = ensure()
    assert first.status == "unavailable" and first.reason == "the probe registry is not reachable"
    assert log.is_file()  # it was built
    again = ensure()
    assert again.status == "unavailable" and not log.exists()  # remembered: no build
    assert again.reason.startswith("the probe registry is not reachable (as found at ")
    assert ensure(retry=True).status == "unavailable" and log.is_file()  # --retry-unavailable builds
    (memo,) = (tmp_path / "unavailable").glob("unavailable-probe-*.json")
    memo.write_text(json.dumps({**json.loads(memo.read_text()), "at": time.time() - 2 * 86400}))
    assert ensure().status == "unavailable" and log.is_file()  # a day later it is tried again
    assert ensure(Settings(lifetime=301)).status == "unavailable" and log.is_file()  # another digest: built


def test_jobs_default_to_the_cpu_count() -> None:
    assert Settings().jobs == (os.cpu_count() or 2)


@pytest.mark.parametrize("edition", ["jwtencode", "jwtmanager"])
def test_each_image_reports_the_library_version_its_manifest_pins(
    client, tmp_path: Path, availability: dict[str, str], edition: str
) -> None:
    """The manifest's [library] version is the one place a version is written: the recipe gets it as a
    build argument, and the image's own account of what it installed must say the same."""
    settings = Settings().for_edition(edition)
    context = RunContext(client, settings, tmp_path / "logs")
    pinned = [language for language in settings.languages if language.library.version != "?"]  # the browser's own
    assert len(pinned) >= 6
    for language in pinned:
        if availability[language.name] != "ready":
            continue  # its registry cannot be reached here: nothing was installed to compare
        outcome = images.ensure_image(context, language, "HS256")
        assert outcome.library is not None, (language.name, outcome.reason)
        assert outcome.library.version == language.library.version, language.name


def test_every_image_starts_from_the_one_shared_build_layer(client, availability: dict[str, str]) -> None:
    """harness/build-base is built once and every recipe builds on it (none installs the CA bundle or
    fetches Debian's package lists again)."""
    settings = Settings()
    base_id = images.base_image_id(client, settings)
    ready = [language for language in settings.languages if availability[language.name] == "ready"]
    assert len(ready) >= 6
    shared = {images.build_base_tag(language, settings, base_id) for language in ready}
    assert len(shared) == 1
    layer = client.images.get(shared.pop()).id
    for language in ready:
        tag = images.planned_tag(language, settings, "HS256", base_id)
        ancestry = [entry["Id"] for entry in client.images.get(tag).history()]
        assert layer in ancestry, language.name


def test_a_change_to_the_shared_build_layer_changes_every_images_digest(tmp_path: Path) -> None:
    """Each language image's digest covers the build layer's files: a project's own build-base (or a
    new CA bundle) rebuilds them all."""
    settings = Settings()
    before = {lang.name: images.planned_tag(lang, settings, "HS256", "sha256:base") for lang in settings.languages}
    project_harness = tmp_path / "harness"
    shutil.copytree(BUILTIN_HARNESS / "build-base", project_harness / "build-base")
    with (project_harness / "build-base" / "Dockerfile").open("a") as recipe:
        recipe.write("RUN true\n")
    overlaid = dataclasses.replace(settings, harness_dirs=(BUILTIN_HARNESS, project_harness))
    after = {lang.name: images.planned_tag(lang, overlaid, "HS256", "sha256:base") for lang in overlaid.languages}
    assert before.keys() == after.keys()
    assert all(before[name] != after[name] for name in before)


def test_package_lists_the_mirror_has_moved_on_from_are_fetched_again(client, tmp_path: Path) -> None:
    """jwtparity-apt-install installs from the build layer's lists; where they no longer serve a package
    (here: none left at all), it fetches them again once and installs."""
    harness = tmp_path / "harness"
    shutil.copytree(resolve("python").harness_dirs[0], harness)
    (harness / "Dockerfile").write_text(
        "ARG BASE_IMAGE=debian:bookworm-slim\nFROM ${BASE_IMAGE}\nLABEL jwtparity.recipe=stale-lists-probe\n"
        "RUN rm -rf /var/lib/apt/lists/* && jwtparity-apt-install jq && mkdir -p /opt/jwtparity \\\n"
        ' && jq -n -c \'{library: "jq", version: "1", source: "Debian"}\' > /opt/jwtparity/library.json\n'
    )
    probe = dataclasses.replace(resolve("python"), name="stale-lists-probe", harness_dirs=(harness,))
    outcome = images.ensure_image(RunContext(client, Settings(), tmp_path / "logs"), probe, "HS256")
    try:
        assert outcome.status == "ready", outcome.reason
        log = (tmp_path / "logs" / "stale-lists-probe-all.log").read_text()
        assert "installing again on fresh package lists" in log
    finally:
        if outcome.tag:
            client.images.remove(outcome.tag)
