"""Fixtures for the real servers the tests talk to (see tests/servers/).

Every server listens on 127.0.0.0/8 or ::1, or inside a namespace a test creates, and is
stopped, with its accounts and files removed, when its fixture ends. The sshd instances
are session-scoped because they take system accounts and a fraction of a second each.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers.dns import DnsServer, SilentDns, run_dns_server, run_silent_dns
from tests.servers.faults import FaultServer, run_fault_server
from tests.servers.ftp import FtpServer, run_ftp_server
from tests.servers.netns import NetNamespace, network_namespace
from tests.servers.quirky_sftp import Quirks, QuirkySftpServer, half_size, run_quirky_sftp_server
from tests.servers.sshd import SftpDrop, SshServer, run_sshd, sftp_drop


@pytest.fixture(scope="session")
def openssh_drop() -> Iterator[SftpDrop]:
    """The accounts, chroots and keys the sshd instances share (root only)."""
    with sftp_drop() as drop:
        yield drop


@pytest.fixture(scope="session")
def sshd_session(openssh_drop: SftpDrop) -> Iterator[SshServer]:
    with run_sshd(openssh_drop, "drop") as server:
        yield server


@pytest.fixture
def sshd(sshd_session: SshServer, openssh_drop: SftpDrop) -> Iterator[SshServer]:
    """The school-data drop sshd, with every account's upload directory empty before and
    after the test (the server itself lives for the whole session)."""
    openssh_drop.empty_upload_dirs()
    yield sshd_session
    openssh_drop.empty_upload_dirs()


@pytest.fixture(scope="session")
def sshd_no_sftp(openssh_drop: SftpDrop) -> Iterator[SshServer]:
    """Logins work; no SFTP subsystem, every session runs /bin/false."""
    with run_sshd(openssh_drop, "no_sftp") as server:
        yield server


@pytest.fixture(scope="session")
def sshd_legacy(openssh_drop: SftpDrop) -> Iterator[SshServer]:
    """Offers only diffie-hellman-group14-sha1 and ssh-rsa host keys."""
    with run_sshd(openssh_drop, "legacy") as server:
        yield server


@pytest.fixture(scope="session")
def sshd_throttling(openssh_drop: SftpDrop) -> Iterator[SshServer]:
    """The drop with MaxStartups 1 and MaxAuthTries 1: quick to turn an address away."""
    with run_sshd(openssh_drop, "throttling") as server:
        yield server


@pytest.fixture(scope="session")
def ftp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FtpServer]:
    with run_ftp_server(tmp_path_factory.mktemp("ftp-home")) as server:
        yield server


@pytest.fixture(scope="session")
def dns_server() -> Iterator[DnsServer]:
    """The `sftp.test` zone; `dns_server.pointing({...})` adds names for one test."""
    with run_dns_server() as server:
        yield server


@pytest.fixture(scope="session")
def silent_dns() -> Iterator[SilentDns]:
    with run_silent_dns() as server:
        yield server


@pytest.fixture
def fault_server() -> Iterator[Callable[[str], FaultServer]]:
    """A factory: `fault_server("silent")` starts one; all stop when the test ends."""
    with contextlib.ExitStack() as stack:
        yield lambda kind: stack.enter_context(run_fault_server(kind))


@pytest.fixture
def netns() -> Iterator[NetNamespace]:
    """A fresh network namespace with lo up (root only); deleted afterwards."""
    with network_namespace() as namespace:
        yield namespace


@pytest.fixture
def lying_sftp(tmp_path: Path) -> Iterator[QuirkySftpServer]:
    """A paramiko SFTP server whose stat reports half the real size of a file."""
    with run_quirky_sftp_server(tmp_path / "lying-sftp", Quirks(reported_size=half_size)) as server:
        yield server


@pytest.fixture
def quirky_sftp(tmp_path: Path) -> Iterator[Callable[..., QuirkySftpServer]]:
    """A factory: `quirky_sftp(login="keyboard-interactive")` starts one with those quirks."""
    with contextlib.ExitStack() as stack:
        started = itertools.count()

        def start(**quirks: Any) -> QuirkySftpServer:
            root = tmp_path / f"quirky-{next(started)}"
            return stack.enter_context(run_quirky_sftp_server(root, Quirks(**quirks)))

        yield start


@pytest.fixture
def run_secrets() -> Iterator[Callable[..., None]]:
    """`run_secrets("pw", users=("district",))` registers a run's secrets in this process,
    as a run of `check` does; they are forgotten when the test ends."""
    from sftpcheck.outside import register_secrets

    yield lambda *secrets, users=(): register_secrets(secrets, users)
    register_secrets(())
