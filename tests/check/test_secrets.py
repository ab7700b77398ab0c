"""No password or passphrase in any report format, in --output, or on stderr.

The Runner already refuses a run whose stdout or stderr holds a secret; these tests drive
the paths most likely to leak one (a refused login, a failed handshake after the password
was read, a passphrase-protected key) through all three formats and --output.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.check.run import Runner, assert_input_error, login_args
from tests.servers.sshd import SshServer

FORMATS = ["text", "markdown", "json"]
WRONG_PASSWORD = "Kiwi-Secret-7Q2x-Wrong"
# The mask sftpcheck's last-resort redaction writes: seeing it means a check put a secret
# into a result, which the contract forbids even if the mask then hid it.
MASK = "********"


def _assert_clean(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text
    assert MASK not in text


@pytest.mark.parametrize("output_format", FORMATS)
def test_password_in_no_format_when_login_works(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path, output_format: str
) -> None:
    account = sshd.accounts["district"]
    assert account.password is not None
    report_file = tmp_path / f"report.{output_format}"
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--setstat",
        "--output",
        str(report_file),
        password=account.password,
        output_format=output_format,
    )
    assert run.exit_code == 0, run.describe()
    assert account.username in run.stdout
    _assert_clean(run.stdout + run.stderr, account.password)
    _assert_clean(report_file.read_text(), account.password)


@pytest.mark.parametrize("output_format", FORMATS)
def test_wrong_password_in_no_format(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path, output_format: str
) -> None:
    report_file = tmp_path / f"report.{output_format}"
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--output",
        str(report_file),
        password=WRONG_PASSWORD,
        output_format=output_format,
    )
    assert run.exit_code == 1, run.describe()
    assert "auth.rejected" in run.stdout
    _assert_clean(run.stdout + run.stderr, WRONG_PASSWORD)
    _assert_clean(report_file.read_text(), WRONG_PASSWORD)


@pytest.mark.parametrize("output_format", FORMATS)
def test_password_in_no_format_when_the_host_key_is_wrong(
    sftpcheck: Runner, sshd: SshServer, tmp_path: Path, output_format: str
) -> None:
    account = sshd.accounts["district"]
    assert account.password is not None
    wrong = sshd.write_wrong_known_hosts(tmp_path / "known_hosts")
    run = sftpcheck(
        *login_args(sshd, "district", wrong),
        password=account.password,
        output_format=output_format,
    )
    assert run.exit_code == 1, run.describe()
    assert "ssh.hostkey_mismatch" in run.stdout
    _assert_clean(run.stdout + run.stderr, account.password)


@pytest.mark.parametrize("output_format", FORMATS)
def test_passphrase_and_password_in_no_format(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, output_format: str
) -> None:
    account = sshd.accounts["keyonly"]
    assert account.encrypted_key_path is not None
    assert account.passphrase is not None
    run = sftpcheck(
        *login_args(sshd, "keyonly", known_hosts),
        "--key",
        str(account.encrypted_key_path),
        password=WRONG_PASSWORD,
        passphrase=account.passphrase,
        output_format=output_format,
    )
    assert run.exit_code == 0, run.describe()
    _assert_clean(run.stdout + run.stderr, account.passphrase, WRONG_PASSWORD)
    key_material = account.encrypted_key_path.read_text().splitlines()[1]
    assert key_material not in run.stdout


def test_wrong_passphrase_is_an_input_error_without_the_passphrase(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["keyonly"]
    assert account.encrypted_key_path is not None
    run = sftpcheck(
        *login_args(sshd, "keyonly", known_hosts),
        "--key",
        str(account.encrypted_key_path),
        passphrase="Kiwi-Not-The-Passphrase",
    )
    assert run.exit_code == 2, run.describe()
    assert len(run.stderr.strip().splitlines()) == 1, run.describe()
    assert "passphrase" in run.stderr.lower()
    _assert_clean(run.stdout + run.stderr, "Kiwi-Not-The-Passphrase")


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A plain TCP listener on 127.0.0.1: a connection made to it waits in its queue."""
    with socket.create_server(("127.0.0.1", 0), backlog=8) as sock:
        sock.setblocking(False)
        yield sock


def _was_connected(listener: socket.socket) -> bool:
    try:
        connection, _ = listener.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


@pytest.mark.parametrize(
    ("target", "more"),
    [
        ("district42:S3cretPw@127.0.0.1", ()),
        ("district42:S3cret@Pw@127.0.0.1", ()),
        ("district42:S3cretPw@127.0.0.1", ("--user", "district42")),
        ("127.0.0.1", ("--user", "district42:S3cretPw")),
    ],
)
def test_a_password_in_the_target_is_refused_before_anything_is_sent(
    sftpcheck: Runner, listener: socket.socket, target: str, more: tuple[str, ...]
) -> None:
    """`user:password@host` would send `user:password` as the user name, and print it."""
    port = listener.getsockname()[1]
    run = sftpcheck(target, "--port", str(port), "--timeout", "2", *more)
    assert_input_error(run, "password", "SFTPCHECK_PASSWORD")
    for part in ("S3cretPw", "S3cret@Pw"):
        assert part not in run.stdout + run.stderr, run.describe()
    assert not _was_connected(listener), "sftpcheck connected with the password as a user name"
