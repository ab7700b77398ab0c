"""The embedded SSH/SFTP server: real SSH over a real loopback socket, via paramiko's server side.

One thread accepts connections; paramiko runs each connection's Transport in its own
thread, and the SFTP session in another. Stopping closes the listener and every
transport and waits a bounded time, so it cannot hang.
"""

from __future__ import annotations

import hmac
import io
import logging
import socket
import threading
from pathlib import Path

import paramiko
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from paramiko.common import (
    AUTH_FAILED,
    AUTH_SUCCESSFUL,
    OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED,
    OPEN_SUCCEEDED,
)

from sftpcheck.demo.config import DEMO_USERNAME, DemoServerConfig
from sftpcheck.demo.jail import Jail
from sftpcheck.demo.listeners import AcceptingServer
from sftpcheck.demo.sftp_service import DemoSFTPService

# A client that hangs up mid-handshake (the protocol check does so on purpose) makes
# paramiko log a traceback; in a demo that is noise, never news.
_paramiko_log = logging.getLogger("paramiko")
_paramiko_log.addHandler(logging.NullHandler())
_paramiko_log.propagate = False

_HANDSHAKE_SECONDS = 10


def generate_host_key() -> paramiko.Ed25519Key:
    """A fresh ed25519 key, kept in memory only (paramiko cannot generate ed25519 itself)."""
    return paramiko.Ed25519Key(file_obj=io.StringIO(generate_private_key_text()))


def generate_private_key_text() -> str:
    """A fresh ed25519 private key in OpenSSH's file format, without a passphrase."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    ).decode("ascii")


class _LoginPolicy(paramiko.ServerInterface):
    """Who may log in and what a logged-in account may open, per the config."""

    def __init__(
        self,
        config: DemoServerConfig,
        username: str,
        password: str,
        client_key: paramiko.PKey | None = None,
    ) -> None:
        self._config = config
        self._username = username
        self._password = password
        self._client_key = client_key

    def get_allowed_auths(self, username: str) -> str:
        return ",".join(self._config.auth_methods)

    def check_auth_password(self, username: str, password: str) -> int:
        allowed = "password" in self._config.auth_methods and self._config.accept_password
        if allowed and _same(username, self._username) and _same(password, self._password):
            return AUTH_SUCCESSFUL
        return AUTH_FAILED

    def check_auth_publickey(self, username: str, key: paramiko.PKey) -> int:
        allowed = "publickey" in self._config.auth_methods and self._client_key is not None
        if allowed and _same(username, self._username) and key == self._client_key:
            return AUTH_SUCCESSFUL
        return AUTH_FAILED

    def check_channel_request(self, kind: str, chanid: int) -> int:
        if kind == "session":
            return OPEN_SUCCEEDED
        return OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def check_channel_subsystem_request(self, channel: paramiko.Channel, name: str) -> bool:
        if not self._config.sftp_enabled:
            return False
        return super().check_channel_subsystem_request(channel, name)

    def get_banner(self) -> tuple[str | None, str | None]:
        return (self._config.banner or None, "en-US")


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


class DemoSFTPServer(AcceptingServer):
    """A school-data drop on 127.0.0.1: password login, landing in /upload, over `files_root`.

    `files_root` must hold an `upload` directory; the server never reaches outside it.
    """

    def __init__(
        self,
        files_root: Path,
        password: str,
        config: DemoServerConfig | None = None,
        host_key: paramiko.PKey | None = None,
        username: str = DEMO_USERNAME,
        client_key: paramiko.PKey | None = None,
    ) -> None:
        super().__init__()
        # The one public key this account accepts (the key the demo wrote for the user).
        self.client_key = client_key
        self.config = config or DemoServerConfig()
        self.username = username
        self.host_key = host_key or generate_host_key()
        self._password = password
        self._jail = Jail(files_root)
        self._transports: list[paramiko.Transport] = []

    def _handle(self, connection: socket.socket) -> None:
        transport = paramiko.Transport(connection)
        transport.add_server_key(self.host_key)
        transport.handshake_timeout = _HANDSHAKE_SECONDS
        transport.set_subsystem_handler(
            "sftp", paramiko.SFTPServer, DemoSFTPService, self._jail, self.config
        )
        policy = _LoginPolicy(self.config, self.username, self._password, self.client_key)
        with self._lock:
            self._transports = [t for t in self._transports if t.is_alive()]
            self._transports.append(transport)
        try:
            # With an event, start_server returns at once; the handshake runs in its thread.
            transport.start_server(event=threading.Event(), server=policy)
        except (paramiko.SSHException, OSError):
            transport.close()

    def stop(self) -> None:
        super().stop()
        with self._lock:
            transports, self._transports = self._transports, []
        for transport in transports:
            transport.close()
        for transport in transports:
            transport.join(timeout=1)
