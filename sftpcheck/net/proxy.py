"""Reaching the server through the district's proxy, as the user's client would.

An HTTP proxy (CONNECT) and SOCKS5 are sent the server's name and resolve it themselves,
as WinSCP, FileZilla and PuTTY do by default; SOCKS4 carries only an IPv4 address, so the
name is resolved here first (Dante, a common SOCKS server, has no SOCKS4a).

The proxy protocols come from python-socks. This module opens the connection to the proxy
itself (to tell "the proxy is not there" from "the proxy said no"), and keeps a copy of
what the proxy answered, to quote it.
"""

from __future__ import annotations

import enum
import errno
import socket
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast
from urllib.parse import unquote, urlsplit

from sftpcheck.errors import InputError
from sftpcheck.model import Secret
from sftpcheck.outside import masked_bytes, quoted

if TYPE_CHECKING:
    from python_socks.sync import Proxy as SocksProxy

PROXY_PASSWORD_ENV = "SFTPCHECK_PROXY_PASSWORD"  # noqa: S105 - the variable's name
# The detail of a timeout while connecting to the proxy itself, before any proxy exchange.
PROXY_SILENT = "the proxy did not accept a connection"
# A proxy's reply header is a few hundred bytes; more than this is not a proxy talking.
HEAD_LIMIT = 16 * 1024


class ProxyKind(str, enum.Enum):
    """The proxy protocols a district's client offers."""

    HTTP = "http"
    SOCKS5 = "socks5"
    SOCKS4 = "socks4"


_SCHEMES = {
    "http": ProxyKind.HTTP,
    "socks5": ProxyKind.SOCKS5,
    "socks5h": ProxyKind.SOCKS5,  # curl's name for SOCKS5 with the name resolved by the proxy
    "socks4": ProxyKind.SOCKS4,
}
SOCKS_PORT = 1080  # the port IANA registers for SOCKS


@dataclass(frozen=True)
class Proxy:
    """A proxy to reach the server through. The password never appears in `url` or repr."""

    kind: ProxyKind
    host: str
    port: int
    username: str | None = None
    password: Secret | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The proxy as the report names it: no password, ever."""
        user = f"{self.username}@" if self.username else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.kind.value}://{user}{host}:{self.port}"

    @property
    def resolves_names(self) -> bool:
        """Whether the proxy is sent the server's name (and so looks it up itself)."""
        return self.kind is not ProxyKind.SOCKS4


def parse_proxy(text: str, password: str | None) -> Proxy | None:
    """`--proxy URL` as a Proxy; None for `none`. The password comes from the environment."""
    stripped = text.strip()
    if stripped.lower() == "none":
        return None
    parts = urlsplit(stripped)
    kind = _SCHEMES.get(parts.scheme.lower())
    if kind is None or not parts.netloc:
        raise InputError(
            f"The proxy '{_without_password(stripped)}' is not a proxy URL such as "
            "http://proxy.example.org:3128, socks5://proxy.example.org:1080 or socks4://..."
        )
    if parts.password is not None:
        raise InputError(
            f"The proxy URL holds a password; remove it and put the password in "
            f"{PROXY_PASSWORD_ENV} instead."
        )
    try:
        port = parts.port
    except ValueError:
        raise InputError(f"The proxy '{stripped}' has a port that is not a number.") from None
    if port is None and kind is ProxyKind.HTTP:
        raise InputError(f"The proxy '{stripped}' has no port; add it, as in http://host:3128.")
    if not parts.hostname:
        raise InputError(f"The proxy '{stripped}' names no host.")
    username = unquote(parts.username) if parts.username else None
    if password and not username:
        raise InputError(
            f"{PROXY_PASSWORD_ENV} is set, but the proxy URL names no user; write it as "
            f"{kind.value}://USER@{parts.hostname}:{port or SOCKS_PORT}."
        )
    if kind is ProxyKind.SOCKS5:
        _check_socks5_login(username, password)
    if kind is ProxyKind.HTTP:
        _check_basic_login(username, password)
    return Proxy(
        kind=kind,
        host=parts.hostname,
        port=port or SOCKS_PORT,
        username=username,
        password=Secret(password) if password and username else None,
    )


def _check_socks5_login(username: str | None, password: str | None) -> None:
    """RFC 1929 sends each as one length byte and the text; python-socks sends ASCII."""
    for what, value in (("user name", username), ("password", password)):
        if value is None:
            continue
        if not value.isascii():
            raise InputError(f"The SOCKS5 proxy {what} has letters outside plain ASCII.")
        if len(value) > 255:
            raise InputError(f"The SOCKS5 proxy {what} is longer than 255 characters.")


def _check_basic_login(username: str | None, password: str | None) -> None:
    """python-socks sends the HTTP proxy login (Basic) in Latin-1, as most proxies read it."""
    for what, value in (("user name", username), ("password", password)):
        try:
            (value or "").encode("latin-1")
        except UnicodeEncodeError:
            raise InputError(
                f"The HTTP proxy {what} has letters outside Latin-1, which its login (Basic, "
                "in Latin-1) cannot carry; ask for a proxy account without them."
            ) from None


