"""The SSH engine as sftpcheck drives it: paramiko, taught to log in the way every server
accepts, and to take over the connection the earlier steps opened.

Three things paramiko does not do on its own:
- it sends a fresh `ssh-userauth` service request before every login attempt. RFC 4252
  allows one; AsyncSSH, Go's x/crypto/ssh and node's ssh2 hang up on the second (paramiko
  issue #132), and the hang-up then looks like a refused password. `CheckTransport` asks
  once per connection, and records each USERAUTH_FAILURE and DISCONNECT it hears, so that
  only a real "no" from the server is ever called a refusal;
- it wants a fresh socket. `ReplaySocket` hands it the one the protocol check already read
  the server's banner and KEXINIT on, bytes and all;
- it answers whatever the server asks during a login, and has no way to decline a
  question: an exception from the prompt handler ends its thread. `CheckTransport` lets
  the handler refuse (`PromptRefused`, see login_prompts.py): nothing is sent, and the
  waiting login gets the refusal. It also keeps every login banner, not only the last.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import paramiko
from paramiko.auth_handler import AuthOnlyHandler
from paramiko.common import cMSG_SERVICE_REQUEST, cMSG_USERAUTH_REQUEST
from paramiko.message import Message
from paramiko.transport import ServiceRequestingTransport

from sftpcheck.net.login_prompts import Demand, PromptRefused
from sftpcheck.outside import Outside

# paramiko's private hooks (message handlers, state flags) are not in its type stubs.
_AuthHandlerBase: Any = AuthOnlyHandler
_TransportBase: Any = ServiceRequestingTransport

# How often a wait checks that the connection is still alive.
_POLL = 0.05
_QUICKACK = getattr(socket, "TCP_QUICKACK", None)
# Set to 1 to leave Nagle's algorithm on, as paramiko does (for the benchmark only).
NAGLE_ENV = "SFTPCHECK_BENCH_NAGLE"


class ReplaySocket:
    """A socket that first returns the bytes already read from it, and does not repeat the
    version line sftpcheck already sent. Everything else goes to the real socket."""

    def __init__(self, sock: socket.socket, received: bytes, sent_greeting: bytes) -> None:
        self._sock = sock
        self._pending = received
        self._unsent_duplicate = sent_greeting

    def recv(self, size: int) -> bytes:
        if self._pending:
            data, self._pending = self._pending[:size], self._pending[size:]
            return data
        if _QUICKACK is not None:
            with contextlib.suppress(OSError):
                self._sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
        return self._sock.recv(size)

    def send(self, data: bytes) -> int:
        if self._unsent_duplicate:
            # paramiko's first write is its version line: the server has ours already.
            if bytes(data) == self._unsent_duplicate:
                self._unsent_duplicate = b""
                return len(data)
            self._unsent_duplicate = b""
        return self._sock.send(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


@dataclass(frozen=True)
class AuthFailure:
    """One USERAUTH_FAILURE: the methods that may continue, and whether it was partial."""

    methods: tuple[str, ...]
    partial: bool


@dataclass(frozen=True)
class Disconnect:
    """What the server said when it ended the connection (SSH_MSG_DISCONNECT)."""

    code: int
    text: Outside


class _RecordingAuthHandler(_AuthHandlerBase):  # type: ignore[misc]
    """paramiko's one-service auth handler, keeping every failure's list of methods."""

    def __init__(self, transport: paramiko.Transport) -> None:
        super().__init__(transport)
        self.failures: list[AuthFailure] = []
        self.banners: list[Outside] = []

    def send_auth_request(
        self, username: str, method: str, finish_message: Callable[[Message], None] | None = None
    ) -> list[str]:
        """Send one USERAUTH_REQUEST and wait for the answer.

        paramiko 5.1 makes the event it waits on only after sending, so a fast server's
        answer can set the previous one and the login then "times out"; and for "none" it
        calls a finisher that is None. This version has neither fault.
        """
        self.auth_method = method
        self.username = username
        message = Message()
        message.add_byte(cMSG_USERAUTH_REQUEST)
        message.add_string(username)
        message.add_string("ssh-connection")
        message.add_string(method)
        if finish_message is not None:
            finish_message(message)
        event = threading.Event()
        self.auth_event = event
        with self.transport.lock:
            self.transport._send_message(message)
        result: list[str] = self.wait_for_response(event)
        return result

    def _parse_userauth_banner(self, m: Message) -> None:
        super()._parse_userauth_banner(m)
        raw = self.banner
        text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw)
        self.banners.append(Outside(text))

    def _parse_userauth_info_request(self, m: Message) -> None:
        """Message 60 is two messages. During a password login it is the server's demand
        for a new password (RFC 4252 section 8, PASSWD_CHANGEREQ), which paramiko takes for
        a protocol error and dies on; during keyboard-interactive it is a round of prompts.
        Either way a refusal sends nothing and goes to the waiting login, instead of ending
        paramiko's thread."""
        if self.auth_method == "password":
            prompt = m.get_text()
            self._refuse(PromptRefused(Demand.NEW_PASSWORD, prompt.strip(), answered=True))
            return
        try:
            super()._parse_userauth_info_request(m)
        except PromptRefused as refusal:
            self._refuse(refusal)

    def _refuse(self, refusal: PromptRefused) -> None:
        # As paramiko hands on an error of its own thread: the waiting login raises it.
        self.transport.saved_exception = refusal
        if self.auth_event is not None:
            self.auth_event.set()

    def _parse_userauth_failure(self, m: Message) -> None:
        methods = tuple(m.get_list())
        partial = m.get_boolean()
        self.failures.append(AuthFailure(methods, partial))
        m.rewind()
        super()._parse_userauth_failure(m)


