import os
import shutil
import subprocess
import sys
from pathlib import Path

import docker
import pytest

from jwtparity.config.languages import all_languages
from jwtparity.config.settings import Settings
from jwtparity.run import engine, images, sandbox
from jwtparity.run.context import RunContext

ROOT = Path(__file__).resolve().parent.parent
# Containers started by these tests (and the CLI they run) carry this owner: the engine is shared.
os.environ.setdefault(images.OWNER_ENV, f"tests:{os.getpid()}")
OWNER = os.environ[images.OWNER_ENV]
SEED = ROOT / "tests" / "fixtures" / "signature-samples.md"


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 900, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command line, as a user runs it (`python -m jwtparity` from the checkout)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "jwtparity", *args],
        cwd=cwd or ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def templates_copy(tmp_path: Path) -> Path:
    """A private copy of templates/ that a test may edit."""
    target = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", target)
    return target


@pytest.fixture
def samples_copy(tmp_path: Path) -> Path:
    target = tmp_path / "samples"
    shutil.copytree(ROOT / "samples", target)
    return target


@pytest.fixture(scope="session")
def client() -> docker.DockerClient:
    """The real engine; `.ci/setup` (or `jwtparity engine ensure`) starts it and makes the base image."""
    try:
        found = engine.connect()
    except Exception as exc:
        pytest.fail(f"these tests need a Docker engine: run `bash .ci/setup` first ({exc})")
    engine.bootstrap_base(found, Settings().base_image)
    return found


@pytest.fixture(scope="session")
def availability(client: docker.DockerClient, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each language's image outcome on this machine: "ready", or the reason its library cannot be had here.

    Tests expect what this finds, so they hold on any network: where NuGet answers, C# is built and runs.
    An image that fails to build is a test failure, not an unavailability.
    """
    found = {}
    for language in all_languages():
        context = RunContext(client, Settings(), tmp_path_factory.mktemp("logs"))
        outcome = images.ensure_image(context, language, "HS256")
        assert outcome.status in ("ready", "unavailable"), f"{language.name}: {outcome.reason}"
        found[language.name] = "ready" if outcome.status == "ready" else outcome.reason
    return found


@pytest.fixture
def no_leftovers(client: docker.DockerClient):
    """Fails the test when a container it started (with the tool's label) outlives it."""
    assert sandbox.leftover_containers(client, OWNER) == []
    yield
    assert sandbox.leftover_containers(client, OWNER) == []


def mutated_templates(tmp_path: Path, language_template: str, old: str, new: str) -> Path:
    """A copy of templates/ with one snippet template edited (the edit must apply)."""
    target = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", target)
    path = target / language_template
    text = path.read_text()
    assert old in text, f"{old!r} not in {language_template}"
    path.write_text(text.replace(old, new))
    return target
