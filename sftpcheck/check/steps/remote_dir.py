"""The remote_dir check: SFTP opens, where the login lands, and whether the folder the
client is set to open can be used: listed, or at least written (a write-only drop).
"""

from __future__ import annotations

import posixpath
import stat
from typing import Any

import paramiko

from sftpcheck.check.probe_file import try_writing
from sftpcheck.check.session import Session
from sftpcheck.model import Fact, Outcome, Status, fail
from sftpcheck.net.sftp_client import (
    CheckSftpClient,
    SftpNotStartedError,
    StatusKind,
    error_words,
    open_sftp,
    status_kind,
    survey,
)
from sftpcheck.net.ssh_transport import deadline
from sftpcheck.reasons import sftp as reasons


def check_remote_dir(session: Session) -> Outcome:
    """SFTP opens; where the login lands; the configured directory opens and is not `/`."""
    options = session.options
    transport = session.transport
    assert transport is not None  # the runner skips this unless auth passed
    with deadline(transport, options.timeout * 3) as watchdog:
        try:
            sftp = open_sftp(transport, options.timeout)
            session.sftp = sftp
        except SftpNotStartedError as refused:
            if watchdog.fired:
                return _sftp_timeout(options.timeout)
            return _no_sftp(refused)
        except (paramiko.SSHException, EOFError, OSError) as error:
            if watchdog.fired or isinstance(error, TimeoutError):
                return _sftp_timeout(options.timeout)
            return _no_sftp(SftpNotStartedError(error, None))
        configured = _as_sent(options.remote_dir) if options.remote_dir else "."
        try:
            landing, listing = survey(sftp, list(dict.fromkeys(["/", configured])))
            session.landing = landing
            root_opens = listing["/"] is None
            shown = session.shown(landing)
            details: dict[str, Any] = {"landing": shown, "root_listable": root_opens}
            facts = (Fact("Landing directory", shown),)
            if options.remote_dir:
                wanted = posixpath.normpath(posixpath.join(landing, configured))
                return _check_configured(
                    session, sftp, landing, wanted, listing[configured], details, facts
                )
            if listing["."] is not None:
                return _write_only(session, sftp, landing, landing, details, facts)
            root_note, found = _root_note(session, sftp, landing, root_opens)
        except (paramiko.SSHException, EOFError, TimeoutError, OSError) as error:
            if watchdog.fired or not isinstance(error, OSError) or isinstance(error, TimeoutError):
                return _sftp_timeout(options.timeout)
            return fail(
                reasons.REMOTE_DIR_NO_SFTP,
                f"SFTP opened, but the server would not say where the login lands "
                f"({error_words(error)}).",
            )
    session.work_dir = landing
    return Outcome(
        status=Status.PASS,
        summary=f"SFTP opened; the login lands in {session.shown(landing)}.{root_note}",
        details={**details, **found},
        facts=facts,
    )


def _root_note(
    session: Session, sftp: CheckSftpClient, landing: str, root_opens: bool
) -> tuple[str, dict[str, Any]]:
    """What a client set to '/' would meet, as far as this run tried it, and the details.

    A listing is not a write: on an OpenSSH chroot '/' belongs to root and lists, and only
    the folder below it takes files. So '/' gets the same empty, exclusive, at once removed
    test file that a write-only folder gets, unless the check is read-only.
    """
    if landing == "/":
        return "", {}
    if not root_opens:
        return " This account may not open '/': a client set to '/' would fail.", {}
    if session.options.no_upload:
        return (
            " A client set to '/' could open it; writing there was not tried (--no-upload).",
            {"root_writable": None},
        )
    tried = try_writing(sftp, "/")
    found: dict[str, Any] = {"root_writable": tried.worked}
    if not tried.removed:
        found["probe_left"] = tried.probe
    left = (
        ""
        if tried.removed
        else f" Its test file {tried.probe} could not be removed; ask the vendor to delete it."
    )
    if tried.refused is not None:
        found["root_write_error"] = error_words(tried.refused)
        return (
            f" A client set to '/' could open it but not write there "
            f"({error_words(tried.refused)}).{left}",
            found,
        )
    removed = " and removed" if tried.removed else ""
    return (
        f" A client set to '/' could open it and write there (a test file was made{removed}); "
        "still, files belong where the vendor collects them, most often where the login "
        f"lands.{left}",
        found,
    )


