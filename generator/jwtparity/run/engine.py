"""The Docker engine: connect, start it on a Debian machine where it is missing, build the base image.

The base image is pulled when a registry serves it, else built from the machine's own Debian mirror
with mmdebstrap (or debootstrap) and imported under the same name, so recipes start
`FROM debian:bookworm-slim` as is.
"""

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import docker
import docker.errors
import requests.exceptions

from jwtparity.errors import ToolError, first_line

DOCKERD_LOG = Path("/var/log/jwtparity-dockerd.log")
START_WAIT_SECONDS = 60
Say = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def connect(timeout: int = 600) -> docker.DockerClient:
    """A client for a running engine, or a ToolError saying what to do."""
    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
        return client
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        raise ToolError(
            "Docker engine not reachable (start dockerd, or run `jwtparity engine ensure` as root "
            f"on Debian to install and start it): {first_line(exc)}"
        ) from exc


def _tool(name: str) -> str | None:
    """The path of a system tool, looking in the sbin folders too (a root PATH may lack them)."""
    return shutil.which(name) or shutil.which(name, path="/usr/local/sbin:/usr/sbin:/sbin")


def _can_install() -> bool:
    return os.geteuid() == 0 and Path("/etc/debian_version").is_file() and shutil.which("apt-get") is not None


def _apt_install(packages: list[str], say: Say) -> None:
    say(f"installing {' '.join(packages)} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise ToolError(f"`{' '.join(command)}` failed: {tail[0]}")


def _start_dockerd(say: Say) -> None:
    if _tool("dockerd") is None:
        if not _can_install():
            raise ToolError(
                "no Docker engine here and none can be installed (needs Debian and root): "
                "install Docker and start it, then try again"
            )
        _apt_install(["docker.io"], say)
    say(f"starting dockerd in the background (log: {DOCKERD_LOG})")
    dockerd = _tool("dockerd")
    if dockerd is None:
        raise ToolError("dockerd is not on this machine even after installing docker.io")
    with DOCKERD_LOG.open("ab") as log:
        subprocess.Popen([dockerd], stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + START_WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            docker.from_env(timeout=5).ping()
            return
        except (docker.errors.DockerException, requests.exceptions.RequestException):
            time.sleep(0.5)
    raise ToolError(f"dockerd did not answer within {START_WAIT_SECONDS} s; see {DOCKERD_LOG}")


def ensure(name: str, mirror: str | None = None, say: Say = _quiet) -> tuple[docker.DockerClient, str]:
    """A running engine and the base image `name` (what `bootstrap_base` says of it). On a machine
    without Docker, the base image's root file system is made while Docker is installed and started:
    the two halves of a first set-up, side by side (about 15 s less)."""
    try:
        client = connect()
    except ToolError:
        if os.geteuid() != 0:
            raise
        if _tool("dockerd") is not None:  # installed, only stopped: started in a few seconds
            _start_dockerd(say)
            client = connect()
        else:
            with _RootfsBuild.started(mirror, say) as early:
                _start_dockerd(say)
                client = connect()
                return client, bootstrap_base(client, name, mirror, say=say, early=early)
    return client, bootstrap_base(client, name, mirror, say=say)


def debian_mirror(sources_dir: Path = Path("/etc/apt")) -> str:
    """The Debian mirror the machine's apt sources name (deb822 or one-line format)."""
    files = [sources_dir / "sources.list", *sorted((sources_dir / "sources.list.d").glob("*"))]
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for stanza in re.split(r"\n\s*\n", text):
            uris = re.search(r"^URIs:\s*(\S+)", stanza, re.MULTILINE)
            suites = re.search(r"^Suites:\s*(.+)$", stanza, re.MULTILINE)
            if uris and suites and "bookworm" in suites.group(1).split() and "security" not in uris.group(1):
                return uris.group(1)
        one_line = re.search(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s", text, re.MULTILINE)
        if one_line:
            return one_line.group(1)
    raise ToolError(f"no Debian bookworm mirror found in {sources_dir}/sources.list*: pass one with --mirror")


def _has_image(client: docker.DockerClient, name: str) -> bool:
    try:
        client.images.get(name)
        return True
    except docker.errors.ImageNotFound:
        return False


def _try_pull(client: docker.DockerClient, name: str) -> bool:
    try:
        client.images.pull(name)
        return True
    except docker.errors.APIError:
        return False


class _RootfsBuild:
    """The base image's root file system made in the background, as a tar archive in a temporary
    folder: by mmdebstrap (about 21 s here, the archive written directly) where it is installed or can
    be, else by debootstrap (about 27 s, then archived)."""

    def __init__(self, source: str) -> None:
        self._work = tempfile.TemporaryDirectory(prefix="jwtparity-rootfs-")
        self.archive = Path(self._work.name) / "rootfs.tar"
        self.source = source
        mmdebstrap, debootstrap = _tool("mmdebstrap"), _tool("debootstrap")
        if mmdebstrap:
            command = [mmdebstrap, "--quiet", "--variant=minbase", "bookworm", str(self.archive), source]
        else:
            script = '"$0" --variant=minbase bookworm "$1" "$2" && tar -C "$1" -cf "$3" .'
            rootfs = f"{self._work.name}/rootfs"
            command = ["sh", "-c", script, debootstrap or "debootstrap", rootfs, source, str(self.archive)]
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True
        )

    @classmethod
    @contextmanager
    def started(cls, mirror: str | None, say: Say) -> Iterator["_RootfsBuild | None"]:
        """One under way where mmdebstrap or debootstrap is (or can be installed), else None."""
        early = None
        if _tool("mmdebstrap") or _tool("debootstrap") or _can_install():
            if not (_tool("mmdebstrap") or _tool("debootstrap")):
                _apt_install(["mmdebstrap"], say)
            source = mirror or debian_mirror()
            say(f"building the base image's root file system from {source}")
            early = cls(source)
        try:
            yield early
        finally:
            if early:
                early.close()

    def wait(self) -> Path:
        """The finished archive, or a ToolError with the tool's last line."""
        output, _ = self._process.communicate()
        if self._process.returncode != 0:
            tail = output.strip().splitlines()[-1:] or ["no output"]
            raise ToolError(f"making the base image's root file system failed: {tail[0]}")
        return self.archive

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._work.cleanup()


def bootstrap_base(
    client: docker.DockerClient,
    name: str,
    mirror: str | None = None,
    force: bool = False,
    say: Say = _quiet,
    early: _RootfsBuild | None = None,
) -> str:
    """Make sure image `name` exists: keep it, else pull it, else make its root file system (or finish
    the `early` one) and import it."""
    if not force and _has_image(client, name):
        return f"{name} is present"
    if not force and _try_pull(client, name):
        return f"{name} pulled"
    if early is None:
        with _RootfsBuild.started(mirror, say) as started:
            if started is None:
                raise ToolError(f"{name} cannot be pulled and mmdebstrap or debootstrap is missing: install one")
            return _import(client, name, started)
    return _import(client, name, early)


def _import(client: docker.DockerClient, name: str, rootfs: _RootfsBuild) -> str:
    """Wait for `rootfs`, then import it as image `name`."""
    archive = rootfs.wait()
    repository, _, tag = name.partition(":")
    client.api.import_image_from_file(str(archive), repository=repository, tag=tag or "latest")
    return f"{name} built from {rootfs.source}"
