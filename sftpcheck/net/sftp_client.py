"""The SFTP engine as sftpcheck drives it: paramiko's client, keeping what the server said.

paramiko turns every SFTP status but 2 (no such file) and 3 (permission denied) into a
bare `IOError(text)`, so 8 OP_UNSUPPORTED, 4 FAILURE "quota exceeded" and 4 FAILURE
"permission denied" look alike. `StatusError` keeps the code and the server's words; the
checks tell them apart with `status_kind`.
"""

from __future__ import annotations

import enum
import errno
import secrets
import stat
from dataclasses import dataclass
from typing import Any

import paramiko
from paramiko.common import cMSG_CHANNEL_REQUEST
from paramiko.message import Message
from paramiko.sftp import (
    CMD_CLOSE,
    CMD_HANDLE,
    CMD_NAME,
    CMD_OPEN,
    CMD_OPENDIR,
    CMD_READDIR,
    CMD_REALPATH,
    CMD_STATUS,
    SFTP_FLAG_CREATE,
    SFTP_FLAG_EXCL,
    SFTP_FLAG_TRUNC,
    SFTP_FLAG_WRITE,
    SFTPError,
)
from paramiko.sftp_attr import SFTPAttributes

from sftpcheck.outside import Outside, quoted

# SFTP status codes (draft-ietf-secsh-filexfer-02, the version every server speaks).
SFTP_FAILURE = 4
SFTP_OP_UNSUPPORTED = 8
_STATUS_NAMES = {
    1: "EOF",
    2: "NO_SUCH_FILE",
    3: "PERMISSION_DENIED",
    4: "FAILURE",
    5: "BAD_MESSAGE",
    6: "NO_CONNECTION",
    7: "CONNECTION_LOST",
    8: "OP_UNSUPPORTED",
}
# The permissions OpenSSH's sftp sends in its OPEN for a typical export file (0644).
UPLOAD_PERMISSIONS = 0o644


def probe_name() -> str:
    """A test file's name: no importer takes it for data, and a vendor who finds it can tell
    what it is."""
    return f"sftpcheck-probe-{secrets.token_hex(4)}.tmp"


class StatusError(OSError):
    """An SFTP status other than OK, with its code and the server's own words (shown only
    quoted: the error's text is too)."""

    def __init__(self, code: int, text: str) -> None:
        said = Outside(text)
        super().__init__(
            _ERRNOS.get(code, errno.EIO), str(said) or _STATUS_NAMES.get(code, "error")
        )
        self.sftp_code = code
        self.server_text = said

    def describe(self) -> str:
        """`SSH_FX_OP_UNSUPPORTED (8): 'Operation unsupported'`, for a report."""
        name = _STATUS_NAMES.get(self.sftp_code, "UNKNOWN")
        said = f": '{self.server_text}'" if self.server_text else ""
        return f"SSH_FX_{name} ({self.sftp_code}){said}"


class NoSuchFileError(StatusError, FileNotFoundError):
    """Status 2."""


class DeniedError(StatusError, PermissionError):
    """Status 3."""


_ERRNOS = {2: errno.ENOENT, 3: errno.EACCES, 8: errno.EOPNOTSUPP}
_CLASSES: dict[int, type[StatusError]] = {2: NoSuchFileError, 3: DeniedError}


class StatusKind(enum.Enum):
    """What a refusal means for a district, whatever code the server chose to say it with."""

    NOT_FOUND = "not found"
    DENIED = "denied"
    UNSUPPORTED = "unsupported"
    FULL = "full"  # a quota or a full disk
    OTHER = "other"


_FULL_WORDS = ("quota", "no space", "disk full", "space left", "exceeded")
_DENIED_WORDS = ("permission", "denied", "not allowed", "forbidden", "access", "read-only")


def status_kind(error: BaseException) -> StatusKind:
    """What a server's refusal means: by its code, and for the generic 4 FAILURE its words."""
    code = getattr(error, "sftp_code", None)
    said = getattr(error, "server_text", None)
    text = (said.raw if isinstance(said, Outside) else str(error)).lower()
    if code == 2 or isinstance(error, FileNotFoundError):
        return StatusKind.NOT_FOUND
    if code == 3 or isinstance(error, PermissionError):
        return StatusKind.DENIED
    if code == SFTP_OP_UNSUPPORTED or "unsupported" in text:
        return StatusKind.UNSUPPORTED
    if any(word in text for word in _FULL_WORDS):
        return StatusKind.FULL
    if any(word in text for word in _DENIED_WORDS):
        return StatusKind.DENIED
    return StatusKind.OTHER


def error_words(error: BaseException) -> str:
    """The server's answer as a report shows it: the SFTP status where there is one."""
    if isinstance(error, StatusError):
        return error.describe()
    # "[Errno 13] Permission denied" -> "Permission denied"; "Channel closed." -> "Channel
    # closed", and paramiko's "Server connection dropped: " -> "Server connection dropped",
    # so that the sentence around it ends with one full stop.
    text = quoted(str(error).split("] ", 1)[-1].rstrip(".: "))
    return text or type(error).__name__


