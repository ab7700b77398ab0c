"""The setstat check (with --setstat): whether the server lets a client set a file's
permissions and time after an upload, as WinSCP's "preserve timestamp" does.

Three answers, not two: the server refuses (the client shows an error though the file
arrived), the server does it, or the server says OK and changes nothing (ProFTPD's
IgnoreSFTPSetTimes), which is harmless: the client sees success.
"""

from __future__ import annotations

import time

from sftpcheck.check.client_upload import setstat_advice, setstat_operations, setstat_runs
from sftpcheck.check.probe_file import remove_probe
from sftpcheck.check.session import Session
from sftpcheck.model import Outcome, Status
from sftpcheck.net.sftp_client import CheckSftpClient, error_words
from sftpcheck.net.ssh_transport import deadline
from sftpcheck.reasons import sftp as reasons

# Far enough from now that no server could set it by chance.
_ONE_DAY = 86_400
_WANTED_PERMISSIONS = 0o640


def check_setstat(session: Session) -> Outcome:
    """Whether the server lets a client set permissions and timestamps (with --setstat)."""
    options = session.options
    if not setstat_runs(options):  # --setstat, or a client that sets times (WinSCP)
        return Outcome(status=Status.SKIP, summary="Not run: add --setstat to test it.")
    path = session.uploaded_path or session.probe_path
    if path is None or session.sftp is None:
        return Outcome(status=Status.SKIP, summary="Not run: no file was uploaded to try it on.")
    assert session.transport is not None
    with deadline(session.transport, options.timeout * 2):
        permissions, timestamp = setstat_operations(options)
        refused, ignored = _try_setstat(
            session.sftp, path, session.uploaded_path is None, permissions, timestamp
        )
        shown = session.shown(path)
        outcome = _setstat_outcome(shown, refused, ignored, setstat_advice(options))
        if session.probe_path is not None:
            return _note_probe_removal(session, outcome)
    return outcome


def _try_setstat(
    sftp: CheckSftpClient,
    path: str,
    is_probe: bool,
    permissions: bool = True,
    timestamp: bool = True,
) -> tuple[dict[str, str], list[str]]:
    """Each operation the server refused (with its words), and each it accepted but ignored."""
    refused: dict[str, str] = {}
    # The district's own file keeps its usual permissions; only the probe gets a telling mode.
    wanted_mode = _WANTED_PERMISSIONS if is_probe else 0o644
    wanted_time = int(time.time()) - _ONE_DAY
    # An imitated client sets only what it sets (WinSCP by default: the time alone).
    tried = {"permissions": permissions, "timestamp": timestamp}
    if permissions:
        try:
            sftp.chmod(path, wanted_mode)
        except TimeoutError:
            raise
        except OSError as error:
            refused["permissions"] = error_words(error)
    if timestamp:
        try:
            sftp.utime(path, (wanted_time, wanted_time))
        except TimeoutError:
            raise
        except OSError as error:
            refused["timestamp"] = error_words(error)
    ignored = _ignored(sftp, path, refused, wanted_mode, wanted_time)
    return refused, [what for what in ignored if tried[what]]


def _ignored(
    sftp: CheckSftpClient, path: str, refused: dict[str, str], mode: int, mtime: int
) -> list[str]:
    """What the server said OK to but did not change, read back with a stat."""
    try:
        after = sftp.stat(path)
    except TimeoutError:
        raise
    except OSError:
        return []  # cannot tell; say nothing rather than guess
    ignored = []
    mode_kept = after.st_mode is not None and after.st_mode & 0o777 != mode
    if "permissions" not in refused and mode_kept:
        ignored.append("permissions")
    time_kept = after.st_mtime is not None and abs(int(after.st_mtime) - mtime) > 1
    if "timestamp" not in refused and time_kept:
        ignored.append("timestamp")
    return ignored


def _setstat_outcome(
    path: str,
    refused: dict[str, str],
    ignored: list[str],
    advice: str = "Turn off 'preserve timestamp' and 'set permissions' in the client.",
) -> Outcome:
    details = {"path": path, "refused": refused, "ignored": ignored}
    if not refused and not ignored:
        return Outcome(
            status=Status.PASS,
            summary="The server lets a client set permissions and timestamps; a client's "
            "'preserve timestamp' option will work.",
            details=details,
        )
    if not refused:
        what = " and ".join(ignored)
        return Outcome(
            status=Status.PASS,
            summary=f"The server accepted the change of {what} but ignored it: harmless. A "
            "client's 'preserve timestamp' sees success, and the file keeps the server's "
            "time.",
            details=details,
        )
    what = " and ".join(refused)
    words = "; ".join(dict.fromkeys(refused.values()))
    return Outcome(
        status=Status.WARN,
        summary=f"The file arrived, but the server refuses to set its {what} ({words}). " + advice,
        reason=reasons.SETSTAT_UNSUPPORTED,
        details=details,
    )


def _note_probe_removal(session: Session, outcome: Outcome) -> Outcome:
    left = remove_probe(session, outcome)
    if left.status is Status.WARN and left.reason is reasons.UPLOAD_PROBE_LEFT:
        return Outcome(
            status=outcome.status,
            summary=outcome.summary + f" The test file {left.details['probe_left']} could not "
            "be removed; ask the vendor to delete it.",
            reason=outcome.reason,
            details=left.details,
        )
    return outcome
