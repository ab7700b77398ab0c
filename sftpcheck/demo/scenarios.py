"""The demo's scenarios: each common failure as data, with the reason code it must produce."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from sftpcheck.demo.config import DemoServerConfig, ServerKind, SetstatRefusal
from sftpcheck.errors import InputError


class KnownHostKey(enum.Enum):
    """Which host key the demo's known_hosts file holds for the server."""

    SERVER = "the server's own key"
    OTHER = "a different key, as after the vendor moved servers"


@dataclass(frozen=True)
class Scenario:
    """One way an upload goes wrong: how the server behaves and how the client is set.

    `code` is the reason code the check must report; the check that reports it is the
    code's first part (`auth.rejected` comes from `auth`).
    """

    name: str
    description: str
    code: str
    server: ServerKind = ServerKind.SFTP
    config: DemoServerConfig = field(default_factory=DemoServerConfig)
    # The client's settings that make the failure (the server itself may be healthy).
    remote_dir: str | None = None
    known_host_key: KnownHostKey = KnownHostKey.SERVER
    timeout: float = 5.0
    # What to do in a real client to meet the failure, for `demo --serve`.
    practice_hint: str = ""

    @property
    def check_id(self) -> str:
        return self.code.split(".", 1)[0]


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        name="wrong-password",
        description="The server refuses the password (a typo, or the vendor reset it).",
        code="auth.rejected",
        config=DemoServerConfig(accept_password=False),
        practice_hint="Every password is refused, even the one above.",
    ),
    Scenario(
        name="key-only",
        description="Password logins are disabled; the server accepts only keys.",
        code="auth.method_not_offered",
        config=DemoServerConfig(auth_methods=("publickey",)),
        practice_hint=(
            "A password is refused here; log in with the key file above, "
            "as the vendor's key-only server wants."
        ),
    ),
    Scenario(
        name="ftp",
        description="An FTP server answers on the port, not an SFTP server.",
        code="protocol.ftp",
        server=ServerKind.FTP,
    ),
    Scenario(
        name="firewall",
        description="Connections are silently dropped, as by a firewall.",
        code="tcp.timeout",
        server=ServerKind.FIREWALL,
        # The check waits for a timeout here; a short one keeps the demo quick.
        timeout=2.0,
    ),
    Scenario(
        name="closed",
        description="The server hangs up at once (often: this address is not allowed).",
        code="protocol.closed",
        server=ServerKind.CLOSED,
    ),
    Scenario(
        name="root-dir",
        description="The client is set to open /, which this account may not list.",
        code="remote_dir.root_denied",
        remote_dir="/",
        practice_hint="Set your client's remote directory to / to meet this failure.",
    ),
    Scenario(
        name="read-only",
        description="The login works, but the server refuses the upload.",
        code="upload.denied",
        config=DemoServerConfig(upload_writable=False),
    ),
    Scenario(
        name="no-sftp",
        description="The login works, but the account has no SFTP service.",
        code="remote_dir.no_sftp",
        config=DemoServerConfig(sftp_enabled=False),
    ),
    Scenario(
        name="hostkey-changed",
        description="The server shows a different host key than the one known.",
        code="ssh.hostkey_mismatch",
        known_host_key=KnownHostKey.OTHER,
        practice_hint=(
            "The server makes a new host key each time it starts: "
            "compare the fingerprint your client shows with the one above."
        ),
    ),
    Scenario(
        name="setstat",
        description="The healthy drop: only setting permissions and timestamps is refused.",
        code="setstat.unsupported",
        config=DemoServerConfig(setstat_refusal=SetstatRefusal.PERMISSION_DENIED),
        practice_hint=(
            'Upload a file with "preserve timestamp" on, then with it off, and compare.'
        ),
    ),
)

# What `sftpcheck demo` shows with no scenario: a working drop, reported honestly as a
# warning because it refuses setstat, as the typical vendor drop does.
DEFAULT_SCENARIO = "setstat"


def find_scenario(name: str | None) -> Scenario:
    """The scenario of that name (the default one for None); InputError for an unknown name."""
    wanted = DEFAULT_SCENARIO if name is None else name.strip().lower()
    for scenario in SCENARIOS:
        if scenario.name == wanted:
            return scenario
    raise InputError(f"Unknown scenario '{name}'; run 'sftpcheck demo --list' to see them.")
