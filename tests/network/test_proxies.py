"""--proxy against real proxies on loopback: tinyproxy (HTTP CONNECT) and Dante (SOCKS5,
SOCKS4), in front of the real test sshd.

A healthy run through each proxy logs in and uploads; each way a proxy can fail gets its
code and the proxy's own answer, quoted. The proxy password is only ever in the
environment, and the runner proves it absent from every output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.check.run import CheckRun, assert_input_error, assert_passes, assert_stops_at
from tests.network.conftest import VENDOR_NAME
from tests.network.run import NetworkRunner
from tests.servers.faults import GARBAGE_BANNER, FaultServer
from tests.servers.netns import NetNamespace
from tests.servers.processes import free_port
from tests.servers.proxies import (
    ProxyServer,
    quirky_http_proxy,
    run_dante,
    run_tinyproxy,
    silent_proxy,
)
from tests.servers.sshd import SshServer

TIMEOUT = "5"


def _args(server: SshServer, host: str, known_hosts: Path, proxy_url: str) -> list[str]:
    user = server.accounts["district"].username
    return [host, "--port", str(server.port), "--user", user, "--known-hosts", str(known_hosts),
            "--timeout", TIMEOUT, "--proxy", proxy_url]  # fmt: skip


def _proxy_run(
    network_run: NetworkRunner,
    sshd: SshServer,
    known_hosts: Path,
    proxy_url: str,
    host: str = "127.0.0.1",
    proxy_password: str | None = None,
    port: int | None = None,
) -> CheckRun:
    args = _args(sshd, host, known_hosts, proxy_url)
    if port is not None:
        args[2] = str(port)
    password = sshd.accounts["district"].password
    return network_run(*args, password=password, proxy_password=proxy_password)


# proxy fixture, URL scheme, target name, whether the proxy wants the login
HEALTHY = [
    pytest.param("tinyproxy_open", "http", VENDOR_NAME, False, id="tinyproxy"),
    pytest.param("tinyproxy_sftp_allowed", "http", VENDOR_NAME, False, id="tinyproxy-connectport"),
    pytest.param("tinyproxy_login", "http", VENDOR_NAME, True, id="tinyproxy-basic-auth"),
    pytest.param("dante_open", "socks5", VENDOR_NAME, False, id="dante-socks5"),
    pytest.param("dante_login", "socks5", VENDOR_NAME, True, id="dante-socks5-login"),
    # SOCKS4 carries only an IPv4 address: the name is looked up here, so use an address.
    pytest.param("dante_open", "socks4", "127.0.0.1", False, id="dante-socks4"),
]


@pytest.mark.parametrize(("fixture", "scheme", "host", "with_login"), HEALTHY)
def test_a_healthy_run_through_the_proxy_logs_in_and_uploads(
    request: pytest.FixtureRequest,
    network_run: NetworkRunner,
    sshd: SshServer,
    vendor_known_hosts: Path,
    fixture: str,
    scheme: str,
    host: str,
    with_login: bool,
) -> None:
    proxy: ProxyServer = request.getfixturevalue(fixture)
    secret = proxy.login.password if with_login and proxy.login else None
    before = proxy.log_text()
    run = _proxy_run(
        network_run, sshd, vendor_known_hosts, proxy.url(scheme), host, proxy_password=secret
    )
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir", "upload")
    assert run.exit_code == 0, run.describe()
    tcp = run.check("tcp")
    assert tcp["details"]["proxy"] == proxy.url(scheme), run.describe()
    assert proxy.url(scheme) in run.summary("tcp"), run.describe()
    assert run.check("upload")["details"], run.describe()
    # The proxy itself saw the connection to the sshd's port.
    said = proxy.log_text()[len(before) :]
    assert f"{sshd.port}" in said, said
    if host == VENDOR_NAME:
        # This machine cannot resolve the name: only the proxy could have reached the server.
        assert "proxy" in run.summary("dns").lower(), run.describe()


def test_a_greeting_in_the_same_packet_as_the_proxy_reply_is_kept(
    network_run: NetworkRunner,
    sshd: SshServer,
    vendor_known_hosts: Path,
    tinyproxy_open: ProxyServer,
    fault_server: Callable[[str], FaultServer],
) -> None:
    """A server that greets the moment it accepts: through tinyproxy its greeting arrives with
    the proxy's "200 Connection established", which one read of the reply would swallow."""
    server = fault_server("ssh_garbage")
    run = _proxy_run(network_run, sshd, vendor_known_hosts, tinyproxy_open.url(), port=server.port)
    assert run.status("protocol") == "pass", run.describe()
    expected = GARBAGE_BANNER.decode().strip()
    assert run.check("protocol")["details"]["first_line"] == expected, run.describe()


