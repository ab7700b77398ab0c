"""The upload check: a file can be written under a spec name, whole, the way clients write.

sftpcheck never overwrites or deletes a remote file that it did not create in this run:
uploads open with O_EXCL unless --overwrite replaces the real name (a temporary name such
as WinSCP's .filepart is never replaced: WinSCP resumes from it). After a refused create,
only a file known to be this run's is removed: not there before the OPEN, there and empty
after it. A file with error-level problems is not sent at all: an empty staff.csv can
wipe a district's staff on import.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

import paramiko

from sftpcheck.check.client_upload import (
    UploadStyle,
    finish_temporary_upload,
    setstat_runs,
    upload_style,
    with_imitation_note,
)
from sftpcheck.check.probe_file import remove_probe
from sftpcheck.check.session import Session
from sftpcheck.check.steps.upload_elsewhere import with_folder_below
from sftpcheck.filenames import name_problem
from sftpcheck.local_files import UPLOAD, read_input
from sftpcheck.model import ALERT, Outcome, Status, fail
from sftpcheck.net.sftp_client import (
    UPLOAD_PERMISSIONS,
    CheckSftpClient,
    Look,
    Presence,
    StatusError,
    StatusKind,
    error_words,
    probe_name,
    status_kind,
)
from sftpcheck.net.ssh_transport import deadline
from sftpcheck.outside import quoted_error
from sftpcheck.reasons import sftp as reasons

PROBE_TEXT = b"sftpcheck test file: it proves uploads work. It is safe to delete.\n"
PROBE_SIZE = 4096
CHUNK = 32 * 1024


def check_upload(session: Session) -> Outcome:
    """A file can be written under a spec name, whole; an existing file is left alone."""
    options = session.options
    if options.no_upload:
        return Outcome(
            status=Status.SKIP, summary="Not run: --no-upload asks for a read-only check."
        )
    if options.upload is not None:
        refusal = _refuse_to_send(session, options.upload)
        if refusal is not None:
            return refusal
        data = read_input(options.upload, UPLOAD)
        name = options.upload.name
    else:
        # Big enough for the imitated client's temporary-name rule (WinSCP: from 100 KB).
        size = upload_style(options).probe_size(PROBE_SIZE)
        data = (PROBE_TEXT * (size // len(PROBE_TEXT) + 1))[:size]
        name = probe_name()
    assert session.transport is not None
    assert session.sftp is not None
    assert session.work_dir is not None
    path = posixpath.join(session.work_dir, name)
    # Each SFTP reply is bounded by the channel timeout; the whole upload also gets a limit
    # that allows a slow link (50 kB/s) for a big export.
    limit = options.timeout * 3 + len(data) / 50_000
    made: list[str] = []  # the file this run created, once it has
    with deadline(session.transport, limit) as watchdog:
        try:
            return _upload(session, path, data, options.upload is None, made)
        except (OSError, paramiko.SSHException, EOFError) as error:
            if not (watchdog.fired or isinstance(error, TimeoutError)):
                raise
            stalled = quoted_error(error)
    summary = (
        f"The server stopped answering during the upload of {session.shown(path)} "
        f"(limit {options.timeout:g} s per reply, {limit:.0f} s in all)."
    )
    details: dict[str, Any] = {"path": session.shown(path), "bytes": len(data), "error": stalled}
    if made and options.upload is not None:
        # The connection is closed: what arrived cannot be checked or removed.
        left = session.shown(made[0])
        alert = (
            f"An unfinished copy of {name} may still be in the vendor's folder: {left}. "
            f"The server stopped answering before sftpcheck could check or delete it. {_ASK}"
        )
        details |= {"broken_file_left": left, ALERT: alert}
        summary = f"{alert} {summary}"
    return fail(reasons.UPLOAD_TIMEOUT, summary, details)


def _refuse_to_send(session: Session, upload: Path) -> Outcome | None:
    """A fail outcome when the file must not go to the vendor's folder, else None."""
    options = session.options
    problem = name_problem(upload.name, options.file_names)
    if problem is not None:
        return fail(
            reasons.UPLOAD_BAD_FILENAME,
            problem.sentence() + " Nothing was uploaded.",
            {"name": problem.name, "faults": list(problem.faults), "likely": problem.likely},
        )
    session.file_findings = file_findings(upload)
    errors = [found for found in session.file_findings if found["severity"] == "error"]
    if not errors or options.upload_anyway:
        return None
    listed = " ".join(f"({n}) {found['message']}" for n, found in enumerate(errors, start=1))
    return fail(
        reasons.UPLOAD_BROKEN_FILE,
        f"{upload.name} has {_count(len(errors), 'error')} that would break the import, so "
        f"nothing was uploaded: {listed}",
        {"file_checks": session.file_findings},
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _upload(session: Session, path: str, data: bytes, is_probe: bool, made: list[str]) -> Outcome:
    sftp = session.sftp
    assert sftp is not None
    options = session.options
    details: dict[str, Any] = {"path": session.shown(path), "bytes": len(data), "probe": is_probe}
    # The imitated client's way: WinSCP writes name.filepart first and renames it when whole.
    style = upload_style(options)
    written = posixpath.join(
        posixpath.dirname(path), style.upload_name(posixpath.basename(path), len(data))
    )
    # --overwrite is about the real name: a temporary name already there is another
    # transfer's (WinSCP resumes from it), and a probe's name is never the district's.
    replaces = options.overwrite and not is_probe and written == path
    before = sftp.look(written)
    if before.presence is Presence.THERE and not replaces:
        return _already_there(session.shown(written), session.shown(path), details, style)
    # The OPEN of a replacing upload empties the old file at once.
    emptied_old = replaces and before.presence is Presence.THERE
    if written != path and not (is_probe or options.overwrite) and sftp.exists(path):
        return _already_there(session.shown(path), session.shown(path), details, style)

    def created() -> None:
        made.append(written)
        # From here on the file is this run's own: a probe may be removed, even after a fault.
        if is_probe:
            session.probe_path = written

    try:
        size = write_file(sftp, written, data, not replaces, created, style.open_permissions)
    except TimeoutError:
        raise  # the server stopped answering: check_upload says so
    except (OSError, paramiko.SSHException, EOFError) as error:
        details["error"] = error_words(error)
        if not made:
            return _refused_create(session, written, path, error, before, details, style)
        broke_off = _broke_off(session.shown(written), error)
        return _discard_broken(session, written, path, broke_off, details, emptied_old)
    details["size_on_server"] = size
    if size is not None and size != len(data):
        # Before any rename: a short .filepart never takes the real name's place.
        short = (
            f"{session.shown(written)} is {size} bytes on the server, but {len(data)} bytes "
            "were sent."
        )
        return _discard_broken(session, written, path, short, details, emptied_old, size)
    if written != path:
        refused = finish_temporary_upload(session, written, path, is_probe, style)
        if refused is not None:
            return refused
        details["temporary_path"] = session.shown(written)
    if not is_probe:
        session.uploaded_path = path
    outcome = _success(session, path, data, size, details, is_probe)
    return with_imitation_note(outcome, style, written, path)


def _refused_create(
    session: Session,
    written: str,
    final: str,
    error: BaseException,
    before: Look,
    details: dict[str, Any],
    style: UploadStyle,
) -> Outcome:
    """The server refused the OPEN of `written`. Only what this run is known to have made
    is removed: a name that was not there before the OPEN, and is there now, empty (ProFTPD
    creates the file, then refuses the permissions sent with the OPEN). A file there now
    that is not empty, or that was there before, is someone else's: it is left alone."""
    sftp = session.sftp
    assert sftp is not None
    after = sftp.look(written)
    shown = session.shown(written), session.shown(final)
    if after.presence is Presence.THERE:
        if before.presence is Presence.ABSENT and after.size == 0:
            details["left_empty_file_removed"] = sftp.remove_quietly(written)
        elif before.presence is not Presence.THERE:  # not there, or hidden, before the OPEN
            arrived = before.presence is Presence.ABSENT
            return _already_there(*shown, details, style, error, arrived)
    elif status_kind(error) is not StatusKind.DENIED and sftp.opens_for_reading(written):
        # A drop that keeps files out of stat and the listing still opens them.
        details["hidden_from_stat"] = True
        return _already_there(*shown, details, style, error, hidden=True)
    return _write_failure(sftp, written, session.shown(written), error, details)


def _already_there(
    existing: str,
    final: str,
    details: dict[str, Any],
    style: UploadStyle,
    refused: BaseException | None = None,
    arrived: bool = False,
    hidden: bool = False,
) -> Outcome:
    """A file of that name is there, and not this run's: it is left alone, and named."""
    details = {**details, "existing": existing}
    came = ""
    if refused is not None:
        when = "it arrived after sftpcheck looked, and " if arrived else ""
        if hidden:
            when = "the server's file listing does not show it, but it opens for reading; "
        came = f" ({when}the server refused to create it anew: {error_words(refused)})"
    summary = f"{existing} is already on the server{came}; it was left alone"
    if existing != final:
        name = posixpath.basename(existing)
        client = style.client.display_name if style.client is not None else "The client"
        summary += (
            f". {client} leaves such a file when a transfer breaks off, and at the next "
            f"upload of {posixpath.basename(final)} offers to resume it: it adds the rest of "
            "the file to what is there, and a newer export resumed there joins two different "
            f"files. If no upload is under way, delete {name} (or ask the vendor to), then run "
            "the check again."
        )
    elif details["probe"]:
        summary += "."
    else:
        summary += " (add --overwrite to replace it)."
    return Outcome(
        status=Status.WARN, summary=summary, reason=reasons.UPLOAD_EXISTS, details=details
    )


_ASK = "Ask the vendor to delete it before their next import."


def _discard_broken(
    session: Session,
    written: str,
    final: str,
    what: str,
    details: dict[str, Any],
    emptied_old: bool,
    size: int | None = None,
) -> Outcome:
    """Remove a copy this run made and knows to be broken (`what` says how), before anything
    imports it. If it stays, the report says so first: its summary starts with the alert,
    and the text and markdown reports put the alert above everything else."""
    sftp = session.sftp
    assert sftp is not None
    is_probe = bool(details["probe"])
    name = posixpath.basename(final)
    refusal = _remove(sftp, written)
    if refusal is None:
        if is_probe:
            session.probe_path = None
        gone = " sftpcheck removed it."
        if emptied_old:
            gone += (
                f" The upload had already emptied the old {name} (--overwrite), so no {name} "
                "is in the folder now."
            )
        elif written != final and session.options.overwrite and sftp.exists(final):
            gone += f" The old {session.shown(final)} was not touched."
        return fail(reasons.UPLOAD_INCOMPLETE, what + gone, details)
    if is_probe:
        left = (
            f" The test file could not be removed ({error_words(refusal)}); ask the vendor "
            "to delete it."
        )
        left_there = {**details, "probe_left": session.shown(written)}
        return fail(reasons.UPLOAD_INCOMPLETE, what + left, left_there)
    if isinstance(refusal, StatusError):  # the server said no
        got = f" ({size} of {details['bytes']} bytes)" if size is not None else ""
        alert = (
            f"A broken copy of {name} is still in the vendor's folder: "
            f"{session.shown(written)}{got}. sftpcheck could not delete it "
            f"({error_words(refusal)}). {_ASK}"
        )
    else:  # the connection is gone
        alert = (
            f"A broken copy of {name} may still be in the vendor's folder: "
            f"{session.shown(written)}. The connection broke off before sftpcheck could "
            f"delete it. {_ASK}"
        )
    details = {**details, "broken_file_left": session.shown(written), ALERT: alert}
    return fail(reasons.UPLOAD_INCOMPLETE, f"{alert} {what}", details)


def _remove(sftp: CheckSftpClient, path: str) -> BaseException | None:
    """Remove a file of this run's; None when it is gone, else why not."""
    try:
        sftp.remove(path)
    except TimeoutError:
        raise
    except (OSError, paramiko.SSHException, EOFError) as error:
        return None if status_kind(error) is StatusKind.NOT_FOUND else error
    return None


def _broke_off(path: str, error: BaseException) -> str:
    """Why the upload of a file this run created stopped half way."""
    cause = (
        "The disk or the account's quota is full."
        if status_kind(error) is StatusKind.FULL
        else "A full disk or quota can cause this."
    )
    return (
        f"The upload of {path} broke off after the file was created ({error_words(error)}). {cause}"
    )


def _write_failure(
    sftp: CheckSftpClient, written: str, path: str, error: BaseException, details: dict[str, Any]
) -> Outcome:
    """The server would not create `written` (shown as `path`); when it may not write
    there, a folder below that takes files is named."""
    words = error_words(error)
    kind = status_kind(error)
    removed = details.get("left_empty_file_removed")
    if kind is StatusKind.DENIED and removed is not None:
        left = (
            "The empty file it left was removed."
            if removed
            else "The empty file it left could not be removed; ask the vendor to delete it."
        )
        return fail(
            reasons.UPLOAD_DENIED,
            f"The server created {path}, then refused to open it for writing ({words}): it "
            "refuses the permissions (0644) sent with the open request, as OpenSSH's sftp "
            f"sends them. {left} Ask the vendor to allow permissions in the open request, or "
            "use a client that sends none.",
            details,
        )
    if kind is StatusKind.DENIED:
        refused = fail(
            reasons.UPLOAD_DENIED, f"The server refused to create {path} ({words}).", details
        )
        return with_folder_below(refused, sftp, posixpath.dirname(written))
    if kind is StatusKind.FULL:
        return fail(
            reasons.UPLOAD_DENIED,
            f"The server could not create {path}: the disk or quota is full ({words}).",
            details,
        )
    return fail(
        reasons.UPLOAD_DENIED,
        f"The server could not create {path} ({words}). sftpcheck asks for a new file "
        "only, never to write over one, so a file of that name already there (some servers "
        "keep files out of the listing) causes this answer, as do a folder that may not be "
        "written to, a full disk and a quota.",
        details,
    )


def _success(
    session: Session,
    path: str,
    data: bytes,
    size: int | None,
    details: dict[str, Any],
    is_probe: bool,
) -> Outcome:
    options = session.options
    if session.file_findings:
        details["file_checks"] = session.file_findings
        problems = " ".join(str(found["message"]) for found in session.file_findings)
        return Outcome(
            status=Status.WARN,
            summary=f"Uploaded {len(data)} bytes to {session.shown(path)}, whole, but the file has "
            f"{_count(len(session.file_findings), 'problem')}: {problems}",
            reason=reasons.UPLOAD_FILE_PROBLEMS,
            details=details,
        )
    confirmed = (
        ""
        if size is not None
        else " (the server does not show the file: it may move new files away at once)"
    )
    kept = " It stays there for the vendor."
    if is_probe:
        kept = (
            " It is removed after the next step." if setstat_runs(options) else " It was removed."
        )
    outcome = Outcome(
        status=Status.PASS,
        summary=f"Uploaded {len(data)} bytes to {session.shown(path)}"
        + ("; the size on the server matches" if size is not None else "")
        + f"{confirmed}.{kept}",
        details=details,
    )
    if is_probe and not setstat_runs(options):
        return remove_probe(session, outcome)
    return outcome


def file_findings(path: Path) -> list[dict[str, object]]:
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


def write_file(
    sftp: CheckSftpClient,
    path: str,
    data: bytes,
    exclusive: bool,
    created: Callable[[], None],
    permissions: int | None = UPLOAD_PERMISSIONS,
) -> int | None:
    """Write `data` to `path` as OpenSSH's `put` does; the size the server reports once the
    file is closed, or None if it will not say.

    Writes are pipelined for speed, and paramiko then drops a failed write's status: the
    size read after closing is what proves the file whole (Go's pkg/sftp applies pending
    writes at close, so a size read before it can be 0).
    """
    # `permissions` None: the OPEN carries no attributes, as WinSCP's and PuTTY's do.
    with sftp.open_for_upload(path, exclusive=exclusive, permissions=permissions) as remote:
        created()
        remote.set_pipelined(True)
        for start in range(0, len(data), CHUNK):
            remote.write(data[start : start + CHUNK])
    try:
        return sftp.stat(path).st_size
    except TimeoutError:
        raise
    except OSError:
        return None  # moved away on arrival, or hidden from this account
