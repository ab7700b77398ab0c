"""A zip of CSV files, as OneRoster exchanges them: unpacked to a temporary folder.

Only the files at the top of the zip are taken (OneRoster puts them there); a member's
folder part is never used as a path, so a zip cannot write outside the folder.
"""

from __future__ import annotations

import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from sftpcheck.errors import InputError
from sftpcheck.local_files import size_words

# A big district's largest export (enrollments) is about a gigabyte; a zip that unpacks
# to more is most likely a zip bomb. A bigger real export can still be checked: unzipped
# by hand, a folder is read as a stream, with no cap.
MEMBER_LIMIT = 2 << 30
TOTAL_LIMIT = 4 << 30
_CHUNK = 1 << 20


@contextmanager
def unpacked(path: Path) -> Iterator[Path]:
    """The folder to check: `path` itself, or a temporary copy of a zip's top files."""
    if not path.is_file() or path.suffix.lower() != ".zip":
        yield path
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(f"{path} is not a zip file that can be read: {error}.") from None
    with archive, tempfile.TemporaryDirectory(prefix="sftpcheck-") as folder:
        _extract_top(archive, Path(folder), path)
        yield Path(folder)


def _extract_top(archive: zipfile.ZipFile, folder: Path, path: Path) -> None:
    top = [member for member in archive.infolist() if _top_name(member)]
    if not top:
        nested = sorted({m.filename.split("/")[0] for m in archive.infolist() if "/" in m.filename})
        if nested:
            raise InputError(
                f"{path} holds its files in the folder {nested[0]}/, not at the top of the "
                "zip. Zip the CSV files themselves, not the folder that holds them."
            )
    # What the zip says first, so that nothing is unpacked from a zip that says too much;
    # then each byte is counted as it comes, since what a zip says can be untrue.
    for member in top:
        if member.file_size > MEMBER_LIMIT:
            raise InputError(_too_big(path, member.filename, member.file_size))
    declared = sum(member.file_size for member in top)
    if declared > TOTAL_LIMIT:
        raise InputError(_too_big(path, None, declared))
    total = 0
    for member in top:
        name = PurePosixPath(member.filename).parts[0]
        try:
            with archive.open(member) as source, (folder / name).open("wb") as target:
                total = _copy(source, target, total, path, member.filename)
        except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error) as error:
            raise InputError(f"Cannot unpack {member.filename} from {path}: {error}.") from None


def _copy(source: IO[bytes], target: IO[bytes], total: int, path: Path, name: str) -> int:
    """Copy one member in chunks, counting; the total so far, or InputError past a cap."""
    size = 0
    while chunk := source.read(_CHUNK):
        size += len(chunk)
        total += len(chunk)
        if size > MEMBER_LIMIT:
            raise InputError(_too_big(path, name, None))
        if total > TOTAL_LIMIT:
            raise InputError(_too_big(path, None, None))
        target.write(chunk)
    return total


def _too_big(path: Path, name: str | None, size: int | None) -> str:
    """One sentence for a member (`name`) or the whole zip (None) past its cap; `size`
    None when the bytes went on past the cap while unpacking."""
    limit = MEMBER_LIMIT if name is not None else TOTAL_LIMIT
    unpacks = f"{name} unpacks" if name is not None else "unpacks"
    amount = f"to {size_words(size)}" if size is not None else f"to more than {size_words(limit)}"
    return (
        f"{path} {unpacks} {amount}; sftpcheck unpacks at most {size_words(MEMBER_LIMIT)} "
        f"of each file in a zip and {size_words(TOTAL_LIMIT)} in all. Unzip it yourself and "
        "give sftpcheck the folder."
    )


def _top_name(member: zipfile.ZipInfo) -> bool:
    """True for a file at the top of the zip (no folder part, no '..')."""
    parts = PurePosixPath(member.filename.replace("\\", "/")).parts
    return not member.is_dir() and len(parts) == 1 and parts[0] not in {".", ".."}
