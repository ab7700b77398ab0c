"""TCP servers that misbehave the ways real ones do in front of an SFTP client.

Each listens on 127.0.0.1 with a port the kernel picks, serves each connection in a
thread, and stops within a second at teardown: every wait polls a stop event.

| kind | what it does |
|---|---|
| silent | accepts and never says anything (a half-configured load balancer) |
| close | accepts and closes at once (tcpwrappers, `DenyUsers`, a full server) |
| reset | accepts and resets (SO_LINGER 0): an IPS or a crashed daemon |
| http | a real `http.server`: speaks only after the client does |
| tls | a real TLS server (self-signed certificate made here) |
| ssh_garbage | a valid SSH-2.0 banner, then random bytes |
| trickle | `SSH-2.0-Trickle` one byte per second |
| huge_banner | megabytes of text lines and never an SSH line |
| ssh1 | `SSH-1.5-OldServer` |
| smtp | `220 mail.example.org ESMTP`, then 502 to every command |
| firewall_no_root | a full `listen(0)` backlog: connects time out, like a dropping firewall |
| hostile_banner | text lines and an SSH banner carrying terminal codes (`ESC ]0;...BEL` retitles) |
| kex_close | an SSH-2.0 banner and key exchange offer, then it closes mid-exchange (an IPS) |
| banner_reset | an SSH-2.0 banner, then a reset once the client's banner is in (an IPS) |
"""

from __future__ import annotations

import contextlib
import datetime
import http.server
import ipaddress
import os
import select
import socket
import ssl
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

KINDS = (
    "silent",
    "close",
    "reset",
    "http",
    "tls",
    "ssh_garbage",
    "trickle",
    "huge_banner",
    "ssh1",
    "smtp",
    "firewall_no_root",
    "hostile_banner",
    "kex_close",
    "banner_reset",
)
TRICKLE_BANNER = b"SSH-2.0-Trickle\r\n"
GARBAGE_BANNER = b"SSH-2.0-OpenSSH_9.9 GarbageAfterBanner\r\n"
SSH1_BANNER = b"SSH-1.5-OldServer\r\n"
KEX_CLOSE_BANNER = b"SSH-2.0-OpenSSH_8.0\r\n"
BANNER_RESET_BANNER = b"SSH-2.0-OpenSSH_8.4\r\n"
SMTP_GREETING = b"220 mail.example.org ESMTP\r\n"
# OSC 0 sets the terminal's title; CSI 2J clears the screen; U+202E reverses what follows.
HOSTILE_BANNER = (
    b"Welcome \x1b]0;PWNED\x07to the drop\x1b[2J\r\n"
    + "Notice \u202eevil\r\n".encode()
    + b"SSH-2.0-OpenSSH_9.9\x1b]0;PWNED\x07\r\n"
)
HUGE_BANNER_BYTES = 4 * 1024 * 1024
POLL = 0.1


@dataclass(frozen=True)
class FaultServer:
    """A running misbehaving server. `certificate_pem` is set for `tls` (to verify it)."""

    kind: str
    host: str
    port: int
    accepted: Callable[[], int]
    certificate_pem: bytes | None = None


class _Connections:
    """Counts accepted connections and remembers the handler threads, to join them."""

    def __init__(self) -> None:
        self.count = 0
        self.threads: list[threading.Thread] = []
        self.lock = threading.Lock()

    def started(self, thread: threading.Thread) -> None:
        with self.lock:
            self.count += 1
            self.threads.append(thread)


@contextlib.contextmanager
def run_fault_server(kind: str) -> Iterator[FaultServer]:
    """Start the misbehaving server `kind` on 127.0.0.1; stop it at the end."""
    if kind not in KINDS:
        raise ValueError(f"unknown fault server {kind!r}; known: {', '.join(KINDS)}")
    stop = threading.Event()
    connections = _Connections()
    if kind == "http":
        with _http_server(stop, connections) as server:
            yield server
        return
    if kind == "firewall_no_root":
        with _full_backlog() as server:
            yield server
        return
    certificate = None
    handler = _HANDLERS.get(kind)
    if kind == "tls":
        handler, certificate = _tls_handler()
    assert handler is not None
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(POLL)
    accept_thread = threading.Thread(
        target=_accept_loop, args=(listener, handler, stop, connections), daemon=True
    )
    accept_thread.start()
    try:
        yield FaultServer(
            kind=kind,
            host="127.0.0.1",
            port=listener.getsockname()[1],
            accepted=lambda: connections.count,
            certificate_pem=certificate,
        )
    finally:
        stop.set()
        accept_thread.join(timeout=2)
        listener.close()
        for thread in connections.threads:
            thread.join(timeout=2)


Handler = Callable[[socket.socket, threading.Event], None]


