"""How the guard reads an export's files: only what it compares, at about parsing speed.

The full check (scan.py) reads each file once for every check; the guard needs far less
(each row's key, the school it names, a section's teacher), so it reads apart, with loops
that run in C where it can. The biggest file of an export, a join table such as
rosters.csv, is not parsed at all: its lines are counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Protocol

from sftpcheck.errors import InputError
from sftpcheck.files.encoding import Opening, find_bad_utf8, sniff
from sftpcheck.files.header import match_header
from sftpcheck.files.scan import open_text
from sftpcheck.files.spec import FileSpec

_CHUNK = 1 << 20


@dataclass
class KeyedRead:
    """What one pass over a file with a key found (a builder; summary.py reads it).

    `ids` is None when the file lacks its key column: it is then compared by its rows.
    """

    name: str
    rows: int = 0
    ids: set[str] | None = field(default_factory=set)
    schools: Counter[str] = field(default_factory=Counter)
    teachers: dict[str, str] = field(default_factory=dict)
    no_contact: set[str] = field(default_factory=set)
    contact_missing: bool = False


def read_keyed(
    path: Path, file: FileSpec, school_columns: Iterable[str], contacts_needed: bool
) -> KeyedRead:
    """Each row's key, the schools named, and (when asked) teachers and contacts."""
    found = KeyedRead(path.name)
    with opened_rows(path, file) as opened:
        columns = opened.columns
        key = columns.get(file.key or "")
        if key is None:
            # Without its key column the file is compared by its rows; the check says why.
            found.ids = None
            found.rows = sum(1 for row in opened.rows if row)
            return found
        # A school column the file lacks (parentSourcedId is optional in OneRoster) names none.
        schools = [
            (columns[column], _separator(file, column))
            for column in school_columns
            if column in columns
        ]
        teacher = columns.get(file.teacher or "")
        contacts = [columns[column] for column in file.contact if column in columns]
        found.contact_missing = bool(file.contact) and not contacts
        contacts = contacts if contacts_needed else []
        if teacher is None and not contacts and all(sep is None for _, sep in schools):
            try:
                return _read_fast(found, opened.rows, key, [index for index, _ in schools])
            except IndexError:
                found = KeyedRead(path.name, contact_missing=found.contact_missing)
        else:
            return _read_by_row(found, opened.rows, key, schools, teacher, contacts)
    with opened_rows(path, file) as opened:  # a short row: again, one row at a time
        return _read_by_row(found, opened.rows, key, schools, teacher, contacts)


def _read_fast(
    found: KeyedRead, rows: Iterator[list[str]], key: int, schools: list[int]
) -> KeyedRead:
    """The usual file (students.csv): loops in C, over every row that is not blank.

    A row shorter than the columns asked for raises IndexError: the caller then reads
    the file row by row.
    """
    values = list(map(itemgetter(key, *schools), filter(None, rows)))
    found.rows = len(values)
    if not schools:
        found.ids = set(values)  # itemgetter of one position gives the value itself
        return found
    found.ids = set(map(itemgetter(0), values))
    for position in range(1, len(schools) + 1):
        found.schools.update(map(itemgetter(position), values))
    found.schools.pop("", None)
    return found


def _read_by_row(
    found: KeyedRead,
    rows: Iterator[list[str]],
    key: int,
    schools: list[tuple[int, str | None]],
    teacher: int | None,
    contacts: list[int],
) -> KeyedRead:
    """Any other file: lists of schools ("s1,s2"), a teacher, contacts, short rows."""
    ids = found.ids
    assert ids is not None
    count = 0
    for row in rows:
        if not row:
            continue  # a blank line: no row for the importer either
        count += 1
        width = len(row)
        if key >= width:
            continue
        value = row[key]
        ids.add(value)
        for index, separator in schools:
            if index < width and row[index]:
                if separator is None:
                    found.schools[row[index]] += 1
                else:
                    found.schools.update(row[index].split(separator))
        if teacher is not None and teacher < width and value not in found.teachers:
            found.teachers[value] = row[teacher]
        if contacts and all(index >= width or not row[index] for index in contacts):
            found.no_contact.add(value)
    found.rows = count
    return found


