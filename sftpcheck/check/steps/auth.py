"""The auth check: which login methods the server offers, and one try of the given credential.

One try each, never a retry loop: vendor servers lock accounts after a few failures.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

import paramiko

from sftpcheck.check.session import Session
from sftpcheck.check.steps.auth_spares import log_in_on_spares
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.net.login_prompts import (
    Demand,
    LoginPrompts,
    PromptRefused,
    demands_new_password,
)
from sftpcheck.net.ssh_transport import CheckTransport, deadline, fingerprint
from sftpcheck.outside import Outside, quoted, quoted_error
from sftpcheck.reasons import auth as reasons

_THROTTLE_WORDS = (
    "too many",
    "maximum authentication attempts",
    "penalty",
    "blocked",
    "try again later",
    "rate limit",
)


class _LoginTimeoutError(Exception):
    """paramiko reports its own auth timeout as a failed login; this keeps them apart."""


class _LoginDroppedError(Exception):
    """The connection ended during the login with no USERAUTH_FAILURE: not a refusal."""


def _raise_unless_refused(
    transport: CheckTransport, error: paramiko.AuthenticationException, attempt: _Attempt
) -> None:
    """Only the server's USERAUTH_FAILURE is a refusal; anything else is raised as what it is."""
    if "timeout" in str(error).lower():
        raise _LoginTimeoutError(str(error)) from error
    said_no = len(transport.auth_failures) > attempt.failures_before
    if not transport.is_active() and (transport.disconnect is not None or not said_no):
        # Ended with no answer, or with a disconnect that says why (too many tries).
        raise _LoginDroppedError(str(error)) from error


@dataclass
class _Attempt:
    """What the login attempts learned, for the outcome and the report's details."""

    offered: tuple[str, ...] = ()
    tried: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    remaining: tuple[str, ...] = ()
    # How many USERAUTH_FAILUREs the server had sent when the current try began.
    failures_before: int = 0
    # Whether the server has named its methods yet (it does when it first says no).
    methods_known: bool = False
    accepted_methods: list[str] = field(default_factory=list)

    def begin(self, method: str, transport: CheckTransport) -> None:
        self.tried.append(method)
        self.failures_before = len(transport.auth_failures)

    def accepted(self) -> tuple[str, ...]:
        """The methods the server said yes to, in order (a key, then a password)."""
        return tuple(self.accepted_methods)

    def learn(self, methods: tuple[str, ...]) -> None:
        self.offered = methods
        self.methods_known = True

    def may_offer(self, method: str) -> bool:
        return not self.methods_known or method in self.offered


def check_auth(session: Session) -> Outcome:
    """The login works with the given password or key."""
    options = session.options
    transport = session.transport
    assert isinstance(transport, CheckTransport)  # the runner skips auth unless ssh passed
    if not options.username:
        session.close_connections()
        return Outcome(
            status=Status.WARN,
            summary="The login was not tested: no user name was given (use --user or "
            "user@host). The steps before it work.",
            reason=reasons.AUTH_NO_CREDENTIALS,
            blocks_later=True,
        )
    attempt = _Attempt()
    with deadline(transport, options.timeout * 3) as watchdog:
        try:
            outcome = _log_in(session, transport, attempt)
            if outcome.status is Status.PASS:
                outcome = _unless_a_new_password_is_due(transport, outcome, options.username)
        except PromptRefused as refusal:
            # Nothing was sent to the question; end the login here, before any other step.
            transport.close()
            outcome = _refused(refusal, options.username)
        except _LoginTimeoutError:
            outcome = Outcome(
                status=Status.FAIL,
                summary=f"The server did not answer the login within {options.timeout:g} s.",
                reason=reasons.AUTH_TIMEOUT,
            )
        except (_LoginDroppedError, paramiko.SSHException, EOFError, OSError) as error:
            if watchdog.fired:
                outcome = Outcome(
                    status=Status.FAIL,
                    summary=f"The server did not finish the login within "
                    f"{options.timeout * 3:g} s.",
                    reason=reasons.AUTH_TIMEOUT,
                )
            else:
                outcome = _dropped(session, transport, attempt, error)
    if outcome.status is Status.PASS:
        outcome = log_in_on_spares(session, outcome, attempt.accepted())
    else:
        session.close_connections()
    return _with_context(outcome, transport, attempt)


