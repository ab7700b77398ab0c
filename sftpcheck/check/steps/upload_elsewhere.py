"""When the folder refuses the upload: a folder directly below it that takes files.

On many drops the login lands in a folder that may only be read, and the files go in a
folder below it (one per feed: /upload/inbox). The fix is then to set the client's remote
directory to that folder; "leave it blank" is what the user already did. Only what was
tried is named: each folder below, in name order and a handful at most, gets an empty
test file (exclusive, removed at once) until one takes it.
"""

from __future__ import annotations

import dataclasses
import posixpath

import paramiko

from sftpcheck.check.probe_file import WriteTry, try_writing
from sftpcheck.model import Outcome
from sftpcheck.net.sftp_client import CheckSftpClient
from sftpcheck.outside import quoted

# How many folders below are tried at most: a drop has a few, one per feed.
FOLDERS = 5


def with_folder_below(outcome: Outcome, sftp: CheckSftpClient, folder: str) -> Outcome:
    """The refused upload's outcome, naming a folder below `folder` that takes files."""
    tried, took = _try_below(sftp, folder)
    details = {**outcome.details, "tried_below": tried}
    if took is None:
        either = (
            f" No folder directly below {folder} takes files either (tried: "
            f"{', '.join(map(quoted, tried))})."
            if tried
            else ""
        )
        return dataclasses.replace(outcome, summary=outcome.summary + either, details=details)
    details["writable_below"] = took.folder
    removed, left = " and removed", ""
    if not took.removed:
        details["probe_left"] = took.probe
        removed = ""
        left = f" Its test file {took.probe} could not be removed; ask the vendor to delete it."
    # The folder's name came from the server's listing: quoted, as every server text is.
    below = quoted(took.folder)
    return dataclasses.replace(
        outcome,
        summary=f"{outcome.summary} {below}, a folder below {folder}, takes files (a test "
        f"file was made there{removed}). Set the client's remote directory to {below} "
        f"instead, or ask the vendor which folder they collect files from.{left}",
        details=details,
    )


def _try_below(sftp: CheckSftpClient, folder: str) -> tuple[list[str], WriteTry | None]:
    """The folders tried, and the try that worked, if one did."""
    try:
        names = sftp.folders_in(folder)
    except TimeoutError:
        raise
    except (OSError, EOFError, paramiko.SSHException):
        return [], None  # not listed: nothing to name
    tried: list[str] = []
    for name in names[:FOLDERS]:
        below = posixpath.join(folder, name)
        tried.append(below)
        attempt = try_writing(sftp, below)
        if attempt.worked:
            return tried, attempt
    return tried, None