class Presence(enum.Enum):
    """What a stat says of a name."""

    ABSENT = "absent"  # the server says there is no such file
    THERE = "there"
    UNKNOWN = "unknown"  # the server would not say (some drops hide what is there)


@dataclass(frozen=True)
class Look:
    """A name as a stat found it: whether it is there, and its size when it is."""

    presence: Presence
    size: int | None = None


class CheckSftpClient(paramiko.SFTPClient):
    """paramiko's SFTP client that keeps every status code, and opens files as clients do."""

    def _convert_status(self, msg: Any) -> None:
        code = msg.get_int()
        text = msg.get_text()
        if code == 0:
            return
        if code == 1:
            raise EOFError(quoted(text))
        raise _CLASSES.get(code, StatusError)(code, text)

    def exists(self, path: str) -> bool:
        """Whether `path` is there. Some drops hide what is there: then False (and an O_EXCL
        open still guards against replacing it)."""
        try:
            self.stat(path)
        except TimeoutError:
            raise
        except OSError:
            return False
        return True

    def look(self, path: str) -> Look:
        """Whether `path` is there, not there, or the server will not say; its size."""
        try:
            attributes = self.stat(path)
        except TimeoutError:
            raise
        except OSError as error:
            absent = status_kind(error) is StatusKind.NOT_FOUND
            return Look(Presence.ABSENT if absent else Presence.UNKNOWN)
        return Look(Presence.THERE, attributes.st_size)

    def opens_for_reading(self, path: str) -> bool:
        """Whether `path` opens for reading: a file some drops keep out of stat and the
        listing still opens. Reading changes nothing on the server."""
        try:
            self.open(path, "r").close()
        except TimeoutError:
            raise
        except (OSError, EOFError, paramiko.SSHException):
            return False
        return True

    def remove_quietly(self, path: str) -> bool:
        """Remove a file of this run's own; whether the server let it."""
        try:
            self.remove(path)
        except TimeoutError:
            raise
        except OSError:
            return False
        return True

    def open_for_upload(
        self, path: str, exclusive: bool, permissions: int | None = UPLOAD_PERMISSIONS
    ) -> paramiko.SFTPFile:
        """Open `path` for writing the way OpenSSH's `put` does: with the permissions in the
        OPEN request (servers that refuse chmod, e.g. ProFTPD's <Limit SITE_CHMOD>, refuse
        such an open too), and O_EXCL unless replacing is allowed."""
        flags = SFTP_FLAG_WRITE | SFTP_FLAG_CREATE | SFTP_FLAG_TRUNC
        if exclusive:
            flags |= SFTP_FLAG_EXCL
        attributes = SFTPAttributes()
        if permissions is not None:
            attributes.st_mode = permissions
        kind, message = self._request(CMD_OPEN, path, flags, attributes)  # type: ignore[attr-defined]
        if kind != CMD_HANDLE:
            raise SFTPError("Expected handle")
        handle = message.get_binary()
        return paramiko.SFTPFile(self, handle, "wb")

    def folders_in(self, path: str, entries: int = 1000) -> list[str]:
        """The names of the folders directly in `path`, sorted, from at most about `entries`
        entries of its listing (a busy drop holds thousands of files)."""
        kind, message = self._request(CMD_OPENDIR, path)  # type: ignore[attr-defined]
        if kind != CMD_HANDLE:
            raise SFTPError("Expected handle")
        handle = message.get_binary()
        found: list[str] = []
        seen = 0
        try:
            while seen < entries:
                try:
                    kind, message = self._request(CMD_READDIR, handle)  # type: ignore[attr-defined]
                except EOFError:
                    break  # the end of the listing
                if kind != CMD_NAME:
                    raise SFTPError("Expected name response")
                # A count the message cannot hold (a hostile server) ends with the message.
                for _ in range(min(message.get_int(), entries)):
                    name = message.get_text()
                    message.get_text()  # the long name, as `ls -l` would print it
                    mode = SFTPAttributes._from_msg(message).st_mode  # type: ignore[attr-defined]
                    seen += 1
                    if name not in (".", "..") and mode is not None and stat.S_ISDIR(mode):
                        found.append(name)
        finally:
            self._request(CMD_CLOSE, handle)  # type: ignore[attr-defined]
        return sorted(found)


class _Replies:
    """Collects the replies to requests sent together, whatever order they come back in."""

    def __init__(self) -> None:
        self.by_number: dict[int, tuple[int, Any]] = {}

    def _async_response(self, kind: int, message: Any, number: int) -> None:
        self.by_number[number] = (kind, message)


