"""Benchmark 3: a name with four addresses whose traffic is silently dropped.

A network namespace (tests/servers/netns.py) whose /etc/hosts maps one name to
127.0.0.2-127.0.0.5 and whose iptables drops every TCP packet to the port. Both clients
run inside it: OpenSSH's ssh with ConnectTimeout=3 tries the addresses one after another;
sftpcheck is given --timeout 3 and must finish its whole run within 1.2 x that.
"""

from __future__ import annotations

from bench.measure import Command, exits_with, run_pair
from bench.outcome import BenchmarkResult, Goal
from tests.servers.netns import network_namespace

TIMEOUT = 3
FACTOR = 1.2
NAME = "sftp.vendor.test"
ADDRESSES = ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")
PORT = 2222


def dropped(sftpcheck: str, runs: int) -> BenchmarkResult:
    limit = TIMEOUT * FACTOR
    with network_namespace() as namespace:
        namespace.write_hosts({NAME: ADDRESSES})
        namespace.drop(PORT)
        ours = Command(
            label="sftpcheck check --timeout 3",
            argv=namespace.command(
                [sftpcheck, "check", f"district@{NAME}", "--port", str(PORT), "--timeout", "3"]
            ),
            expect=exits_with(1, stdout_has="tcp.timeout"),
            timeout=60,
            shown_as=f"ip netns exec NS sftpcheck check district@{NAME} --port {PORT} --timeout 3",
        )
        theirs = Command(
            label="ssh -o ConnectTimeout=3",
            argv=namespace.command(
                [
                    "ssh",
                    "-F",
                    "/dev/null",
                    "-o",
                    "BatchMode=yes",
                    "-o",
                    "ConnectTimeout=3",
                    "-o",
                    "StrictHostKeyChecking=no",
                    "-o",
                    "UserKnownHostsFile=/dev/null",
                    "-p",
                    str(PORT),
                    f"district@{NAME}",
                    "true",
                ],
            ),
            expect=exits_with(255, stderr_has="timed out"),
            timeout=120,
            shown_as=(
                "ip netns exec NS ssh -F /dev/null -o BatchMode=yes -o ConnectTimeout=3 "
                f"-p {PORT} district@{NAME} true"
            ),
        )
        pair = run_pair(ours, theirs, runs)
    return BenchmarkResult(
        key="dropped",
        title="3. Dropped traffic: four addresses, all silently dropped",
        setup=(
            f"A network namespace with `lo` up; its /etc/hosts maps `{NAME}` to "
            f"{', '.join(ADDRESSES)}; iptables drops TCP to port {PORT}. sftpcheck must report "
            "`tcp.timeout` and exit 1; ssh must exit 255 with 'Connection timed out'."
        ),
        pairs=(pair,),
        goals=(
            Goal(
                text=f"slowest sftpcheck run within {FACTOR} x {TIMEOUT} s = {limit:.1f} s",
                measured=f"{pair.a.maximum:.2f} s (median {pair.a.median:.2f} s)",
                met=pair.a.maximum <= limit,
            ),
        ),
    )
