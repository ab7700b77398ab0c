"""A healthy sftpcheck run is invisible to fail2ban's stock sshd jail, in every mode.

A district sits behind one NAT address: if each check run counted as a failure, three runs
would ban the address (maxretry = 5) and stop the nightly upload too. Measured with the
real fail2ban-regex on the lines the test sshd logged during one run.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.check.run import assert_passes, login_args
from tests.network.run import NetworkRunner
from tests.servers.dns import DnsServer
from tests.servers.fail2ban import MODES, count_failures, mark
from tests.servers.need import ipv6_loopback_works, unavailable
from tests.servers.proxies import ProxyServer
from tests.servers.sshd import SshServer


@pytest.fixture
def known_hosts(sshd: SshServer, tmp_path: Path) -> Path:
    return sshd.write_known_hosts(tmp_path / "known_hosts")


@pytest.mark.parametrize("extra", [[], ["--no-upload"]], ids=["with-probe-upload", "no-upload"])
def test_a_healthy_run_adds_no_line_fail2ban_counts(
    network_run: NetworkRunner, sshd: SshServer, known_hosts: Path, extra: list[str]
) -> None:
    account = sshd.accounts["district"]
    start = mark(sshd)
    run = network_run(*login_args(sshd, "district", known_hosts), *extra, password=account.password)
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir")
    lines = start.lines_since()
    assert any(f"Accepted password for {account.username}" in line for line in lines), lines
    for mode in MODES:
        count = count_failures(lines, mode)
        assert count.matched == 0, f"mode={mode} counts {count.matched}:\n" + "\n".join(lines)


def test_a_healthy_run_through_a_proxy_adds_no_line_either(
    network_run: NetworkRunner, sshd: SshServer, known_hosts: Path, tinyproxy_open: ProxyServer
) -> None:
    account = sshd.accounts["district"]
    start = mark(sshd)
    args = login_args(sshd, "district", known_hosts)
    run = network_run(*args, "--proxy", tinyproxy_open.url(), password=account.password)
    assert_passes(run, "tcp", "protocol", "ssh", "auth", "remote_dir", "upload")
    lines = start.lines_since()
    for mode in MODES:
        count = count_failures(lines, mode)
        assert count.matched == 0, f"mode={mode} counts {count.matched}:\n" + "\n".join(lines)


def test_the_harness_counts_a_connection_that_never_logs_in(sshd: SshServer) -> None:
    """What sftpcheck must not do: connect, and hang up before the SSH exchange."""
    start = mark(sshd)
    with socket.create_connection((sshd.host, sshd.port), timeout=5) as sock:
        sock.recv(256)  # the server's greeting; then close without a word
    lines = start.lines_since()
    assert count_failures(lines, "aggressive").matched >= 1, "\n".join(lines)


def test_the_harness_counts_a_wrong_password_in_normal_mode(
    network_run: NetworkRunner, sshd: SshServer, known_hosts: Path
) -> None:
    start = mark(sshd)
    run = network_run(*login_args(sshd, "district", known_hosts), password="Not-The-Password-1")
    assert run.code("auth") == "auth.rejected", run.describe()
    lines = start.lines_since()
    assert count_failures(lines, "normal").matched >= 1, "\n".join(lines)


@pytest.mark.parametrize(
    ("role", "accepted"),
    [
        ("district", "Accepted password"),
        ("keyonly", "Accepted publickey"),
        ("twofactor", "Accepted password"),
    ],
    ids=["password", "key", "key-then-password"],
)
def test_every_address_of_the_name_logs_in_and_fail2ban_counts_none(
    network_run: NetworkRunner,
    sshd: SshServer,
    dns_server: DnsServer,
    tmp_path: Path,
    role: str,
    accepted: str,
) -> None:
    """A name with an IPv4 and an IPv6 address: the second connection logs in too, after
    the first and the same way, rather than hanging up before the login as a scanner
    would."""
    if not ipv6_loopback_works():
        unavailable("::1 cannot be used here, so a name with two addresses cannot be served")
    account = sshd.accounts[role]
    key = ["--key", str(account.key_path)] if role != "district" else []
    known_hosts = tmp_path / "known_hosts"
    line = sshd.host_key_line.split(" ", 1)[1]
    known_hosts.write_text(f"[both.sftp.test]:{sshd.port} {line}\n")
    start = mark(sshd)
    with dns_server.pointing({"both.sftp.test": ["127.0.0.1", "::1"]}):
        run = network_run(
            "both.sftp.test",
            "--port",
            str(sshd.port),
            "--user",
            account.username,
            "--resolver",
            dns_server.resolver_option,
            "--known-hosts",
            str(known_hosts),
            "--no-upload",
            "--timeout",
            "5",
            *key,
            password=account.password,
        )
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir")
    assert run.check("auth")["details"]["other_addresses"] == {"::1": "logged in"}
    assert "The login works on ::1 too" in run.summary("auth")
    lines = start.lines_since()
    assert sum(f"{accepted} for {account.username}" in entry for entry in lines) == 2
    for mode in MODES:
        count = count_failures(lines, mode)
        assert count.matched == 0, f"mode={mode} counts {count.matched}:\n" + "\n".join(lines)
