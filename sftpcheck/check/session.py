"""The state the steps share within one run: the options, and what earlier steps opened."""

from __future__ import annotations

import contextlib
import posixpath
import socket
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sftpcheck.check.options import CheckOptions
from sftpcheck.net.ssh_wire import ServerAlgorithms
from sftpcheck.outside import quoted

if TYPE_CHECKING:
    # Both load paramiko: a session holds them only once the ssh step has run.
    import paramiko

    from sftpcheck.net.sftp_client import CheckSftpClient


@dataclass
class Connection:
    """The one TCP connection of a run, opened by the tcp check and passed along.

    The protocol check reads the server's greeting on it, and the SSH engine takes it over
    with the bytes already read (`received`), so a vendor's server sees one connection that
    logs in, never a short one that looks like a scan.
    """

    sock: socket.socket
    # What the socket reaches: an IP address, or the host name a proxy connects to.
    address: str
    received: bytes = b""
    # What sftpcheck already said as an SSH client (its version line), if anything.
    sent_greeting: bytes = b""
    # Through a proxy, its URL without any password (for the report); None when direct.
    via_proxy: str | None = None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


@dataclass
class Session:
    """What earlier checks learned and opened, for later checks to use.

    This is the one mutable object of a run: it holds live connections. Results stay
    immutable; the session is closed by the runner when the run ends.
    """

    options: CheckOptions
    # What the name resolved to, and what tcp tries: those plus the vendor's --expect-ip.
    resolved: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    connect_address: str | None = None
    connection: Connection | None = None
    # The other addresses' connections, by address: each logs in after the main one.
    spare_connections: dict[str, Connection] = field(default_factory=dict)
    server_algorithms: ServerAlgorithms | None = None
    transport: paramiko.Transport | None = None
    sftp: CheckSftpClient | None = None
    # Where the login lands, as the server named it (REALPATH of '.').
    landing: str | None = None
    work_dir: str | None = None
    uploaded_path: str | None = None
    probe_path: str | None = None
    file_findings: list[dict[str, object]] = field(default_factory=list)

    def shown(self, path: str) -> str:
        """A remote path as a report shows it: under a folder the user gave, as written;
        under the landing folder, the server's name for it quoted and the rest as written;
        anything else quoted whole."""
        given = self.options.remote_dir
        if given and given.startswith("/") and _is_under(path, posixpath.normpath(given)):
            return path
        if self.landing and _is_under(path, self.landing):
            return quoted(self.landing) + path[len(self.landing) :]
        return quoted(path)

    def close_connections(self) -> None:
        """Close the connections no transport has taken over."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        for spare in self.spare_connections.values():
            spare.close()
        self.spare_connections = {}

    def close(self) -> None:
        if self.sftp is not None or self.transport is not None:
            import paramiko  # loaded already: an SSH transport exists

            # The connection may be gone (a server that cut the upload): paramiko then raises
            # EOFError on the closing message, which click would take for Ctrl-D and report
            # as "stopped" (exit 130) after the whole report was made.
            gone = (OSError, EOFError, paramiko.SSHException)
            if self.sftp is not None:
                if self.probe_path is not None:
                    # A check stopped before removing the run's own probe file: remove it now.
                    with contextlib.suppress(*gone):
                        self.sftp.remove(self.probe_path)
                with contextlib.suppress(*gone):
                    self.sftp.close()
            if self.transport is not None:
                with contextlib.suppress(*gone):
                    self.transport.close()
        self.close_connections()


def _is_under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")
