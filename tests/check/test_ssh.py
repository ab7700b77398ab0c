"""The ssh check: algorithms, host key trust, and a handshake that breaks."""

from __future__ import annotations

from pathlib import Path

from tests.check.run import (
    Runner,
    assert_passes,
    assert_stops_at,
    login_args,
    login_tries_in_log,
)
from tests.servers.faults import FaultServer
from tests.servers.sshd import SshServer, fingerprint_of, other_public_key


def test_legacy_server_has_no_common_algorithm(sftpcheck: Runner, sshd_legacy: SshServer) -> None:
    run = sftpcheck("127.0.0.1", "--port", str(sshd_legacy.port), "--timeout", "3")
    assert_passes(run, "dns", "tcp", "protocol")
    assert_stops_at(run, "ssh", "ssh.no_common_algorithm")
    summary = run.summary("ssh")
    assert "diffie-hellman-group14-sha1" in summary  # what the server offers, by name
    assert "ssh-rsa" in summary


def test_wrong_known_hosts_is_a_mismatch_and_no_password_is_sent(
    sftpcheck: Runner, sshd: SshServer, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    wrong = sshd.write_wrong_known_hosts(tmp_path / "known_hosts")
    tries_before = login_tries_in_log(sshd, account.username)
    run = sftpcheck(*login_args(sshd, "district", wrong), password=account.password)
    assert_stops_at(run, "ssh", "ssh.hostkey_mismatch")
    assert run.status("auth") == "skip"
    assert sshd.fingerprint in run.summary("ssh")
    assert login_tries_in_log(sshd, account.username) == tries_before, sshd.log_text()[-2000:]


def test_wrong_expected_fingerprint_is_a_mismatch(sftpcheck: Runner, sshd: SshServer) -> None:
    account = sshd.accounts["district"]
    wrong = fingerprint_of(other_public_key("ssh-ed25519"))
    run = sftpcheck(
        *login_args(sshd, "district", None),
        "--expect-fingerprint",
        wrong,
        password=account.password,
    )
    assert_stops_at(run, "ssh", "ssh.hostkey_mismatch")
    assert run.status("auth") == "skip"
    assert wrong in run.summary("ssh")
    assert sshd.fingerprint in run.summary("ssh")


def test_right_expected_fingerprint_passes(sftpcheck: Runner, sshd: SshServer) -> None:
    account = sshd.accounts["district"]
    tries_before = login_tries_in_log(sshd, account.username)
    run = sftpcheck(
        *login_args(sshd, "district", None),
        "--expect-fingerprint",
        sshd.fingerprint,
        password=account.password,
    )
    assert_passes(run, "ssh", "auth", "remote_dir", "upload")
    assert login_tries_in_log(sshd, account.username) > tries_before  # the log shows logins
    assert run.check("ssh")["details"]["fingerprint"] == sshd.fingerprint
    assert run.exit_code == 0, run.describe()


def test_right_known_hosts_passes(sftpcheck: Runner, sshd: SshServer, known_hosts: Path) -> None:
    run = sftpcheck(*login_args(sshd, "district", known_hosts), "--no-upload")
    assert_passes(run, "ssh")
    assert sshd.fingerprint in run.summary("ssh")


def test_garbage_after_the_banner_is_a_failed_handshake(
    sftpcheck: Runner,
    fault_server,
) -> None:
    server: FaultServer = fault_server("ssh_garbage")
    run = sftpcheck("127.0.0.1", "--port", str(server.port), "--timeout", "3")
    assert_passes(run, "protocol")  # the banner itself is fine
    assert_stops_at(run, "ssh", "ssh.handshake_failed")
