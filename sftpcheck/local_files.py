"""The user's own files that sftpcheck reads: bounded, and their encoding in one sentence.

Every local input (a key, known_hosts, a profile, a site file, a spec, a pasted log) is
read through `read_input`: a regular file only, and at most its kind's size. A FIFO would
block the open forever and /dev/zero would grow until the kernel kills the process; a
file too big to be what it claims to be is refused in one sentence that names the cap.

A profile saved by Notepad ("Unicode" is UTF-16) or by PowerShell 5.1's `>` (UTF-16 with
a byte-order mark), or typed on an old Windows computer (Windows-1252), must give one
sentence that names what the file is, never a traceback.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sftpcheck.errors import InputError

_KB, _MB = 1 << 10, 1 << 20
_CHUNK = _MB


@dataclass(frozen=True)
class InputKind:
    """One kind of local input: its name in a sentence, and the most sftpcheck reads of it."""

    name: str  # "key file", as in "The key file X is a folder"
    plural: str  # "key files", as in "sftpcheck reads key files of at most 64 KB"
    limit: int  # bytes


# The largest real file of each kind is far below its cap (an RSA 16384 key is 12 KB; a
# WinSCP.ini with a thousand sites is a few MB); the cap only stops what cannot be one.
KEY = InputKind("key file", "key files", 64 * _KB)
KNOWN_HOSTS = InputKind("known_hosts file", "known_hosts files", 16 * _MB)
PROFILE = InputKind("profile", "profiles", 1 * _MB)
SITE_FILE = InputKind("site file", "site files", 16 * _MB)
SPEC = InputKind("spec file", "spec files", 16 * _MB)
MANIFEST = InputKind("manifest", "manifests", 1 * _MB)
PASTE = InputKind("pasted text", "pasted text", 16 * _MB)
# check --upload sends the file from memory: far beyond any district's nightly export.
UPLOAD = InputKind("file to upload", "files to upload", 1024 * _MB)
# sftpcheck's own cache and state (servers seen, remembered export summaries, their key):
# files it wrote itself, still read bounded, since anything may have been put in their place.
STATE = InputKind("state file", "state files", 256 * _MB)


def size_words(size: int) -> str:
    """A size as a person says it: 512 bytes, 64 KB, 1.5 MB, 200 MB, 4 GB."""
    for unit, name in ((1 << 30, "GB"), (_MB, "MB"), (_KB, "KB")):
        if size >= unit:
            value = size / unit
            return f"{value:.0f} {name}" if value >= 100 else f"{value:.3g} {name}"
    return f"{size} bytes"


def read_input(path: Path, kind: InputKind) -> bytes:
    """The whole of a local input file, or InputError: a regular file of at most the cap.

    /dev/null reads as empty (OpenSSH users give it for "no file"). The file is opened
    without blocking, so a FIFO put in its place after the first look cannot hang the
    run, and looked at again once open.
    """
    _check_status(path, kind, _status(path, kind))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _unreadable(path, kind, error) from None
    with os.fdopen(handle, "rb", buffering=0) as stream:
        if not _check_status(path, kind, os.fstat(handle)):
            return b""
        return read_stream(stream, kind, f"The {kind.name} {path}")


def check_input(path: Path, kind: InputKind) -> None:
    """InputError now, before anything is sent, for what read_input would refuse later."""
    _check_status(path, kind, _status(path, kind))


def read_stream(stream: BinaryIO, kind: InputKind, what: str) -> bytes:
    """At most the cap of `kind` from an open stream, in chunks; InputError beyond it."""
    chunks: list[bytes] = []
    total = 0
    while total <= kind.limit:
        try:
            chunk = stream.read(min(_CHUNK, kind.limit + 1 - total))
        except OSError as error:
            raise InputError(f"{what} cannot be read: {error.strerror}.") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise InputError(_too_big(what, kind, None))


def _status(path: Path, kind: InputKind) -> os.stat_result:
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"The {kind.name} {path} does not exist.") from None
    except OSError as error:
        raise _unreadable(path, kind, error) from None


def _check_status(path: Path, kind: InputKind, status: os.stat_result) -> bool:
    """True for a regular file within the cap, False for /dev/null, else InputError."""
    mode = status.st_mode
    if stat.S_ISREG(mode):
        if status.st_size > kind.limit:
            raise InputError(_too_big(f"The {kind.name} {path}", kind, status.st_size))
        return True
    if stat.S_ISDIR(mode):
        raise InputError(f"The {kind.name} {path} is a folder, not a file.")
    if stat.S_ISCHR(mode) and _is_null_device(status):
        return False
    raise InputError(
        f"The {kind.name} {path} is {_special_kind(mode)}, not a file; give the file itself."
    )


def _is_null_device(status: os.stat_result) -> bool:
    try:
        null = Path(os.devnull).stat()
    except OSError:
        return False
    return stat.S_ISCHR(null.st_mode) and status.st_rdev == null.st_rdev


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _too_big(what: str, kind: InputKind, size: int | None) -> str:
    """`size` is None when the stream went on past the cap (a pipe, a growing file)."""
    limit = size_words(kind.limit)
    said = f"is {size_words(size)}" if size is not None else f"is more than {limit}"
    return f"{what} {said}; sftpcheck reads {kind.plural} of at most {limit}."


def _unreadable(path: Path, kind: InputKind, error: OSError) -> InputError:
    return InputError(f"The {kind.name} {path} cannot be read: {error.strerror}.")


# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (Notepad's 'Unicode')"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 big-endian"),
)


def byte_order_mark(data: bytes) -> tuple[int, str, str] | None:
    """(length, codec, name in words) of the byte-order mark `data` starts with, or None."""
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            return len(mark), codec, name
    return None


def looks_like(data: bytes) -> str:
    """What a file that is not UTF-8 most likely is, in words a user recognises."""
    if b"\x00" in data[:4096]:
        return "UTF-16 without a byte-order mark"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "an unknown encoding"
    return "Windows-1252 (ANSI)"


def too_deep(what: str) -> InputError:
    """A TOML or JSON file nested deeper than Python's parsers recurse (RecursionError)."""
    return InputError(
        f"{what} nests lists or tables hundreds of levels deep, more than sftpcheck reads; "
        "no real one does. Check that it is the file you meant."
    )


