"""The matrix's servers are what their scenarios say, seen with OpenSSH's own sftp client
(not with sftpcheck): otherwise a matrix case could pass against a server that does not
play its part.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.servers.matrix_accounts import MatrixAccount, MatrixServer
from tests.servers.need import need_program

PLAYED = ("proftpd", "dropbear", "asyncssh", "go", "node")


def _sftp(
    server: MatrixServer,
    account: MatrixAccount,
    commands: str,
    tmp: Path,
    *options: str,
) -> subprocess.CompletedProcess[str]:
    need_program("sftp", "openssh-client")
    known_hosts = server.write_known_hosts(tmp / "known_hosts_openssh")
    return subprocess.run(
        [
            shutil.which("sftp") or "sftp",
            "-b",
            "-",
            "-F",
            "/dev/null",
            "-i",
            str(account.key_path),
            "-P",
            str(server.port_for(account.role)),
            "-o",
            f"UserKnownHostsFile={known_hosts}",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "ConnectTimeout=5",
            *options,
            f"{account.username}@127.0.0.1",
        ],
        input=commands,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.fixture(params=PLAYED)
def server(request: pytest.FixtureRequest) -> MatrixServer:
    return request.getfixturevalue(f"{request.param}_server")  # type: ignore[no-any-return]


def test_district_lands_and_has_a_write_only_inbox(server: MatrixServer, tmp_path: Path) -> None:
    account = server.accounts["district"]
    local = tmp_path / "hello.txt"
    local.write_text("hello\n")
    done = _sftp(server, account, f"pwd\nput {local} {account.inbox}/hello.txt\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"Remote working directory: {account.landing}" in done.stdout
    assert (account.inbox_on_disk / "hello.txt").read_text() == "hello\n"
    (account.inbox_on_disk / "hello.txt").unlink()
    listed = _sftp(server, account, f"ls {account.inbox}\n", tmp_path)
    assert listed.returncode != 0, listed.stdout
    assert "Permission denied" in listed.stderr


def test_root_may_not_be_listed(server: MatrixServer, tmp_path: Path) -> None:
    if server.name == "dropbear":
        pytest.skip("dropbear has no chroot: its / is the machine's own, which may be listed")
    done = _sftp(server, server.accounts["district"], "ls /\n", tmp_path)
    assert done.returncode != 0, done.stdout
    assert "Permission denied" in done.stderr


def test_read_only_landing_refuses_a_file(server: MatrixServer, tmp_path: Path) -> None:
    account = server.accounts["readonly"]
    done = _sftp(server, account, "put /etc/hostname hostname\n", tmp_path)
    assert done.returncode != 0, done.stdout
    assert "Permission denied" in done.stderr
    assert not (account.landing_on_disk / "hostname").exists()


def test_setstat_is_refused(server: MatrixServer, tmp_path: Path) -> None:
    account = server.accounts["nosetstat"]
    local = tmp_path / "file.txt"
    local.write_text("data\n")
    done = _sftp(server, account, f"put {local} file.txt\nchmod 600 file.txt\n", tmp_path)
    try:
        assert done.returncode != 0, done.stdout
        assert "setstat" in done.stderr, done.stderr
    finally:
        (account.landing_on_disk / "file.txt").unlink(missing_ok=True)


def test_setstat_is_accepted_and_ignored(server: MatrixServer, tmp_path: Path) -> None:
    if server.name == "dropbear":
        pytest.skip("OpenSSH's sftp-server cannot accept a setstat and ignore it")
    account = server.accounts["ignoresetstat"]
    local = tmp_path / "file.txt"
    local.write_text("data\n")
    local.chmod(0o644)
    done = _sftp(server, account, f"put {local} file.txt\nchmod 600 file.txt\n", tmp_path)
    on_disk = account.landing_on_disk / "file.txt"
    try:
        assert done.returncode == 0, done.stderr
        assert on_disk.stat().st_mode & 0o777 != 0o600
    finally:
        on_disk.unlink(missing_ok=True)


def test_key_only_account_is_offered_no_password(server: MatrixServer, tmp_path: Path) -> None:
    done = _sftp(
        server, server.accounts["keyonly"], "pwd\n", tmp_path, "-o", "PubkeyAuthentication=no"
    )
    assert done.returncode != 0
    assert "Permission denied (publickey)." in done.stderr


def test_two_factor_account_wants_the_password_after_the_key(
    server: MatrixServer, tmp_path: Path
) -> None:
    if server.name in ("asyncssh", "go"):
        pytest.skip(f"{server.name} has no partial-success logins")
    done = _sftp(server, server.accounts["twofactor"], "pwd\n", tmp_path, "-v")
    assert done.returncode != 0
    assert 'Authenticated using "publickey" with partial success.' in done.stderr
    assert "Permission denied (password)." in done.stderr


@pytest.mark.parametrize("name", ["asyncssh", "go", "node"])
def test_full_quota_refuses_a_file_with_failure(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    server: MatrixServer = request.getfixturevalue(f"{name}_server")
    account = server.accounts["quota"]
    done = _sftp(server, account, "put /etc/hostname hostname\n", tmp_path)
    assert done.returncode != 0, done.stdout
    assert "Failure" in done.stderr, done.stderr  # status 4 (OpenSSH shows no server text)
    assert not (account.landing_on_disk / "hostname").exists()
