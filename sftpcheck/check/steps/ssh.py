"""The ssh check (handshake, host key, algorithms) and the auth check (one login attempt)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import paramiko
from paramiko.ssh_exception import IncompatiblePeer

from sftpcheck.check.session import Connection, Session
from sftpcheck.check.steps import ssh_algorithms, ssh_stalls
from sftpcheck.check.steps.ssh_known_hosts import (
    Trust,
    Verdict,
    blob_type,
    host_key_order,
    host_name,
    judge,
)
from sftpcheck.model import Fact, Outcome, Status
from sftpcheck.net import ssh_wire
from sftpcheck.net.ssh_transport import blob_fingerprint, deadline, fingerprint, new_transport
from sftpcheck.outside import quoted
from sftpcheck.reasons import ssh as reasons


def check_ssh(session: Session) -> Outcome:
    """The SSH handshake completes; the host key is the expected one; record the algorithms."""
    options = session.options
    connection = session.connection
    assert connection is not None  # the runner skips ssh unless protocol heard SSH on it
    # The protocol check read the server's offer on this same connection.
    server = session.server_algorithms
    lacking = ssh_algorithms.engine_lacks(server) if server else {}
    if lacking:
        session.close_connections()
        return ssh_algorithms.engine_limit_outcome(lacking, details_offered=server)
    transport, error = _handshake(connection, options.timeout, _saved_types_first(session))
    session.connection = None  # the transport owns the socket now
    details: dict[str, Any] = {
        "paramiko": paramiko.__version__,
        "known_hosts": str(options.known_hosts) if options.known_hosts else None,
        "offered": server.as_dict() if server else None,
    }
    if transport is None:
        return _handshake_failure(session, error, server, details)
    session.transport = transport
    key = transport.get_remote_server_key()
    key_fingerprint = fingerprint(key)
    details.update(
        host_key_type=key.get_name(),
        fingerprint=key_fingerprint,
        negotiated={
            "cipher": getattr(transport, "remote_cipher", None),
            "mac": getattr(transport, "remote_mac", None),
            "host_key": transport.host_key_type,
        },
    )
    facts = (Fact("Host key", f"{key.get_name()} {key_fingerprint}"),)
    saved = _known_hosts_verdict(session, key)
    mismatch = _host_key_mismatch(session, key, key_fingerprint, saved)
    if mismatch is not None:
        transport.close()
        session.transport = None
        return Outcome(
            status=Status.FAIL,
            summary=mismatch,
            reason=reasons.SSH_HOSTKEY_MISMATCH,
            details=details,
            facts=facts,
        )
    return Outcome(
        status=Status.PASS,
        summary=f"SSH handshake completed; host key {key.get_name()} {key_fingerprint}"
        + _trust_note(session, saved),
        details=details,
        facts=facts,
    )


def _saved_types_first(session: Session) -> Callable[[Sequence[str]], tuple[str, ...]]:
    """How to order the engine's host key algorithms: the known_hosts file's types first."""
    options = session.options
    saved = options.known_hosts
    if saved is None:
        return tuple
    return lambda preferred: host_key_order(saved, options.host, options.port, preferred)


def _handshake(
    connection: Connection, timeout: float, order: Callable[[Sequence[str]], tuple[str, ...]]
) -> tuple[paramiko.Transport | None, BaseException | None]:
    transport = new_transport(connection.sock, connection.received, connection.sent_greeting)
    security = transport.get_security_options()
    security.key_types = order(security.key_types)
    transport.banner_timeout = timeout
    transport.handshake_timeout = timeout
    transport.auth_timeout = timeout
    started = time.monotonic()
    try:
        with deadline(transport, timeout * 2 + 1) as watchdog:
            # Returns quietly when its own timeout runs out: success is checked below.
            transport.start_client(timeout=timeout * 2)
            if transport.is_active() and not transport.initial_kex_done:
                transport.close()
                return None, _stalled(timeout)
            transport.get_remote_server_key()
    except (paramiko.SSHException, EOFError, OSError) as error:
        transport.close()
        if watchdog.fired:
            return None, _stalled(timeout)
        if isinstance(error, EOFError) and not str(error):
            # paramiko raises a bare EOFError both when its handshake timer runs out and
            # when the peer closes: the clock tells them apart.
            if time.monotonic() - started >= timeout * 0.9:
                return None, _stalled(timeout)
            return None, EOFError("the connection was closed during the key exchange")
        return None, error
    if not transport.is_active() or not transport.remote_version:
        transport.close()
        return None, _stalled(timeout)
    return transport, None


def _stalled(timeout: float) -> TimeoutError:
    return TimeoutError(f"the key exchange did not finish within {timeout:g} s")


def _handshake_failure(
    session: Session,
    error: BaseException | None,
    server: ssh_wire.ServerAlgorithms | None,
    details: dict[str, Any],
) -> Outcome:
    details = {**details, "error": f"{type(error).__name__}: {quoted(str(error))}"}
    if server is not None:
        missing = ssh_algorithms.client_agreement(server).missing()
        if missing or isinstance(error, IncompatiblePeer):
            return Outcome(
                status=Status.FAIL,
                summary=ssh_algorithms.no_common_summary(missing, server),
                reason=reasons.SSH_NO_COMMON_ALGORITHM,
                details={**details, "missing": missing},
            )
    if isinstance(error, TimeoutError):
        # Past the banner (the protocol step read it): the key exchange itself stalled.
        explained, found = ssh_stalls.after_stall(session, server)
        if explained is not None:
            return explained
        details.update(found)
    elif ssh_stalls.was_cut(error):
        return ssh_stalls.interrupted(details, error)
    untold = f" {details['untold']}" if "untold" in details else ""
    return Outcome(
        status=Status.FAIL,
        summary=f"The SSH handshake broke off: {_error_words(error)}.{untold}",
        reason=reasons.SSH_HANDSHAKE_FAILED,
        details=details,
    )


def _error_words(error: BaseException | None) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror  # "Connection reset by peer", not "[Errno 104] ..."
    text = quoted(str(error).rstrip(". ")) if error is not None else ""
    return text or (type(error).__name__ if error is not None else "no reason given")


def _known_hosts_verdict(session: Session, key: paramiko.PKey) -> Verdict | None:
    """What the known_hosts file says of the key, or None without a file."""
    options = session.options
    if options.known_hosts is None:
        return None
    return judge(options.known_hosts, options.host, options.port, key.asbytes())


def _host_key_mismatch(
    session: Session, key: paramiko.PKey, key_fingerprint: str, saved: Verdict | None
) -> str | None:
    """A sentence when the key differs from --expect-fingerprint or known_hosts, else None."""
    options = session.options
    expected = options.expect_fingerprint
    if expected is not None and expected != key_fingerprint:
        return (
            f"The server's host key is {key_fingerprint}, not the expected {expected}. "
            "No password or key was sent. If only computers inside your network see this key, "
            "a firewall that decrypts SSH is the likely cause; otherwise, someone may be in "
            "the middle."
        )
    if saved is None:
        return None
    if saved.trust is Trust.REVOKED:
        return (
            f"The server's {key.get_name()} host key {key_fingerprint} is marked revoked "
            f"(@revoked) in {options.known_hosts}: OpenSSH refuses it, and so does sftpcheck. "
            "No password or key was sent."
        )
    if saved.trust is Trust.CHANGED:
        others = " or ".join(
            f"{blob_type(other)} {blob_fingerprint(other)}" for other in saved.others
        )
        return (
            f"The server's {key.get_name()} host key is {key_fingerprint}, but "
            f"{options.known_hosts} holds {others} for "
            f"{host_name(options.host, options.port)}. No password or key was sent."
        )
    return None


def _trust_note(session: Session, saved: Verdict | None) -> str:
    options = session.options
    if options.expect_fingerprint:
        return ", the one the vendor publishes."
    if saved is not None and saved.trust is Trust.SAVED and options.known_hosts is not None:
        return f", the one saved in {options.known_hosts.name}."
    return ". It is not saved anywhere yet: compare it with the one the vendor publishes."
