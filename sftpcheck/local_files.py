"""The user's own files that sftpcheck reads: their encoding, in one clear sentence.

A profile saved by Notepad ("Unicode" is UTF-16) or by PowerShell 5.1's `>` (UTF-16 with
a byte-order mark), or typed on an old Windows computer (Windows-1252), must give one
sentence that names what the file is, never a traceback.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from sftpcheck.errors import InputError

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


def read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"The {what} {path} does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"The {what} {path} is a folder, not a file.") from None
    except OSError as error:
        raise InputError(f"The {what} {path} cannot be read: {error.strerror}.") from None


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
    here beats blaming the server later.
    """
    if path.is_dir():
        raise InputError(f"The known_hosts file {path} is a folder, not a file.")
    if not path.exists():
        raise InputError(f"The known_hosts file {path} does not exist.")
    if not path.is_file():
        return  # /dev/null and other devices: OpenSSH users write it for "trust nothing"
    data = read_bytes(path, "known_hosts file")
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