@pytest.mark.parametrize("reply", ["split", "with_greeting"])
def test_the_ssh_greeting_is_kept_whole_whatever_packets_the_proxy_reply_comes_in(
    network_run: NetworkRunner, sshd: SshServer, vendor_known_hosts: Path, reply: str
) -> None:
    """The reply's header in two packets, or in one with the server's greeting: no header
    line may reach the SSH stream, and no byte of the greeting may be lost."""
    with quirky_http_proxy((sshd.host, sshd.port), reply) as port:
        run = _proxy_run(network_run, sshd, vendor_known_hosts, f"http://127.0.0.1:{port}")
    assert_passes(run, "tcp", "protocol", "ssh", "auth", "remote_dir", "upload")
    protocol = run.check("protocol")["details"]
    assert protocol["first_line"].startswith("SSH-2.0-OpenSSH"), run.describe()
    # Only the greeting line was read before the SSH exchange: no proxy header came along.
    assert protocol["bytes_received"] == len(protocol["first_line"]) + 2, run.describe()


def test_a_proxy_that_allows_only_the_web_port_is_denied_and_quoted(
    network_run: NetworkRunner,
    sshd: SshServer,
    vendor_known_hosts: Path,
    tinyproxy_web_only: ProxyServer,
) -> None:
    run = _proxy_run(network_run, sshd, vendor_known_hosts, tinyproxy_web_only.url())
    assert_stops_at(run, "tcp", "tcp.proxy_denied")
    assert "'HTTP/1.1 403 Access violation'" in run.summary("tcp"), run.describe()
    assert f"127.0.0.1 port {sshd.port}" in run.summary("tcp"), run.describe()
    assert run.check("tcp")["details"]["answer"] == "HTTP/1.1 403 Access violation"


def test_a_socks_rule_that_blocks_the_port_is_denied_and_quoted(
    network_run: NetworkRunner, sshd: SshServer, vendor_known_hosts: Path, dante_open: ProxyServer
) -> None:
    run = _proxy_run(network_run, sshd, vendor_known_hosts, dante_open.url(), port=9)
    assert_stops_at(run, "tcp", "tcp.proxy_denied")
    assert "Connection not allowed by ruleset (SOCKS5 reply 2)" in run.summary("tcp")


@pytest.mark.parametrize(
    ("user", "secret", "answer"),
    [
        pytest.param("", None, "'HTTP/1.0 407 Proxy Authentication Required'", id="no-login"),
        pytest.param(None, "Wrong-Proxy-Pw-1", "'HTTP/1.0 401 Unauthorized'", id="wrong-password"),
    ],
)
def test_an_http_proxy_login_that_is_missing_or_wrong_is_proxy_auth(
    network_run: NetworkRunner,
    sshd: SshServer,
    vendor_known_hosts: Path,
    tinyproxy_login: ProxyServer,
    user: str | None,
    secret: str | None,
    answer: str,
) -> None:
    url = tinyproxy_login.url(user=user)
    run = _proxy_run(network_run, sshd, vendor_known_hosts, url, proxy_password=secret)
    assert_stops_at(run, "tcp", "tcp.proxy_auth")
    assert answer in run.summary("tcp"), run.describe()


