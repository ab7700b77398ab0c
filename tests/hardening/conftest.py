"""Fixtures for the hardening tests: the real CLI, run as a new user would run it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.run import Runner
from tests.hardening.cli import Cli
from tests.servers.sshd import SshServer


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """Run the installed `sftpcheck` with a private HOME and no inherited SFTPCHECK_ vars."""
    return Cli(home=tmp_path / "home")


@pytest.fixture
def known_hosts(sshd: SshServer, tmp_path: Path) -> Path:
    return sshd.write_known_hosts(tmp_path / "known_hosts")


@pytest.fixture
def sftpcheck(tmp_path: Path) -> Runner:
    """tests/check's Runner: JSON report parsed, every secret proven absent."""
    return Runner(home=tmp_path / "home")