def _no_sftp(refused: SftpNotStartedError) -> Outcome:
    words = error_words(refused.cause)
    if refused.connection_ended:
        # OpenSSH checks the account's ChrootDirectory only once a session is asked for,
        # after the login, and ends the whole connection when it may not enter it.
        return fail(
            reasons.REMOTE_DIR_NO_SFTP,
            f"The login works, but the server ended the whole connection as soon as a "
            f"session was asked for ({words}). OpenSSH does this when it may not enter the "
            "account's chroot folder: that folder and every one above it must be owned by "
            "root and writable by no one else, and its log then says 'bad ownership or modes "
            "for chroot directory'. Ask the vendor to check the account's folder permissions.",
            {"connection_ended": True},
        )
    if refused.exit_status is None:
        return fail(
            reasons.REMOTE_DIR_NO_SFTP,
            f"The login works, but the server gives this account no SFTP service ({words}).",
        )
    # OpenSSH without PAM runs passwd in place of any session of an account whose password
    # has expired, and throws away what it says to a subsystem: the same silent end.
    return fail(
        reasons.REMOTE_DIR_NO_SFTP,
        f"The login works, but the server ended the SFTP session as soon as it began, "
        f"without a word (exit status {refused.exit_status}; {words}). Either its SFTP "
        "server fails to start for this account, or the password has expired: OpenSSH "
        "without PAM then runs its password change in place of SFTP. Log in once with "
        "'ssh' as this user: an expired password says 'Your password has expired'.",
        {"exit_status": refused.exit_status},
    )


def _as_sent(remote_dir: str) -> str:
    """The folder as the client sends it: relative ones resolve from the landing folder."""
    return posixpath.normpath(remote_dir) if remote_dir != "/" else "/"


def _check_configured(
    session: Session,
    sftp: CheckSftpClient,
    landing: str,
    wanted: str,
    listing_error: BaseException | None,
    details: dict[str, Any],
    facts: tuple[Fact, ...],
) -> Outcome:
    details = {**details, "remote_dir": session.shown(wanted)}
    landed, opened = session.shown(landing), session.shown(wanted)
    if listing_error is not None:
        if isinstance(listing_error, TimeoutError):
            raise listing_error
        kind = status_kind(listing_error)
        details["error"] = error_words(listing_error)
        if kind is StatusKind.NOT_FOUND and not _is_directory(sftp, wanted):
            # OpenSSH answers "no such file" for a listing of a file, too.
            what = "is a file, not a folder" if _is_file(sftp, wanted) else "does not exist"
            return fail(
                reasons.REMOTE_DIR_NOT_FOUND,
                f"The client is set to open {opened}, which {what}. The login lands in {landed}.",
                details,
                facts,
            )
        if wanted == "/":
            return fail(
                reasons.REMOTE_DIR_ROOT_DENIED,
                f"The client is set to open '/', which this account may not open. Leave the "
                f"remote directory blank; the login lands in {landed}.",
                details,
                facts,
            )
        return _write_only(session, sftp, wanted, landing, details, facts)
    session.work_dir = wanted
    return Outcome(
        status=Status.PASS,
        summary=f"SFTP opened; the login lands in {landed}, and {opened} opens.",
        details=details,
        facts=facts,
    )


def _write_only(
    session: Session,
    sftp: CheckSftpClient,
    folder: str,
    landing: str,
    details: dict[str, Any],
    facts: tuple[Fact, ...],
) -> Outcome:
    """A folder that may not be listed: a write-only drop if a file can be made there."""
    tried = try_writing(sftp, folder)
    if tried.refused is not None:
        error = tried.refused
        details = {**details, "write_error": error_words(error)}
        where = (
            f"The login lands in {session.shown(folder)}, which"
            if session.options.remote_dir is None
            else f"The client is set to open {session.shown(folder)}, which"
        )
        landed = "" if folder == landing else f" The login lands in {session.shown(landing)}."
        return fail(
            reasons.REMOTE_DIR_DENIED,
            f"{where} this account may neither list nor write to ({error_words(error)}).{landed}",
            details,
            facts,
        )
    removed = tried.removed
    probe = tried.probe
    session.work_dir = folder
    left = "" if removed else f" (its test file {session.shown(probe)} could not be removed)"
    return Outcome(
        status=Status.PASS,
        summary=f"SFTP opened; {session.shown(folder)} is write-only: it may not be listed, "
        f"but files can be written to it, as in many managed drop folders{left}. Clients "
        "that list the folder first may show an error there; the upload itself works.",
        details={
            **details,
            "write_only": True,
            "probe_left": None if removed else session.shown(probe),
        },
        facts=facts,
    )


def _is_file(sftp: CheckSftpClient, path: str) -> bool:
    return _mode_is(sftp, path, stat.S_ISREG)


def _is_directory(sftp: CheckSftpClient, path: str) -> bool:
    return _mode_is(sftp, path, stat.S_ISDIR)


def _mode_is(sftp: CheckSftpClient, path: str, test: Any) -> bool:
    try:
        mode = sftp.stat(path).st_mode
    except TimeoutError:
        raise
    except OSError:
        return False
    return mode is not None and bool(test(mode))


def _sftp_timeout(timeout: float) -> Outcome:
    return fail(
        reasons.REMOTE_DIR_TIMEOUT, f"The SFTP service did not answer within {timeout:g} s."
    )