def _accept_loop(
    listener: socket.socket, handler: Handler, stop: threading.Event, connections: _Connections
) -> None:
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        except OSError:
            return
        conn.settimeout(POLL)
        thread = threading.Thread(target=_serve, args=(conn, handler, stop), daemon=True)
        connections.started(thread)
        thread.start()


def _serve(conn: socket.socket, handler: Handler, stop: threading.Event) -> None:
    try:
        handler(conn, stop)
    except OSError:
        pass  # the client went away; that is its right
    finally:
        conn.close()


# --- helpers for handlers ---------------------------------------------------------------


def _hold(conn: socket.socket, stop: threading.Event) -> None:
    """Keep the connection open, reading and ignoring input, until the client leaves."""
    while not stop.is_set():
        try:
            if conn.recv(4096) == b"":
                return
        except TimeoutError:
            continue


def _send(conn: socket.socket, data: bytes, stop: threading.Event) -> bool:
    """Send all of `data` unless stopped or the client is gone; never blocks teardown."""
    view = memoryview(data)
    while view and not stop.is_set():
        _, writable, _ = select.select([], [conn], [], POLL)
        if not writable:
            continue
        try:
            sent = conn.send(view[:65536])
        except (TimeoutError, BlockingIOError):
            continue
        view = view[sent:]
    return not view


# --- the handlers -----------------------------------------------------------------------


def _silent(conn: socket.socket, stop: threading.Event) -> None:
    _hold(conn, stop)


def _close(conn: socket.socket, stop: threading.Event) -> None:
    conn.close()


def _reset(conn: socket.socket, stop: threading.Event) -> None:
    # Linger on with a zero timeout: close() sends RST instead of FIN.
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def _ssh_garbage(conn: socket.socket, stop: threading.Event) -> None:
    if _send(conn, GARBAGE_BANNER + os.urandom(8192), stop):
        _hold(conn, stop)


def _trickle(conn: socket.socket, stop: threading.Event) -> None:
    for byte in TRICKLE_BANNER:
        if not _send(conn, bytes([byte]), stop) or stop.wait(1.0):
            return
    _hold(conn, stop)


def _huge_banner(conn: socket.socket, stop: threading.Event) -> None:
    line_number = 0
    sent = 0
    while sent < HUGE_BANNER_BYTES and not stop.is_set():
        lines = []
        for _ in range(1000):
            line_number += 1
            lines.append(f"Notice {line_number:07d}: authorized use only, all access logged.\r\n")
        chunk = "".join(lines).encode()
        if not _send(conn, chunk, stop):
            return
        sent += len(chunk)
    _hold(conn, stop)


def _ssh1(conn: socket.socket, stop: threading.Event) -> None:
    if _send(conn, SSH1_BANNER, stop):
        _hold(conn, stop)


def _smtp(conn: socket.socket, stop: threading.Event) -> None:
    if not _send(conn, SMTP_GREETING, stop):
        return
    pending = b""
    while not stop.is_set():
        try:
            data = conn.recv(4096)
        except TimeoutError:
            continue
        if not data:
            return
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            if line.strip().upper() == b"QUIT":
                _send(conn, b"221 2.0.0 Bye\r\n", stop)
                return
            _send(conn, b"502 5.5.2 Error: command not recognized\r\n", stop)


def _hostile_banner(conn: socket.socket, stop: threading.Event) -> None:
    if _send(conn, HOSTILE_BANNER, stop):
        _hold(conn, stop)


def kexinit_packet() -> bytes:
    """An unencrypted SSH_MSG_KEXINIT packet offering what an ordinary OpenSSH server does."""
    lists = (
        "curve25519-sha256,ecdh-sha2-nistp256,diffie-hellman-group14-sha256",
        "ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256",
        *(["aes128-ctr,aes256-ctr,aes128-gcm@openssh.com"] * 2),
        *(["hmac-sha2-256,hmac-sha2-512"] * 2),
        *(["none"] * 2),
        "",
        "",
    )
    payload = bytes([20]) + os.urandom(16)
    payload += b"".join(struct.pack(">I", len(names)) + names.encode() for names in lists)
    payload += b"\x00" + b"\x00\x00\x00\x00"  # no guessed packet follows; reserved
    padding = 8 - (len(payload) + 5) % 8
    padding += 8 if padding < 4 else 0
    return struct.pack(">IB", len(payload) + padding + 1, padding) + payload + bytes(padding)


def _kex_close(conn: socket.socket, stop: threading.Event) -> None:
    """Banner and offer, then wait for the client's offer and its first exchange packet (five
    seconds at most) and close: the key exchange breaks off in the middle."""
    if not _send(conn, KEX_CLOSE_BANNER + kexinit_packet(), stop):
        return
    _receive_until(conn, stop, lambda received: _packets_after_banner(received) >= 2)
    # _serve closes the connection


