"""known_hosts as OpenSSH reads it: what the file says of one host's key.

OpenSSH (hostfile.c) takes the file a line at a time and skips what it cannot use: blank
lines, comments, and lines it cannot parse. A host field is a comma list of patterns
(`*` and `?` as wildcards, a leading `!` to exclude) or a hashed name (`|1|salt|hash`,
the HMAC-SHA1 of the name). A line may start with a marker: `@cert-authority` holds a key
that signs host certificates, not a host key, so a plain key check passes over it; a key
on a matching `@revoked` line is refused outright. A key that equals none of the host's
saved keys, whatever their type, is a changed key, and OpenSSH refuses it; so that a
server holding a saved key of another type too shows that one, OpenSSH asks first for
the types saved for the host (as `host_key_order` does for sftpcheck).

paramiko's HostKeys stops at the first marker line (InvalidHostKey), knows no patterns
and no revoked keys, and compares only keys of one type: hence this reader.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import hmac
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_HASHED = "|1|"
_MARKERS = {"@cert-authority", "@revoked"}


class Trust(enum.Enum):
    """What a known_hosts file says of the key a server showed."""

    SAVED = "saved"  # a line for this host holds this very key
    REVOKED = "revoked"  # a matching @revoked line holds it: OpenSSH refuses it
    CHANGED = "changed"  # lines for this host hold other keys, none this one
    UNKNOWN = "unknown"  # no line holds a host key for this host


@dataclass(frozen=True)
class HostKeyLine:
    """One usable line: its marker (or None), its host field and its key blob."""

    marker: str | None
    hosts: str
    blob: bytes

    @property
    def key_type(self) -> str:
        return blob_type(self.blob)

    def names(self, host: str) -> bool:
        """Whether the line speaks for `host` (a name, or `[name]:port` off port 22)."""
        host = host.lower()
        if self.hosts.startswith(_HASHED):
            return _hash_matches(self.hosts, host)
        matched = False
        for pattern in self.hosts.lower().split(","):
            negated = pattern.startswith("!")
            if _glob(pattern.removeprefix("!")).fullmatch(host):
                if negated:
                    return False  # an excluded name wins over every other pattern
                matched = True
        return matched


@dataclass(frozen=True)
class Verdict:
    """The file's word on one key: how it stands, and the host's other keys saved there."""

    trust: Trust
    others: tuple[bytes, ...] = ()


def host_name(host: str, port: int) -> str:
    """The name a known_hosts line gives a server: `[host]:port` off port 22."""
    return host if port == 22 else f"[{host}]:{port}"


def judge(path: Path, host: str, port: int, blob: bytes) -> Verdict:
    """What the file at `path` says of the server's key `blob` (UNKNOWN if unreadable)."""
    lines = _lines_for(path, host, port)
    if any(line.marker == "@revoked" and line.blob == blob for line in lines):
        return Verdict(Trust.REVOKED)
    keys = tuple(dict.fromkeys(line.blob for line in lines if line.marker is None))
    if blob in keys:
        return Verdict(Trust.SAVED)
    return Verdict(Trust.CHANGED, keys) if keys else Verdict(Trust.UNKNOWN)


def host_key_order(path: Path, host: str, port: int, preferred: Sequence[str]) -> tuple[str, ...]:
    """The engine's host key algorithms, those of the host's saved keys first, as OpenSSH
    orders them: a server that has the saved key shows it, and is not taken for changed."""
    saved = {line.key_type for line in _lines_for(path, host, port) if line.marker is None}
    wanted = {
        algorithm for key_type in saved for algorithm in _ALGORITHMS.get(key_type, (key_type,))
    }
    return (
        *(name for name in preferred if name in wanted),
        *(name for name in preferred if name not in wanted),
    )


# A saved key's type, and the host key algorithms that show a key of that type.
_ALGORITHMS = {"ssh-rsa": ("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa")}


def _lines_for(path: Path, host: str, port: int) -> list[HostKeyLine]:
    name = host_name(host, port)
    return [line for line in read_lines(path) if line.names(name)]


def read_lines(path: Path) -> list[HostKeyLine]:
    """The lines OpenSSH would use; an unreadable file has none (it was checked at start)."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return []
    found = (parse_line(line) for line in text.splitlines())
    return [line for line in found if line is not None]


def parse_line(line: str) -> HostKeyLine | None:
    """One known_hosts line, or None for a blank, a comment or a line OpenSSH skips."""
    fields = line.split()
    if not fields or fields[0].startswith("#"):
        return None
    marker = None
    if fields[0].startswith("@"):
        if fields[0] not in _MARKERS:
            return None
        marker, fields = fields[0], fields[1:]
    if len(fields) < 3:
        return None
    hosts, key_type, encoded = fields[:3]
    try:
        blob = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    if blob_type(blob) != key_type:
        return None  # OpenSSH refuses a line whose type disagrees with its key
    return HostKeyLine(marker, hosts, blob)


def blob_type(blob: bytes) -> str:
    """The key type a public key blob names first (`ssh-ed25519`), or "" if it names none."""
    if len(blob) < 4:
        return ""
    (length,) = struct.unpack(">I", blob[:4])
    return blob[4 : 4 + length].decode("ascii", errors="replace") if len(blob) >= 4 + length else ""


def _hash_matches(field: str, host: str) -> bool:
    """`|1|salt|hash`: HMAC-SHA1 of the host name, keyed with the salt, both base64."""
    parts = field[len(_HASHED) :].split("|")
    if len(parts) != 2:
        return False
    try:
        salt, digest = (base64.b64decode(part, validate=True) for part in parts)
    except (binascii.Error, ValueError):
        return False
    mine = hmac.new(salt, host.encode("utf-8"), hashlib.sha1).digest()
    return hmac.compare_digest(mine, digest)


def _glob(pattern: str) -> re.Pattern[str]:
    """OpenSSH's patterns: `*` any run, `?` one character; everything else, `[` too, as is."""
    return re.compile("".join(_GLOB.get(char, re.escape(char)) for char in pattern), re.DOTALL)


_GLOB = {"*": ".*", "?": "."}
