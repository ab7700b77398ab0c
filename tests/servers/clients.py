"""Small real clients for the sanity tests: paramiko, OpenSSH's sftp, raw sockets."""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TIMEOUT = 5.0


def quiet_paramiko() -> None:
    logger = logging.getLogger("paramiko")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False


@contextlib.contextmanager
def paramiko_transport(host: str, port: int, timeout: float = TIMEOUT) -> Iterator[Any]:
    """A started client Transport on a socket we opened, with every timeout set."""
    import paramiko

    quiet_paramiko()
    sock = socket.create_connection((host, port), timeout=timeout)
    transport = paramiko.Transport(sock)
    transport.banner_timeout = timeout
    transport.handshake_timeout = timeout
    transport.auth_timeout = timeout
    try:
        transport.start_client(timeout=timeout * 2)
        if not transport.is_active():
            raise paramiko.SSHException("handshake did not complete")
        yield transport
    finally:
        transport.close()
        sock.close()


def open_sftp(transport: Any) -> Any:
    import paramiko

    channel = transport.open_session(timeout=TIMEOUT)
    channel.settimeout(TIMEOUT)
    channel.invoke_subsystem("sftp")
    return paramiko.SFTPClient(channel)


@contextlib.contextmanager
def paramiko_sftp(
    host: str,
    port: int,
    username: str,
    password: str | None = None,
    key_path: Path | None = None,
    passphrase: str | None = None,
) -> Iterator[Any]:
    """An SFTP session logged in with a key and/or a password (key first, as OpenSSH does)."""
    import paramiko

    with paramiko_transport(host, port) as transport:
        if key_path is not None:
            key = paramiko.PKey.from_path(
                key_path, password=passphrase.encode() if passphrase else None
            )
            transport.auth_publickey(username, key)
        if password is not None and not transport.is_authenticated():
            transport.auth_password(username, password)
        sftp = open_sftp(transport)
        try:
            yield sftp
        finally:
            sftp.close()


def openssh_sftp_batch(
    host: str,
    port: int,
    username: str,
    key_path: Path,
    known_hosts: Path,
    commands: str,
    extra_options: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """OpenSSH's own sftp client in batch mode with a key: no password prompt possible."""
    options = [
        "-o",
        f"UserKnownHostsFile={known_hosts}",
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "ConnectTimeout=5",
        "-F",
        "/dev/null",
        *extra_options,
    ]
    return subprocess.run(
        ["sftp", "-b", "-", "-i", str(key_path), "-P", str(port), *options, f"{username}@{host}"],
        input=commands,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def read_for(sock: socket.socket, seconds: float, limit: int = 64 * 1024 * 1024) -> bytes:
    """Everything the peer sends within `seconds` (or until it closes); errors propagate."""
    data = b""
    deadline = time.monotonic() + seconds
    while len(data) < limit:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            break
        if not chunk:
            break
        data += chunk
    return data


def server_kexinit(host: str, port: int) -> dict[str, list[str]]:
    """The algorithm lists a server offers in its first SSH_MSG_KEXINIT (no key exchange)."""
    names = [
        "kex",
        "host_key",
        "cipher_c2s",
        "cipher_s2c",
        "mac_c2s",
        "mac_s2c",
        "compression_c2s",
        "compression_s2c",
    ]
    with socket.create_connection((host, port), timeout=TIMEOUT) as sock:
        sock.sendall(b"SSH-2.0-sftpcheck_tests\r\n")
        stream = sock.makefile("rb")
        while not stream.readline().startswith(b"SSH-"):
            pass
        length, padding = struct.unpack(">IB", stream.read(5))
        payload = stream.read(length - 1 - padding)
    assert payload[0] == 20, "expected SSH_MSG_KEXINIT"
    offset = 1 + 16  # message number and cookie
    lists: dict[str, list[str]] = {}
    for name in names:
        (size,) = struct.unpack(">I", payload[offset : offset + 4])
        lists[name] = payload[offset + 4 : offset + 4 + size].decode().split(",")
        offset += 4 + size
    return lists
