"""Headless Chromium from Debian's packages, in a small image built from tests/chromium/ when missing."""

import hashlib
from pathlib import Path

import docker

from jwtparity.settings import Settings

RECIPE = Path(__file__).resolve().parent / "chromium"
FLAGS = ["--virtual-time-budget=2000"]


def image(client: docker.DockerClient) -> str:
    """The tag of the Chromium image, built now if its recipe changed or it is missing."""
    tag = f"jwtparity-test/chromium:{hashlib.sha256((RECIPE / 'Dockerfile').read_bytes()).hexdigest()[:12]}"
    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        client.images.build(path=str(RECIPE), tag=tag, rm=True, forcerm=True, pull=False,
                            buildargs={"BASE_IMAGE": Settings().base_image})
    return tag


def chromium(client: docker.DockerClient, folder: Path, *args: str) -> str:
    """Run Chromium (no network) with `folder` at /page; its stdout."""
    output = client.containers.run(image(client), [*FLAGS, *args], volumes={str(folder): {"bind": "/page",
                                                                                            "mode": "rw"}},
                                   network_disabled=True, network_mode="none", remove=True, stderr=False,
                                   labels={"jwtparity.test": "chromium"})
    return output.decode("utf-8")
