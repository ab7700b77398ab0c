"""How the embedded demo server behaves. Plain data, no paramiko, so `demo --list` starts fast."""

from __future__ import annotations

import enum
from dataclasses import dataclass

DEMO_USERNAME = "district42"
# Where the login lands, as a typical vendor's chrooted drop account does.
HOME_DIRECTORY = "/upload"
PRE_LOGIN_BANNER = "sftpcheck demo server: a practice school-data drop on this computer only.\n"


class SetstatRefusal(enum.Enum):
    """How the server answers a request to set permissions or timestamps.

    OpenSSH's `internal-sftp -P setstat,fsetstat`, the usual vendor drop, answers
    "permission denied"; some appliances answer "operation unsupported" instead.
    """

    PERMISSION_DENIED = "permission denied"
    OP_UNSUPPORTED = "operation unsupported"


class ServerKind(enum.Enum):
    """What listens on the demo port."""

    SFTP = "sftp"  # a real SSH server with an SFTP subsystem, set by DemoServerConfig
    FTP = "ftp"  # an FTP server's greeting, as when the client points at port 21's service
    CLOSED = "closed"  # accepts a connection and hangs up at once
    FIREWALL = "firewall"  # a full listen queue: connects get no answer, like dropped packets


@dataclass(frozen=True)
class DemoServerConfig:
    """The behaviour of the embedded SSH/SFTP server; the default is a healthy school-data drop."""

    # Login methods the server offers, in the order it names them.
    auth_methods: tuple[str, ...] = ("password",)
    # False: every password is refused, as when the vendor reset the account's password.
    accept_password: bool = True
    # False: the login works but the account has no SFTP service (a shell-only account).
    sftp_enabled: bool = True
    upload_writable: bool = True
    # Whether the chroot's top directory may be listed (vendor drops usually say no).
    root_listable: bool = False
    # None lets a client set permissions and timestamps; the vendor drop refuses.
    setstat_refusal: SetstatRefusal | None = SetstatRefusal.PERMISSION_DENIED
    banner: str = PRE_LOGIN_BANNER
