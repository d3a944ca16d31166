"""Run one image's driver in a locked-down container: feed stdin, collect stdout, always clean up.

Knows nothing of JWTs: bytes in, bytes out, or the reason there are none. The container has no
network, a read-only root file system with a small tmpfs at /tmp, a non-root user, memory and process
limits, a wall-clock timeout and capped output, and it is removed whatever happens (Ctrl-C included).
Should jwtparity itself be killed, the container still ends itself: its command runs under coreutils'
`timeout`, a little after the host's own deadline, and its label DEADLINE_LABEL says when that is, so
that the next run removes it (and only containers past their deadline: runs share the engine).
"""

import contextlib
import math
import socket
import struct
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

import docker
import docker.errors

from jwtparity.errors import ToolError
from jwtparity.run.images import DEADLINE_LABEL, LABEL, OWNER_LABEL, container_labels

STDOUT, STDERR = 1, 2
SELF_DEADLINE_GRACE = 5  # seconds the container outlives the host's timeout before it ends itself
OUTPUT_PER_INPUT_BYTE = 4  # a token is the payload in base64 (4/3) plus header and signature
OUTPUT_PER_CASE = 4096  # room for an error message per case
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class Limits:
    timeout: float = 120.0
    memory: str = "512m"
    pids: int = 128
    tmpfs_size: str = "64m"
    max_stdout: int = 16 * 1024 * 1024  # plus, per run, OUTPUT_PER_INPUT_BYTE and OUTPUT_PER_CASE
    max_stderr: int = 64 * 1024
    user: str = "65534:65534"

    def raised(self, overrides: tuple[tuple[str, str | int], ...]) -> "Limits":
        """These limits with a language manifest's `[limits]` (memory, pids) applied."""
        unknown = sorted({name for name, _ in overrides} - {"memory", "pids"})
        if unknown:
            raise ToolError(f"unknown sandbox limit {unknown[0]!r} in a language manifest (known: memory, pids)")
        changes: dict[str, Any] = dict(overrides)
        return replace(self, **changes)


@dataclass(frozen=True)
class RunResult:
    stdout: bytes
    stderr: bytes
    exit_code: int | None
    timed_out: bool = False
    output_cut: bool = False
    seconds: float = 0.0
    stdout_cap: int = 0

    @property
    def failure(self) -> str | None:
        """Why the run as a whole failed, or None."""
        if self.timed_out:
            return "timed out"
        if self.output_cut:
            return "output exceeded the cap and was cut"
        if self.exit_code == 137:
            return "killed (out of memory or process limit)"
        if self.exit_code not in (0, None):
            return f"exited with code {self.exit_code}"
        return None


def _self_ending(
    client: docker.DockerClient, image: str, limits: Limits, command: list[str] | None
) -> tuple[list[str], list[str], int]:
    """(entrypoint, command, deadline): the image's own command run under `timeout`."""
    config = client.api.inspect_image(image).get("Config") or {}
    seconds = math.ceil(limits.timeout) + SELF_DEADLINE_GRACE
    entrypoint = ["timeout", "-s", "KILL", f"{seconds}s", *(config.get("Entrypoint") or [])]
    return entrypoint, command or config.get("Cmd") or [], math.ceil(time.time()) + seconds


def _container_config(
    client: docker.DockerClient, image: str, limits: Limits, command: list[str] | None
) -> dict[str, object]:
    host_config = client.api.create_host_config(
        network_mode="none",
        read_only=True,
        tmpfs={"/tmp": f"rw,nosuid,nodev,size={limits.tmpfs_size}"},
        mem_limit=limits.memory,
        memswap_limit=limits.memory,
        pids_limit=limits.pids,
        cap_drop=["ALL"],
        security_opt=["no-new-privileges"],
    )
    entrypoint, command, deadline = _self_ending(client, image, limits, command)
    config = client.api.create_container_config(
        image=image,
        entrypoint=entrypoint,
        command=command,
        user=limits.user,
        stdin_open=True,
        network_disabled=True,
        labels=container_labels(deadline),
        host_config=host_config,
        detach=True,
    )
    config["StdinOnce"] = True  # closing our end of stdin gives the driver its end of file
    return config