def decode_profile(path: Path, data: bytes) -> str:
    """The profile's text: UTF-8, or any file with a byte-order mark (read by that mark)."""
    mark = byte_order_mark(data)
    if mark is not None:
        length, codec, name = mark
        try:
            return data[length:].decode(codec)
        except UnicodeDecodeError:
            raise InputError(
                f"The profile {path} starts as {name} but is not valid {name.split()[0]}; "
                "save it again as UTF-8."
            ) from None
    try:
        return _utf8_text(data)
    except UnicodeDecodeError:
        raise InputError(
            f"The profile {path} is not UTF-8; it looks like {looks_like(data)}. "
            "Save it again as UTF-8 (Notepad: Save as, Encoding UTF-8)."
        ) from None


def _utf8_text(data: bytes) -> str:
    """UTF-8 text; NUL bytes (UTF-16 without a mark: valid UTF-8, but not text) fail too."""
    if b"\x00" in data:
        raise UnicodeDecodeError("utf-8", data, data.index(b"\x00"), len(data), "NUL byte")
    return data.decode("utf-8")


def check_known_hosts(path: Path) -> None:
    """A known_hosts file that OpenSSH (and sftpcheck) can read whole, or InputError.

    OpenSSH reads known_hosts as plain bytes: a byte-order mark becomes part of the first
    host name, so that entry never matches, and UTF-16 matches nothing at all. Saying so
    here beats blaming the server later. /dev/null is empty: "trust nothing".
    """
    data = read_input(path, KNOWN_HOSTS)
    mark = byte_order_mark(data)
    if mark is not None:
        raise InputError(
            f"The known_hosts file {path} is {mark[2]}; OpenSSH cannot read its first entry. "
            "Save it again as UTF-8 without a byte-order mark."
        )
    try:
        _utf8_text(data)
    except UnicodeDecodeError:
        raise InputError(
            f"The known_hosts file {path} is not UTF-8; it looks like {looks_like(data)}. "
            "Save it again as UTF-8 without a byte-order mark."
        ) from None
