"""The one value every client reader produces: a saved site, as that client would use it."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sftpcheck.outside import quoted


class Client(str, enum.Enum):
    """The clients whose saved sites sftpcheck reads."""

    WINSCP = "winscp"
    FILEZILLA = "filezilla"
    PUTTY = "putty"
    OPENSSH = "openssh"
    CYBERDUCK = "cyberduck"
    LFTP = "lftp"

    @property
    def display_name(self) -> str:
        return CLIENT_TITLES[self]


CLIENT_TITLES = {
    Client.WINSCP: "WinSCP",
    Client.FILEZILLA: "FileZilla",
    Client.PUTTY: "PuTTY",
    Client.OPENSSH: "OpenSSH",
    Client.CYBERDUCK: "Cyberduck",
    Client.LFTP: "lftp",
}


class Toggle(str, enum.Enum):
    """A yes/no client setting, or UNKNOWN: the file does not say, nor do the client's docs."""

    ON = "on"
    OFF = "off"
    UNKNOWN = "unknown"

    @classmethod
    def of(cls, value: bool) -> Toggle:
        return cls.ON if value else cls.OFF


# Protocol names as the report shows them; only "sftp" is what a school-data drop wants.
SFTP = "sftp"
SFTP_OR_SCP = "sftp (scp fallback)"
SCP = "scp"
FTP = "ftp"
FTPS_IMPLICIT = "ftps (implicit)"
FTPS_EXPLICIT = "ftps (explicit, FTPES)"
INSECURE_FTP = "ftp (insecure)"
WEBDAV = "webdav"
S3 = "s3"
SSH_SHELL = "ssh"

SFTP_PROTOCOLS = frozenset({SFTP, SFTP_OR_SCP, SSH_SHELL})
DEFAULT_PORTS = {FTP: 21, FTPS_EXPLICIT: 21, INSECURE_FTP: 21, FTPS_IMPLICIT: 990, WEBDAV: 80}


@dataclass(frozen=True)
class TemporaryName:
    """The client uploads under a temporary name, then renames the file to its real name.

    `pattern` holds `{name}` for the real file name; files smaller than `from_bytes` go
    straight to their real name (0: every file).
    """

    pattern: str
    from_bytes: int = 0

    def applies_to(self, size: int) -> bool:
        return size >= self.from_bytes

    def name_for(self, name: str) -> str:
        return self.pattern.replace("{name}", name)

    def describe(self) -> str:
        example = self.name_for("students.csv")
        if self.from_bytes <= 0:
            return f"every file, as {example}"
        return f"files from {self.from_bytes // 1024} KB, as {example}"


@dataclass(frozen=True)
class SavedSite:
    """One saved site (WinSCP site, FileZilla Site Manager entry, PuTTY session, ssh Host,
    Cyberduck bookmark, lftp bookmark), with the client's defaults filled in.

    A stored password is never part of it: the readers skip those keys unread.
    """

    client: Client
    name: str
    host: str
    port: int | None
    user: str | None
    protocol: str
    key_file: str | None = None
    remote_dir: str | None = None
    preserve_timestamp: Toggle = Toggle.UNKNOWN
    preserve_permissions: Toggle = Toggle.UNKNOWN
    temporary_name: TemporaryName | None = None
    proxy: str | None = None
    # Where it was read: the file, and the section or element within it.
    source: str = ""

    @property
    def uses_sftp(self) -> bool:
        return self.protocol in SFTP_PROTOCOLS

    @property
    def port_or_default(self) -> int:
        """The port the client connects to: the saved one, else its protocol's default."""
        return self.port or DEFAULT_PORTS.get(self.protocol, 22)

    def as_dict(self) -> dict[str, object]:
        """The site as a report shows it (and JSON holds it); never holds a password. Each
        text read from the file is quoted (sftpcheck/outside.py)."""
        return {
            "client": self.client.value,
            "name": quoted(self.name),
            "host": quoted(self.host),
            "port": self.port_or_default,
            "user": _quoted(self.user),
            "protocol": quoted(self.protocol),
            "key_file": _quoted(self.key_file),
            "remote_dir": _quoted(self.remote_dir),
            "preserve_timestamp": self.preserve_timestamp.value,
            "preserve_permissions": self.preserve_permissions.value,
            "temporary_name": quoted(self.temporary_name.describe())
            if self.temporary_name
            else None,
            "proxy": _quoted(self.proxy),
            "source": quoted(self.source),
        }


def _quoted(text: str | None) -> str | None:
    return quoted(text) if text is not None else None


def proxy_url(kind: str | None, host: str | None, port: int | None, user: str | None) -> str | None:
    """A proxy as a URL without any password: `http://user@host:port`, or None for no proxy."""
    if not kind or not host:
        return None
    login = f"{user}@" if user else ""
    where = f"{host}:{port}" if port else host
    return f"{kind}://{login}{where}"