def _without_password(text: str) -> str:
    """A rejected URL, safe to repeat on stderr."""
    scheme, sep, rest = text.partition("://")
    credentials, at, host = rest.rpartition("@")
    if at and ":" in credentials:
        return f"{scheme}{sep}{credentials.split(':', 1)[0]}:********@{host}"
    return text


class Failure(enum.Enum):
    """How a connection through a proxy failed."""

    REFUSED = "refused"  # the proxy itself is not there, or not a proxy
    TIMEOUT = "timeout"  # the proxy, or the server behind it, did not answer in time
    DENIED = "denied"  # the proxy answered no: a rule forbids this server or port
    AUTH = "auth"  # the proxy wants a login it did not get, or refused it
    CANNOT_REACH = "cannot_reach"  # the proxy tried, and the server refused or had no route


class ProxyFailure(Exception):  # noqa: N818 - a result carried up, named for what it holds
    """Why the proxy did not connect us; `answer` is the proxy's own words, to quote."""

    def __init__(self, kind: Failure, answer: str, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {answer or detail}")
        self.kind = kind
        self.answer = answer
        self.detail = detail


@dataclass
class _Reader:
    """Stands in for the socket while python-socks talks to the proxy.

    It keeps a copy of every byte the proxy says, to quote its answer. For HTTP it also hands
    python-socks no more than the reply header: python-socks reads the reply with one
    `recv(65536)`, and an SSH server speaks first, so its greeting can arrive in the same
    read and be lost (30 times of 30 through tinyproxy to a server that greets at once).
    """

    sock: socket.socket
    kind: ProxyKind
    deadline: float
    answer: bytearray = field(default_factory=bytearray)

    def sendall(self, data: bytes) -> None:
        self.sock.sendall(data)

    def recv(self, size: int) -> bytes:
        # Every read waits only for what is left of the exchange's one timeout.
        self.sock.settimeout(max(0.01, self.deadline - time.monotonic()))
        data = self._http_head() if self.kind is ProxyKind.HTTP else self.sock.recv(size)
        self.answer += data
        return data

    def close(self) -> None:
        self.sock.close()

    def _http_head(self) -> bytes:
        """Wait for the whole reply header, then take exactly it off the socket."""
        while True:
            peeked = self.sock.recv(HEAD_LIMIT, socket.MSG_PEEK)
            end = _head_end(peeked)
            if end or not peeked or len(peeked) >= HEAD_LIMIT or not _may_be_http(peeked):
                return self.sock.recv(end or len(peeked) or 1)
            if time.monotonic() >= self.deadline:
                raise TimeoutError("the proxy's reply header did not end")
            time.sleep(0.005)  # part of the header is here; MSG_PEEK cannot wait for the rest


def _head_end(data: bytes) -> int:
    for terminator in (b"\r\n\r\n", b"\n\n"):
        found = data.find(terminator)
        if found != -1:
            return found + len(terminator)
    return 0


def _may_be_http(data: bytes) -> bool:
    return data[:5] == b"HTTP/"[: len(data)]


@dataclass
class _AlreadyOpen:
    """python-socks' `forward` seam (meant for proxy chains): the connection we opened."""

    reader: _Reader

    def connect(self, dest_host: str, dest_port: int, timeout: float | None = None) -> _Reader:
        return self.reader


def connect_through(proxy: Proxy, host: str, port: int, timeout: float) -> socket.socket:
    """A socket to `host`:`port` through `proxy`, ready for SSH; or ProxyFailure.

    For SOCKS4 `host` must be an IPv4 address. The whole exchange ends within `timeout`.
    """
    from python_socks import ProxyError, ProxyTimeoutError, ProxyType
    from python_socks.sync import Proxy as SocksProxy

    deadline = time.monotonic() + timeout
    reader = _Reader(_open_to_proxy(proxy, timeout), proxy.kind, deadline)
    proxy_type = {
        ProxyKind.HTTP: ProxyType.HTTP,
        ProxyKind.SOCKS5: ProxyType.SOCKS5,
        ProxyKind.SOCKS4: ProxyType.SOCKS4,
    }[proxy.kind]
    client = SocksProxy(
        proxy_type,
        proxy.host,
        proxy.port,
        username=proxy.username,
        password=proxy.password.reveal() if proxy.password else None,
        rdns=proxy.resolves_names,
        forward=cast("SocksProxy", _AlreadyOpen(reader)),
    )
    try:
        client.connect(host, port, timeout=timeout)
    except ProxyTimeoutError:
        raise ProxyFailure(Failure.TIMEOUT, _quote(proxy.kind, reader.answer)) from None
    except ProxyError as error:
        raise _judge(proxy, bytes(reader.answer), error) from None
    except OSError as error:
        reader.close()
        raise ProxyFailure(
            Failure.REFUSED, _quote(proxy.kind, reader.answer), _os_error_text(error)
        ) from None
    sock = reader.sock
    sock.settimeout(timeout)  # as a direct connection leaves it, for the next step's reads
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _open_to_proxy(proxy: Proxy, timeout: float) -> socket.socket:
    try:
        return socket.create_connection((proxy.host, proxy.port), timeout=timeout)
    except socket.gaierror as error:
        raise ProxyFailure(
            Failure.REFUSED, "", f"the proxy's name {proxy.host} does not resolve ({error})"
        ) from None
    except TimeoutError:
        raise ProxyFailure(Failure.TIMEOUT, "", PROXY_SILENT) from None
    except OSError as error:
        raise ProxyFailure(Failure.REFUSED, "", _os_error_text(error)) from None


def _os_error_text(error: OSError) -> str:
    if error.errno == errno.ECONNREFUSED:
        return "the proxy refused the connection"
    if error.errno == errno.ECONNRESET:
        return "the proxy reset the connection"
    if error.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return "no route to the proxy"
    return error.strerror or str(error)


# What each SOCKS5 reply code (RFC 1928 section 6) means for the district.
_SOCKS5_REPLIES = {
    1: Failure.DENIED,  # general failure: Dante says this for many refusals
    2: Failure.DENIED,  # connection not allowed by ruleset
    3: Failure.CANNOT_REACH,  # network unreachable
    4: Failure.CANNOT_REACH,  # host unreachable (also: the proxy could not resolve the name)
    5: Failure.CANNOT_REACH,  # connection refused by the server
    6: Failure.TIMEOUT,  # TTL expired
}
_HTTP_STATUSES = {401: Failure.AUTH, 407: Failure.AUTH, 408: Failure.TIMEOUT, 504: Failure.TIMEOUT}


def _judge(proxy: Proxy, answer: bytes, error: ProxyErrorLike) -> ProxyFailure:
    """Sort the proxy's refusal by what it said; keep its words."""
    library = quoted(str(error))  # python-socks quotes the proxy's status line
    code = error.error_code
    if proxy.kind is ProxyKind.HTTP:
        return _judge_http(_status_line(answer), _quote(proxy.kind, answer), library)
    if proxy.kind is ProxyKind.SOCKS5:
        return _judge_socks5(answer, code, library)
    return _judge_socks4(answer, code, library)


class ProxyErrorLike(Protocol):
    error_code: int | None


def _judge_http(status_line: str, shown: str, library: str) -> ProxyFailure:
    """Judged by the status line as it came; `shown` is it quoted, for the report."""
    parts = status_line.split()
    if not status_line.startswith("HTTP/") or len(parts) < 2 or not parts[1].isdigit():
        what = f"it said '{shown}'" if shown else "it said nothing"
        return ProxyFailure(Failure.REFUSED, shown, f"not an HTTP proxy: {what}")
    status = int(parts[1])
    kind = _HTTP_STATUSES.get(status)
    if kind is None:
        kind = Failure.CANNOT_REACH if status in (500, 502, 503) else Failure.DENIED
    return ProxyFailure(kind, shown, library)


def _judge_socks5(answer: bytes, code: int | None, library: str) -> ProxyFailure:
    if len(answer) < 2 or answer[0] != 5:
        return ProxyFailure(Failure.REFUSED, _hex(answer), "not a SOCKS5 proxy")
    if answer[1] == 0xFF:
        return ProxyFailure(Failure.AUTH, "no acceptable authentication method (0xFF)", library)
    if answer[1] == 2 and len(answer) >= 4 and answer[3] != 0:
        return ProxyFailure(Failure.AUTH, f"{library} (status {answer[3]})", library)
    if code is None:
        return ProxyFailure(Failure.DENIED, library, library)
    kind = _SOCKS5_REPLIES.get(code, Failure.DENIED)
    return ProxyFailure(kind, f"{library} (SOCKS5 reply {code})", library)


def _judge_socks4(answer: bytes, code: int | None, library: str) -> ProxyFailure:
    if code is None or len(answer) != 8:
        return ProxyFailure(Failure.REFUSED, _hex(answer), "not a SOCKS4 proxy")
    # 0x5B is all a SOCKS4 proxy can say for "no": a rule, a login it wants, or a failure.
    kind = Failure.AUTH if code in (0x5C, 0x5D) else Failure.DENIED
    return ProxyFailure(kind, f"{library} (SOCKS4 reply 0x{code:02X})", library)


def _quote(kind: ProxyKind, answer: bytes | bytearray) -> str:
    """The proxy's words, quoted: an HTTP status line as text, SOCKS bytes in hex. A proxy
    may quote the request back, its Proxy-Authorization header with it."""
    if kind is ProxyKind.HTTP:
        return quoted(_first_line(answer), encoding="latin-1").strip()
    return _hex(answer)


def _status_line(answer: bytes | bytearray) -> str:
    """The HTTP status line as the proxy sent it: for judging, never for showing."""
    return _first_line(answer).decode("latin-1").strip()


def _first_line(answer: bytes | bytearray) -> bytes:
    return bytes(answer).split(b"\n", 1)[0].rstrip(b"\r")


def _hex(data: bytes | bytearray) -> str:
    # Masked before the cut: a secret's first bytes alone must not show either.
    return masked_bytes(bytes(data))[:16].hex(" ")
