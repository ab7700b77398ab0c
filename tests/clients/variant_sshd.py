"""The drop's sshd configured the ways a vendor's server goes wrong, for the client harness.

Each variant serves the same accounts as the ordinary drop. All but the appliance also
have an RSA host key, so that JSch 0.1.x (no ed25519) reaches the same failure as the
others instead of "Algorithm negotiation fail".

| kind | what it is |
|---|---|
| appliance | an old appliance: group1 key exchange, ssh-rsa, CBC ciphers, hmac-sha1 only |
| nologin_shell | no chroot, no forced internal-sftp: SFTP starts through the shell, nologin |
| no_subsystem | chrooted logins, but no SFTP subsystem configured at all |
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


VARIANTS = {
    "appliance": appliance_config,
    "nologin_shell": nologin_shell_config,
    "no_subsystem": no_subsystem_config,
}
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
        # The appliance serves only its RSA key, whatever key run_sshd generated besides.
        known = rsa_line if kind == "appliance" else server.host_key_line
        yield VariantServer(server, known, rsa_line)
