"""Fixtures for running the real CLI with saved client sites against the test servers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.check.run import Runner
from tests.servers import sshd as sshd_servers
from tests.servers.matrix_accounts import MatrixServer
from tests.servers.proftpd import run_proftpd
from tests.servers.sshd import SftpDrop, SshServer


@pytest.fixture
def sftpcheck(tmp_path: Path) -> Runner:
    """Run `sftpcheck check ...` from outside, as a user would (JSON report by default)."""
    return Runner(home=tmp_path / "home")


@pytest.fixture
def known_hosts(sshd: SshServer, tmp_path: Path) -> Path:
    return sshd.write_known_hosts(tmp_path / "known_hosts")


@pytest.fixture
def vendor_profile(sshd: SshServer, known_hosts: Path, tmp_path: Path) -> Path:
    """The vendor's preset: its SFTP server is the test sshd (on its own port, not 22)."""
    path = tmp_path / "vendor.toml"
    path.write_text(
        f'host = "127.0.0.1"\nport = {sshd.port}\nknown-hosts = "{known_hosts}"\ntimeout = 5\n'
    )
    return path


def _no_rename_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """The ordinary drop, whose internal-sftp also refuses rename (and OpenSSH's
    posix-rename): a drop where an account may add files but not rename them."""
    return sshd_servers.drop_config(drop, instance, port, listen).replace(
        sshd_servers.SFTP_SERVER, sshd_servers.SFTP_SERVER + ",rename,posix-rename"
    )


# The sshd fixtures pick their config by name from this table.
sshd_servers.CONFIGS.setdefault("no_rename", _no_rename_config)


@pytest.fixture(scope="session")
def sshd_no_rename_session(openssh_drop: SftpDrop) -> Iterator[SshServer]:
    with sshd_servers.run_sshd(openssh_drop, "no_rename") as server:
        yield server


@pytest.fixture
def sshd_no_rename(
    sshd_no_rename_session: SshServer, openssh_drop: SftpDrop
) -> Iterator[SshServer]:
    """The drop sshd refusing setstat and rename, with empty upload directories."""
    openssh_drop.empty_upload_dirs()
    yield sshd_no_rename_session
    openssh_drop.empty_upload_dirs()


@pytest.fixture(scope="session")
def proftpd_server() -> Iterator[MatrixServer]:
    """ProFTPD's mod_sftp; its `nochmod` account refuses permissions sent with OPEN."""
    with run_proftpd() as server:
        yield server
