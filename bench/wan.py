"""Benchmark 5: distance. The healthy check through a relay that delays each direction by
50 ms (100 ms round trip), against OpenSSH's sftp -b doing the same work through it.

There is no sch_netem in this kernel, so the delay is a user-space relay on loopback in
front of the drop's sshd: every chunk read from one side is written to the other 50 ms
after it arrived, in order. The relay counts the connections it carries and the turns of
each conversation (each time the data changes direction), which is where distance costs:
each turn waits for the other side. The relay accepts the TCP handshake at once, so each
new connection's own handshake round trip is not delayed (it would cost both tools 100 ms
per connection more).
"""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import Command, exits_with, run_pair
from bench.outcome import BenchmarkResult, Goal
from tests.servers.sshd import run_sshd, sftp_drop

ONE_WAY_DELAY = 0.050
RATIO_GOAL = 0.7
PROBE = "sftpcheck-wan-probe.txt"


@dataclass
class Traffic:
    """What the relay carried since the last reset."""

    connections: int = 0
    turns: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def reset(self) -> None:
        with self.lock:
            self.connections = 0
            self.turns = 0


class DelayRelay:
    """127.0.0.1:port -> upstream, each direction delayed by `delay` seconds."""

    def __init__(self, upstream: tuple[str, int], delay: float) -> None:
        self.upstream = upstream
        self.delay = delay
        self.traffic = Traffic()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.server.getsockname()[1])
        self._stopping = threading.Event()

    def serve(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._carry, args=(client,), daemon=True).start()

    def stop(self) -> None:
        self._stopping.set()
        self.server.close()

    def _carry(self, client: socket.socket) -> None:
        with self.traffic.lock:
            self.traffic.connections += 1
        try:
            upstream = socket.create_connection(self.upstream, timeout=10)
        except OSError:
            client.close()
            return
        for sock in (client, upstream):
            sock.settimeout(None)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        last_direction: list[str] = [""]
        for source, target, name in ((client, upstream, "up"), (upstream, client, "down")):
            threading.Thread(
                target=self._one_way, args=(source, target, name, last_direction), daemon=True
            ).start()

    def _one_way(
        self, source: socket.socket, target: socket.socket, name: str, last: list[str]
    ) -> None:
        pending: queue.Queue[tuple[float, bytes]] = queue.Queue()
        sender = threading.Thread(target=self._deliver, args=(pending, target), daemon=True)
        sender.start()
        while True:
            try:
                chunk = source.recv(65536)
            except OSError:
                chunk = b""
            if chunk:
                with self.traffic.lock:
                    if last[0] != name:
                        last[0] = name
                        self.traffic.turns += 1
            pending.put((time.monotonic() + self.delay, chunk))
            if not chunk:
                return

    def _deliver(self, pending: queue.Queue[tuple[float, bytes]], target: socket.socket) -> None:
        while True:
            due, chunk = pending.get()
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                if chunk:
                    target.sendall(chunk)
                else:
                    target.shutdown(socket.SHUT_WR)
                    return
            except OSError:
                return


@contextlib.contextmanager
def delay_relay(upstream: tuple[str, int], delay: float = ONE_WAY_DELAY) -> Iterator[DelayRelay]:
    relay = DelayRelay(upstream, delay)
    thread = threading.Thread(target=relay.serve, daemon=True)
    thread.start()
    try:
        yield relay
    finally:
        relay.stop()


