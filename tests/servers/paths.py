"""Paths that break SSH after the banner, built in a network namespace of the test's own.

- An MTU black hole: the namespace's loopback has an Ethernet MTU (1500), and every packet of
  1200 bytes or more is dropped without an ICMP "fragmentation needed". The banners pass;
  the key exchange's large packets vanish. OpenSSH 9.2 then hangs at "expecting
  SSH2_MSG_KEX_ECDH_REPLY", with its default key exchange and with
  `KexAlgorithms=curve25519-sha256` alike (its own KEXINIT is larger than 1200 bytes).
  With a maximum segment size of 536 (the client's TCP_MAXSEG, or a TCPMSS clamp on the
  path) every packet is small and the handshake completes.
- An inspecting firewall: a rule that matches the client's KEXINIT (client to server, after
  the banners) and answers with a TCP reset, so the server's banner arrives and the
  connection is cut during the key exchange.

The sshd runs inside the namespace (tests/servers/sshd.py `run_sshd(namespace=...)`), and so
must the client under test (`namespace.command([...])`).
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator

from tests.servers.need import need_program
from tests.servers.netns import NetNamespace
from tests.servers.sshd import SftpDrop, SshServer, run_sshd

ETHERNET_MTU = 1500
BLACK_HOLE_FROM = 1200  # bytes: the smallest IP packet the black hole drops
SMALL_MSS = 536  # the segment size every IPv4 path must carry (RFC 879)
# In every client's KEXINIT (OpenSSH, paramiko, PuTTY), never in its version line.
KEXINIT_MARKER = "curve25519"


@contextlib.contextmanager
def mtu_black_hole(
    namespace: NetNamespace, drop: SftpDrop, drop_from: int = BLACK_HOLE_FROM
) -> Iterator[SshServer]:
    """The drop's sshd behind a path that silently drops packets of `drop_from` bytes or more."""
    namespace.run(["ip", "link", "set", "lo", "mtu", str(ETHERNET_MTU)])
    namespace.run(
        ["iptables", "-A", "INPUT", "-i", "lo", "-m", "length",
         "--length", f"{drop_from}:65535", "-j", "DROP"]
    )  # fmt: skip
    with run_sshd(drop, "drop", namespace=namespace) as server:
        yield server


def clamp_mss(namespace: NetNamespace, mss: int = SMALL_MSS) -> None:
    """What a network team's fix does: rewrite the MSS of every new connection's SYN."""
    namespace.run(
        ["iptables", "-t", "mangle", "-A", "OUTPUT", "-p", "tcp", "--tcp-flags", "SYN,RST",
         "SYN", "-j", "TCPMSS", "--set-mss", str(mss)]
    )  # fmt: skip


@contextlib.contextmanager
def inspecting_firewall(
    namespace: NetNamespace, drop: SftpDrop, marker: str = KEXINIT_MARKER
) -> Iterator[SshServer]:
    """The drop's sshd behind a firewall that resets a connection at the client's KEXINIT."""
    with run_sshd(drop, "drop", namespace=namespace) as server:
        namespace.run(
            ["iptables", "-A", "INPUT", "-i", "lo", "-p", "tcp", "--dport", str(server.port),
             "-m", "string", "--algo", "bm", "--string", marker,
             "-j", "REJECT", "--reject-with", "tcp-reset"]
        )  # fmt: skip
        yield server


def openssh_debug(
    namespace: NetNamespace, server: SshServer, *options: str, seconds: float = 8
) -> str:
    """`ssh -vvv` to the server from inside the namespace: its debug output (no login tried:
    BatchMode with no key, so a finished handshake ends in 'Permission denied')."""
    ssh = need_program("ssh", "openssh-client")
    command = [
        ssh, "-vvv", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
        "-o", "IdentityFile=/dev/null", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5", *options,
        "-p", str(server.port), f"nobody@{server.host}", "true",
    ]  # fmt: skip
    try:
        done = subprocess.run(
            namespace.command(command),
            capture_output=True,
            text=True,
            timeout=seconds,
            check=False,  # a refused login is the expected end; its output is what counts
        )
    except subprocess.TimeoutExpired as stalled:
        output = stalled.stderr or b""
        text = output.decode(errors="replace") if isinstance(output, bytes) else output
        return text + "\n(stalled: stopped after the time allowed)"
    return done.stderr
