"""Starting server programs, waiting until they listen, and stopping them with their children."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path


def free_port(hosts: Iterable[str] = ("127.0.0.1",)) -> int:
    """A TCP port that is free on every one of `hosts` right now.

    For programs such as sshd that cannot be told to bind port 0. The small race between
    this check and the program's bind is handled by the callers, which retry.
    """
    hosts = tuple(hosts)
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if all(_port_is_free(host, port) for host in hosts):
            return port
    raise RuntimeError(f"no TCP port free on all of {hosts}")


def _port_is_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def wait_for_line(log: Path, needle: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    """Wait until `needle` appears in the log file; raise with the log if the program dies."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        if needle in text:
            return
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}:\n{text}")
        time.sleep(0.02)
    text = log.read_text(errors="replace") if log.exists() else ""
    raise RuntimeError(f"{process.args!r} did not say {needle!r} within {seconds} s:\n{text}")


def descendants(pid: int) -> list[int]:
    """Every live process below `pid`, found through /proc (children first in no order)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name sits in parentheses and may hold spaces; fields follow it.
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found.extend(children)
        frontier.extend(children)
    return found


def stop_process_tree(process: subprocess.Popen[bytes], grace: float = 3.0) -> None:
    """Stop a program we started and every process it forked (sshd's per-connection children
    call setsid, so a process group would miss them). Only these ids are signalled."""
    tree = [*descendants(process.pid), process.pid] if process.poll() is None else []
    for pid in tree:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=grace)
    deadline = time.monotonic() + grace
    for pid in tree:
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
