"""The remembered summary of the last export checked from a folder with a spec.

Nothing personal is stored: each file's row count, and its ids, school ids and flagged
ids as 8-byte keyed hashes (BLAKE2b with a random key made for this computer at first
use, kept beside the summaries with mode 0600). Without the key a hash cannot be turned
back into an id, not even by trying every student number.

Where: $XDG_STATE_HOME/sftpcheck/exports/ (default ~/.local/state/sftpcheck/exports/),
one JSON file per folder and spec, named by a hash of the two.

A summary that cannot be read, is from another version, or was made with another key is
set aside (renamed to *.unreadable) with a note: it never stops the check.
"""

from __future__ import annotations

import base64
import binascii
import errno
import hashlib
import json
import os
import secrets
import sys
import time
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sftpcheck.errors import InputError
from sftpcheck.files.summary import ExportSummary, FileSummary
from sftpcheck.local_files import STATE, read_input

# The stored form's version: a summary of another version is set aside, not misread.
VERSION = 1
_KEY_BYTES = 32
_DIGEST_BYTES = 8  # one "Q" of an array: an unsigned 64-bit number


def state_folder() -> Path:
    """Where sftpcheck keeps the state it needs from one run to the next."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "sftpcheck"


def exports_folder() -> Path:
    return state_folder() / "exports"


class Hasher:
    """Keyed BLAKE2b of 8 bytes, as a number: the same id gives the same hash here."""

    def __init__(self, key: bytes) -> None:
        self._base = hashlib.blake2b(key=key, digest_size=_DIGEST_BYTES)

    def __call__(self, value: str) -> int:
        return self.many((value,))[0]

    def many(self, values: Iterable[str]) -> list[int]:
        """The hash of each value, in order (8-byte digests read as numbers in C)."""
        values = list(values)
        if not values:
            return []
        # Encoded in one go, split again at the NULs put between them; a value that holds a
        # NUL itself (a file read in the wrong codec: the fuzzer's UTF-16 sections.csv) would
        # split in two, so then each is encoded on its own.
        joined = "\0".join(values)
        if joined.count("\0") == len(values) - 1:
            encoded = joined.encode("utf-8", "surrogatepass").split(b"\0")
        else:
            encoded = [value.encode("utf-8", "surrogatepass") for value in values]
        new = self._base.copy
        digests: list[bytes] = []
        add = digests.append
        for value in encoded:
            digest = new()
            digest.update(value)
            add(digest.digest())
        return array("Q", b"".join(digests)).tolist()

    def key_check(self) -> str:
        """A hash of a fixed text: tells a summary made with another key at once."""
        return f"{self('sftpcheck key check'):016x}"


def installation_key() -> bytes:
    """This computer's key, made with `secrets` at first use; OSError when it cannot be."""
    path = state_folder() / "key"
    try:
        key = read_input(path, STATE) if path.exists() else b""
    except InputError as error:  # not a regular file, or far too big to be a key
        raise OSError(errno.EINVAL, str(error).rstrip(".")) from None
    if len(key) == _KEY_BYTES:
        return key
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(_KEY_BYTES)
    temporary = path.with_name(f"key.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(key)
    temporary.replace(path)
    return key


def store_path(folder: Path, spec_source: str, hasher: Hasher) -> Path:
    """The summary's file for this folder (or zip) and spec."""
    place = str(folder.resolve())
    return exports_folder() / f"{hasher(place + chr(0) + spec_source):016x}.json"


@dataclass(frozen=True)
class Hashed:
    """A summary with every id hashed, and the way back for this export's own ids.

    The way back is made only when a finding needs words: most nights none does.
    """

    summary: ExportSummary[int]
    hashes: tuple[tuple[list[int], list[str]], ...]

    @cached_property
    def clear(self) -> dict[int, str]:
        clear: dict[int, str] = {}
        for digests, values in self.hashes:
            clear.update(zip(digests, values, strict=True))
        return clear

    def name(self, digest: int) -> str | None:
        return self.clear.get(digest)

    @cached_property
    def _digests(self) -> dict[str, int]:
        return {value: digest for digest, value in self.clear.items()}

    def lines(self, lines: Mapping[str, int]) -> dict[int, int]:
        """Lines by id, as lines by the ids' hashes."""
        digests = self._digests
        return {digests[value]: line for value, line in lines.items() if value in digests}


def hashed(summary: ExportSummary[str], hasher: Hasher) -> Hashed:
    """The summary in hashes; `clear` maps a hash back to an id of this export only."""
    pairs: list[tuple[list[int], list[str]]] = []

    def digests(values: Iterable[str]) -> list[int]:
        values = list(values)
        found = hasher.many(values)
        pairs.append((found, values))
        return found

    files: dict[str, FileSummary[int]] = {}
    for name, file in summary.files.items():
        schools = dict(zip(digests(file.schools), file.schools.values(), strict=True))
        files[name] = FileSummary(
            name=file.name,
            rows=file.rows,
            ids=frozenset(digests(file.ids)) if file.ids is not None else None,
            schools=schools,
            no_teacher=frozenset(digests(file.no_teacher)),
            unlisted=frozenset(digests(file.unlisted)) if file.unlisted is not None else None,
        )
    return Hashed(ExportSummary(summary.spec, files, summary.shown_as), tuple(pairs))


@dataclass(frozen=True)
class Stored:
    """What was found in the store: a summary, or a note on why there is none."""

    summary: ExportSummary[int] | None
    note: str | None
    checked_at: float | None = None


def load(path: Path, hasher: Hasher, spec_source: str) -> Stored:
    """The stored summary; never raises. A bad one is set aside with a note."""
    if not path.exists():
        return Stored(None, None)
    try:
        text = read_input(path, STATE).decode("utf-8")
    except (InputError, UnicodeDecodeError):
        return _set_aside(path, "could not be read")
    try:
        data = json.loads(text)
    except ValueError:
        return _set_aside(path, "could not be read")
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return _set_aside(path, "is from another version of sftpcheck")
    if data.get("key_check") != hasher.key_check():
        return _set_aside(path, "was made with another key (the key file was replaced)")
    try:
        summary, checked_at = _from_json(data, spec_source)
    except (AttributeError, KeyError, TypeError, ValueError, binascii.Error):
        return _set_aside(path, "could not be read")
    return Stored(summary, None, checked_at)


def _set_aside(path: Path, why: str) -> Stored:
    aside = path.with_suffix(".unreadable")
    try:
        path.replace(aside)
    except OSError:
        aside = path
    note = (
        f"The summary stored after the last check {why}, so there is nothing to compare "
        f"with this time. It was set aside as {aside}."
    )
    return Stored(None, note)


def save(path: Path, summary: ExportSummary[int], hasher: Hasher) -> str | None:
    """Store a hashed summary; the words of a note when it cannot be written."""
    data = {
        "version": VERSION,
        "key_check": hasher.key_check(),
        "spec": summary.spec,
        "checked_at": time.time(),
        "files": {name: _file_to_json(file) for name, file in summary.files.items()},
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(data, stream, separators=(",", ":"))
        temporary.replace(path)
    except OSError as error:
        return (
            f"The summary of this export could not be stored in {path.parent}: "
            f"{error.strerror}. The next check will have nothing to compare with."
        )
    return None


def _file_to_json(file: FileSummary[int]) -> dict[str, Any]:
    return {
        "name": file.name,
        "rows": file.rows,
        "ids": _pack(file.ids) if file.ids is not None else None,
        "schools": {f"{school:016x}": rows for school, rows in file.schools.items()},
        "no_teacher": _pack(file.no_teacher),
        "unlisted": _pack(file.unlisted) if file.unlisted is not None else None,
    }


def _from_json(data: dict[str, Any], spec_source: str) -> tuple[ExportSummary[int], float]:
    files: dict[str, FileSummary[int]] = {}
    for name, item in data["files"].items():
        schools = {int(school, 16): int(rows) for school, rows in item["schools"].items()}
        files[str(name)] = FileSummary(
            name=str(item["name"]),
            rows=int(item["rows"]),
            ids=_unpack(item["ids"]) if item["ids"] is not None else None,
            schools=schools,
            no_teacher=_unpack(item["no_teacher"]),
            unlisted=_unpack(item["unlisted"]) if item["unlisted"] is not None else None,
        )
    checked_at = float(data["checked_at"])
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(checked_at))
    shown = f"the export checked here on {when}"
    return ExportSummary(spec_source, files, shown), checked_at


def _pack(digests: Iterable[int]) -> str:
    """Hashes as one run of 8-byte numbers (little endian), in base64.

    They are in the order of a set of numbers, never the order of the file's rows.
    """
    numbers = array("Q", digests)
    if sys.byteorder == "big":
        numbers.byteswap()
    return base64.b64encode(numbers.tobytes()).decode("ascii")


def _unpack(text: str) -> frozenset[int]:
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if len(raw) % _DIGEST_BYTES:
        raise ValueError("a hash is cut short")
    numbers = array("Q", raw)
    if sys.byteorder == "big":
        numbers.byteswap()
    return frozenset(numbers.tolist())
