"""The run's own probe file: the upload step writes it, and the upload step (or, with
setstat, the setstat step after it) removes it. The session removes it too, quietly, if a
step stopped before it could.
"""

from __future__ import annotations

import paramiko

from sftpcheck.check.session import Session
from sftpcheck.model import Outcome, Status
from sftpcheck.net.sftp_client import StatusKind, error_words, status_kind
from sftpcheck.reasons import sftp as reasons


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
            summary=f"The test file {path} arrived, but could not be removed "
            f"({error_words(error)}). Ask the vendor to delete it.",
            reason=reasons.UPLOAD_PROBE_LEFT,
            details={**outcome.details, "probe_left": path},
        )
    session.probe_path = None
    return outcome