def wan(sftpcheck: str, work: Path, runs: int) -> BenchmarkResult:
    setup = (
        "The drop's OpenSSH sshd on 127.0.0.1 behind a user-space relay that delays each "
        f"direction by {ONE_WAY_DELAY * 1000:.0f} ms ({ONE_WAY_DELAY * 2000:.0f} ms round trip; "
        "the TCP handshake itself is not delayed). Key login. sftpcheck runs its healthy check "
        "(all checks, the probe upload, which it removes again); OpenSSH `sftp -b` does the "
        f"same work: `ls`, `put {PROBE}`, `rm {PROBE}`. The relay counts connections and "
        "turns (each change of direction of the data): one counted run of each after the "
        "timed runs."
    )
    with sftp_drop() as drop, run_sshd(drop, "drop") as server:
        account = drop.accounts["district"]
        assert account.key_path is not None
        probe = work / PROBE
        probe.write_text("sftpcheck WAN benchmark probe\n")
        batch = work / "batch.txt"
        batch.write_text(f"ls\nput {probe} {PROBE}\nrm {PROBE}\n")
        with delay_relay((server.host, server.port)) as relay:
            key_line = " ".join(server.host_key_line.split()[1:])
            known_hosts = work / "known_hosts"
            known_hosts.write_text(f"[127.0.0.1]:{relay.port} {key_line}\n")
            ours, theirs = _commands(
                sftpcheck, account.username, str(account.key_path), relay.port, known_hosts, batch
            )
            pair = run_pair(ours, theirs, runs)
            ours_connections, ours_turns, steps = _counted(ours, relay, json_report=True)
            theirs_connections, theirs_turns, _ = _counted(theirs, relay)
    facts = (
        f"{ours.label}: {ours_connections} connection(s), {ours_turns} turns; time per step "
        f"(ms) in that run: {steps}.",
        f"{theirs.label}: {theirs_connections} connection(s), {theirs_turns} turns.",
    )
    return BenchmarkResult(
        key="wan",
        title="5. Distance: 100 ms round trip, against OpenSSH sftp -b",
        setup=setup,
        pairs=(pair,),
        goals=(
            Goal(
                text=f"median ratio sftpcheck / sftp at most {RATIO_GOAL}",
                measured=f"{pair.ratio:.2f}",
                met=pair.ratio <= RATIO_GOAL,
            ),
            Goal(
                text="sftpcheck opens one connection",
                measured=str(ours_connections),
                met=ours_connections == 1,
            ),
        ),
        facts=facts,
    )


def _counted(
    command: Command, relay: DelayRelay, json_report: bool = False
) -> tuple[int, int, str]:
    """One more run, alone on the relay: its connections, turns and (sftpcheck) step times."""
    relay.traffic.reset()
    argv = [*command.argv, "--format", "json"] if json_report else list(command.argv)
    done = subprocess.run(
        argv, capture_output=True, text=True, timeout=command.timeout, check=False
    )
    time.sleep(ONE_WAY_DELAY * 3)  # the last chunks may still be on their way
    steps = ""
    if json_report:
        report = json.loads(done.stdout)
        steps = ", ".join(
            f"{check['id']} {check['duration_ms']}"
            for check in report["checks"]
            if check["status"] != "skip"
        )
    return relay.traffic.connections, relay.traffic.turns, steps


def _commands(
    sftpcheck: str, username: str, key: str, port: int, known_hosts: Path, batch: Path
) -> tuple[Command, Command]:
    login = f"{username}@127.0.0.1"
    ours_argv = [sftpcheck, "check", login, "--port", str(port), "--key", key,
                 "--known-hosts", str(known_hosts)]  # fmt: skip
    theirs_argv = ["sftp", "-b", str(batch), "-F", "/dev/null", "-i", key, "-P", str(port),
                   "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                   "-o", f"UserKnownHostsFile={known_hosts}", login]  # fmt: skip
    ours = Command(
        label="sftpcheck check (probe upload)",
        argv=ours_argv,
        expect=exits_with(0, stdout_has="Upload"),
        timeout=120,
        shown_as="sftpcheck check USER@127.0.0.1 --port RELAY --key KEY --known-hosts KH",
    )
    theirs = Command(
        label="OpenSSH sftp -b (ls, put, rm)",
        argv=theirs_argv,
        expect=exits_with(0, stdout_has=f"rm {PROBE}"),
        timeout=120,
        shown_as=(
            "sftp -b BATCH -F /dev/null -i KEY -P RELAY -o BatchMode=yes -o IdentitiesOnly=yes "
            "-o UserKnownHostsFile=KH USER@127.0.0.1"
        ),
    )
    return ours, theirs