Reply = tuple[int, Any] | BaseException


class _Batching:
    """Requests sent together and answered together: one round trip for several questions."""

    def __init__(self, client: CheckSftpClient) -> None:
        self.client = client

    def send_only(self, requests: list[tuple[int, tuple[Any, ...]]]) -> None:
        """Send without waiting: the replies are read (and dropped) with the next ones."""
        replies = _Replies()
        client: Any = self.client
        for kind, args in requests:
            client._async_request(replies, kind, *args)

    def send(self, requests: list[tuple[int, tuple[Any, ...]]]) -> list[Reply]:
        replies = _Replies()
        client: Any = self.client
        numbers = [client._async_request(replies, kind, *args) for kind, args in requests]
        while any(number not in replies.by_number for number in numbers):
            client._read_response()
        answers: list[Reply] = []
        for number in numbers:
            kind, message = replies.by_number[number]
            if kind == CMD_STATUS:
                try:
                    self.client._convert_status(message)
                except (OSError, EOFError) as error:
                    answers.append(error)
                    continue
            answers.append((kind, message))
        return answers


def survey(
    client: CheckSftpClient, folders: list[str]
) -> tuple[str, dict[str, BaseException | None]]:
    """Where the login lands, and for each folder whether it can be listed (None) or why not.

    Two round trips whatever the number of folders: REALPATH and the OPENDIRs together,
    then a READDIR of each (some servers refuse only there); the CLOSEs go out without a
    wait. At 100 ms from the vendor, a listing at a time costs a third of a second each.
    """
    batching = _Batching(client)
    first = batching.send(
        [(CMD_REALPATH, (".",)), *((CMD_OPENDIR, (folder,)) for folder in folders)]
    )
    realpath = first[0]
    if isinstance(realpath, BaseException):
        raise realpath
    kind, message = realpath
    if kind != CMD_NAME or message.get_int() != 1:
        raise SFTPError("Bad realpath response")
    landing: str = message.get_text()
    found: dict[str, BaseException | None] = {}
    handles: dict[str, bytes] = {}
    for folder, reply in zip(folders, first[1:], strict=True):
        if isinstance(reply, BaseException):
            found[folder] = reply
        else:
            handles[folder] = reply[1].get_binary()
    if handles:
        reads = batching.send([(CMD_READDIR, (handle,)) for handle in handles.values()])
        for folder, reply in zip(handles, reads, strict=True):
            # EOF at once is an empty folder: listed all the same.
            found[folder] = (
                reply
                if isinstance(reply, BaseException) and not isinstance(reply, EOFError)
                else None
            )
        # Nothing waits on a closed listing: the next request goes out behind the CLOSEs.
        batching.send_only([(CMD_CLOSE, (handle,)) for handle in handles.values()])
    return landing, found


class SftpNotStartedError(Exception):
    """The SFTP subsystem did not start: why (`cause`), the exit status the server sent for
    it, if any (`exit_status`: a subsystem that started and ended at once), and whether the
    server ended the whole connection (`connection_ended`), not only the session."""

    def __init__(
        self, cause: BaseException, exit_status: int | None, connection_ended: bool = False
    ) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.exit_status = exit_status
        self.connection_ended = connection_ended


def open_sftp(transport: paramiko.Transport, timeout: float) -> CheckSftpClient:
    """Open the SFTP subsystem with every wait bounded (paramiko's own waits are not).
    Raises SftpNotStartedError when it does not start (a timeout stays a TimeoutError)."""
    try:
        channel = transport.open_session(timeout=timeout)
    except TimeoutError:
        raise
    except (paramiko.SSHException, EOFError, OSError) as error:
        raise SftpNotStartedError(error, None, not transport.is_active()) from error
    channel.settimeout(timeout)
    _request_subsystem(channel, "sftp")
    try:
        return CheckSftpClient(channel)
    except TimeoutError:
        raise
    except (paramiko.SSHException, EOFError, OSError) as error:
        # The exit status follows the end of the stream: a moment's wait, no more.
        ended = channel.status_event.wait(min(timeout, 1.0))
        status = channel.exit_status if ended and channel.exit_status >= 0 else None
        raise SftpNotStartedError(error, status, not transport.is_active()) from error


def _request_subsystem(channel: paramiko.Channel, name: str) -> None:
    """Ask for the subsystem and go on at once, as OpenSSH's sftp does: the SFTP INIT that
    follows needs no wait, and a refusal closes the channel, which the INIT then meets.
    (paramiko's invoke_subsystem waits a round trip for the reply, with no timeout.)"""
    message = Message()
    message.add_byte(cMSG_CHANNEL_REQUEST)
    message.add_int(channel.remote_chanid)
    message.add_string("subsystem")
    message.add_boolean(True)
    message.add_string(name)
    transport: Any = channel.transport  # its message queue is not in the type stubs
    transport._send_user_message(message)
