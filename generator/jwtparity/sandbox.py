"""Run one image's driver in a locked-down container: feed stdin, collect stdout, always clean up.

Knows nothing of JWTs: bytes in, bytes out, or the reason there are none. The container has no
network, a read-only root file system with a small tmpfs at /tmp, a non-root user, memory and process
limits, a wall-clock timeout and capped output, and it is removed whatever happens (Ctrl-C included).
"""

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

import docker
import docker.errors

from jwtparity.errors import ToolError
from jwtparity.images import LABEL

STDOUT, STDERR = 1, 2
POLL_SECONDS = 0.1
CANCEL = threading.Event()  # set on Ctrl-C: every run stops and removes its container


@dataclass(frozen=True)
class Limits:
    timeout: float = 120.0
    memory: str = "512m"
    pids: int = 128
    tmpfs_size: str = "64m"
    max_stdout: int = 16 * 1024 * 1024
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


def _container_config(client: docker.DockerClient, image: str, limits: Limits,
                      command: list[str] | None) -> dict[str, object]:
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
    config = client.api.create_container_config(
        image=image, command=command, user=limits.user, stdin_open=True, network_disabled=True,
        labels={LABEL: "1"}, host_config=host_config, detach=True,
    )
    config["StdinOnce"] = True  # closing our end of stdin gives the driver its end of file
    return config


class _Collector:
    """Reads the attach stream's multiplexed frames into stdout and stderr buffers, with caps."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
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
                    self._add(stream, buffer[8:8 + size])
                    buffer = buffer[8 + size:]
        except OSError:
            pass
        finally:
            self.done.set()

    def _add(self, stream: int, payload: bytes) -> None:
        if stream == STDERR:
            self.stderr += payload
            del self.stderr[:-self.limits.max_stderr]
            return
        room = self.limits.max_stdout - len(self.stdout)
        self.stdout += payload[:room]
        if len(payload) > room:
            self.cut = True


def _send(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # the driver stopped reading; what it wrote still counts


def run(client: docker.DockerClient, image: str, stdin: bytes, limits: Limits,
        command: list[str] | None = None) -> RunResult:
    """Start `image` (its CMD, or `command`), write `stdin`, read its output; remove the container."""
    started = time.monotonic()
    created = client.api.create_container_from_config(_container_config(client, image, limits, command))
    container_id = created["Id"]
    sock: socket.socket | None = None
    try:
        attached = client.api.attach_socket(container_id, params={"stdin": 1, "stdout": 1, "stderr": 1,
                                                                  "stream": 1})
        sock = attached._sock
        collector = _Collector(limits)
        threading.Thread(target=collector.feed, args=(sock,), daemon=True).start()
        client.api.start(container_id)
        threading.Thread(target=_send, args=(sock, stdin), daemon=True).start()
        deadline = started + limits.timeout
        while not collector.done.wait(POLL_SECONDS) and time.monotonic() < deadline:
            if CANCEL.is_set():
                raise KeyboardInterrupt
        finished = collector.done.is_set() and not collector.cut
        exit_code = client.api.wait(container_id, timeout=10)["StatusCode"] if finished else None
        return RunResult(bytes(collector.stdout), bytes(collector.stderr), exit_code,
                         timed_out=not collector.done.is_set(), output_cut=collector.cut,
                         seconds=time.monotonic() - started)
    finally:
        if sock is not None:
            # Shut the connection down for good: the engine must not wait to copy output nobody reads.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        with contextlib.suppress(docker.errors.NotFound):
            client.api.remove_container(container_id, force=True)


def leftover_containers(client: docker.DockerClient) -> list[str]:
    """Ids of containers carrying the tool's label (there should be none between runs)."""
    return [c["Id"] for c in client.api.containers(all=True, filters={"label": LABEL})]
