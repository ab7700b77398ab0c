"""A private network namespace: its own loopback, its own iptables, its own /etc/hosts.

This is how the tests get a firewall that drops or rejects packets without touching the
machine's own network: rules go into a namespace the test creates and deletes, and the
client under test runs inside it with `ip netns exec`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.servers.need import need_program, need_root, unavailable
from tests.servers.processes import stop_process_tree

NETNS_ETC = Path("/etc/netns")
_LOOPBACK_TCP_INPUT = ("iptables", "-A", "INPUT", "-i", "lo", "-p", "tcp", "--dport")
# A namespace's name -> the pid of the test run that made it, to clean up after killed runs.
REGISTRY = Path("/srv/sftpcheck-tests/netns")

# Accepts and holds connections until it is stopped (SIGTERM at teardown).
_LISTENER = """
import socket, sys
family = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
server = socket.socket(family)
server.bind((sys.argv[1], int(sys.argv[2])))
server.listen(16)
print(server.getsockname()[1], flush=True)
held = []
while True:
    held.append(server.accept()[0])
"""


@dataclass
class NetNamespace:
    """A namespace with `lo` up. Everything started in it is stopped at teardown."""

    name: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def command(self, args: Sequence[str]) -> list[str]:
        """`args` prefixed so that they run inside the namespace."""
        return ["ip", "netns", "exec", self.name, *args]

    def run(self, args: Sequence[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a program inside and wait for it; its output is captured as text."""
        return subprocess.run(self.command(args), capture_output=True, text=True, check=check)

    def popen(self, args: Sequence[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        """Start a program inside; it is stopped (with its children) at teardown."""
        process: subprocess.Popen[bytes] = subprocess.Popen(self.command(args), **kwargs)
        self.processes.append(process)
        return process

    def drop(self, port: int) -> None:
        """Silently drop TCP packets to `port` on loopback: the client sees a timeout."""
        self.run([*_LOOPBACK_TCP_INPUT, str(port), "-j", "DROP"])

    def reject_unreachable(self, port: int) -> None:
        """Answer TCP to `port` with ICMP host-unreachable: `OSError(113, 'No route to host')`."""
        reject = ["-j", "REJECT", "--reject-with", "icmp-host-unreachable"]
        self.run([*_LOOPBACK_TCP_INPUT, str(port), *reject])

    def write_hosts(self, names: Mapping[str, Sequence[str]]) -> Path:
        """The namespace's /etc/hosts (ip netns exec bind-mounts /etc/netns/NS/hosts)."""
        directory = NETNS_ETC / self.name
        directory.mkdir(parents=True, exist_ok=True)
        lines = ["127.0.0.1 localhost", "::1 localhost"]
        lines += [f"{address} {name}" for name, addresses in names.items() for address in addresses]
        hosts = directory / "hosts"
        hosts.write_text("\n".join(lines) + "\n")
        return hosts

    @contextlib.contextmanager
    def tcp_listener(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[int]:
        """A TCP listener inside the namespace that accepts and holds connections."""
        process = self.popen(
            [sys.executable, "-c", _LISTENER, host, str(port)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
        )
        assert process.stdout is not None
        line = process.stdout.readline().decode().strip()
        if not line.isdigit():
            stop_process_tree(process)
            raise RuntimeError(f"listener in {self.name} did not start: {line!r}")
        try:
            yield int(line)
        finally:
            stop_process_tree(process)


@contextlib.contextmanager
def network_namespace() -> Iterator[NetNamespace]:
    """Create a namespace with loopback up; delete it and /etc/netns/NAME afterwards."""
    need_root("a network namespace with iptables")
    need_program("ip", "iproute2")
    need_program("iptables", "iptables")
    remove_leftover_namespaces()
    name = f"sfc{secrets.token_hex(4)}"
    REGISTRY.mkdir(parents=True, exist_ok=True)
    (REGISTRY / name).write_text(str(os.getpid()))
    namespace = NetNamespace(name=name)
    try:
        made = subprocess.run(
            ["ip", "netns", "add", name], capture_output=True, text=True, check=False
        )
        if made.returncode != 0:
            unavailable(f"'ip netns add' does not work here: {made.stderr.strip()}")
        namespace.run(["ip", "link", "set", "lo", "up"])
        probe = namespace.run(["iptables", "-S"], check=False)
        if probe.returncode != 0:
            unavailable(f"iptables does not work in a namespace here: {probe.stderr.strip()}")
        yield namespace
    finally:
        for process in namespace.processes:
            stop_process_tree(process)
        _delete(name)


def _delete(name: str) -> None:
    # Whatever still runs inside our namespace was started by our tests: stop it by id.
    inside = subprocess.run(
        ["ip", "netns", "pids", name], capture_output=True, text=True, check=False
    )
    for pid in inside.stdout.split():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid), signal.SIGKILL)
    subprocess.run(["ip", "netns", "del", name], capture_output=True, check=False)
    shutil.rmtree(NETNS_ETC / name, ignore_errors=True)
    (REGISTRY / name).unlink(missing_ok=True)


def remove_leftover_namespaces() -> None:
    """Delete namespaces of earlier test runs that were killed before their teardown."""
    if not REGISTRY.is_dir():
        return
    for entry in REGISTRY.iterdir():
        pid = entry.read_text().strip()
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            _delete(entry.name)
