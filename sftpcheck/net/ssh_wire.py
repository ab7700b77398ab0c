"""Reading the server's SSH_MSG_KEXINIT ourselves, since paramiko has no API for what a
server offers, and judging which offered algorithms a client can use.
"""

from __future__ import annotations

import socket
import struct
import time
from dataclasses import dataclass

from sftpcheck.outside import quoted

# What sftpcheck says as an SSH client: enough for a server to send its KEXINIT.
CLIENT_GREETING = b"SSH-2.0-sftpcheck\r\n"
MSG_KEXINIT = 20
_MAX_PACKET = 256 * 1024
# The most names of one list a report shows: real servers offer a dozen or two.
_SHOWN_NAMES = 40
# Names that carry SHA-1 or worse; clients since OpenSSH 8.8 and paramiko 5 refuse them.
_LEGACY_MARKERS = ("-sha1", "ssh-rsa", "ssh-dss", "group1-", "-cbc", "3des", "arcfour", "md5")


@dataclass(frozen=True)
class ServerAlgorithms:
    """The algorithm lists of a server's KEXINIT, in its order of preference."""

    kex: tuple[str, ...]
    host_key: tuple[str, ...]
    ciphers: tuple[str, ...]
    macs: tuple[str, ...]
    compression: tuple[str, ...]

    def as_dict(self) -> dict[str, list[str]]:
        """The lists as a report shows them: each name quoted, a long list cut."""
        return {
            "kex": shown_names(self.kex),
            "host_key": shown_names(self.host_key),
            "ciphers": shown_names(self.ciphers),
            "macs": shown_names(self.macs),
            "compression": shown_names(self.compression),
        }


def shown_names(names: tuple[str, ...]) -> list[str]:
    """A server's names as a report shows them: quoted, and at most _SHOWN_NAMES of them."""
    shown = [quoted(name) for name in names[:_SHOWN_NAMES]]
    if len(names) > _SHOWN_NAMES:
        shown.append(f"… ({len(names):,} names in all)")
    return shown


class _Reader:
    """Reads exact byte counts from a socket before a fixed deadline."""

    def __init__(self, sock: socket.socket, deadline: float, already: bytes = b"") -> None:
        self.sock = sock
        self.deadline = deadline
        self.buffer = already
        # Every byte taken from the socket, for the SSH engine that takes the connection over.
        self.taken = bytearray()

    def _fill(self) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline passed")
        self.sock.settimeout(remaining)
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("server closed the connection")
        self.taken += chunk
        self.buffer += chunk

    def exactly(self, count: int) -> bytes:
        while len(self.buffer) < count:
            self._fill()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data


def read_kexinit(
    sock: socket.socket, after_banner: bytes, deadline: float
) -> tuple[ServerAlgorithms | None, bytes]:
    """Read the server's first packet, which follows its banner; None if not had in time.

    The caller has read the banner line and has sent (or now sends) a client greeting;
    `after_banner` holds whatever it already read past the banner line. Also returns the
    bytes this read took from the socket, which the SSH engine must still be given.
    """
    reader = _Reader(sock, deadline, after_banner)
    try:
        length, padding = struct.unpack(">IB", reader.exactly(5))
        if not padding < length <= _MAX_PACKET:
            return None, bytes(reader.taken)
        payload = reader.exactly(length - 1)[: length - 1 - padding]
    except (OSError, EOFError, struct.error):
        return None, bytes(reader.taken)
    return parse_kexinit(payload), bytes(reader.taken)


def parse_kexinit(payload: bytes) -> ServerAlgorithms | None:
    """msg byte 20, 16-byte cookie, then ten name-lists (uint32 length + comma-separated)."""
    if not payload or payload[0] != MSG_KEXINIT:
        return None
    offset = 17
    lists: list[tuple[str, ...]] = []
    try:
        for _ in range(10):
            (size,) = struct.unpack_from(">I", payload, offset)
            offset += 4
            text = payload[offset : offset + size].decode("ascii")
            offset += size
            lists.append(tuple(name for name in text.split(",") if name))
    except (struct.error, UnicodeDecodeError):
        return None
    kex = tuple(n for n in lists[0] if not n.startswith(("ext-info-", "kex-strict-")))
    return ServerAlgorithms(
        kex=kex, host_key=lists[1], ciphers=lists[2], macs=lists[4], compression=lists[6]
    )


@dataclass(frozen=True)
class Agreement:
    """For each kind of algorithm: what client and server share, first choice first."""

    kex: tuple[str, ...]
    host_key: tuple[str, ...]
    ciphers: tuple[str, ...]
    macs: tuple[str, ...]

    def missing(self) -> list[str]:
        """The kinds with nothing in common. MACs do not matter when the cipher is AEAD."""
        kinds = {"key exchange": self.kex, "host key type": self.host_key, "cipher": self.ciphers}
        lacking = [kind for kind, shared in kinds.items() if not shared]
        aead = any("gcm" in c or "poly1305" in c for c in self.ciphers)
        if not self.macs and not aead:
            lacking.append("MAC")
        return lacking


def agree(
    client_kex: tuple[str, ...],
    client_host_key: tuple[str, ...],
    client_ciphers: tuple[str, ...],
    client_macs: tuple[str, ...],
    server: ServerAlgorithms,
) -> Agreement:
    """The client's preference order wins, as in SSH's negotiation."""

    def shared(mine: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(name for name in mine if name in theirs)

    return Agreement(
        kex=shared(client_kex, server.kex),
        host_key=shared(client_host_key, server.host_key),
        ciphers=shared(client_ciphers, server.ciphers),
        macs=shared(client_macs, server.macs),
    )


def is_legacy(name: str) -> bool:
    return any(marker in name for marker in _LEGACY_MARKERS)