def _dropped(
    session: Session, transport: CheckTransport, attempt: _Attempt, error: BaseException
) -> Outcome:
    """The connection ended during the login: the tries of this connection used up, the
    address throttled if the server said so, else dropped."""
    said = transport.disconnect.text if transport.disconnect else Outside("")
    during = f" while trying {attempt.tried[-1]}" if attempt.tried else ""
    if _PER_CONNECTION in said.raw.lower() and attempt.tried:
        return _tries_used_up(session, attempt, said)
    if any(word in said.raw.lower() for word in _THROTTLE_WORDS):
        return Outcome(
            status=Status.FAIL,
            summary=f"The server ended the login{during}, saying: '{said}'. It is refusing "
            "this address for now. Wait at least 15 minutes; do not retry in a loop.",
            reason=reasons.AUTH_THROTTLED,
            details={"disconnect": str(said)},
        )
    words = f"saying: '{said}'" if said else "without a word"
    return Outcome(
        status=Status.FAIL,
        summary=f"The server hung up during the login{during}, {words}. It did not say the "
        "password or key was wrong.",
        reason=reasons.AUTH_DROPPED,
        details={"disconnect": str(said), "error": quoted_error(error)},
    )


# OpenSSH's words when a connection has used up its MaxAuthTries (each refused key counts).
# The limit is per connection: waiting changes nothing, and the next one starts afresh.
_PER_CONNECTION = "too many authentication failures"


def _tries_used_up(session: Session, attempt: _Attempt, said: Outside) -> Outcome:
    """The server ended the login once this connection's tries were refused."""
    options = session.options
    username = options.username or ""
    details = {"disconnect": str(said), "per_connection": True}
    key = options.private_key
    if attempt.tried[-1] == "publickey" and key is not None and options.password is not None:
        return Outcome(
            status=Status.FAIL,
            summary=f"The server refused the key {fingerprint(key)} for {username}, and that "
            f"used up its login tries for this connection: it ended the login saying '{said}' "
            "before the password was sent. Waiting changes nothing: the limit counts per "
            "connection. Log in with the password alone (leave the key out of the client), "
            "or with the right key alone.",
            reason=reasons.AUTH_REJECTED,
            details=details,
        )
    credential = {"publickey": "key"}  # a password, in either of its two methods, otherwise
    what = credential.get(attempt.tried[-1], "password")
    after = (
        ""
        if len(attempt.tried) == 1
        else f" (after the {credential.get(attempt.tried[0], 'password')})"
    )
    return Outcome(
        status=Status.FAIL,
        summary=f"The server refused the {what} for {username}{after} and ended the login, "
        f"saying '{said}': it allows few tries per connection. Waiting changes nothing: "
        "the limit counts per connection.",
        reason=reasons.AUTH_REJECTED,
        details=details,
    )


def _log_in(session: Session, transport: CheckTransport, attempt: _Attempt) -> Outcome:
    options = session.options
    if options.private_key is None and options.password is None:
        return _list_methods(options.username or "", transport, attempt)
    # With a credential, the first real try tells the offered methods too (a refusal lists
    # them): no "none" try first, one round trip less at every distance.
    if options.private_key is not None:
        outcome = _try_key(session, transport, attempt)
        if outcome is not None:
            return outcome
    return _try_password(session, transport, attempt)


