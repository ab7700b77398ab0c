"""A summary of one export: per file its rows, its ids and the schools its rows name.

The guard (guard.py) compares two summaries: the export sent last time (the folder or zip
given with --previous, or the summary stored after the last check, remember.py) and this
one. A summary is read from the files themselves, apart from the full check, because it
needs little (guard_read.py).

Which files are compared by their ids: the files other files link to, and the files of
people to contact (schools, students, staff, parents, sections; OneRoster's orgs, users,
classes). A file that only joins others (rosters.csv, enrollments.csv) is compared by its
number of rows: it holds most of the export's rows and no id of its own, and counting its
lines costs a hundredth of parsing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from sftpcheck.errors import InputError
from sftpcheck.files.check import plan_files
from sftpcheck.files.guard_read import KeyedRead, column_values, count_rows, read_keyed
from sftpcheck.files.spec import FileSpec, Spec

# The file whose key names a school: a link to it from another file says which school a
# row belongs to (OneRoster's orgs are schools, and the district and its departments).
SCHOOL_FILES = ("schools.csv", "orgs.csv")

# An id as the file holds it (str), or as a stored summary keeps it: a keyed hash (int).
K = TypeVar("K", str, int)


@dataclass(frozen=True)
class FileSummary(Generic[K]):
    """What the guard compares of one file.

    `name` is the file's real name (a misnamed file may stand in for a spec file).
    `schools` counts the rows that name each school. `ids` is None for a file compared
    by its rows only. `unlisted` (students in no class) is None until someone asks for
    it: it needs a pass over the biggest file.
    """

    name: str
    rows: int
    ids: AbstractSet[K] | None = None
    schools: Mapping[K, int] = field(default_factory=dict)
    no_teacher: AbstractSet[K] = frozenset()
    unlisted: AbstractSet[K] | None = None


@dataclass(frozen=True)
class ExportSummary(Generic[K]):
    """One export's file summaries, by spec file name, and how to name that export."""

    spec: str
    files: Mapping[str, FileSummary[K]]
    shown_as: str


def by_id(file: FileSpec, spec: Spec) -> bool:
    """True when the guard compares this file by its ids, not only its rows."""
    if file.key is None:
        return False
    linked = any(link.target == file.name for other in spec.files for link in other.links)
    return linked or bool(file.contact)


def school_file(spec: Spec) -> str | None:
    return next((name for name in SCHOOL_FILES if spec.file(name) is not None), None)


def spec_paths(folder: Path, spec: Spec) -> dict[str, tuple[Path, FileSpec]]:
    """The file to read for each spec file in the folder, by spec name (a misnamed one
    stands in for a spec file that is not there, as in the check)."""
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError as error:
        raise InputError(f"Cannot read the folder {folder}: {error.strerror}.") from None
    return {file.name: (path, file) for path, file in plan_files(entries, spec).to_check}


def summarize(folder: Path, spec: Spec, shown_as: str) -> ExportSummary[str]:
    """Read what the guard compares from each spec file present in the folder."""
    schools = school_file(spec)
    # Whose contacts matter: a teacher's, for a section to have one the vendor imports.
    reached = {link.target for f in spec.files for link in f.links if link.column == f.teacher}
    read: dict[str, KeyedRead] = {}
    for name, (path, file) in spec_paths(folder, spec).items():
        if by_id(file, spec):
            columns = [link.column for link in file.links if link.target == schools]
            read[name] = read_keyed(path, file, columns, name in reached)
        else:
            read[name] = KeyedRead(path.name, count_rows(path), ids=None)
    files = {
        name: FileSummary(
            name=found.name,
            rows=found.rows,
            ids=found.ids,
            schools=found.schools,
            no_teacher=_no_teacher(spec.file(name), found, read),
        )
        for name, found in read.items()
    }
    return ExportSummary(spec.source, files, shown_as)


def listed_ids(folder: Path, spec: Spec, file: FileSpec) -> set[str] | None:
    """The ids of `file` that its listing file links to (the students in some class).

    None when the listing file is not there. This reads the biggest file of an export,
    so the guard asks only when a student is in no class now.
    """
    listing = spec.file(file.listed_in or "")
    link = listing.link_to(file.name) if listing else None
    found = spec_paths(folder, spec).get(listing.name) if listing else None
    if found is None or link is None:
        return None
    path, listing = found
    return column_values(path, listing, link.column)


def _no_teacher(
    file: FileSpec | None, found: KeyedRead, read: Mapping[str, KeyedRead]
) -> frozenset[str]:
    """The sections whose teacher is not in the staff file, or has no way to be reached.

    The same rule as the check's files.section_without_teacher (links.teacher_findings).
    """
    link = (
        next((item for item in file.links if item.column == file.teacher), None) if file else None
    )
    staff = read.get(link.target) if link else None
    if staff is None or staff.ids is None:
        return frozenset()
    known = staff.ids
    return frozenset(
        section
        for section, teacher in found.teachers.items()
        if teacher
        and (teacher not in known or staff.contact_missing or teacher in staff.no_contact)
    )