@pytest.mark.parametrize(
    ("user", "secret", "answer"),
    [
        pytest.param("", None, "no acceptable authentication method", id="no-login"),
        pytest.param(
            None, "Wrong-Proxy-Pw-2", "Username and password authentication failure", id="wrong"
        ),
    ],
)
def test_a_socks5_login_that_is_missing_or_wrong_is_proxy_auth(
    network_run: NetworkRunner,
    sshd: SshServer,
    vendor_known_hosts: Path,
    dante_login: ProxyServer,
    user: str | None,
    secret: str | None,
    answer: str,
) -> None:
    url = dante_login.url(user=user)
    run = _proxy_run(network_run, sshd, vendor_known_hosts, url, proxy_password=secret)
    assert_stops_at(run, "tcp", "tcp.proxy_auth")
    assert answer in run.summary("tcp"), run.describe()


@pytest.mark.parametrize(
    ("fixture", "answer"),
    [
        pytest.param("tinyproxy_open", "'HTTP/1.1 500 Unable to connect'", id="tinyproxy"),
        pytest.param("dante_open", "Connection refused by destination host", id="dante"),
    ],
)
def test_a_closed_port_behind_the_proxy_is_proxy_cannot_reach(
    request: pytest.FixtureRequest,
    network_run: NetworkRunner,
    sshd: SshServer,
    vendor_known_hosts: Path,
    fixture: str,
    answer: str,
) -> None:
    proxy: ProxyServer = request.getfixturevalue(fixture)
    closed = free_port()
    run = _proxy_run(network_run, sshd, vendor_known_hosts, proxy.url(), port=closed)
    assert_stops_at(run, "tcp", "tcp.proxy_cannot_reach")
    assert answer in run.summary("tcp"), run.describe()
    assert f"port {closed}" in run.summary("tcp"), run.describe()


@pytest.mark.parametrize(
    ("fixture", "answer"),
    [
        pytest.param("tinyproxy_open", "'HTTP/1.1 500 Unable to connect'", id="tinyproxy"),
        pytest.param("dante_open", "Host unreachable (SOCKS5 reply 4)", id="dante"),
    ],
)
def test_a_name_the_proxy_cannot_resolve_is_proxy_cannot_reach(
    request: pytest.FixtureRequest,
    network_run: NetworkRunner,
    sshd: SshServer,
    vendor_known_hosts: Path,
    fixture: str,
    answer: str,
) -> None:
    proxy: ProxyServer = request.getfixturevalue(fixture)
    name = "no-such-server.behind-proxy.test"
    run = _proxy_run(network_run, sshd, vendor_known_hosts, proxy.url(), host=name)
    assert_stops_at(run, "tcp", "tcp.proxy_cannot_reach")
    assert answer in run.summary("tcp"), run.describe()
    assert name in run.summary("tcp"), run.describe()


@pytest.mark.parametrize("proxy_kind", ["tinyproxy", "dante"])
def test_a_server_the_proxy_cannot_reach_in_time_is_proxy_timeout(
    network_run: NetworkRunner, netns: NetNamespace, tmp_path: Path, proxy_kind: str
) -> None:
    """The proxy answers, but the server's firewall drops its connection attempts."""
    dropped_port = 2222  # inside a fresh namespace every port is free
    netns.drop(dropped_port)
    start = run_tinyproxy if proxy_kind == "tinyproxy" else run_dante
    with start(tmp_path / proxy_kind, namespace=netns) as proxy:
        run = network_run(
            "127.0.0.1", "--port", str(dropped_port), "--timeout", "3", "--proxy", proxy.url(),
            namespace=netns,
        )  # fmt: skip
    assert_stops_at(run, "tcp", "tcp.proxy_timeout")
    assert f"within 3 s when asked to connect to 127.0.0.1 port {dropped_port}" in run.summary(
        "tcp"
    ), run.describe()


