"""The SFTP checks: remote_dir (where the login lands), upload (a whole file), setstat.

sftpcheck never overwrites or deletes a remote file that it did not create in this run:
uploads open with O_EXCL unless --overwrite, and only the run's own probe is removed.
"""

from __future__ import annotations

import posixpath
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import paramiko

from sftpcheck.checks.base import Session
from sftpcheck.checks.ssh import deadline
from sftpcheck.filenames import name_problem
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.reasons import sftp as reasons

PROBE_TEXT = b"sftpcheck test file: it proves uploads work. It is safe to delete.\n"
PROBE_SIZE = 4096
CHUNK = 32 * 1024


def open_sftp(transport: paramiko.Transport, timeout: float) -> paramiko.SFTPClient:
    """Open the SFTP subsystem with every wait bounded (paramiko's own waits are not)."""
    channel = transport.open_session(timeout=timeout)
    channel.settimeout(timeout)
    channel.invoke_subsystem("sftp")
    return paramiko.SFTPClient(channel)


def check_remote_dir(session: Session) -> Outcome:
    """SFTP opens; where the login lands; the configured directory opens and is not `/`."""
    options = session.options
    transport = session.transport
    assert transport is not None  # the runner skips this unless auth passed
    with deadline(transport, options.timeout * 3) as watchdog:
        try:
            session.sftp = open_sftp(transport, options.timeout)
            landing = session.sftp.normalize(".")
        except (paramiko.SSHException, EOFError, OSError) as error:
            if watchdog.fired or isinstance(error, TimeoutError):
                return _sftp_timeout(options.timeout)
            return _fail(
                reasons.REMOTE_DIR_NO_SFTP,
                f"The login works, but the server gives this account no SFTP service "
                f"({error or type(error).__name__}).",
            )
        try:
            root_opens = _can_list(session.sftp, "/")
            details: dict[str, Any] = {"landing": landing, "root_listable": root_opens}
            facts = (Fact("Landing directory", landing),)
            if options.remote_dir:
                return _check_configured(session, landing, details, facts)
        except (paramiko.SSHException, EOFError, TimeoutError):
            return _sftp_timeout(options.timeout)
    session.work_dir = landing
    root_note = (
        "A client set to '/' would work too."
        if root_opens
        else "This account may not open '/': a client set to '/' would fail, so leave the "
        "client's remote directory blank."
    )
    return Outcome(
        status=Status.PASS,
        summary=f"SFTP opened; the login lands in {landing}. {root_note}",
        details=details,
        facts=facts,
    )


def _check_configured(
    session: Session, landing: str, details: dict[str, Any], facts: tuple[Fact, ...]
) -> Outcome:
    sftp = session.sftp
    assert sftp is not None
    assert session.options.remote_dir is not None
    wanted = posixpath.normpath(posixpath.join(landing, session.options.remote_dir))
    details = {**details, "remote_dir": wanted}
    try:
        sftp.listdir(wanted)
    except FileNotFoundError:
        # OpenSSH answers "no such file" for a listing of a file, too.
        what = "is a file, not a folder" if _is_file(sftp, wanted) else "does not exist"
        return _fail(
            reasons.REMOTE_DIR_NOT_FOUND,
            f"The client is set to open {wanted}, which {what}. The login lands in {landing}.",
            details,
            facts,
        )
    except PermissionError:
        if wanted == "/":
            return _fail(
                reasons.REMOTE_DIR_ROOT_DENIED,
                f"The client is set to open '/', which this account may not open. Leave the "
                f"remote directory blank; the login lands in {landing}.",
                details,
                facts,
            )
        return _fail(
            reasons.REMOTE_DIR_DENIED,
            f"The client is set to open {wanted}, which this account may not open. The "
            f"login lands in {landing}.",
            details,
            facts,
        )
    except TimeoutError:
        raise
    except OSError as error:  # a file, not a folder; or the server's generic "Failure"
        return _fail(
            reasons.REMOTE_DIR_DENIED,
            f"The client is set to open {wanted}, which the server would not open as a "
            f"folder ({error}). The login lands in {landing}.",
            details,
            facts,
        )
    session.work_dir = wanted
    return Outcome(
        status=Status.PASS,
        summary=f"SFTP opened; the login lands in {landing}, and {wanted} opens.",
        details=details,
        facts=facts,
    )


def _is_file(sftp: paramiko.SFTPClient, path: str) -> bool:
    try:
        mode = sftp.stat(path).st_mode
    except FileNotFoundError:
        return False
    return mode is not None and stat.S_ISREG(mode)


def _sftp_timeout(timeout: float) -> Outcome:
    return _fail(
        reasons.REMOTE_DIR_TIMEOUT, f"The SFTP service did not answer within {timeout:g} s."
    )


def _can_list(sftp: paramiko.SFTPClient, path: str) -> bool:
    # stat succeeds on a folder the user may not read: only a listing tells.
    try:
        sftp.listdir(path)
    except TimeoutError:
        raise
    except OSError:
        return False
    return True