def first_lines(path: Path, file: FileSpec) -> dict[str, int]:
    """Each key's first line, as the check names it: read only when a finding needs it."""
    lines: dict[str, int] = {}
    with opened_rows(path, file) as opened:
        key = opened.columns.get(file.key or "")
        if key is None:
            return lines
        first_line = lines.setdefault
        reader, end = opened.reader, opened.header_end
        for row in opened.rows:
            start = end + 1
            end = reader.line_num
            if key < len(row):
                first_line(row[key], start)
    return lines


def column_values(path: Path, file: FileSpec, column: str) -> set[str] | None:
    """Every value of one column (each item of a list column); None without the column."""
    separator = _separator(file, column)
    with opened_rows(path, file) as opened:
        index = opened.columns.get(column)
        if index is None:
            return None
        values: set[str] = set()
        add = values.add
        for row in opened.rows:
            if index < len(row):
                if separator is None:
                    add(row[index])
                else:
                    values.update(row[index].split(separator))
    return values


def _separator(file: FileSpec, column: str) -> str | None:
    rule = file.rules.get(column)
    return rule.separator if rule else None


class LineNumbers(Protocol):
    """What counts the physical lines read: a csv reader."""

    @property
    def line_num(self) -> int: ...


class _NoLines:
    line_num = 0


@dataclass(frozen=True)
class Opened:
    """A file's rows past its header, its columns by spec name, and where lines are.

    A record starts on the line after the previous one ended: `header_end` for the
    first, then `reader.line_num` after each.
    """

    rows: Iterator[list[str]]
    columns: dict[str, int]
    reader: LineNumbers
    header_end: int


_NOTHING = Opened(iter(()), {}, _NoLines(), 0)


@contextmanager
def opened_rows(path: Path, file: FileSpec | None = None) -> Iterator[Opened]:
    """A file opened for its rows; `file` matches its header to the spec's names.

    A file that is not UTF-8 is read in the encoding its bytes suggest, as the check
    reads it; a file with no header or no text gives no rows.
    """
    opening = _opening(path)
    if opening.size == 0 or opening.not_text:
        yield _NOTHING
        return
    with open_text(path, opening) as (reader, header):
        if header is None:
            yield _NOTHING
            return
        match = match_header(header, file or FileSpec(path.name, tuple(header)), path.name)
        if match.is_data:
            yield Opened(chain((header,), reader), match.index(), reader, 0)
        else:
            yield Opened(iter(reader), match.index(), reader, reader.line_num)


def _opening(path: Path) -> Opening:
    """How the check would read the file: its codec, found from its bytes."""
    try:
        opening = sniff(path)
        if opening.problem is None and opening.size and not opening.not_text:
            problem = find_bad_utf8(path, start=3 if opening.bom else 0)
            if problem is not None:
                return Opening(problem.codec, opening.size, opening.bom, problem)
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}.") from None
    return opening


def count_rows(path: Path) -> int:
    """The rows of a file: its lines after the header, counted without parsing them.

    Blank lines at the end (and the start) are not rows. A file with a quote (a value
    may then hold a line break), lines that end in a lone carriage return, or a file
    that is not ASCII-based text (UTF-16) is parsed instead. A blank line in the middle
    counts as a row here; the check reports it (files.ragged_row).
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(4)
            stream.seek(0)
            plain = not head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in head
            lines, tail = 0, b""
            while plain and (chunk := stream.read(_CHUNK)):
                if b'"' in chunk:
                    plain = False
                lines += chunk.count(b"\n")
                tail = (tail + chunk[-64:])[-64:]
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}.") from None
    if plain and (lines or b"\r" not in tail):
        if tail and not tail.endswith(b"\n"):
            lines += 1  # the last line has no line break
        blank_end = len(tail) - len(tail.rstrip(b"\r\n"))
        lines -= max(tail[-blank_end:].count(b"\n") - 1, 0) if blank_end else 0
        return max(lines - 1 - _blank_start(path), 0)
    with opened_rows(path) as opened:
        return sum(1 for row in opened.rows if row)


def _blank_start(path: Path) -> int:
    """The blank lines before the header (each a line, none a row)."""
    with path.open("rb") as stream:
        head = stream.read(_CHUNK)
    return head.count(b"\n", 0, len(head) - len(head.lstrip(b"\r\n")))
