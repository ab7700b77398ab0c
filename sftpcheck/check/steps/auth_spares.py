"""The other addresses of the server's name: each connection the tcp step opened there
logs in too, after the main login worked, so that no connection of a run ends before the
login (sshd logs those, and fail2ban's aggressive mode counts them against the district).
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

import paramiko

from sftpcheck.check.session import Connection, Session
from sftpcheck.model import Fact, Outcome
from sftpcheck.net import probes
from sftpcheck.net.login_prompts import Demand, LoginPrompts, PromptRefused
from sftpcheck.net.ssh_transport import CheckTransport, deadline, new_transport

_ASKED = {
    Demand.NEW_PASSWORD: "a new password",
    Demand.PASSWORD_AGAIN: "the password a second time",
    Demand.MORE: "more than the password",
}


def log_in_on_spares(session: Session, outcome: Outcome, methods: tuple[str, ...]) -> Outcome:
    """Log in on each spare connection with the `methods` the main login was accepted with,
    in order; note what each address did."""
    spares = session.spare_connections
    session.spare_connections = {}
    if not spares:
        return outcome
    results = {address: _log_in(session, spare, methods) for address, spare in spares.items()}
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
        facts=(*outcome.facts, Fact("Other addresses", _listed(results))),
    )


def _listed(results: dict[str, str]) -> str:
    return ", ".join(f"{address}: {words}" for address, words in results.items())


def _log_in(session: Session, spare: Connection, methods: tuple[str, ...]) -> str:
    """What happened on one spare connection, in words for the report."""
    options = session.options
    greeting = probes.read_greeting(spare.sock, options.timeout)
    if greeting.heard is not probes.Heard.SSH:
        spare.close()
        return f"did not answer in SSH ({greeting.heard.value})"
    transport = new_transport(spare.sock, greeting.raw, greeting.sent)
    transport.banner_timeout = transport.handshake_timeout = options.timeout
    transport.auth_timeout = options.timeout
    try:
        with deadline(transport, options.timeout * 3):
            transport.start_client(timeout=options.timeout * 2)
            for method in methods:
                _try(transport, method, session)
            return "logged in" if transport.is_authenticated() else "refused the login"
    except PromptRefused as refusal:
        return f"asked for {_ASKED[refusal.demand]}, which sftpcheck does not answer"
    except (paramiko.SSHException, EOFError, OSError) as error:
        return f"failed ({type(error).__name__})"
    finally:
        with contextlib.suppress(Exception):
            transport.close()


def _try(transport: CheckTransport, method: str, session: Session) -> None:
    """One login step the main connection passed, with the same credential."""
    options = session.options
    username = options.username or ""
    password = options.password.reveal() if options.password is not None else ""
    if method == "publickey" and options.private_key is not None:
        transport.auth_publickey(username, options.private_key)
    elif method == "password":
        transport.auth_password(username, password, fallback=False)
    elif method == "keyboard-interactive":
        transport.auth_interactive(username, LoginPrompts(password))
    else:
        transport.auth_none(username)
