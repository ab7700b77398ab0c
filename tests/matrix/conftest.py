"""The servers of the matrix, each started once per session on 127.0.0.1 and stopped, with
what it created, when the session ends. A fixture is named `<server>_server` after the
server's name in the matrix table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers.asyncssh_server import run_asyncssh_server
from tests.servers.dropbear import run_dropbear
from tests.servers.go_server import run_go_server
from tests.servers.matrix_accounts import MatrixServer
from tests.servers.node_server import run_node_server
from tests.servers.proftpd import run_proftpd
from tests.servers.tinysshd import run_tinysshd


@pytest.fixture(scope="session")
def proftpd_server() -> Iterator[MatrixServer]:
    with run_proftpd() as server:
        yield server


@pytest.fixture(scope="session")
def dropbear_server() -> Iterator[MatrixServer]:
    with run_dropbear() as server:
        yield server


@pytest.fixture(scope="session")
def tinysshd_server() -> Iterator[MatrixServer]:
    with run_tinysshd() as server:
        yield server


@pytest.fixture(scope="session")
def asyncssh_server() -> Iterator[MatrixServer]:
    with run_asyncssh_server() as server:
        yield server


@pytest.fixture(scope="session")
def go_server() -> Iterator[MatrixServer]:
    with run_go_server() as server:
        yield server


@pytest.fixture(scope="session")
def node_server() -> Iterator[MatrixServer]:
    with run_node_server() as server:
        yield server
