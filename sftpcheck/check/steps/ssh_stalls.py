"""When the SSH setup stalls or is cut after the server's banner: tell the path apart from
the server.

- A stall once packets get big is an MTU black hole: a second connection with a small
  maximum segment size (TCP_MAXSEG) and a short key-exchange proposal gets through.
- A stall on post-quantum key exchange that the server offers but does not finish: a
  second connection without it gets through.
- A reset or close in the middle of the key exchange, after an SSH banner, is what
  inspecting firewalls do (application rules, SSH decryption).

Each retry is one more connection, made only after a failure; it is closed before the
login, so a healthy run never makes one.
"""

from __future__ import annotations

import dataclasses
import socket
from dataclasses import dataclass
from typing import Any

import paramiko

from sftpcheck.check.session import Session
from sftpcheck.check.steps.ssh_algorithms import client_kex
from sftpcheck.model import Outcome, Status
from sftpcheck.net.ssh_transport import new_transport
from sftpcheck.net.ssh_wire import ServerAlgorithms
from sftpcheck.outside import quoted
from sftpcheck.reasons import ssh as reasons

SMALL_SEGMENT = 536  # the IPv4 minimum every path must carry
POST_QUANTUM = (
    "mlkem768x25519-sha256",
    "sntrup761x25519-sha512@openssh.com",
    "sntrup761x25519-sha512",
)
# With small packets, a short proposal: one common cipher and MAC, so that every packet is small.
_SHORT_CIPHERS = ("aes128-ctr", "aes128-gcm@openssh.com", "aes256-ctr")
_SHORT_MACS = ("hmac-sha2-256", "hmac-sha2-256-etm@openssh.com")


@dataclass(frozen=True)
class Retry:
    """One second try of the handshake: what was changed, and whether it got through."""

    small_segments: bool
    kex: tuple[str, ...]
    completed: bool
    error: str = ""


def was_cut(error: BaseException | None) -> bool:
    """A reset or a close (not a stall, not garbage) while the keys were being agreed."""
    if isinstance(error, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
        return True
    text = str(error).lower()
    return isinstance(error, (EOFError, paramiko.SSHException, OSError)) and any(
        words in text for words in ("reset by peer", "eof", "closed", "broken pipe")
    )


def after_stall(
    session: Session, server: ServerAlgorithms | None
) -> tuple[Outcome | None, dict[str, Any]]:
    """Retry a stalled handshake to find its cause: the outcome that names it (None when no
    retry explains it), and what the retries found, for the report's details."""
    options = session.options
    offered_pq = tuple(name for name in (server.kex if server else ()) if name in POST_QUANTUM)
    can_shrink = hasattr(socket, "TCP_MAXSEG") and session.options.proxy is None
    retries: list[Retry] = []
    if can_shrink:
        # The method that stalled, alone: the same exchange in small packets.
        agreed = [name for name in client_kex() if server is None or name in server.kex]
        retries.append(_retry(session, small_segments=True, kex=tuple(agreed[:1])))
        if retries[-1].completed:
            return _path_mtu(options.timeout, retries), {}
    if offered_pq:
        without = tuple(name for name in client_kex() if name not in POST_QUANTUM)
        retries.append(_retry(session, small_segments=False, kex=without))
        if retries[-1].completed:
            return _post_quantum_hang(offered_pq, retries), {}
    found: dict[str, Any] = {"retries": [dataclasses.asdict(r) for r in retries]}
    if not can_shrink:
        found["untold"] = (
            "sftpcheck could not retry with small packets"
            + (" (through a proxy, the path to the server is the proxy's)" if options.proxy else "")
            + ", so an MTU black hole cannot be told apart from a stalled server."
        )
    return None, found


def _retry(session: Session, small_segments: bool, kex: tuple[str, ...]) -> Retry:
    options = session.options
    address = session.connect_address or options.host
    try:
        sock = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET)
        if small_segments:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, SMALL_SEGMENT)
        sock.settimeout(options.timeout)
        sock.connect((address, options.port))
    except OSError as error:
        return Retry(small_segments, kex, completed=False, error=quoted(str(error)))
    transport = new_transport(sock, b"", b"")
    security: Any = transport.get_security_options()
    try:
        security.kex = kex
        if small_segments:
            security.ciphers = tuple(c for c in _SHORT_CIPHERS if c in security.ciphers)
            security.digests = tuple(m for m in _SHORT_MACS if m in security.digests)
    except ValueError:
        pass  # an algorithm this paramiko lacks: keep its defaults for that kind
    transport.banner_timeout = transport.handshake_timeout = options.timeout
    try:
        transport.start_client(timeout=options.timeout)
        completed = transport.is_active() and transport.get_remote_server_key() is not None
        return Retry(small_segments, kex, completed=completed)
    except (paramiko.SSHException, EOFError, OSError) as error:
        said = quoted(str(error)) or type(error).__name__
        return Retry(small_segments, kex, completed=False, error=said)
    finally:
        transport.close()


def _path_mtu(timeout: float, retries: list[Retry]) -> Outcome:
    return Outcome(
        status=Status.FAIL,
        summary=(
            f"The server's banner arrived, but the SSH setup stalled for {timeout * 2:g} s once "
            f"bigger packets were sent. A second try with small packets ({SMALL_SEGMENT}-byte "
            "segments) got through: a device on the path drops large packets without a word "
            "(an MTU black hole). Your network team can let ICMP 'fragmentation needed' "
            "through, or clamp the TCP MSS."
        ),
        reason=reasons.SSH_PATH_MTU,
        details={"retries": [dataclasses.asdict(r) for r in retries]},
    )


def _post_quantum_hang(offered: tuple[str, ...], retries: list[Retry]) -> Outcome:
    return Outcome(
        status=Status.FAIL,
        summary=(
            f"The server offers post-quantum key exchange ({', '.join(offered)}) but the setup "
            "stalled on it; a second try without it got through. A client that prefers it "
            "(OpenSSH 9.9 and later, PuTTY 0.83 and later, recent WinSCP) may hang the same "
            "way. In WinSCP or PuTTY, move the post-quantum key exchange below the 'warn "
            "below here' line (SSH, Key exchange); in OpenSSH add -o "
            "KexAlgorithms=-mlkem768x25519-sha256,sntrup761x25519-sha512@openssh.com."
        ),
        reason=reasons.SSH_PQ_STALL,
        details={
            "retries": [dataclasses.asdict(r) for r in retries],
            "offered_post_quantum": list(offered),
        },
    )


def interrupted(details: dict[str, Any], error: BaseException | None) -> Outcome:
    return Outcome(
        status=Status.FAIL,
        summary=(
            f"The server answered in SSH, then the connection was {_how_cut(error)} during the "
            "key exchange. Most often a firewall that inspects traffic does this: ask your "
            "network team to allow SSH to this address in its application rules."
        ),
        reason=reasons.SSH_INTERRUPTED,
        details={**details, "error": f"{type(error).__name__}: {quoted(str(error))}"},
    )


def _how_cut(error: BaseException | None) -> str:
    if isinstance(error, ConnectionResetError) or "reset" in str(error).lower():
        return "reset"
    return "closed"
