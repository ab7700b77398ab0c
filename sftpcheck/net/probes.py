"""Raw socket work behind the tcp and protocol checks: connect to many addresses at once,
and read what a server says first. Both are bounded by a deadline whatever the peer does.
"""

from __future__ import annotations

import enum
import errno
import os
import selectors
import socket
import time
from dataclasses import dataclass

from sftpcheck.net.ssh_wire import CLIENT_GREETING, ServerAlgorithms, read_kexinit
from sftpcheck.outside import masked_bytes, quoted

# More than any real greeting; a server that sends this much without one is not SSH.
GREETING_LIMIT = 64 * 1024
# A server that closes this long after our greeting, having said nothing, was waiting for
# something else (a TLS hello); one that closes sooner hung up on the connection itself.
HANG_UP_AFTER = 1.0


class Connect(enum.Enum):
    """How one TCP connection attempt ended."""

    OPEN = "open"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    ERROR = "error"


@dataclass(frozen=True)
class ConnectResult:
    address: str
    outcome: Connect
    local_address: str | None
    elapsed_ms: int
    error_text: str = ""


_ERRNO_OUTCOMES = {
    errno.ECONNREFUSED: Connect.REFUSED,
    errno.EHOSTUNREACH: Connect.UNREACHABLE,
    errno.ENETUNREACH: Connect.UNREACHABLE,
    # A reset while connecting means the handshake finished and the peer then hung up:
    # the port is open; the protocol check tells what hung up.
    errno.ECONNRESET: Connect.OPEN,
    errno.ETIMEDOUT: Connect.TIMEOUT,
}


