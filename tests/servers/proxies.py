"""Real proxies on loopback: tinyproxy (HTTP CONNECT) and Dante (SOCKS5, SOCKS4).

Each proxy may get hosts of its own (`names`): it then runs in a private mount namespace
whose /etc/hosts maps those names, so a name that only the proxy can resolve proves that a
connection really went through it (the machine itself cannot look the name up). Needs root:
Dante checks a SOCKS login against a system account, and the mount namespace needs root too.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers.need import need_program, need_root
from tests.servers.netns import NetNamespace
from tests.servers.processes import free_port, stop_process_tree
from tests.servers.sshd import MARKER

TINYPROXY = "/usr/bin/tinyproxy"
DANTED = "/usr/sbin/danted"


@dataclass(frozen=True)
class ProxyLogin:
    """A system account that Dante's `socksmethod: username` checks logins against."""

    username: str
    password: str


@dataclass(frozen=True)
class ProxyServer:
    """A running proxy: its scheme, where it listens, the login it wants, and its log."""

    scheme: str
    host: str
    port: int
    log_path: Path
    login: ProxyLogin | None = field(default=None, repr=False)

    def url(self, scheme: str | None = None, user: str | None = None) -> str:
        """The proxy's URL for --proxy (never with a password: that goes in the environment)."""
        name = user if user is not None else (self.login.username if self.login else None)
        at = f"{name}@" if name else ""
        return f"{scheme or self.scheme}://{at}{self.host}:{self.port}"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@contextlib.contextmanager
def proxy_login() -> Iterator[ProxyLogin]:
    """A throw-away system account with a password; removed afterwards."""
    need_root("a SOCKS login (Dante checks it against a system account)")
    username = f"sfc{secrets.token_hex(3)}_proxy"
    password = f"Px-{secrets.token_hex(8)}"
    subprocess.run(
        ["useradd", "-M", "-s", "/usr/sbin/nologin", "-c", MARKER + str(os.getpid()), username],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            ["chpasswd"], input=f"{username}:{password}\n".encode(), check=True, capture_output=True
        )
        yield ProxyLogin(username, password)
    finally:
        subprocess.run(["userdel", username], capture_output=True, check=False)


def tinyproxy_config(
    port: int, connect_ports: tuple[int, ...], login: ProxyLogin | None, pid_file: Path
) -> str:
    """tinyproxy allows CONNECT to every port unless ConnectPort lines name some."""
    lines = [
        f"Port {port}",
        "Listen 127.0.0.1",
        "Timeout 60",
        "LogLevel Info",
        "MaxClients 50",
        "Allow 127.0.0.0/8",
        f'PidFile "{pid_file}"',
        *(f"ConnectPort {allowed}" for allowed in connect_ports),
    ]
    if login is not None:
        lines.append(f"BasicAuth {login.username} {login.password}")
    return "\n".join(lines) + "\n"


def dante_config(port: int, login_required: bool, blocked_ports: tuple[int, ...]) -> str:
    """Dante on loopback for both ends; a block rule per port it must refuse."""
    lines = [
        "logoutput: stderr",
        f"internal: 127.0.0.1 port = {port}",
        "external: 127.0.0.1",
        f"socksmethod: {'username' if login_required else 'none'}",
        "clientmethod: none",
        # A username login is checked against the password database, which needs root.
        "user.privileged: root",
        "user.unprivileged: nobody",
        "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }",
        *(
            f"socks block {{ from: 0.0.0.0/0 to: 0.0.0.0/0 port = {blocked} log: connect error }}"
            for blocked in blocked_ports
        ),
        "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect error }",
    ]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def run_tinyproxy(
    directory: Path,
    connect_ports: tuple[int, ...] = (),
    login: ProxyLogin | None = None,
    names: Mapping[str, str] | None = None,
    namespace: NetNamespace | None = None,
) -> Iterator[ProxyServer]:
    """tinyproxy in the foreground; `connect_ports` () allows CONNECT to any port.

    With `namespace`, it runs inside that network namespace (on its loopback)."""
    need_program(TINYPROXY, "tinyproxy")
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "tinyproxy.log"

    def start(port: int) -> list[str]:
        config = directory / "tinyproxy.conf"
        pid_file = directory / "tinyproxy.pid"
        config.write_text(tinyproxy_config(port, connect_ports, login, pid_file))
        return [TINYPROXY, "-d", "-c", str(config)]

    with _serve("http", start, log, login, names, directory, namespace) as server:
        yield server


@contextlib.contextmanager
def run_dante(
    directory: Path,
    login: ProxyLogin | None = None,
    blocked_ports: tuple[int, ...] = (),
    names: Mapping[str, str] | None = None,
    namespace: NetNamespace | None = None,
) -> Iterator[ProxyServer]:
    """danted in the foreground (one server process); with `login`, SOCKS5 logins only."""
    need_program(DANTED, "dante-server")
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "danted.log"

    def start(port: int) -> list[str]:
        config = directory / "danted.conf"
        config.write_text(dante_config(port, login is not None, blocked_ports))
        checked = subprocess.run(
            [DANTED, "-V", "-f", str(config)], capture_output=True, text=True, check=False
        )
        if checked.returncode != 0:
            raise RuntimeError(f"danted -V rejects its config:\n{checked.stderr}")
        return [DANTED, "-f", str(config), "-N", "1", "-p", str(directory / "danted.pid")]

    with _serve("socks5", start, log, login, names, directory, namespace) as server:
        yield server


