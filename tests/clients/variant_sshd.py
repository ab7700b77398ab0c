"""The drop's sshd configured the ways a vendor's server goes wrong, for the client harness.

Each variant serves the same accounts as the ordinary drop. All but the appliance also
have an RSA host key, so that JSch 0.1.x (no ed25519) reaches the same failure as the
others instead of "Algorithm negotiation fail".

| kind | what it is |
|---|---|
| appliance | an old appliance: group1 key exchange, ssh-rsa, CBC ciphers, hmac-sha1 only |
| nologin_shell | no chroot, no forced internal-sftp: SFTP starts through the shell, nologin |
| no_subsystem | chrooted logins, but no SFTP subsystem configured at all |
| sha1_hostkey | modern key exchange, but its one host key signs with ssh-rsa (SHA-1) only |
| rsa_only | one RSA host key, where the district saved an Ed25519 key for the server |
| max_startups | one unauthenticated connection at a time (MaxStartups 1), no login time limit |
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.servers import sshd
from tests.servers.sshd import SftpDrop, SshServer

SFTP_SERVER_PROGRAM = "/usr/lib/openssh/sftp-server"


def _host_rsa(instance: Path) -> Path:
    key = instance / "host_rsa"
    if not key.exists():
        subprocess.run(
            ["ssh-keygen", "-q", "-N", "", "-t", "rsa", "-b", "2048", "-f", str(key)],
            check=True,
            capture_output=True,
        )
    return key


def _common(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> list[str]:
    return sshd._common_lines(drop, instance, port, listen)


def appliance_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """What old appliances still offer: every algorithm one that OpenSSH 9.2 can still serve
    but no longer asks for by default (group1 key exchange, ssh-rsa signatures with SHA-1)."""
    return "\n".join(
        [
            *_common(drop, instance, port, listen),
            f"HostKey {_host_rsa(instance)}",
            "KexAlgorithms diffie-hellman-group1-sha1",
            "HostKeyAlgorithms ssh-rsa",
            "Ciphers aes128-cbc,aes256-cbc,3des-cbc",
            "MACs hmac-sha1",
            f"Subsystem sftp {sshd.SFTP_SERVER}",
            f"ChrootDirectory {drop.root}/chroots/%u",
            f"ForceCommand {sshd.SFTP_SERVER}",
            "",
        ]
    )


def _both_host_keys(instance: Path) -> list[str]:
    return [
        f"HostKey {instance / 'host_ed25519'}",
        f"HostKey {_host_rsa(instance)}",
        "HostKeyAlgorithms +ssh-rsa",
    ]


def nologin_shell_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """The SFTP server is an external program, which sshd starts through the account's
    shell; the shell is /usr/sbin/nologin, which prints its refusal into the SFTP stream."""
    return "\n".join(
        [
            *_common(drop, instance, port, listen),
            *_both_host_keys(instance),
            f"Subsystem sftp {SFTP_SERVER_PROGRAM}",
            "",
        ]
    )


def no_subsystem_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """Logins work and land in the chroot, but sshd knows no `sftp` subsystem."""
    return "\n".join(
        [
            *_common(drop, instance, port, listen),
            *_both_host_keys(instance),
            f"ChrootDirectory {drop.root}/chroots/%u",
            "",
        ]
    )


def sha1_hostkey_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """A server set up years ago and updated since, all but its host key: it signs only
    with ssh-rsa (SHA-1), which OpenSSH 8.8 and paramiko 3 stopped accepting."""
    return "\n".join(
        [
            *_common(drop, instance, port, listen),
            f"HostKey {_host_rsa(instance)}",
            "HostKeyAlgorithms ssh-rsa",
            *_drop_sftp(drop),
        ]
    )


def rsa_only_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """The vendor moved the drop to a server with an RSA host key only: a client that saved
    an Ed25519 key for the name meets a key of a type it has none saved of."""
    return "\n".join(
        [
            *_common(drop, instance, port, listen),
            f"HostKey {_host_rsa(instance)}",
            "HostKeyAlgorithms +ssh-rsa",  # JSch 0.1.x signs RSA with SHA-1 only
            *_drop_sftp(drop),
        ]
    )


def max_startups_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """The drop, taking one connection at a time that has not logged in yet, and no limit
    on how long that one may take: while another stays connected, sshd drops the rest
    ("Exceeded MaxStartups"), as a busy server does at the nightly upload hour."""
    lines = sshd.drop_config(drop, instance, port, listen)
    lines = lines.replace("MaxStartups 200", "MaxStartups 1")
    lines = lines.replace("LoginGraceTime 30", "LoginGraceTime 0")
    first_match = lines.index("Match User")
    rsa = [f"HostKey {_host_rsa(instance)}", "HostKeyAlgorithms +ssh-rsa"]
    return lines[:first_match] + "\n".join([*rsa, lines[first_match:]])


def _drop_sftp(drop: SftpDrop) -> list[str]:
    return [
        f"Subsystem sftp {sshd.SFTP_SERVER}",
        f"ChrootDirectory {drop.root}/chroots/%u",
        f"ForceCommand {sshd.SFTP_SERVER}",
        "",
    ]


VARIANTS = {
    "appliance": appliance_config,
    "nologin_shell": nologin_shell_config,
    "no_subsystem": no_subsystem_config,
    "sha1_hostkey": sha1_hostkey_config,
    "rsa_only": rsa_only_config,
    "max_startups": max_startups_config,
}
# The variants that serve their RSA host key alone.
RSA_ONLY = ("appliance", "sha1_hostkey", "rsa_only")
for _kind, _config in VARIANTS.items():
    sshd.CONFIGS.setdefault(_kind, _config)


@dataclass(frozen=True)
class VariantServer:
    """A running variant, and the known_hosts lines for the host key each client meets."""

    server: SshServer
    known_hosts_line: str
    rsa_known_hosts_line: str


def _line(server: SshServer, public_file: Path) -> str:
    key_type, data = public_file.read_text().split()[:2]
    return f"{server.known_hosts_name} {key_type} {data}"


@contextlib.contextmanager
def run_variant_sshd(drop: SftpDrop, kind: str) -> Iterator[VariantServer]:
    """Start the variant `kind` on the drop; stop it afterwards."""
    with sshd.run_sshd(drop, kind) as server:
        instance = drop.root / f"sshd-{kind}"
        rsa_line = _line(server, instance / "host_rsa.pub")
        # These serve only their RSA key, whatever key run_sshd generated besides.
        known = rsa_line if kind in RSA_ONLY else server.host_key_line
        yield VariantServer(server, known, rsa_line)