def _family(address: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in address else socket.AF_INET


def _local_address(sock: socket.socket) -> str | None:
    try:
        return str(sock.getsockname()[0])
    except OSError:
        return None


def probe_addresses(
    addresses: tuple[str, ...], port: int, timeout: float
) -> tuple[list[ConnectResult], dict[str, socket.socket]]:
    """Connect to every address at once; all finish within one `timeout`, in input order.

    The connections that opened are returned open, by address: the caller goes on with
    them (a connection closed before it says anything is what scanners do, and sshd logs
    it as one).
    """
    started = time.monotonic()
    selector = selectors.DefaultSelector()
    results: dict[str, ConnectResult] = {}
    sockets: dict[str, socket.socket] = {}

    def finish(address: str, outcome: Connect, error_text: str = "") -> None:
        sock = sockets.get(address)
        local = _local_address(sock) if sock else None
        elapsed = round((time.monotonic() - started) * 1000)
        results[address] = ConnectResult(address, outcome, local, elapsed, error_text)

    try:
        for address in addresses:
            try:
                sock = socket.socket(_family(address), socket.SOCK_STREAM)
            except OSError as error:
                finish(address, Connect.ERROR, str(error))
                continue
            sockets[address] = sock
            sock.setblocking(False)
            code = sock.connect_ex((address, port))
            if code == 0:
                finish(address, Connect.OPEN)
            elif code in (errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY):
                selector.register(sock, selectors.EVENT_WRITE, address)
            else:
                finish(address, _ERRNO_OUTCOMES.get(code, Connect.ERROR), _strerror(code))
        deadline = started + timeout
        while selector.get_map() and (remaining := deadline - time.monotonic()) > 0:
            for key, _ in selector.select(remaining):
                sock = key.fileobj  # type: ignore[assignment]
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                selector.unregister(sock)
                outcome = Connect.OPEN if code == 0 else _ERRNO_OUTCOMES.get(code, Connect.ERROR)
                finish(key.data, outcome, _strerror(code) if code else "")
        for key in list(selector.get_map().values()):
            finish(key.data, Connect.TIMEOUT, "no answer")
    finally:
        selector.close()
    opened = {}
    for address, sock in sockets.items():
        result = results.get(address)
        if result is not None and result.outcome is Connect.OPEN and _still_connected(sock):
            sock.setblocking(True)
            opened[address] = sock
        else:
            sock.close()
    return [results[address] for address in addresses], opened


def _still_connected(sock: socket.socket) -> bool:
    """Whether an open socket is still usable (a reset after connect leaves it dead)."""
    try:
        sock.getpeername()
    except OSError:
        return False
    return True


def _strerror(code: int) -> str:
    """`ENETUNREACH: Network is unreachable`: the tcp step reads the name."""
    try:
        return f"{errno.errorcode.get(code, code)}: {os.strerror(code)}"
    except ValueError:
        return str(code)


class Heard(enum.Enum):
    """What answered on the port, judged from what it said first."""

    SSH = "ssh"
    OLD_SSH = "old_ssh"
    FTP = "ftp"
    SMTP = "smtp"
    HTTP = "http"
    TLS = "tls"
    OTHER = "other"
    SILENT = "silent"
    CLOSED = "closed"
    RESET = "reset"
    HUNG_UP_ON_GREETING = "hung_up_on_greeting"
    # OpenSSH's words to a connection past its MaxStartups limit, before it hangs up.
    TOO_MANY_CONNECTIONS = "too_many_connections"


@dataclass(frozen=True)
class Greeting:
    """What the server said, how we classified it, and whether we had to speak first."""

    heard: Heard
    first_line: str  # quoted (outside.quoted): as a report may show it
    received: int
    we_spoke: bool
    elapsed_ms: int
    # For an SSH server: the algorithms its KEXINIT offers, read on the same connection.
    algorithms: ServerAlgorithms | None = None
    # Every byte read from the server, in order, for the SSH engine to go on from.
    raw: bytes = b""

    @property
    def sent(self) -> bytes:
        """What sftpcheck said on this connection: its SSH line, or nothing."""
        return CLIENT_GREETING if self.we_spoke else b""


class _Listening:
    """One conversation with a server: what it said so far, and whether we spoke."""

    def __init__(self, timeout: float) -> None:
        self.started = time.monotonic()
        self.deadline = self.started + timeout
        self.buffer = bytearray()
        self.we_spoke = False
        # Whether sftpcheck held its greeting back through a quiet spell first.
        self.spoke_late = False

    def done(
        self, heard: Heard, algorithms: ServerAlgorithms | None = None, more: bytes = b""
    ) -> Greeting:
        elapsed = round((time.monotonic() - self.started) * 1000)
        if heard is Heard.SSH:
            line = quoted(_split_at_banner(bytes(self.buffer))[1], encoding="ascii")
        else:
            line = _first_line(self.buffer)
        raw = bytes(self.buffer) + more
        return Greeting(heard, line, len(self.buffer), self.we_spoke, elapsed, algorithms, raw)

    def ssh_algorithms(self, sock: socket.socket) -> tuple[ServerAlgorithms | None, bytes]:
        """Greet (if not yet done) and read the KEXINIT that follows the server's banner.

        One connection does for the greeting, the offer and the login: a vendor's server
        sees one connection that logs in, never a short one that looks like a scan.
        """
        if not self.we_spoke:
            self.we_spoke = _say(sock, CLIENT_GREETING)
        _, _, after = _split_at_banner(bytes(self.buffer))
        return read_kexinit(sock, after, self.deadline)

    def ended(self, reset: bool) -> Greeting:
        """The server closed or reset the connection."""
        if self.buffer:
            return self.done(_judge_partial(bytes(self.buffer)))
        waited = time.monotonic() - self.started >= HANG_UP_AFTER
        if self.we_spoke and (self.spoke_late or waited):
            # Silent a while after our greeting, then gone: a TLS or other service that
            # waited for a greeting of its own kind, then gave up.
            return self.done(Heard.HUNG_UP_ON_GREETING)
        return self.done(Heard.RESET if reset else Heard.CLOSED)

    def next_wait(self) -> float | None:
        """Seconds to wait for the next bytes; None once the time is up."""
        remaining = self.deadline - time.monotonic()
        return remaining if remaining > 0 else None


def read_greeting(sock: socket.socket, timeout: float, speak_first: bool = True) -> Greeting:
    """Read what the server says on an open connection, within `timeout` in all cases.

    With `speak_first`, sftpcheck sends its SSH line at once: both sides of SSH speak at
    once (RFC 4253 4.2), as OpenSSH's client does, and a server that waits for the
    client's line before its KEXINIT saves a round trip. Without it, sftpcheck listens for
    a quiet spell first, and only then greets: that tells a server that hangs up on any
    connection from a TLS service that hangs up on an SSH line.

    The socket stays open: for an SSH server, the SSH engine goes on with it.
    """
    listening = _Listening(timeout)
    if speak_first:
        listening.we_spoke = _say(sock, CLIENT_GREETING)
    quiet_until = listening.started + min(timeout / 2, 3.0)
    while (wait := listening.next_wait()) is not None:
        if not listening.we_spoke and not listening.buffer:
            if time.monotonic() >= quiet_until:
                listening.we_spoke = listening.spoke_late = _say(sock, CLIENT_GREETING)
            else:
                wait = min(wait, quiet_until - time.monotonic())
        sock.settimeout(max(wait, 0.01))
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            continue
        except OSError as error:
            return listening.ended(reset=isinstance(error, ConnectionResetError))
        if not chunk:
            return listening.ended(reset=False)
        listening.buffer += chunk
        heard = judge(bytes(listening.buffer))
        if heard is Heard.SSH:
            return listening.done(heard, *listening.ssh_algorithms(sock))
        if heard is not None:
            return listening.done(heard)
        if len(listening.buffer) >= GREETING_LIMIT:
            return listening.done(Heard.OTHER)
    return listening.done(_judge_partial(bytes(listening.buffer)))


def _split_at_banner(data: bytes) -> tuple[bytes, bytes, bytes]:
    """(lines before the SSH banner, the banner line, the bytes after it)."""
    start = 0
    while (end := data.find(b"\n", start)) != -1:
        line = data[start:end].rstrip(b"\r")
        if line.startswith(b"SSH-"):
            return data[:start], line, data[end + 1 :]
        start = end + 1
    return data, b"", b""


def _say(sock: socket.socket, data: bytes) -> bool:
    try:
        sock.sendall(data)
    except OSError:
        return False
    return True


def judge(data: bytes) -> Heard | None:
    """Classify what a server said; None while more is needed to tell."""
    if data[:1] in (b"\x15", b"\x16") and data[1:2] == b"\x03":
        return Heard.TLS
    if data.startswith(b"HTTP/") or _looks_like_html(data):
        return Heard.HTTP
    lines = data.split(b"\n")
    for line in lines[:-1]:  # complete lines only
        text = line.rstrip(b"\r")
        if text.startswith(b"Exceeded MaxStartups"):
            return Heard.TOO_MANY_CONNECTIONS
        if text.startswith(b"SSH-"):
            version = text[4:8]
            old = version.startswith(b"1.") and not version.startswith(b"1.99")
            return Heard.OLD_SSH if old else Heard.SSH
        if text[:3].isdigit() and text[3:4] in (b" ", b"-"):
            if b"SMTP" in text.upper():
                return Heard.SMTP
            return Heard.FTP if text.startswith(b"220") or b"FTP" in text.upper() else Heard.OTHER
        if line is lines[0] and not _looks_like_text(text):
            return Heard.OTHER
    return None


def _looks_like_html(data: bytes) -> bool:
    # An HTTP server answers a one-word request (our SSH greeting) the HTTP/0.9 way: a bare
    # page with no status line.
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _looks_like_text(data: bytes) -> bool:
    # ESC counts as text: a server's greeting lines before its version (RFC 4253 4.2) may
    # colour or clear the screen, and OpenSSH and paramiko skip them all the same.
    sample = data[:256]
    printable = sum(1 for byte in sample if 32 <= byte < 127 or byte in (9, 13, 27))
    return not sample or printable / len(sample) > 0.9


def _judge_partial(data: bytes) -> Heard:
    """At the deadline or on close, with an incomplete reply."""
    if not data:
        return Heard.SILENT
    if data.startswith(b"SSH-") or b"SSH-".startswith(data):
        # A greeting began ('SS' from a server that drips it) but never finished: as good
        # as none, and no sign of another protocol.
        return Heard.SILENT
    return judge(data + b"\n") or Heard.OTHER


def _first_line(data: bytes | bytearray) -> str:
    """The first line, quoted; its first bytes in hex if it is not text."""
    line = bytes(data).split(b"\n", 1)[0].rstrip(b"\r")
    if _looks_like_text(line):
        return quoted(line, encoding="ascii")
    return masked_bytes(line)[:16].hex(" ")


def ssh_software(first_line: str) -> str:
    """`SSH-2.0-OpenSSH_9.2p1 Debian-2` -> `OpenSSH_9.2p1 Debian-2`."""
    parts = first_line.split("-", 2)
    return parts[2] if len(parts) == 3 else first_line
