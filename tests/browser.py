"""Headless Chromium from Debian's packages, in a small image built from tests/chromium/ when missing."""

import hashlib
import zlib
from pathlib import Path

import docker

from jwtparity.config.settings import Settings

RECIPE = Path(__file__).resolve().parent / "chromium"
FLAGS = ["--virtual-time-budget=2000"]


def image(client: docker.DockerClient) -> str:
    """The tag of the Chromium image, built now if its recipe changed or it is missing."""
    tag = f"jwtparity-test/chromium:{hashlib.sha256((RECIPE / 'Dockerfile').read_bytes()).hexdigest()[:12]}"
    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        client.images.build(
            path=str(RECIPE),
            tag=tag,
            rm=True,
            forcerm=True,
            pull=False,
            buildargs={"BASE_IMAGE": Settings().base_image},
        )
    return tag


def chromium(client: docker.DockerClient, folder: Path, *args: str) -> str:
    """Run Chromium (no network) with `folder` at /page; its stdout."""
    output = client.containers.run(
        image(client),
        [*FLAGS, *args],
        volumes={str(folder): {"bind": "/page", "mode": "rw"}},
        network_disabled=True,
        network_mode="none",
        remove=True,
        stderr=False,
        labels={"jwtparity.test": "chromium"},
    )
    return output.decode("utf-8")


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks, at = {}, 8
    idat = b""
    while at < len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        idat += body if kind == b"IDAT" else b""
        chunks.setdefault(kind, body)
        at += 12 + length
    width, height = int.from_bytes(chunks[b"IHDR"][:4], "big"), int.from_bytes(chunks[b"IHDR"][4:8], "big")
    depth, colour, interlace = chunks[b"IHDR"][8], chunks[b"IHDR"][9], chunks[b"IHDR"][12]
    assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG layout"
    size = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * size
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(line)
        previous = line
    pixels = [(row[x], row[x + 1], row[x + 2]) for row in rows for x in range(0, stride, size)]
    return width, height, pixels