class CheckTransport(_TransportBase):  # type: ignore[misc]
    """A client transport that requests the userauth service once, with bounded waits."""

    def __init__(self, sock: Any) -> None:
        super().__init__(sock)
        self._service_accepted = threading.Event()
        self.disconnect: Disconnect | None = None

    def _parse_service_accept(self, m: Message) -> None:
        super()._parse_service_accept(m)
        if self._service_userauth_accepted:
            self._service_accepted.set()

    def _parse_disconnect(self, m: Message) -> None:
        code = m.get_int()
        text = m.get_text()
        self.disconnect = Disconnect(code, Outside(text))
        m.rewind()
        super()._parse_disconnect(m)

    def ensure_session(self) -> None:
        """paramiko's version polls with no limit; this one stops when the link dies or the
        auth timeout passes."""
        if not self.active or not self.initial_kex_done:
            raise paramiko.SSHException("No existing session")
        if self._service_userauth_accepted:
            return
        # Made before the request: a server may send its login banner (Banner in
        # sshd_config) right after accepting, and only an auth handler takes it.
        self.auth_handler = self.get_auth_handler()
        message = Message()
        message.add_byte(cMSG_SERVICE_REQUEST)
        message.add_string("ssh-userauth")
        self._send_message(message)
        # The auth check's watchdog ends a stalled login sooner; this bounds any other caller.
        limit = 3 * (self.auth_timeout or 10.0)
        waited = 0.0
        while not self._service_accepted.wait(_POLL):
            waited += _POLL
            if not self.is_active():
                raise EOFError("the server closed the connection before the login began")
            if waited >= limit:
                raise paramiko.AuthenticationException("Authentication timeout.")

    def get_auth_handler(self) -> _RecordingAuthHandler:
        return _RecordingAuthHandler(self)

    @property
    def auth_failures(self) -> tuple[AuthFailure, ...]:
        handler = self.auth_handler
        if isinstance(handler, _RecordingAuthHandler):
            return tuple(handler.failures)
        return ()

    @property
    def login_banners(self) -> tuple[Outside, ...]:
        """Every USERAUTH_BANNER of the login, in order: the vendor's notice before it, and
        what PAM said (an expired password) just before the success."""
        handler = self.auth_handler
        if isinstance(handler, _RecordingAuthHandler):
            return tuple(handler.banners)
        return ()


def new_transport(sock: socket.socket, received: bytes, sent_greeting: bytes) -> CheckTransport:
    """A transport on an open connection, with the bytes already read handed on."""
    # Nagle plus delayed ACK costs ~40 ms on each small login message otherwise. The
    # variable exists for `make bench`, which measures the healthy check with and without.
    if os.environ.get(NAGLE_ENV) != "1":
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    transport = CheckTransport(ReplaySocket(sock, received, sent_greeting))
    if sent_greeting:
        # The key exchange hashes the client's version line: it must be the one we sent.
        transport.local_version = sent_greeting.decode("ascii").rstrip("\r\n")
    return transport


@dataclass
class Watchdog:
    """Closes the transport when an operation outlives its time, and remembers that it did.

    paramiko's own timeouts do not cover every wait (start_client returns quietly, channel
    opens wait an hour), so every network step runs under one of these.
    """

    fired: bool = False


@contextmanager
def deadline(transport: paramiko.Transport, seconds: float) -> Iterator[Watchdog]:
    watchdog = Watchdog()

    def expire() -> None:
        watchdog.fired = True
        transport.close()

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield watchdog
    finally:
        timer.cancel()


def fingerprint(key: paramiko.PKey) -> str:
    return blob_fingerprint(key.asbytes())


def blob_fingerprint(blob: bytes) -> str:
    """OpenSSH's SHA256 fingerprint of a public key blob."""
    digest = hashlib.sha256(blob).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")