def stdout_cap(limits: Limits, stdin: bytes) -> int:
    """The stdout cap of a run: the base, plus room in proportion to the input and its lines (cases)."""
    return limits.max_stdout + OUTPUT_PER_INPUT_BYTE * len(stdin) + OUTPUT_PER_CASE * stdin.count(b"\n")


class _Collector:
    """Reads the attach stream's multiplexed frames into stdout and stderr buffers, with caps."""

    def __init__(self, limits: Limits, max_stdout: int) -> None:
        self.limits = limits
        self.max_stdout = max_stdout
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.cut = False
        self.done = threading.Event()

    def feed(self, sock: socket.socket) -> None:
        buffer = b""
        try:
            while not self.cut:
                data = sock.recv(65536)
                if not data:
                    break
                buffer += data
                while len(buffer) >= 8:
                    stream, size = struct.unpack(">BxxxL", buffer[:8])
                    if len(buffer) < 8 + size:
                        break
                    self._add(stream, buffer[8 : 8 + size])
                    buffer = buffer[8 + size :]
        except OSError:
            pass
        finally:
            self.done.set()

    def _add(self, stream: int, payload: bytes) -> None:
        if stream == STDERR:
            self.stderr += payload
            del self.stderr[: -self.limits.max_stderr]
            return
        room = self.max_stdout - len(self.stdout)
        self.stdout += payload[:room]
        if len(payload) > room:
            self.cut = True


def _send(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # the driver stopped reading; what it wrote still counts


def run(
    client: docker.DockerClient,
    image: str,
    stdin: bytes,
    limits: Limits,
    command: list[str] | None = None,
    cancel: threading.Event | None = None,
) -> RunResult:
    """Start `image` (its CMD, or `command`), write `stdin`, read its output; remove the container.

    `cancel` (the run's, set on Ctrl-C) stops it early: the container is removed all the same."""
    started = time.monotonic()
    created = client.api.create_container_from_config(_container_config(client, image, limits, command))
    container_id = created["Id"]
    sock: socket.socket | None = None
    try:
        attached = client.api.attach_socket(container_id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
        sock = attached._sock
        collector = _Collector(limits, stdout_cap(limits, stdin))
        threading.Thread(target=collector.feed, args=(sock,), daemon=True).start()
        client.api.start(container_id)
        threading.Thread(target=_send, args=(sock, stdin), daemon=True).start()
        deadline = started + limits.timeout
        while not collector.done.wait(POLL_SECONDS) and time.monotonic() < deadline:
            if cancel is not None and cancel.is_set():
                raise KeyboardInterrupt
        finished = collector.done.is_set() and not collector.cut
        exit_code = client.api.wait(container_id, timeout=10)["StatusCode"] if finished else None
        return RunResult(
            bytes(collector.stdout),
            bytes(collector.stderr),
            exit_code,
            timed_out=not collector.done.is_set(),
            output_cut=collector.cut,
            seconds=time.monotonic() - started,
            stdout_cap=collector.max_stdout,
        )
    finally:
        if sock is not None:
            # Shut the connection down for good: the engine must not wait to copy output nobody reads.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        with contextlib.suppress(docker.errors.NotFound):
            client.api.remove_container(container_id, force=True)


def remove_stale(client: docker.DockerClient) -> list[str]:
    """Remove the tool's containers past their own deadline (left by a killed run); their short ids."""
    now = time.time()
    removed = []
    for container in client.api.containers(all=True, filters={"label": DEADLINE_LABEL}):
        try:
            deadline = float(container["Labels"][DEADLINE_LABEL])
        except (KeyError, TypeError, ValueError):
            continue
        if deadline < now:
            with contextlib.suppress(docker.errors.NotFound):
                client.api.remove_container(container["Id"], force=True)
                removed.append(container["Id"][:12])
    return removed


def leftover_containers(client: docker.DockerClient, owned_by: str | None = None) -> list[str]:
    """Ids of containers carrying the tool's label (there should be none between runs), of one owner."""
    label = LABEL if owned_by is None else f"{OWNER_LABEL}={owned_by}"
    return [c["Id"] for c in client.api.containers(all=True, filters={"label": label})]