def _list_methods(username: str, transport: CheckTransport, attempt: _Attempt) -> Outcome:
    """No credential: a "none" try on the one userauth service learns what the server takes."""
    try:
        transport.auth_none(username)
        attempt.accepted_methods.append("none")
        return Outcome(status=Status.PASS, summary=f"Logged in as {username} with no password.")
    except paramiko.BadAuthenticationType as error:
        attempt.learn(tuple(error.allowed_types))
    except paramiko.AuthenticationException as error:
        _raise_unless_refused(transport, error, attempt)
        _learn_methods(transport, attempt)
    return Outcome(
        status=Status.WARN,
        summary=f"The login was not tested: no password or key was given. The server "
        f"offers: {_methods(attempt.offered)}.",
        reason=reasons.AUTH_NO_CREDENTIALS,
        blocks_later=True,
    )


def _try_key(session: Session, transport: CheckTransport, attempt: _Attempt) -> Outcome | None:
    """The key's outcome, or None when the password should be tried next."""
    options = session.options
    key = options.private_key
    assert key is not None
    username = options.username or ""
    attempt.begin("publickey", transport)
    try:
        remaining = transport.auth_publickey(username, key)
    except paramiko.BadAuthenticationType as error:
        attempt.learn(tuple(error.allowed_types))
        if options.password is not None:
            return None
        return _not_offered("a key", attempt.offered)
    except paramiko.AuthenticationException as error:
        _raise_unless_refused(transport, error, attempt)
        _learn_methods(transport, attempt)
        if options.password is not None:
            return None
        return Outcome(
            status=Status.FAIL,
            summary=f"The server refused the key {fingerprint(key)} for {username}.",
            reason=reasons.AUTH_REJECTED,
        )
    attempt.accepted_methods.append("publickey")
    if not remaining:
        return Outcome(status=Status.PASS, summary=f"Logged in as {username} with the key.")
    attempt.remaining = tuple(remaining)
    attempt.learn(tuple(remaining))
    if options.password is not None and {"password", "keyboard-interactive"} & set(remaining):
        return None
    return Outcome(
        status=Status.FAIL,
        summary=f"The key was accepted, but the server also wants: {_methods(remaining)}.",
        reason=reasons.AUTH_PARTIAL,
    )


def _try_password(session: Session, transport: CheckTransport, attempt: _Attempt) -> Outcome:
    options = session.options
    username = options.username or ""
    password = options.password
    if password is None:
        return _not_offered("a key", attempt.offered)
    try:
        if attempt.may_offer("password"):
            attempt.begin("password", transport)
            try:
                remaining = transport.auth_password(username, password.reveal(), fallback=False)
            except paramiko.BadAuthenticationType as error:
                attempt.learn(tuple(error.allowed_types))
                attempt.tried.pop()  # not a try: the server takes no passwords at all
                if "keyboard-interactive" not in attempt.offered:
                    return _not_offered("a password", attempt.offered)
                remaining = _try_interactive(username, password.reveal(), transport, attempt)
        elif "keyboard-interactive" in attempt.offered:
            remaining = _try_interactive(username, password.reveal(), transport, attempt)
        else:
            return _not_offered("a password", attempt.offered)
    except PromptRefused:
        raise  # not a refusal: a question the check stops at (see check_auth)
    except paramiko.AuthenticationException as error:
        _raise_unless_refused(transport, error, attempt)
        _learn_methods(transport, attempt)
        return _password_refused(username, attempt)
    attempt.accepted_methods.append(attempt.tried[-1])
    if remaining:
        return Outcome(
            status=Status.FAIL,
            summary=f"The password was accepted, but the server also wants: {_methods(remaining)}.",
            reason=reasons.AUTH_PARTIAL,
        )
    key_note = " after the key" if attempt.remaining else ""
    return Outcome(
        status=Status.PASS, summary=f"Logged in as {username} with the password{key_note}."
    )


def _try_interactive(
    username: str, password: str, transport: CheckTransport, attempt: _Attempt
) -> list[str]:
    attempt.begin("keyboard-interactive", transport)
    answer = LoginPrompts(password, seen=attempt.prompts)
    remaining: list[str] = transport.auth_interactive(username, answer)
    return remaining


def _password_refused(username: str, attempt: _Attempt) -> Outcome:
    what = "password" if not attempt.tried[:-1] else "key and the password"
    return Outcome(
        status=Status.FAIL,
        summary=f"The server refused the {what} for {username}.",
        reason=reasons.AUTH_REJECTED,
    )


