"""Fixtures for issue 21's promises: the real command, bounded, against hostile peers."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers.hostile import HostileServer, Hostility, run_hostile_server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A private HOME: no personal ~/.ssh or saved sites leak into a run."""
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def server_and_known_hosts(
    hostile: Callable[..., HostileServer], tmp_path: Path
) -> tuple[HostileServer, Path]:
    """A plain hostile server (no hostility) and a known_hosts file that trusts it."""
    server = hostile()
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(server.known_hosts_line)
    return server, known_hosts


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[Callable[..., HostileServer]]:
    """A factory: `hostile(banner="...", stall="open")` starts one; all stop at the end."""
    with contextlib.ExitStack() as stack:
        started = itertools.count()

        def start(**hostility: Any) -> HostileServer:
            root = tmp_path / f"hostile-{next(started)}"
            return stack.enter_context(run_hostile_server(root, Hostility(**hostility)))

        yield start
