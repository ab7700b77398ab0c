"""Parsing TARGET (host, host:port, user@host, [v6]:port, sftp:// URL) and DNS server addresses."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from sftpcheck.errors import InputError

DEFAULT_PORT = 22
_HOST_NAME = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_-]{1,63})*\.?$"
)


@dataclass(frozen=True)
class Target:
    """What TARGET said. Fields it did not say are None, so explicit options can fill them."""

    host: str
    port: int | None = None
    username: str | None = None
    remote_dir: str | None = None


def parse_port(text: str | int, where: str = "port") -> int:
    try:
        port = int(text)
    except ValueError:
        raise InputError(f"The {where} '{text}' is not a number; use 1 to 65535.") from None
    if not 1 <= port <= 65535:
        raise InputError(f"The {where} {port} is out of range; use 1 to 65535.")
    return port


def check_host(host: str) -> str:
    """Return the host as written, or raise InputError when it cannot be a host name or IP."""
    if is_ip_address(host):
        return host
    if " " in host or not _HOST_NAME.match(host):
        raise InputError(f"'{host}' is not a valid server name or IP address.")
    return host


def is_ip_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def parse_target(text: str) -> Target:
    """Read TARGET in any of the forms that WinSCP, FileZilla and people write."""
    text = text.strip()
    if not text:
        raise InputError("The target is empty; give a server name such as sftp.vendor.org.")
    if "://" in text:
        return _parse_url(text)
    username = None
    if "@" in text:
        username, _, text = text.rpartition("@")
        if not username:
            raise InputError("The target has an '@' but no user name before it.")
    host, port = _split_host_port(text)
    return Target(host=check_host(host), port=port, username=username)


def _parse_url(text: str) -> Target:
    parts = urlsplit(text)
    if parts.scheme.lower() != "sftp":
        hint = " FTP is not SFTP: ask for the SFTP address." if "ftp" in parts.scheme else ""
        raise InputError(
            f"The target uses '{parts.scheme}://'; sftpcheck checks sftp:// only.{hint}"
        )
    if parts.password:
        raise InputError(
            "The target URL holds a password; remove it and use SFTPCHECK_PASSWORD instead."
        )
    if not parts.hostname:
        raise InputError(f"The URL '{text}' has no server name.")
    try:
        port = parts.port
    except ValueError:
        raise InputError(f"The URL '{text}' has a port that is not 1 to 65535.") from None
    if port == 0:
        raise InputError("The port 0 is out of range; use 1 to 65535.")
    path = unquote(parts.path) or None
    # WinSCP copies sftp://user@host/ with a trailing slash that means "no directory".
    remote_dir = None if path in (None, "/") else path
    username = unquote(parts.username) if parts.username else None
    # WinSCP puts ";fingerprint=..." after the user name; it is not part of the name.
    if username and ";" in username:
        username = username.split(";", 1)[0]
    return Target(
        host=check_host(parts.hostname), port=port, username=username, remote_dir=remote_dir
    )


def _split_host_port(text: str) -> tuple[str, int | None]:
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or not is_ip_address(host):
            raise InputError(f"'{text}' is not a valid [IPv6 address]:port.")
        if not rest:
            return host, None
        if not rest.startswith(":"):
            raise InputError(f"'{text}' has text after the ']' that is not ':port'.")
        return host, parse_port(rest[1:])
    if text.count(":") > 1:  # a bare IPv6 address
        if not is_ip_address(text):
            raise InputError(f"'{text}' is not a valid address; write IPv6 as [address]:port.")
        return text, None
    host, colon, port_text = text.partition(":")
    return host, parse_port(port_text) if colon else None


def parse_resolver(text: str) -> tuple[str, int]:
    """`1.2.3.4`, `1.2.3.4:5353` or `[::1]:5353` -> (address, port)."""
    host, port = _split_host_port(text.strip())
    if not is_ip_address(host):
        raise InputError(f"The resolver '{text}' must be an IP address, such as 1.1.1.1.")
    return host, port or 53
