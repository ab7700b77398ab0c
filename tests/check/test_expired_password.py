"""A password that must be changed before the login can be used: sftpcheck says so, and never
changes it. It answers the login password once and no question after it.

Against OpenSSH with PAM (an account made to expire with `chage -d 0`), over
keyboard-interactive and over a plain password login, and against a server that would
take the same password again as the new one (pam_unix never does: it refuses a new
password equal to the old, so only a server of our own can show that harm).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.check.run import CheckRun, Runner, assert_passes, assert_stops_at
from tests.servers.dns import DnsServer
from tests.servers.pam_sshd import (
    PamSshServer,
    expire_password,
    must_change_password,
    run_pam_sshd,
    shadow_entry,
)
from tests.servers.password_change import PROMPT, run_password_change_server
from tests.servers.quirky_sftp import QuirkySftpServer
from tests.servers.sshd import SftpDrop

PAM_NOTICE = "You are required to change your password immediately"


@pytest.fixture(scope="module")
def pam_kbd_sshd(openssh_drop: SftpDrop) -> Iterator[PamSshServer]:
    with run_pam_sshd(openssh_drop, "keyboard-interactive") as server:
        yield server


@pytest.fixture(scope="module")
def pam_password_sshd(openssh_drop: SftpDrop) -> Iterator[PamSshServer]:
    with run_pam_sshd(openssh_drop, "password") as server:
        yield server


@pytest.fixture(scope="module")
def no_pam_sshd(openssh_drop: SftpDrop) -> Iterator[PamSshServer]:
    with run_pam_sshd(openssh_drop, "password", use_pam=False) as server:
        yield server


def _check(sftpcheck: Runner, server: PamSshServer, role: str, tmp_path: Path) -> CheckRun:
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(server.host_key_line + "\n")
    account = server.accounts[role]
    return sftpcheck(
        "127.0.0.1",
        "--port",
        str(server.port),
        "--user",
        account.username,
        "--known-hosts",
        str(known_hosts),
        "--timeout",
        "5",
        password=account.password,
    )


def test_an_expired_password_over_keyboard_interactive_is_reported_and_left_unchanged(
    sftpcheck: Runner, pam_kbd_sshd: PamSshServer, tmp_path: Path
) -> None:
    account = pam_kbd_sshd.accounts["expired"]
    expire_password(account)
    before = shadow_entry(account.username)
    rounds_before = len(pam_kbd_sshd.answers_to_pam())
    run = _check(sftpcheck, pam_kbd_sshd, "expired", tmp_path)
    assert_stops_at(run, "auth", "auth.password_expired")
    assert PAM_NOTICE in run.summary("auth")
    assert "password is unchanged" in run.summary("auth")
    # One round, one answer: the login password. PAM's "Current password:" that follows
    # got no answer, so neither did "New password:" nor "Retype new password:".
    assert pam_kbd_sshd.answers_to_pam()[rounds_before:] == [1], pam_kbd_sshd.log_text()[-3000:]
    assert run.check("auth")["details"]["prompts"][-1].endswith("Current password:")
    assert shadow_entry(account.username) == before
    assert must_change_password(account.username)


def test_an_expired_password_over_a_password_login_is_reported_at_the_login(
    sftpcheck: Runner, pam_password_sshd: PamSshServer, tmp_path: Path
) -> None:
    """sshd accepts the password, sends PAM's notice as a banner, then ends any session
    without a terminal: the login step says why, rather than 'no SFTP' one step later."""
    account = pam_password_sshd.accounts["expired"]
    expire_password(account)
    before = shadow_entry(account.username)
    run = _check(sftpcheck, pam_password_sshd, "expired", tmp_path)
    assert_stops_at(run, "auth", "auth.password_expired")
    assert PAM_NOTICE in run.summary("auth")
    assert shadow_entry(account.username) == before
    assert must_change_password(account.username)


def test_an_expired_password_without_pam_is_named_among_the_causes(
    sftpcheck: Runner, no_pam_sshd: PamSshServer, tmp_path: Path
) -> None:
    """With `UsePAM no`, sshd reads the shadow file itself: it takes the password, then
    runs passwd in place of the SFTP server and discards its warning (a subsystem's stderr
    is not sent). From outside it is an SFTP session that ends at once: both causes are
    named, with the one login that tells them apart, and the password is unchanged."""
    account = no_pam_sshd.accounts["expired"]
    expire_password(account)
    before = shadow_entry(account.username)
    run = _check(sftpcheck, no_pam_sshd, "expired", tmp_path)
    assert_stops_at(run, "remote_dir", "remote_dir.no_sftp")
    summary = run.summary("remote_dir")
    assert "ended the SFTP session as soon as it began" in summary, run.describe()
    assert "the password has expired" in summary, run.describe()
    assert "Your password has expired" in summary, run.describe()
    assert shadow_entry(account.username) == before
    assert must_change_password(account.username)


def test_a_current_password_over_pam_keyboard_interactive_logs_in_with_one_answer(
    sftpcheck: Runner, pam_kbd_sshd: PamSshServer, tmp_path: Path
) -> None:
    rounds_before = len(pam_kbd_sshd.answers_to_pam())
    run = _check(sftpcheck, pam_kbd_sshd, "district", tmp_path)
    assert_passes(run, "auth", "remote_dir", "upload")
    assert run.check("auth")["details"]["tried"] == ["keyboard-interactive"]
    # The password, then sshd's last round, which holds no question (an empty reply).
    assert pam_kbd_sshd.answers_to_pam()[rounds_before:] == [1, 0]


def test_a_server_that_would_take_the_same_password_again_keeps_it(
    sftpcheck: Runner, quirky_sftp: Callable[..., QuirkySftpServer]
) -> None:
    server = quirky_sftp(login="keyboard-interactive+expired")
    run = sftpcheck(
        "127.0.0.1",
        "--port",
        str(server.port),
        "--user",
        server.username,
        "--expect-fingerprint",
        server.fingerprint,
        "--timeout",
        "5",
        password=server.password,
    )
    assert_stops_at(run, "auth", "auth.password_expired")
    assert server.answers == [[server.password]]
    assert server.changed_to == []


def test_a_password_login_answered_with_change_it_first_is_an_expired_password(
    sftpcheck: Runner,
) -> None:
    """RFC 4252's own way to demand a new password (SSH_MSG_USERAUTH_PASSWD_CHANGEREQ):
    paramiko took it for a protocol error, and the report blamed a dropped connection."""
    with run_password_change_server() as server:
        run = sftpcheck(
            "127.0.0.1",
            "--port",
            str(server.port),
            "--user",
            server.username,
            "--expect-fingerprint",
            server.fingerprint,
            "--timeout",
            "5",
            password=server.password,
        )
    assert_stops_at(run, "auth", "auth.password_expired")
    assert PROMPT in run.summary("auth")
    assert server.changed_to == []


def test_another_address_that_asks_for_a_new_password_gets_no_answer(
    sftpcheck: Runner, quirky_sftp: Callable[..., QuirkySftpServer], dns_server: DnsServer
) -> None:
    """The login on the name's other addresses follows the same rule: on a second node
    where the account's password expired, the change is not answered either."""
    server = quirky_sftp(
        login="keyboard-interactive",
        second_address="127.0.0.2",
        second_login="keyboard-interactive+expired",
    )
    with dns_server.pointing({"nodes.sftp.test": ["127.0.0.1", "127.0.0.2"]}):
        run = sftpcheck(
            "nodes.sftp.test",
            "--port",
            str(server.port),
            "--user",
            server.username,
            "--resolver",
            dns_server.resolver_option,
            "--expect-fingerprint",
            server.fingerprint,
            "--no-upload",
            "--timeout",
            "5",
            password=server.password,
        )
    assert_passes(run, "auth")
    other = run.check("auth")["details"]["other_addresses"]
    assert other == {"127.0.0.2": "asked for a new password, which sftpcheck does not answer"}
    assert server.answers == [[server.password], [server.password]]
    assert server.changed_to == []
