"""A zip of CSV files, as OneRoster exchanges them: unpacked to a temporary folder.

Only the files at the top of the zip are taken (OneRoster puts them there); a member's
folder part is never used as a path, so a zip cannot write outside the folder.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from sftpcheck.errors import InputError

# A district's zip of rosters is tens of megabytes; this stops a zip bomb, not real data.
_MAX_BYTES = 8 << 30


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
    total = 0
    top = [member for member in archive.infolist() if _top_name(member)]
    if not top:
        nested = sorted({m.filename.split("/")[0] for m in archive.infolist() if "/" in m.filename})
        if nested:
            raise InputError(
                f"{path} holds its files in the folder {nested[0]}/, not at the top of the "
                "zip. Zip the CSV files themselves, not the folder that holds them."
            )
    for member in top:
        parts = PurePosixPath(member.filename).parts
        total += member.file_size
        if total > _MAX_BYTES:
            raise InputError(f"{path} unpacks to more than {_MAX_BYTES >> 30} GB.")
        try:
            with archive.open(member) as source, (folder / parts[0]).open("wb") as target:
                shutil.copyfileobj(source, target, 1 << 20)
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise InputError(f"Cannot unpack {member.filename} from {path}: {error}.") from None


def _top_name(member: zipfile.ZipInfo) -> bool:
    """True for a file at the top of the zip (no folder part, no '..')."""
    parts = PurePosixPath(member.filename.replace("\\", "/")).parts
    return not member.is_dir() and len(parts) == 1 and parts[0] not in {".", ".."}
