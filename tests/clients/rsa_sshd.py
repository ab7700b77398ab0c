"""A second sshd of the drop that also has an RSA host key: JSch 0.1.x (Debian's
libjsch-java) knows neither ed25519 host keys nor curve25519, so against the ordinary
drop every JSch run would end in "Algorithm negotiation fail", whatever the scenario."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.servers import sshd
from tests.servers.netns import NetNamespace
from tests.servers.sshd import SftpDrop, SshServer


def _rsa_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    key = instance / "host_rsa"
    if not key.exists():
        subprocess.run(
            ["ssh-keygen", "-q", "-N", "", "-t", "rsa", "-b", "2048", "-f", str(key)],
            check=True,
            capture_output=True,
        )
    lines = sshd.drop_config(drop, instance, port, listen).splitlines()
    first_match = next(i for i, line in enumerate(lines) if line.startswith("Match "))
    extra = [f"HostKey {key}", "HostKeyAlgorithms +ssh-rsa", "PubkeyAcceptedAlgorithms +ssh-rsa"]
    return "\n".join([*lines[:first_match], *extra, *lines[first_match:]]) + "\n"


# run_sshd looks its config up by kind in this table; the harness adds one of its own.
sshd.CONFIGS.setdefault("rsa", _rsa_config)


@contextlib.contextmanager
def run_rsa_sshd(
    drop: SftpDrop, namespace: NetNamespace | None = None
) -> Iterator[tuple[SshServer, str]]:
    """The drop's sshd with an RSA host key too, and its known_hosts line for that key
    (with `namespace`: on that namespace's loopback)."""
    with sshd.run_sshd(drop, "rsa", namespace) as server:
        instance = "sshd-rsa" if namespace is None else f"sshd-rsa-{namespace.name}"
        public = (drop.root / instance / "host_rsa.pub").read_text().split()
        yield server, f"[127.0.0.1]:{server.port} {public[0]} {public[1]}"
