"""The auth check: which login methods the server offers, and one try of the given credential.

One try each, never a retry loop: vendor servers lock accounts after a few failures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import paramiko

from sftpcheck.checks.base import Session
from sftpcheck.checks.ssh import deadline, fingerprint
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.reasons import auth as reasons

_PASSWORD_WORDS = ("password", "passcode", "passwort", "contraseña", "mot de passe")


class _LoginTimeoutError(Exception):
    """paramiko reports its own auth timeout as a failed login; this keeps them apart."""


def _raise_if_timeout(error: paramiko.AuthenticationException) -> None:
    if "timeout" in str(error).lower():
        raise _LoginTimeoutError(str(error)) from error


@dataclass
class _Attempt:
    """What the login attempts learned, for the outcome and the report's details."""

    offered: tuple[str, ...] = ()
    tried: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    remaining: tuple[str, ...] = ()


def check_auth(session: Session) -> Outcome:
    """The login works with the given password or key."""
    options = session.options
    transport = session.transport
    assert transport is not None  # the runner skips auth unless ssh passed
    if not options.username:
        return Outcome(
            status=Status.SKIP,
            summary="Not run: no user name was given (use --user or user@host).",
        )
    attempt = _Attempt()
    with deadline(transport, options.timeout * 3) as watchdog:
        try:
            outcome = _log_in(session, transport, attempt)
        except _LoginTimeoutError:
            outcome = Outcome(
                status=Status.FAIL,
                summary=f"The server did not answer the login within {options.timeout:g} s.",
                reason=reasons.AUTH_TIMEOUT,
            )
        except (paramiko.SSHException, EOFError, OSError) as error:
            reason = reasons.AUTH_TIMEOUT if watchdog.fired else reasons.AUTH_REJECTED
            words = (
                f"The server did not finish the login within {options.timeout * 3:g} s."
                if watchdog.fired
                else f"The server ended the login: {error or type(error).__name__}."
            )
            outcome = Outcome(status=Status.FAIL, summary=words, reason=reason)
    return _with_context(outcome, transport, attempt)


def _log_in(session: Session, transport: paramiko.Transport, attempt: _Attempt) -> Outcome:
    options = session.options
    username = options.username or ""
    try:
        transport.auth_none(username)
        return Outcome(status=Status.PASS, summary=f"Logged in as {username} with no password.")
    except paramiko.BadAuthenticationType as error:
        attempt.offered = tuple(error.allowed_types)
    except paramiko.AuthenticationException as error:
        _raise_if_timeout(error)
        attempt.offered = ()
    if options.private_key is None and options.password is None:
        return Outcome(
            status=Status.SKIP,
            summary=f"Not run: no password or key was given. The server offers: "
            f"{_methods(attempt.offered)}.",
        )
    if options.private_key is not None:
        outcome = _try_key(session, transport, attempt)
        if outcome is not None:
            return outcome
    return _try_password(session, transport, attempt)


def _try_key(session: Session, transport: paramiko.Transport, attempt: _Attempt) -> Outcome | None:
    """The key's outcome, or None when the password should be tried next."""
    options = session.options
    key = options.private_key
    assert key is not None
    username = options.username or ""
    if "publickey" not in attempt.offered:
        if options.password is not None:
            return None
        return _not_offered("a key", attempt.offered)
    attempt.tried.append("publickey")
    try:
        remaining = transport.auth_publickey(username, key)
    except paramiko.AuthenticationException as error:
        _raise_if_timeout(error)
        if options.password is not None:
            return None
        return Outcome(
            status=Status.FAIL,
            summary=f"The server refused the key {fingerprint(key)} for {username}.",
            reason=reasons.AUTH_REJECTED,
        )
    if not remaining:
        return Outcome(status=Status.PASS, summary=f"Logged in as {username} with the key.")
    attempt.remaining = tuple(remaining)
    if options.password is not None and {"password", "keyboard-interactive"} & set(remaining):
        attempt.offered = tuple(remaining)
        return None
    return Outcome(
        status=Status.FAIL,
        summary=f"The key was accepted, but the server also wants: {_methods(remaining)}.",
        reason=reasons.AUTH_PARTIAL,
    )


def _try_password(session: Session, transport: paramiko.Transport, attempt: _Attempt) -> Outcome:
    options = session.options
    username = options.username or ""
    password = options.password
    key_note = " after the key" if attempt.remaining else ""
    if password is None:
        return _not_offered("a key", attempt.offered)
    try:
        if "password" in attempt.offered:
            attempt.tried.append("password")
            remaining = transport.auth_password(username, password.reveal(), fallback=False)
        elif "keyboard-interactive" in attempt.offered:
            attempt.tried.append("keyboard-interactive")
            remaining = transport.auth_interactive(
                username, _answer_prompts(password.reveal(), attempt)
            )
        else:
            return _not_offered("a password", attempt.offered)
    except paramiko.AuthenticationException as error:
        _raise_if_timeout(error)
        if attempt.prompts and not all(_asks_password(p) for p in attempt.prompts):
            return Outcome(
                status=Status.FAIL,
                summary=f"The server asked for more than a password: {'; '.join(attempt.prompts)}.",
                reason=reasons.AUTH_PARTIAL,
            )
        what = "password" if not attempt.tried[:-1] else "key and the password"
        return Outcome(
            status=Status.FAIL,
            summary=f"The server refused the {what} for {username}.",
            reason=reasons.AUTH_REJECTED,
        )
    if remaining:
        return Outcome(
            status=Status.FAIL,
            summary=f"The password was accepted, but the server also wants: {_methods(remaining)}.",
            reason=reasons.AUTH_PARTIAL,
        )
    return Outcome(
        status=Status.PASS, summary=f"Logged in as {username} with the password{key_note}."
    )


def _answer_prompts(password: str, attempt: _Attempt) -> Any:
    def handler(title: str, instructions: str, prompts: Sequence[tuple[str, bool]]) -> list[str]:
        answers = []
        for prompt, echo in prompts:
            attempt.prompts.append(prompt.strip())
            answers.append(password if not echo and _asks_password(prompt) else "")
        return answers

    return handler


def _asks_password(prompt: str) -> bool:
    return any(word in prompt.lower() for word in _PASSWORD_WORDS)


def _not_offered(what: str, offered: Sequence[str]) -> Outcome:
    reason: Reason = reasons.AUTH_METHOD_NOT_OFFERED
    return Outcome(
        status=Status.FAIL,
        summary=f"sftpcheck was given {what}, but the server only takes: {_methods(offered)}.",
        reason=reason,
    )


def _methods(methods: Sequence[str]) -> str:
    return ", ".join(methods) or "nothing it names"


def _with_context(outcome: Outcome, transport: paramiko.Transport, attempt: _Attempt) -> Outcome:
    """Add what every auth result should show: methods offered, tried, and the login banner."""
    banner = _banner(transport)
    details = {
        "offered": list(attempt.offered),
        "tried": list(attempt.tried),
        "prompts": list(attempt.prompts),
        "banner": banner,
    }
    facts = [Fact("Login methods offered", _methods(attempt.offered))]
    if banner:
        facts.append(Fact("Server's login message", banner[:300]))
    return Outcome(
        status=outcome.status,
        summary=outcome.summary,
        reason=outcome.reason,
        details={**details, **outcome.details},
        facts=tuple(facts),
    )


def _banner(transport: paramiko.Transport) -> str | None:
    try:
        raw = transport.get_banner()
    except (AttributeError, paramiko.SSHException):
        return None
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw)
    return " ".join(text.split())
