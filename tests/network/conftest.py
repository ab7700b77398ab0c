"""Fixtures for the network tests: real proxies in front of the real test sshd."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.network.run import NetworkRunner
from tests.servers.proxies import ProxyLogin, ProxyServer, proxy_login, run_dante, run_tinyproxy
from tests.servers.sshd import SshServer

# A name that only the proxies can resolve (in their own /etc/hosts): a run that reaches the
# server by this name went through the proxy, since this machine cannot look it up at all.
VENDOR_NAME = "sftp.behind-proxy.test"
NAMES = {VENDOR_NAME: "127.0.0.1"}
HTTPS_PORT = 443


@pytest.fixture
def network_run(tmp_path: Path) -> NetworkRunner:
    return NetworkRunner(home=tmp_path / "home")


@pytest.fixture(scope="session")
def login_for_proxies() -> Iterator[ProxyLogin]:
    with proxy_login() as login:
        yield login


@pytest.fixture(scope="session")
def tinyproxy_open(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProxyServer]:
    """CONNECT to any port (no ConnectPort lines)."""
    with run_tinyproxy(tmp_path_factory.mktemp("tinyproxy-open"), names=NAMES) as server:
        yield server


@pytest.fixture(scope="session")
def tinyproxy_web_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProxyServer]:
    """CONNECT to port 443 only, as Squid's stock `http_access deny CONNECT !SSL_ports`."""
    directory = tmp_path_factory.mktemp("tinyproxy-443")
    with run_tinyproxy(directory, connect_ports=(HTTPS_PORT,), names=NAMES) as server:
        yield server


@pytest.fixture(scope="session")
def tinyproxy_sftp_allowed(
    tmp_path_factory: pytest.TempPathFactory, sshd_session: SshServer
) -> Iterator[ProxyServer]:
    """The network team's fix for the one above: ConnectPort for the SFTP server's port too."""
    directory = tmp_path_factory.mktemp("tinyproxy-sftp")
    ports = (HTTPS_PORT, sshd_session.port)
    with run_tinyproxy(directory, connect_ports=ports, names=NAMES) as server:
        yield server


@pytest.fixture(scope="session")
def tinyproxy_login(
    tmp_path_factory: pytest.TempPathFactory, login_for_proxies: ProxyLogin
) -> Iterator[ProxyServer]:
    directory = tmp_path_factory.mktemp("tinyproxy-login")
    with run_tinyproxy(directory, login=login_for_proxies, names=NAMES) as server:
        yield server


@pytest.fixture(scope="session")
def dante_open(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProxyServer]:
    """SOCKS5 and SOCKS4 without a login; port 9 (discard) is blocked by a rule."""
    directory = tmp_path_factory.mktemp("dante-open")
    with run_dante(directory, blocked_ports=(9,), names=NAMES) as server:
        yield server


@pytest.fixture(scope="session")
def dante_login(
    tmp_path_factory: pytest.TempPathFactory, login_for_proxies: ProxyLogin
) -> Iterator[ProxyServer]:
    """SOCKS5 with `socksmethod: username` (a system account's password)."""
    directory = tmp_path_factory.mktemp("dante-login")
    with run_dante(directory, login=login_for_proxies, names=NAMES) as server:
        yield server


@pytest.fixture
def vendor_known_hosts(sshd: SshServer, tmp_path: Path) -> Path:
    """known_hosts trusting the test sshd under the name only the proxies know."""
    key = " ".join(sshd.host_key_line.split()[1:])
    path = tmp_path / "known_hosts"
    path.write_text(f"[{VENDOR_NAME}]:{sshd.port} {key}\n[127.0.0.1]:{sshd.port} {key}\n")
    return path