def _banner_reset(conn: socket.socket, stop: threading.Event) -> None:
    """The banner, then a reset once the client's own banner line is in (five seconds at
    most): an intrusion prevention system that lets the first line pass and then kills the
    connection, or a server that crashes when the exchange starts."""
    if not _send(conn, BANNER_RESET_BANNER, stop):
        return
    if _receive_until(conn, stop, lambda received: b"\n" in received):
        _reset(conn, stop)


def _receive_until(
    conn: socket.socket, stop: threading.Event, enough: Callable[[bytes], bool]
) -> bool:
    """Read what the client sends until `enough` of it is in, for five seconds at most;
    False if the client closed first."""
    received = b""
    deadline = time.monotonic() + 5
    while not stop.is_set() and time.monotonic() < deadline and not enough(received):
        try:
            data = conn.recv(65536)
        except TimeoutError:
            continue
        if not data:
            return False
        received += data
    return True


def _packets_after_banner(received: bytes) -> int:
    """How many whole binary packets follow the client's SSH banner line in `received`."""
    start = received.find(b"\n", received.find(b"SSH-"))
    if received.find(b"SSH-") < 0 or start < 0:
        return 0
    rest, count = received[start + 1 :], 0
    while len(rest) >= 4:
        (length,) = struct.unpack(">I", rest[:4])
        if len(rest) < 4 + length:
            break
        rest, count = rest[4 + length :], count + 1
    return count


_HANDLERS: dict[str, Handler] = {
    "silent": _silent,
    "close": _close,
    "reset": _reset,
    "ssh_garbage": _ssh_garbage,
    "trickle": _trickle,
    "huge_banner": _huge_banner,
    "ssh1": _ssh1,
    "smtp": _smtp,
    "hostile_banner": _hostile_banner,
    "kex_close": _kex_close,
    "banner_reset": _banner_reset,
}


# --- TLS ----------------------------------------------------------------------------------


def self_signed_certificate() -> tuple[bytes, bytes]:
    """A fresh self-signed certificate for 127.0.0.1 and localhost: (cert PEM, key PEM)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_pem = certificate.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert_pem, key_pem


def _tls_handler() -> tuple[Handler, bytes]:
    cert_pem, key_pem = self_signed_certificate()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # load_cert_chain reads files only; the files live just long enough to be read.
    with tempfile.TemporaryDirectory() as directory:
        cert_file, key_file = Path(directory, "cert.pem"), Path(directory, "key.pem")
        cert_file.write_bytes(cert_pem)
        key_file.write_bytes(key_pem)
        context.load_cert_chain(cert_file, key_file)

    def handle(conn: socket.socket, stop: threading.Event) -> None:
        # Like nginx: wait (up to a minute) for the client to speak first, silently.
        deadline = time.monotonic() + 60
        while not stop.is_set() and time.monotonic() < deadline:
            if select.select([conn], [], [], POLL)[0]:
                break
        else:
            return
        conn.settimeout(5)
        try:
            tls = context.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, TimeoutError):
            return  # OpenSSL has answered a non-TLS client with an alert where it could
        with tls:
            tls.settimeout(POLL)
            while not stop.is_set():
                try:
                    data = tls.recv(4096)
                except TimeoutError:
                    continue
                if not data:
                    return
                tls.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    return handle, cert_pem


# --- HTTP ---------------------------------------------------------------------------------


class _QuietHandler(http.server.BaseHTTPRequestHandler):
    timeout = 10  # a client that never sends a request line is dropped after 10 s
    server_version = "nginx"
    sys_version = ""

    def do_GET(self) -> None:
        body = b"<html><body>Data exchange portal</body></html>\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # keep test output clean


@contextlib.contextmanager
def _http_server(stop: threading.Event, connections: _Connections) -> Iterator[FaultServer]:
    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def process_request(self, request: object, client_address: object) -> None:
            connections.count += 1
            super().process_request(request, client_address)

    server = Server(("127.0.0.1", 0), _QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(POLL,), daemon=True)
    thread.start()
    try:
        yield FaultServer(
            kind="http",
            host="127.0.0.1",
            port=server.server_address[1],
            accepted=lambda: connections.count,
        )
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)


# --- a full backlog ------------------------------------------------------------------------


@contextlib.contextmanager
def _full_backlog() -> Iterator[FaultServer]:
    """A listener that never accepts, with its queue filled: the kernel drops further SYNs.

    Without root there is no iptables; this gives the same symptom, a connect timeout.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(16):
            probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            probe.settimeout(0.3)
            try:
                probe.connect(("127.0.0.1", port))
            except TimeoutError:
                probe.close()
                break  # the queue is full: connects now time out
            fillers.append(probe)
        else:
            raise RuntimeError("listen(0) backlog never filled: connects do not time out here")
        yield FaultServer(
            kind="firewall_no_root",
            host="127.0.0.1",
            port=port,
            accepted=lambda: 0,
        )
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
