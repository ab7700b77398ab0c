"""The run's own probe files. The upload step writes one, and the upload step (or, with
setstat, the setstat step after it) removes it; the session removes it too, quietly, if a
step stopped before it could. `try_writing` makes an empty one in a folder and removes it
at once: what remote_dir and upload claim of a folder that they do not upload to.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

import paramiko

from sftpcheck.check.session import Session
from sftpcheck.model import Outcome, Status
from sftpcheck.net.sftp_client import (
    CheckSftpClient,
    StatusKind,
    error_words,
    probe_name,
    status_kind,
)
from sftpcheck.reasons import sftp as reasons


@dataclass(frozen=True)
class WriteTry:
    """One try to make an empty file of this run's in a folder."""

    folder: str
    probe: str
    refused: BaseException | None = None  # why the server said no; None: the file was made
    removed: bool = True  # whether the file made is gone again

    @property
    def worked(self) -> bool:
        return self.refused is None


def try_writing(sftp: CheckSftpClient, folder: str) -> WriteTry:
    """Make an empty probe file in `folder` and remove it at once. The create is exclusive
    (O_EXCL) under a fresh random name, so no file of anyone else's is touched."""
    probe = posixpath.join(folder, probe_name())
    try:
        with sftp.open_for_upload(probe, exclusive=True):
            pass
    except TimeoutError:
        raise
    except OSError as error:
        # ProFTPD creates the file, then refuses the permissions sent with the OPEN: the
        # name is this run's own (random, created exclusively), so it goes again.
        left = sftp.exists(probe) and not sftp.remove_quietly(probe)
        return WriteTry(folder, probe, refused=error, removed=not left)
    return WriteTry(folder, probe, removed=sftp.remove_quietly(probe))


def remove_probe(session: Session, outcome: Outcome) -> Outcome:
    """Remove the run's own probe file; if the server says no, warn and name the file."""
    path = session.probe_path
    if path is None or session.sftp is None:
        return outcome
    try:
        session.sftp.remove(path)
    except TimeoutError:
        raise
    except (OSError, paramiko.SSHException, EOFError) as error:
        if status_kind(error) is StatusKind.NOT_FOUND:
            session.probe_path = None  # the server took it away on arrival, as some do
            return outcome
        return Outcome(
            status=Status.WARN,
            summary=f"The test file {session.shown(path)} arrived, but could not be removed "
            f"({error_words(error)}). Ask the vendor to delete it.",
            reason=reasons.UPLOAD_PROBE_LEFT,
            details={**outcome.details, "probe_left": session.shown(path)},
        )
    session.probe_path = None
    return outcome
