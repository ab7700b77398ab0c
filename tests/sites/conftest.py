"""Fixtures for running the real CLI with saved client sites against the test servers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.run import Runner
from tests.servers.sshd import SshServer


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
