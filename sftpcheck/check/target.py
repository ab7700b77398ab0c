"""Parsing what a user types: TARGET (host, host:port, user@host, [v6]:port, an sftp:// URL),
ports, remote directories and DNS server addresses."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from sftpcheck.check.layer import Layer
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
    # The host key a WinSCP URL names (`;fingerprint=...`), as SHA256:base64.
    fingerprint: str | None = None


def parse_port(text: str | int, where: str = "port") -> int:
    try:
        port = int(text)
    except ValueError:
        raise InputError(f"The {where} '{text}' is not a number; use 1 to 65535.") from None
    if not 1 <= port <= 65535:
        raise InputError(f"The {where} {port} is out of range; use 1 to 65535.")
    return port


def check_host(host: str) -> str:
    """The host as DNS needs it (a name in other scripts as IDNA `xn--`), or InputError."""
    if is_ip_address(host):
        return host
    if not host.isascii():
        host = _idna(host)
    if " " in host or not _HOST_NAME.match(host):
        raise InputError(f"'{host}' is not a valid server name or IP address.")
    return host


def _idna(host: str) -> str:
    # Python's own codec (IDNA 2003) covers the names districts meet, such as münchen.de,
    # and maps the ideographic full stop to '.'; no extra package is needed.
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise InputError(
            f"'{host}' is not a valid server name: it cannot be written in the DNS's letters."
        ) from None


def check_remote_dir(path: str) -> str:
    """A remote directory as SFTP reads it; Windows and shell habits get one clear sentence."""
    if re.match(r"^[A-Za-z]:[\\/]", path):
        raise InputError(
            f"The remote directory '{path}' is a folder on a Windows computer; give the folder "
            "on the SFTP server, such as '/upload' (WinSCP shows it in its right pane)."
        )
    if "\\" in path:
        raise InputError(
            f"The remote directory '{path}' uses '\\'; SFTP paths use '/', such as "
            f"'{re.sub('/+', '/', path.replace(chr(92), '/'))}'."
        )
    if path.startswith("~"):
        rest = path[1:].lstrip("/")
        hint = f"'{rest}' (from the login folder) or the full path" if rest else "'.'"
        raise InputError(
            f"The remote directory '{path}' starts with '~', which SFTP does not expand; "
            f"give {hint}."
        )
    return path


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
        check_username(username)
    host, port = _split_host_port(text)
    return Target(host=check_host(host), port=port, username=username)


def check_username(username: str, where: str = "The target") -> str:
    """A user name, or InputError for `user:password`: the part after ':' is never repeated.

    No SFTP server's user name holds a ':' (it separates the fields of /etc/passwd), so
    one there is a password: sent as part of the user name, and printed in the report.
    """
    if ":" in username:
        raise InputError(
            f"{where} holds a password after the user name ({username.split(':', 1)[0]}:...); "
            "remove it and put the password in SFTPCHECK_PASSWORD instead."
        )
    return username


def _parse_url(text: str) -> Target:
    try:
        parts = urlsplit(text)
    except ValueError:  # urllib's own check of what is between [ and ]
        raise InputError(
            f"The URL '{text}' has brackets that do not hold an IPv6 address; write [ ] only "
            "around one, as in sftp://user@[2001:db8::1]:22/, and a name without them."
        ) from None
    if parts.scheme.lower() != "sftp":
        hint = " FTP is not SFTP: ask for the SFTP address." if "ftp" in parts.scheme else ""
        raise InputError(
            f"The target uses '{parts.scheme}://'; sftpcheck checks sftp:// only.{hint}"
        )
    # WinSCP writes settings after the user name: user;fingerprint=...;x-name=value@host.
    userinfo, at, host_part = parts.netloc.rpartition("@")
    user_and_password, _, settings = userinfo.partition(";")
    fingerprint = _url_settings(settings) if at and settings else None
    if at:
        parts = parts._replace(netloc=f"{user_and_password}@{host_part}")
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
    if path and (path == "/~" or path.startswith("/~/")):
        # The URL draft's home-relative form: sftp://host/~/upload is 'upload' in the home.
        path = path[3:] or "."
    # WinSCP copies sftp://user@host/ with a trailing slash that means "no directory".
    remote_dir = None if path in (None, "/") else path
    username = unquote(parts.username) if parts.username else None
    return Target(
        host=check_host(unquote(parts.hostname)),
        port=port,
        username=username,
        remote_dir=check_remote_dir(remote_dir) if remote_dir else None,
        fingerprint=fingerprint,
    )


# The host key types a fingerprint in a URL can start with (draft-ietf-secsh-scp-sftp-ssh-uri).
_URL_FINGERPRINT = re.compile(
    r"^(?:ssh-ed25519|ssh-ed448|ssh-rsa|ssh-dss|ecdsa-sha2-nistp\d+|rsa-sha2-\d+)-"
    r"(?P<body>[A-Za-z0-9+/_=-]+)$"
)
_BIT_COUNT = re.compile(r"^\d{3,5}-")


def _url_settings(settings: str) -> str | None:
    """The SHA256 fingerprint among a WinSCP URL's `;name=value` settings, if any."""
    fingerprint = None
    for setting in settings.split(";"):
        name, _, value = setting.partition("=")
        if name.lower() != "fingerprint":
            raise InputError(
                f"The target URL sets '{unquote(setting)}', which sftpcheck does not read; "
                "remove it from the URL (only ;fingerprint= is understood)."
            )
        fingerprint = url_fingerprint(unquote(value))
    return fingerprint


