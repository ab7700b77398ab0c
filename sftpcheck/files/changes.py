"""The change table: per file, the rows of the export sent last time against this one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileChange:
    """One file's rows last time and now, and the ids that came and went.

    `added` and `removed` count ids, and are None for a file compared by its number of
    rows only (a file that joins others, such as rosters.csv, has no id of its own).
    `before` or `after` is None when the file was not in that export.
    """

    file: str
    before: int | None
    after: int | None
    added: int | None = None
    removed: int | None = None

    @property
    def by_id(self) -> bool:
        return self.added is not None


@dataclass(frozen=True)
class Changes:
    """What this export is compared with, and the change of each file in spec order."""

    compared_with: str
    files: tuple[FileChange, ...]
