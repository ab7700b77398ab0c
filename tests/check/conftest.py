"""Fixtures for running the real CLI against the test servers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.run import Runner
from tests.servers.sshd import SshServer


@pytest.fixture
def sftpcheck(tmp_path: Path) -> Runner:
    """Run `sftpcheck check ...`; returns a CheckRun (JSON report parsed by default)."""
    return Runner(home=tmp_path / "home")


@pytest.fixture
def known_hosts(sshd: SshServer, tmp_path: Path) -> Path:
    """A known_hosts file that trusts the drop sshd's real host key."""
    return sshd.write_known_hosts(tmp_path / "known_hosts")