@contextlib.contextmanager
def _serve(
    scheme: str,
    start: Callable[[int], list[str]],
    log: Path,
    login: ProxyLogin | None,
    names: Mapping[str, str] | None,
    directory: Path,
    namespace: NetNamespace | None = None,
) -> Iterator[ProxyServer]:
    prefix = _private_hosts_prefix(directory, names) if names else []
    if namespace is not None:
        prefix = namespace.command(prefix)
    last_error = ""
    for _ in range(5):  # another program may take the port between our probe and the bind
        port = free_port()  # in a fresh namespace every port is free, so this one is too
        command = start(port)
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [*prefix, *command], stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file
            )
        if _wait_listening(port, process, 10, namespace):
            try:
                yield ProxyServer(scheme, "127.0.0.1", port, log, login)
            finally:
                stop_process_tree(process)
            return
        stop_process_tree(process)
        last_error = log.read_text(errors="replace")
    raise RuntimeError(f"{scheme} proxy did not start:\n{last_error}")


def _private_hosts_prefix(directory: Path, names: Mapping[str, str]) -> list[str]:
    """Run the proxy in a mount namespace where /etc/hosts also maps `names`."""
    need_root("a proxy with hosts of its own (a private mount namespace)")
    need_program("unshare", "util-linux")
    hosts = directory / "hosts"
    lines = ["127.0.0.1 localhost", *(f"{address} {name}" for name, address in names.items())]
    hosts.write_text("\n".join(lines) + "\n")
    script = 'mount --bind "$0" /etc/hosts && exec "$@"'
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, str(hosts)]


def _wait_listening(
    port: int, process: subprocess.Popen[bytes], seconds: float, namespace: NetNamespace | None
) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if namespace is not None:
            # bash's /dev/tcp: a connection from inside the namespace, without a Python start-up.
            probe = ["bash", "-c", f"exec 3<>/dev/tcp/127.0.0.1/{port}"]
            if namespace.run(probe, check=False).returncode == 0:
                return True
        else:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
                return True
        time.sleep(0.05)
    return False


@contextlib.contextmanager
def silent_proxy() -> Iterator[int]:
    """A port that accepts connections and never says a word: a proxy that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    try:
        yield int(server.getsockname()[1])
    finally:
        server.close()


@contextlib.contextmanager
def quirky_http_proxy(upstream: tuple[str, int], reply: str) -> Iterator[int]:
    """An HTTP CONNECT proxy with a way of replying that real proxies have at times, then a
    relay both ways. `reply` is "split": the status line and the headers in two packets,
    50 ms apart; or "with_greeting": the reply only once the server has greeted, in one
    packet with the greeting (what a busy proxy, or a slow client, makes of tinyproxy's)."""
    server = socket.create_server(("127.0.0.1", 0))
    port = int(server.getsockname()[1])

    def relay(source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while chunk := source.recv(65536):
                target.sendall(chunk)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)

    def serve_one(client: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request and (chunk := client.recv(4096)):
            request += chunk
        status, headers = b"HTTP/1.1 200 Connection established\r\n", b"Proxy-agent: test\r\n\r\n"
        with socket.create_connection(upstream, timeout=10) as server_side, client:
            if reply == "split":
                client.sendall(status)
                time.sleep(0.05)
                client.sendall(headers)
            else:
                client.sendall(status + headers + server_side.recv(65536))
            back = threading.Thread(target=relay, args=(server_side, client), daemon=True)
            back.start()
            relay(client, server_side)
            back.join(timeout=10)

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = server.accept()
                threading.Thread(target=serve_one, args=(client,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield port
    finally:
        server.close()


@contextlib.contextmanager
def echoing_http_proxy() -> Iterator[tuple[int, list[bytes]]]:
    """An HTTP CONNECT proxy that refuses every request with a 403 quoting the request's
    headers back (in the status line, a header and the body), as some proxies' error pages
    do. Yields its port and the requests it received."""
    server = socket.create_server(("127.0.0.1", 0))
    port = int(server.getsockname()[1])
    requests: list[bytes] = []

    def serve_one(client: socket.socket) -> None:
        with client, contextlib.suppress(OSError):
            request = b""
            while b"\r\n\r\n" not in request and (chunk := client.recv(4096)):
                request += chunk
            requests.append(request)
            headers = b" | ".join(request.strip().split(b"\r\n")[1:])
            client.sendall(
                b"HTTP/1.1 403 Forbidden, you sent: " + headers + b"\r\n"
                b"X-You-Sent: " + headers + b"\r\nContent-Type: text/plain\r\n\r\n" + request
            )

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = server.accept()
                threading.Thread(target=serve_one, args=(client,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield port, requests
    finally:
        server.close()
