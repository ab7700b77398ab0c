"""The other addresses of the server's name: each connection the tcp step opened there
logs in too, after the main login worked, so that no connection of a run ends before the
login (sshd logs those, and fail2ban's aggressive mode counts them against the district).
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

import paramiko

from sftpcheck.checks import probes
from sftpcheck.checks.base import Connection, Session
from sftpcheck.checks.ssh import deadline
from sftpcheck.checks.ssh_wire import CLIENT_GREETING
from sftpcheck.checks.transport import new_transport
from sftpcheck.model import Fact, Outcome


def log_in_on_spares(session: Session, outcome: Outcome) -> Outcome:
    """Log in on each spare connection the way the main login worked; note what each did."""
    spares = session.spare_connections
    session.spare_connections = {}
    if not spares:
        return outcome
    method = _method_that_worked(outcome.summary)
    results = {address: _log_in(session, spare, method) for address, spare in spares.items()}
    failed = {address: words for address, words in results.items() if words != "logged in"}
    note = (
        f" The login works on {', '.join(results)} too."
        if not failed
        else " On " + "; ".join(f"{address} it {words}" for address, words in failed.items()) + "."
    )
    return replace(
        outcome,
        summary=outcome.summary + note,
        details={**outcome.details, "other_addresses": results},
        facts=(
            *outcome.facts,
            Fact("Other addresses", ", ".join(f"{a}: {w}" for a, w in results.items())),
        ),
    )


def _listed(results: dict[str, str]) -> str:
    return ", ".join(f"{address}: {words}" for address, words in results.items())


def _method_that_worked(summary: str) -> str:
    if "with the key" in summary:
        return "key"
    if "with no password" in summary:
        return "none"
    return "password"


def _log_in(session: Session, spare: Connection, method: str) -> str:
    """What happened on one spare connection, in words for the report."""
    options = session.options
    greeting = probes.read_greeting(spare.sock, options.timeout)
    if greeting.heard is not probes.Heard.SSH:
        spare.close()
        return f"did not answer in SSH ({greeting.heard.value})"
    transport = new_transport(
        spare.sock, greeting.raw, CLIENT_GREETING if greeting.we_spoke else b""
    )
    transport.banner_timeout = transport.handshake_timeout = options.timeout
    transport.auth_timeout = options.timeout
    try:
        with deadline(transport, options.timeout * 3):
            transport.start_client(timeout=options.timeout * 2)
            username = options.username or ""
            if method == "key" and options.private_key is not None:
                transport.auth_publickey(username, options.private_key)
            elif method == "password" and options.password is not None:
                transport.auth_password(username, options.password.reveal(), fallback=False)
            else:
                transport.auth_none(username)
            return "logged in" if transport.is_authenticated() else "refused the login"
    except (paramiko.SSHException, EOFError, OSError) as error:
        return f"failed ({type(error).__name__})"
    finally:
        with contextlib.suppress(Exception):
            transport.close()
