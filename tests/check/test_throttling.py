"""Being turned away for now (fail2ban, OpenSSH's limits) is named as such, with how long
to wait and a warning not to retry in a loop: the district shares one address.

Against a real sshd with MaxStartups 1 and MaxAuthTries 1, and against servers this
computer saw answer in SSH before (sftpcheck's own memory of them, in ~/.cache).
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from pathlib import Path

from tests.check.run import Runner, assert_passes, assert_stops_at, login_args
from tests.servers.faults import FaultServer
from tests.servers.processes import free_port
from tests.servers.sshd import SshServer


def _remember(runner: Runner, host: str, port: int, software: str) -> None:
    """What an earlier run on this computer left in its memory of servers."""
    cache = runner.home / ".cache" / "sftpcheck" / "servers-seen.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    seen = {f"{host}:{port}": {"when": time.time() - 600, "software": software}}
    cache.write_text(json.dumps(seen))


def test_past_max_startups_is_throttled(sftpcheck: Runner, sshd_throttling: SshServer) -> None:
    server = sshd_throttling
    # Another client's connection that has not logged in yet fills the one slot.
    with socket.create_connection((server.host, server.port), timeout=5) as other:
        other.recv(256)
        time.sleep(0.2)
        run = sftpcheck(*login_args(server, "district", None), password="unused-1")
    assert_stops_at(run, "protocol", "protocol.throttled")
    summary = run.summary("protocol")
    assert "Exceeded MaxStartups" in summary
    assert "Wait at least 15 minutes; do not retry in a loop" in summary


def test_a_refused_key_that_uses_up_the_tries_is_not_throttling(
    sftpcheck: Runner, sshd_throttling: SshServer
) -> None:
    """MaxAuthTries 1: the unknown key takes the one try of the connection, and OpenSSH
    says 'Too many authentication failures' before the password goes. Waiting changes
    nothing: the limit counts per connection."""
    server = sshd_throttling
    stranger_key = server.accounts["keyonly"].key_path  # not on file for this account
    assert stranger_key is not None
    password = server.accounts["district"].password
    run = sftpcheck(
        *login_args(server, "district", None), "--key", str(stranger_key), password=password
    )
    assert_stops_at(run, "auth", "auth.rejected")
    summary = run.summary("auth")
    assert "refused the key" in summary, run.describe()
    assert "used up" in summary
    assert "Too many authentication failures" in summary  # the server's own words
    assert "Waiting changes nothing" in summary
    assert "wait at least" not in summary.lower()
    assert "the password alone" in summary
    assert run.check("auth")["details"]["tried"] == ["publickey"]  # the password never went
    # What the report says: the password alone logs in.
    alone = sftpcheck(*login_args(server, "district", None), "--no-upload", password=password)
    assert_passes(alone, "auth")


def test_a_refused_password_that_uses_up_the_tries_is_refused(
    sftpcheck: Runner, sshd_throttling: SshServer
) -> None:
    run = sftpcheck(*login_args(sshd_throttling, "district", None), password="Wrong-Password-1")
    assert_stops_at(run, "auth", "auth.rejected")
    assert "refused the password" in run.summary("auth"), run.describe()


def test_a_server_that_answered_before_and_now_hangs_up_is_throttled(
    sftpcheck: Runner, fault_server: Callable[[str], FaultServer]
) -> None:
    closing = fault_server("close")
    _remember(sftpcheck, closing.host, closing.port, "OpenSSH_9.2p1 Debian-2")
    run = sftpcheck(closing.host, "--port", str(closing.port), "--timeout", "2")
    assert_stops_at(run, "protocol", "protocol.throttled")
    summary = run.summary("protocol")
    assert "it answered in SSH from this computer at" in summary
    assert "OpenSSH_9.2p1" in summary


def test_a_server_never_seen_that_hangs_up_is_only_closed(
    sftpcheck: Runner, fault_server: Callable[[str], FaultServer]
) -> None:
    closing = fault_server("close")
    run = sftpcheck(closing.host, "--port", str(closing.port), "--timeout", "2")
    assert_stops_at(run, "protocol", "protocol.closed")


def test_a_refusal_where_ssh_answered_an_hour_ago_says_blocked_or_down_and_how_to_tell(
    sftpcheck: Runner,
) -> None:
    """A server stopped since it last answered refuses just as a blocking one does."""
    port = free_port(("127.0.0.1",))
    _remember(sftpcheck, "127.0.0.1", port, "OpenSSH_9.2p1")
    run = sftpcheck("127.0.0.1", "--port", str(port), "--timeout", "2")
    assert_stops_at(run, "tcp", "tcp.refused")
    summary = run.summary("tcp")
    assert "most likely" not in summary
    assert "may be blocking this address for now (as fail2ban does), or be down" in summary
    assert "another network" in summary  # what tells the two apart
    assert "ask the vendor whether the service is up" in summary


def test_a_healthy_run_is_remembered_for_later_diagnosis(
    sftpcheck: Runner, sshd: SshServer, tmp_path: Path
) -> None:
    known_hosts = sshd.write_known_hosts(tmp_path / "known_hosts")
    account = sshd.accounts["district"]
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts), "--no-upload", password=account.password
    )
    assert_passes(run, "protocol", "ssh", "auth")
    cache = sftpcheck.home / ".cache" / "sftpcheck" / "servers-seen.json"
    seen = json.loads(cache.read_text())
    assert list(seen) == [f"127.0.0.1:{sshd.port}"]
    assert account.password not in cache.read_text()