def url_fingerprint(value: str) -> str:
    """A URL's `ssh-ed25519-<base64>` (WinSCP's form) as `SHA256:<base64>`.

    WinSCP drops the bit count and writes separators as dashes; in the base64 text a URL
    may carry '-' and '_' for '+' and '/' (base64url), and the '=' padding may be gone.
    """
    match = _URL_FINGERPRINT.match(value)
    body = match["body"].rstrip("=") if match else ""
    if len(body) != 43 and _BIT_COUNT.match(body):
        body = _BIT_COUNT.sub("", body)
    if len(body) == 43:
        return "SHA256:" + body.replace("-", "+").replace("_", "/")
    if match and re.fullmatch(r"[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){15}", body):
        raise InputError(
            "The target URL's fingerprint is an old MD5 one; ask the vendor for the SHA256 "
            "fingerprint and give it as --expect-fingerprint SHA256:..."
        )
    raise InputError(
        f"The target URL's fingerprint '{value}' is not one sftpcheck can read; give the "
        "vendor's SHA256 fingerprint as --expect-fingerprint SHA256:... instead."
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


def parse_expected_ip(value: str) -> str:
    """An --expect-ip value: an IP address, or InputError."""
    if not is_ip_address(value):
        raise InputError(f"--expect-ip '{value}' is not an IP address.")
    return value


def parse_fingerprint(value: str | None) -> str | None:
    """A host key fingerprint as SHA256:base64 (the prefix may be left out), or InputError."""
    if value is None:
        return None
    text = value.strip()
    body = text.removeprefix("SHA256:")
    if not body or len(body) != 43 or not all(c.isalnum() or c in "+/" for c in body):
        raise InputError(
            f"The fingerprint '{value}' is not a SHA256 fingerprint such as "
            "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s."
        )
    return f"SHA256:{body}"


def parse_resolver(text: str) -> tuple[str, int]:
    """`1.2.3.4`, `1.2.3.4:5353` or `[::1]:5353` -> (address, port)."""
    host, port = _split_host_port(text.strip())
    if not is_ip_address(host):
        raise InputError(f"The resolver '{text}' must be an IP address, such as 1.1.1.1.")
    return host, port or 53


def target_layer(text: str) -> Layer:
    """TARGET (or a profile's `target`) as a layer of settings: what it names, and no more."""
    target = parse_target(text)
    return Layer(
        host=target.host,
        port=target.port,
        user=target.username,
        remote_dir=target.remote_dir,
        expect_fingerprint=target.fingerprint,
    )
