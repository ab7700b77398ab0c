"""What lies between: an MTU black hole and an inspecting firewall, each in a namespace.

First the path itself is proven with OpenSSH's own client (`ssh -vvv`), so that a failure
of sftpcheck's tests can never be a path that does not behave as described; then what
sftpcheck shows on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.check.run import CheckRun, assert_stops_at, login_args
from tests.network.run import NetworkRunner
from tests.servers.netns import NetNamespace
from tests.servers.paths import clamp_mss, inspecting_firewall, mtu_black_hole, openssh_debug
from tests.servers.sshd import SftpDrop, SshServer

STALLED = "expecting SSH2_MSG_KEX_ECDH_REPLY"
HANDSHAKE_DONE = "SSH2_MSG_SERVICE_ACCEPT received"


@pytest.fixture
def black_hole(netns: NetNamespace, openssh_drop: SftpDrop) -> Iterator[SshServer]:
    with mtu_black_hole(netns, openssh_drop) as server:
        yield server


@pytest.fixture
def firewall(netns: NetNamespace, openssh_drop: SftpDrop) -> Iterator[SshServer]:
    with inspecting_firewall(netns, openssh_drop) as server:
        yield server


def _run_inside(
    network_run: NetworkRunner, netns: NetNamespace, server: SshServer, tmp_path: Path
) -> CheckRun:
    known = server.write_known_hosts(tmp_path / "known_hosts")
    account = server.accounts["district"]
    args = login_args(server, "district", known, timeout=4)
    return network_run(*args, password=account.password, namespace=netns, wall_timeout=120)


def test_the_black_hole_stalls_openssh_until_packets_are_small(
    netns: NetNamespace, black_hole: SshServer
) -> None:
    stalled = openssh_debug(netns, black_hole)
    assert STALLED in stalled, stalled
    assert HANDSHAKE_DONE not in stalled, stalled
    # A short key exchange proposal alone does not help: OpenSSH's KEXINIT is too big itself.
    short = openssh_debug(netns, black_hole, "-o", "KexAlgorithms=curve25519-sha256")
    assert STALLED in short, short
    assert HANDSHAKE_DONE not in short, short
    # Small segments get through, whatever the key exchange.
    clamp_mss(netns)
    clamped = openssh_debug(netns, black_hole)
    assert HANDSHAKE_DONE in clamped, clamped


def test_sftpcheck_names_the_mtu_black_hole(
    network_run: NetworkRunner, netns: NetNamespace, black_hole: SshServer, tmp_path: Path
) -> None:
    run = _run_inside(network_run, netns, black_hole, tmp_path)
    assert run.status("protocol") == "pass", run.describe()
    assert run.status("ssh") == "fail", run.describe()
    assert run.code("ssh") == "ssh.path_mtu", run.describe()
    assert run.exit_code == 1, run.describe()


def test_the_firewall_resets_openssh_during_the_key_exchange(
    netns: NetNamespace, firewall: SshServer
) -> None:
    output = openssh_debug(netns, firewall)
    assert "Remote protocol version 2.0" in output, output  # the server's banner arrived
    assert "SSH2_MSG_KEXINIT sent" in output, output
    assert f"Connection reset by {firewall.host} port {firewall.port}" in output, output
    assert HANDSHAKE_DONE not in output, output


def test_sftpcheck_names_the_inspecting_firewall(
    network_run: NetworkRunner, netns: NetNamespace, firewall: SshServer, tmp_path: Path
) -> None:
    run = _run_inside(network_run, netns, firewall, tmp_path)
    assert run.status("protocol") == "pass", run.describe()
    assert_stops_at(run, "ssh", "ssh.interrupted")
    assert "OpenSSH" in run.summary("protocol"), run.describe()
