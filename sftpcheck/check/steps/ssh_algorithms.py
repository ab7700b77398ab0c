"""Judging the server's algorithm offer against what sftpcheck's SSH engine can do.

Two different stories end in "no algorithm in common": an old server that offers only
SHA-1-era methods (the vendor should modernise), and a modern server that offers only
methods paramiko lacks (chacha20-poly1305, post-quantum key exchange) while WinSCP,
FileZilla and OpenSSH have them (nothing to change; sftpcheck's own limit).
"""

from __future__ import annotations

import socket

import paramiko

from sftpcheck.model import Outcome, Status
from sftpcheck.net import ssh_wire
from sftpcheck.outside import quoted
from sftpcheck.reasons import ssh as reasons


def client_kex() -> tuple[str, ...]:
    """paramiko's key exchange methods, in its order of preference."""
    return _client_offer()[0]


def _client_offer() -> tuple[tuple[str, ...], ...]:
    with socket.socket() as unused:
        security = paramiko.Transport(unused).get_security_options()
        return (
            tuple(security.kex),
            tuple(security.key_types),
            tuple(security.ciphers),
            tuple(security.digests),
        )


def client_agreement(server: ssh_wire.ServerAlgorithms) -> ssh_wire.Agreement:
    """What paramiko (this client) supports, against what the server offers."""
    kex, key_types, ciphers, digests = _client_offer()
    return ssh_wire.agree(kex, key_types, ciphers, digests, server)


def _offered(server: ssh_wire.ServerAlgorithms, kind: str) -> tuple[str, ...]:
    return {
        "key exchange": server.kex,
        "host key type": server.host_key,
        "cipher": server.ciphers,
        "MAC": server.macs,
    }[kind]


def engine_lacks(server: ssh_wire.ServerAlgorithms) -> dict[str, tuple[str, ...]]:
    """The kinds paramiko shares nothing of, where the server offers modern methods: by kind,
    those methods. Empty when paramiko can connect, or when the gap is the server's age."""
    missing = client_agreement(server).missing()
    lacking = {}
    for kind in missing:
        modern = tuple(name for name in _offered(server, kind) if not ssh_wire.is_legacy(name))
        if not modern:
            return {}  # an old server: ssh.no_common_algorithm says so
        lacking[kind] = modern
    return lacking


def engine_limit_outcome(
    lacking: dict[str, tuple[str, ...]], details_offered: ssh_wire.ServerAlgorithms | None
) -> Outcome:
    parts = "; ".join(f"{kind}: only {_listed(names)}" for kind, names in lacking.items())
    return Outcome(
        status=Status.FAIL,
        summary=(
            f"The server offers only methods that sftpcheck's SSH engine (paramiko "
            f"{paramiko.__version__}) lacks ({parts}). These are modern methods that WinSCP, "
            "FileZilla and OpenSSH support, so your client may well connect. sftpcheck cannot "
            "test the later steps; the vendor need not change anything."
        ),
        reason=reasons.SSH_ENGINE_LIMIT,
        details={
            "paramiko": paramiko.__version__,
            "lacking": {kind: ssh_wire.shown_names(names) for kind, names in lacking.items()},
            "offered": details_offered.as_dict() if details_offered else None,
        },
    )


def no_common_summary(missing: list[str], server: ssh_wire.ServerAlgorithms) -> str:
    parts = []
    for kind in missing or ["key exchange"]:
        offered = _offered(server, kind)
        legacy = (
            " (all SHA-1 or older, which modern clients refuse)"
            if offered and all(ssh_wire.is_legacy(name) for name in offered)
            else ""
        )
        offer = _listed(offered) or "nothing"
        parts.append(f"{kind.capitalize()}: the server offers only {offer}{legacy}")
    return (
        f"No algorithm in common with the server (sftpcheck uses paramiko "
        f"{paramiko.__version__}). " + "; ".join(parts) + "."
    )


def _listed(names: tuple[str, ...]) -> str:
    """The server's names in a sentence, quoted (they are judged as they came)."""
    return quoted(", ".join(names))