def test_a_profile_can_name_the_proxy(
    network_run: NetworkRunner,
    sshd: SshServer,
    vendor_known_hosts: Path,
    dante_open: ProxyServer,
    tmp_path: Path,
) -> None:
    profile = tmp_path / "vendor.toml"
    settings = [f'host = "{VENDOR_NAME}"', f"port = {sshd.port}", f'proxy = "{dante_open.url()}"']
    profile.write_text("\n".join(settings) + "\n")
    account = sshd.accounts["district"]
    run = network_run(
        "--profile", str(profile), "--user", account.username,
        "--known-hosts", str(vendor_known_hosts), "--no-upload",
        password=account.password,
    )  # fmt: skip
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir")
    assert run.check("tcp")["details"]["proxy"] == dante_open.url(), run.describe()


def test_nothing_at_the_proxy_address_is_proxy_refused(
    network_run: NetworkRunner, sshd: SshServer, vendor_known_hosts: Path
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    run = _proxy_run(network_run, sshd, vendor_known_hosts, url)
    assert_stops_at(run, "tcp", "tcp.proxy_refused")
    assert "the proxy refused the connection" in run.summary("tcp"), run.describe()


def test_an_ssh_server_set_as_the_proxy_is_not_a_proxy(
    network_run: NetworkRunner, sshd: SshServer, vendor_known_hosts: Path
) -> None:
    run = _proxy_run(network_run, sshd, vendor_known_hosts, f"http://127.0.0.1:{sshd.port}")
    assert_stops_at(run, "tcp", "tcp.proxy_refused")
    assert "not an HTTP proxy" in run.summary("tcp"), run.describe()
    assert "SSH-2.0-OpenSSH" in run.summary("tcp"), run.describe()


@pytest.mark.parametrize("scheme", ["http", "socks5"])
def test_a_proxy_that_never_answers_is_proxy_timeout(
    network_run: NetworkRunner, sshd: SshServer, vendor_known_hosts: Path, scheme: str
) -> None:
    with silent_proxy() as port:
        run = _proxy_run(network_run, sshd, vendor_known_hosts, f"{scheme}://127.0.0.1:{port}")
    assert_stops_at(run, "tcp", "tcp.proxy_timeout")
    assert f"within {TIMEOUT} s" in run.summary("tcp"), run.describe()


def test_a_proxy_address_whose_traffic_is_dropped_is_proxy_timeout(
    network_run: NetworkRunner, netns: NetNamespace
) -> None:
    proxy_port = 3128  # inside a fresh namespace every port is free
    netns.drop(proxy_port)
    url = f"http://127.0.0.1:{proxy_port}"
    run = network_run("127.0.0.1", "--timeout", "2", "--proxy", url, namespace=netns)
    assert_stops_at(run, "tcp", "tcp.proxy_timeout")
    assert f"The proxy {url} did not accept a connection within 2 s." in run.summary("tcp")


def test_proxy_none_goes_direct(
    network_run: NetworkRunner, sshd: SshServer, vendor_known_hosts: Path
) -> None:
    run = _proxy_run(network_run, sshd, vendor_known_hosts, "none")
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir", "upload")
    assert "proxy" not in run.check("tcp")["details"], run.describe()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        pytest.param("http://alice:Secret-In-Url-9@127.0.0.1:3128", ["password"], id="password"),
        pytest.param("ftp://127.0.0.1:21", ["not a proxy URL"], id="scheme"),
        pytest.param("http://127.0.0.1", ["no port"], id="no-port"),
        pytest.param("socks5://127.0.0.1:notaport", ["not a number"], id="bad-port"),
        pytest.param("socks5://jürgen@127.0.0.1:1080", ["plain ASCII"], id="socks5-non-ascii"),
    ],
)
def test_an_unusable_proxy_url_is_one_sentence_and_exit_2(
    network_run: NetworkRunner, url: str, words: list[str]
) -> None:
    run = network_run("127.0.0.1", "--proxy", url)
    assert_input_error(run, *words)
    assert "Secret-In-Url-9" not in run.stderr, run.describe()


def test_a_proxy_password_without_a_proxy_user_is_refused(network_run: NetworkRunner) -> None:
    secret = "Lonely-Proxy-Pw-3"
    run = network_run("127.0.0.1", "--proxy", "socks5://127.0.0.1:1080", proxy_password=secret)
    assert_input_error(run, "SFTPCHECK_PROXY_PASSWORD", "names no user")