def _refused(refusal: PromptRefused, username: str | None) -> Outcome:
    """The login stopped at a question sftpcheck does not answer; say what it asked."""
    said = refusal.text
    if refusal.demand is Demand.NEW_PASSWORD:
        demand = (
            f"accepted the password for {username}, but demands a new one"
            if refusal.answered
            else f"demands a new password for {username}"
        )
        return Outcome(
            status=Status.FAIL,
            summary=f"The server {demand} before anything else: '{said}'. sftpcheck did not "
            "answer and closed the connection, so the password is unchanged.",
            reason=reasons.AUTH_PASSWORD_EXPIRED,
        )
    if refusal.demand is Demand.PASSWORD_AGAIN:
        return Outcome(
            status=Status.FAIL,
            summary=f"The server asked for the password again ('{said}'): it did not take "
            f"the one given for {username}. sftpcheck answers once, so it stopped there.",
            reason=reasons.AUTH_REJECTED,
        )
    return Outcome(
        status=Status.FAIL,
        summary=f"The server asked for more than a password: '{said}'. Only a person can "
        "answer that, so sftpcheck stopped there.",
        reason=reasons.AUTH_PARTIAL,
    )


def _unless_a_new_password_is_due(
    transport: CheckTransport, outcome: Outcome, username: str | None
) -> Outcome:
    """A login that worked, unless the server said in a banner that the password must be
    changed first. OpenSSH with PAM sends pam_unix's "You are required to change your
    password immediately" just before the success, then ends every session without a
    terminal: no SFTP would open. Said here, the steps after the login are skipped."""
    said = next((b for b in transport.login_banners if demands_new_password(b.raw)), None)
    if said is None:
        return outcome
    return Outcome(
        status=Status.FAIL,
        summary=f"The server accepted the login for {username}, but demands a new password "
        f"before anything else: '{quoted(' '.join(said.raw.split()))}'. It opens no SFTP session "
        "until the password is changed.",
        reason=reasons.AUTH_PASSWORD_EXPIRED,
    )


def _not_offered(what: str, offered: Sequence[str]) -> Outcome:
    reason: Reason = reasons.AUTH_METHOD_NOT_OFFERED
    return Outcome(
        status=Status.FAIL,
        summary=f"sftpcheck was given {what}, but the server only takes: {_methods(offered)}.",
        reason=reason,
    )


def _learn_methods(transport: CheckTransport, attempt: _Attempt) -> None:
    """A refusal names the methods that may still work; keep the newest list."""
    failures = transport.auth_failures
    if failures and failures[-1].methods:
        attempt.learn(failures[-1].methods)


def _methods(methods: Sequence[str]) -> str:
    """The server's names for its login methods, quoted (they are judged as they came)."""
    return quoted(", ".join(methods)) or "nothing it names"


def _with_context(outcome: Outcome, transport: paramiko.Transport, attempt: _Attempt) -> Outcome:
    """Add what every auth result should show: methods offered, tried, and the login banner."""
    banner = _banner(transport)
    details = {
        "offered": [quoted(method) for method in attempt.offered],
        "tried": list(attempt.tried),
        "prompts": list(attempt.prompts),
        "banner": banner,
    }
    facts = []
    if attempt.methods_known:
        facts.append(Fact("Login methods offered", ", ".join(attempt.offered) or "none named"))
    elif outcome.status is Status.PASS:
        # The first credential worked: the server had no cause to name its methods.
        facts.append(Fact("Login methods offered", "not asked: the login worked at once"))
    if banner:
        facts.append(Fact("Server's login message", banner))
    return dataclasses.replace(
        outcome, details={**details, **outcome.details}, facts=(*facts, *outcome.facts)
    )


def _banner(transport: paramiko.Transport) -> str | None:
    try:
        raw = transport.get_banner()
    except (AttributeError, paramiko.SSHException):
        return None
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw)
    return quoted(" ".join(text.split()))