def _fail(
    reason: Reason,
    summary: str,
    details: dict[str, Any] | None = None,
    facts: tuple[Fact, ...] = (),
) -> Outcome:
    return Outcome(
        status=Status.FAIL, summary=summary, reason=reason, details=details or {}, facts=facts
    )


def check_upload(session: Session) -> Outcome:
    """A file can be written under a spec name, whole; an existing file is left alone."""
    options = session.options
    if options.no_upload:
        return Outcome(
            status=Status.SKIP, summary="Not run: --no-upload asks for a read-only check."
        )
    if options.upload is not None:
        problem = name_problem(options.upload.name, options.file_names)
        if problem is not None:
            return _fail(
                reasons.UPLOAD_BAD_FILENAME,
                problem.sentence() + " Nothing was uploaded.",
                {"name": problem.name, "faults": list(problem.faults), "likely": problem.likely},
            )
        data = options.upload.read_bytes()
        name = options.upload.name
        session.file_findings = _file_findings(options.upload)
    else:
        data = (PROBE_TEXT * (PROBE_SIZE // len(PROBE_TEXT) + 1))[:PROBE_SIZE]
        name = f"sftpcheck-probe-{secrets.token_hex(4)}.tmp"
    assert session.transport is not None
    assert session.sftp is not None
    assert session.work_dir is not None
    path = posixpath.join(session.work_dir, name)
    # Each SFTP reply is bounded by the channel timeout; the whole upload also gets a limit
    # that allows a slow link (50 kB/s) for a big export.
    limit = options.timeout * 3 + len(data) / 50_000
    with deadline(session.transport, limit) as watchdog:
        try:
            return _upload(session, path, data, is_probe=options.upload is None)
        except (OSError, paramiko.SSHException, EOFError) as error:
            if not (watchdog.fired or isinstance(error, TimeoutError)):
                raise
            stalled = f"{type(error).__name__}: {error}"
    return _fail(
        reasons.UPLOAD_TIMEOUT,
        f"The server stopped answering during the upload of {path} "
        f"(limit {options.timeout:g} s per reply, {limit:.0f} s in all).",
        {"path": path, "bytes": len(data), "error": stalled},
    )


def _upload(session: Session, path: str, data: bytes, is_probe: bool) -> Outcome:
    sftp = session.sftp
    assert sftp is not None
    options = session.options
    details: dict[str, Any] = {"path": path, "bytes": len(data), "probe": is_probe}
    if not is_probe and _exists(sftp, path) and not options.overwrite:
        return Outcome(
            status=Status.WARN,
            summary=f"{path} is already on the server; it was left alone (add --overwrite "
            "to replace it).",
            reason=reasons.UPLOAD_EXISTS,
            details=details,
        )

    opened = []

    def created() -> None:
        opened.append(path)
        # From here on the file is this run's own: a probe may be removed, even after a fault.
        if is_probe:
            session.probe_path = path

    try:
        size = _write(sftp, path, data, is_probe or not options.overwrite, created)
    except TimeoutError:
        raise  # the server stopped answering: check_upload says so
    except (OSError, paramiko.SSHException, EOFError) as error:
        details["error"] = f"{type(error).__name__}: {error}"
        if opened:
            return _fail(
                reasons.UPLOAD_INCOMPLETE,
                f"The upload of {path} broke off after the file was created: {error}. A full "
                "disk or quota can cause this.",
                details,
            )
        if isinstance(error, PermissionError):
            return _fail(
                reasons.UPLOAD_DENIED, f"The server refused to create {path}: {error}.", details
            )
        return _fail(
            reasons.UPLOAD_DENIED,
            f"The server could not create {path}: {error}. A full disk, a quota, or a file "
            "of that name can cause this.",
            details,
        )
    if not is_probe:
        session.uploaded_path = path
    details["size_on_server"] = size
    if size is not None and size != len(data):
        return _fail(
            reasons.UPLOAD_INCOMPLETE,
            f"{path} is {size} bytes on the server, but {len(data)} bytes were sent.",
            details,
        )
    if session.file_findings:
        details["file_checks"] = session.file_findings
        problems = " ".join(str(found["message"]) for found in session.file_findings[:3])
        return Outcome(
            status=Status.WARN,
            summary=f"Uploaded {len(data)} bytes to {path}, whole, but the file has "
            f"{len(session.file_findings)} problem(s): {problems}",
            reason=reasons.UPLOAD_FILE_PROBLEMS,
            details=details,
        )
    confirmed = "" if size is not None else " (the server does not show file sizes)"
    kept = " It stays there for the vendor."
    if is_probe:
        kept = " It is removed after the next step." if options.setstat else " It was removed."
    outcome = Outcome(
        status=Status.PASS,
        summary=f"Uploaded {len(data)} bytes to {path}; the size on the server matches"
        f"{confirmed}.{kept}",
        details=details,
    )
    if is_probe and not options.setstat:
        return remove_probe(session, outcome)
    return outcome


def _file_findings(path: Path) -> list[dict[str, object]]:
    """The single-file checks of `sftpcheck files` (encoding, BOM, header), for a spec file."""
    from sftpcheck.errors import InputError
    from sftpcheck.files import check_single_file, load_spec

    spec = load_spec()
    if spec.file(path.name) is None:
        return []  # a profile's own file name: the default spec knows nothing of its columns
    try:
        findings = check_single_file(path, spec)
    except InputError:
        return []
    return [
        {"code": f.code, "severity": f.severity.value, "line": f.line, "message": f.message}
        for f in findings
    ]


def _exists(sftp: paramiko.SFTPClient, path: str) -> bool:
    try:
        sftp.stat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return False  # some drops hide what is there; O_EXCL still guards the write
    return True


def _write(
    sftp: paramiko.SFTPClient,
    path: str,
    data: bytes,
    exclusive: bool,
    created: Callable[[], None],
) -> int | None:
    """Write `data` to `path`; return the size the server then reports, None if it will not say.

    Writes are pipelined for speed, and paramiko then drops a failed write's status: the
    size the server reports afterwards is what proves the file whole.
    """
    # "x" adds O_EXCL: the server refuses rather than replace a file that appeared meanwhile.
    with sftp.open(path, "wbx" if exclusive else "wb") as remote:
        created()
        remote.set_pipelined(True)
        for start in range(0, len(data), CHUNK):
            remote.write(data[start : start + CHUNK])
        remote.flush()
        try:
            return remote.stat().st_size
        except TimeoutError:
            raise
        except OSError:
            pass  # some servers refuse fstat; a plain stat may still work
    try:
        return sftp.stat(path).st_size
    except TimeoutError:
        raise
    except OSError:
        return None


def remove_probe(session: Session, outcome: Outcome) -> Outcome:
    """Remove the run's own probe file; if the server says no, warn and name the file."""
    path = session.probe_path
    if path is None or session.sftp is None:
        return outcome
    try:
        session.sftp.remove(path)
    except (OSError, paramiko.SSHException, EOFError) as error:
        return Outcome(
            status=Status.WARN,
            summary=f"The test file {path} arrived, but could not be removed ({error}). Ask "
            "the vendor to delete it.",
            reason=reasons.UPLOAD_PROBE_LEFT,
            details={**outcome.details, "probe_left": path},
        )
    session.probe_path = None
    return outcome


def check_setstat(session: Session) -> Outcome:
    """Whether the server lets a client set permissions and timestamps (with --setstat)."""
    options = session.options
    if not options.setstat:
        return Outcome(status=Status.SKIP, summary="Not run: add --setstat to test it.")
    path = session.uploaded_path or session.probe_path
    if path is None or session.sftp is None:
        return Outcome(status=Status.SKIP, summary="Not run: no file was uploaded to try it on.")
    assert session.transport is not None
    with deadline(session.transport, options.timeout * 2):
        refused = _try_setstat(session.sftp, path)
        outcome = _setstat_outcome(path, refused)
        if session.probe_path is not None:
            return _note_probe_removal(session, outcome)
    return outcome


def _try_setstat(sftp: paramiko.SFTPClient, path: str) -> dict[str, str]:
    """Each operation the server refused, with its words."""
    refused: dict[str, str] = {}
    try:
        sftp.chmod(path, 0o644)
    except OSError as error:
        refused["permissions"] = str(error) or type(error).__name__
    one_hour_ago = int(time.time()) - 3600
    try:
        sftp.utime(path, (one_hour_ago, one_hour_ago))
    except OSError as error:
        refused["timestamp"] = str(error) or type(error).__name__
    return refused


def _setstat_outcome(path: str, refused: dict[str, str]) -> Outcome:
    details = {"path": path, "refused": refused}
    if not refused:
        return Outcome(
            status=Status.PASS,
            summary="The server lets a client set permissions and timestamps; a client's "
            "'preserve timestamp' option will work.",
            details=details,
        )
    what = " and ".join(refused)
    # "[Errno 13] Permission denied" -> "Permission denied"; the same words once.
    texts = dict.fromkeys(text.split("] ", 1)[-1] for text in refused.values())
    words = "; ".join(f"'{text}'" for text in texts)
    return Outcome(
        status=Status.WARN,
        summary=f"The file arrived, but the server refuses to set its {what} ({words}). "
        "Turn off 'preserve timestamp' and 'set permissions' in the client.",
        reason=reasons.SETSTAT_UNSUPPORTED,
        details=details,
    )


def _note_probe_removal(session: Session, outcome: Outcome) -> Outcome:
    left = remove_probe(session, outcome)
    if left.status is Status.WARN and left.reason is reasons.UPLOAD_PROBE_LEFT:
        return Outcome(
            status=outcome.status,
            summary=outcome.summary + f" The test file {session.probe_path} could not be "
            "removed; ask the vendor to delete it.",
            reason=outcome.reason,
            details=left.details,
        )
    return outcome
