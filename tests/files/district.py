"""Write a district's CSV exports: clean, or with one named defect in a known place.

The tests use small districts (one defect each); the benchmark writes a big clean one:
`write_district(path, students=100_000, roster_lines=2_000_000)` takes a few seconds.

Where a defect lands, with the default 40 students (line 1 is the header):
students.csv row i (0-based) is on line i + 2; sections.csv has a line break inside its
first row, so its row i is on line i + 3.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

FIRST_NAMES = ("Ana", "Bo", "José", "Mia", "Noah", "Liam", "Zoe", "Omar", "Ivy", "Kai")
LAST_NAMES = ("Lee", "García", "Smith", "Nguyen", "O'Brien", "Khan", "Brown", "Lopez")


@dataclass
class Table:
    """One file to write: its header and rows (rows may be lazy, for big files)."""

    name: str
    header: list[str] | None
    rows: Iterable[list[str]]
    encoding: str = "utf-8"
    bom: bool = False


@dataclass
class District:
    """The tables of a district before they are written; defects change them."""

    students: int
    sections: int
    staff: int
    tables: dict[str, Table] = field(default_factory=dict)

    def edit(self, name: str, index: int, change: Callable[[list[str]], list[str]]) -> None:
        """Change row `index` of a table, lazily, so big tables stay streams."""
        table = self.tables[name]
        rows = table.rows

        def edited() -> Iterator[list[str]]:
            for position, row in enumerate(rows):
                yield change(list(row)) if position == index else row

        table.rows = edited()

    def append(self, name: str, row: list[str]) -> None:
        table = self.tables[name]
        rows = table.rows

        def extended() -> Iterator[list[str]]:
            yield from rows
            yield row

        table.rows = extended()


def student_id(number: int) -> str:
    """Student ids keep their leading zeros, as many SIS exports do: 000001, 000002, ..."""
    return f"{number:06d}"


def staff_id(number: int) -> str:
    return f"T{number:04d}"


def section_id(number: int) -> str:
    return f"SEC{number:05d}"


def build_district(students: int = 40, roster_lines: int | None = None) -> District:
    """The clean district as tables; every student is on at least one roster line."""
    roster_lines = roster_lines if roster_lines is not None else students * 4
    sections = max(4, students // 5)
    teachers = max(2, sections // 2)
    district = District(students=students, sections=sections, staff=teachers + 1)
    schools = [["SCH01", "Lincoln Elementary"], ["SCH02", "Washington Middle, Campus B"]]
    district.tables = {
        "schools.csv": Table("schools.csv", ["school_id", "school_name"], schools),
        "students.csv": Table(
            "students.csv",
            ["student_id", "school_id", "first_name", "last_name", "grade"],
            (_student(i) for i in range(1, students + 1)),
        ),
        "staff.csv": Table(
            "staff.csv",
            ["staff_id", "school_id", "first_name", "last_name", "email", "phone"],
            (_staff(j) for j in range(1, teachers + 2)),
        ),
        "parents.csv": Table(
            "parents.csv",
            ["parent_id", "student_id", "first_name", "last_name", "email", "phone"],
            (_parent(i) for i in range(1, students + 1)),
        ),
        "sections.csv": Table(
            "sections.csv",
            ["section_id", "school_id", "staff_id", "section_name", "room"],
            (_section(k, teachers) for k in range(1, sections + 1)),
        ),
        "rosters.csv": Table(
            "rosters.csv",
            ["section_id", "student_id"],
            _rosters(students, sections, roster_lines),
        ),
    }
    return district


def _school(number: int) -> str:
    return "SCH01" if number % 2 else "SCH02"


def _student(i: int) -> list[str]:
    first = FIRST_NAMES[i % len(FIRST_NAMES)]
    last = LAST_NAMES[i % len(LAST_NAMES)]
    return [student_id(i), _school(i), first, last, str(i % 12 + 1)]


def _staff(j: int) -> list[str]:
    email = f"teacher{j}@district.example" if j != 1 else ""
    phone = "555-0100" if j == 1 else ""  # one reachable only by phone, on purpose
    return [staff_id(j), _school(j), FIRST_NAMES[j % 10], LAST_NAMES[j % 8], email, phone]


def _parent(i: int) -> list[str]:
    phone = f"555-{i % 10000:04d}" if i % 3 else ""
    return [f"P{i:06d}", student_id(i), "Pat", LAST_NAMES[i % 8], f"parent{i}@mail.example", phone]


def _section(k: int, teachers: int) -> list[str]:
    # A name with a comma and a room with a line break, both quoted by the csv writer.
    name = "Reading, Period 2" if k == 2 else f"Math {k}"
    room = "Room 12\nBuilding B" if k == 1 else f"Room {k}"
    return [section_id(k), _school(k), staff_id(k % teachers + 1), name, room]


def _rosters(students: int, sections: int, lines: int) -> Iterator[list[str]]:
    for line in range(lines):
        number = line % students + 1
        round_ = line // students
        yield [section_id((number + round_ * 7) % sections + 1), student_id(number)]


def _set(column: int, value: str) -> Callable[[list[str]], list[str]]:
    def change(row: list[str]) -> list[str]:
        row[column] = value
        return row

    return change


def _drop_column(table: Table, column: int) -> None:
    assert table.header is not None
    del table.header[column]
    rows = table.rows
    table.rows = (row[:column] + row[column + 1 :] for row in rows)


def _no_contact(row: list[str]) -> list[str]:
    return [*row[:4], "", ""]


# Each defect changes one thing; the comment says where it lands with 40 students.
DEFECTS: dict[str, Callable[[District], None]] = {
    # "Students (1).csv" instead of students.csv
    "bad_name": lambda d: setattr(d.tables["students.csv"], "name", "Students (1).csv"),
    "missing": lambda d: d.tables.pop("parents.csv") and None,
    # parents.csv: a header and no rows
    "empty": lambda d: setattr(d.tables["parents.csv"], "rows", []),
    # students.csv saved as Windows-1252: "José" is on line 4
    "encoding": lambda d: setattr(d.tables["students.csv"], "encoding", "cp1252"),
    "utf16": lambda d: setattr(d.tables["students.csv"], "encoding", "utf-16"),
    "bom": lambda d: setattr(d.tables["schools.csv"], "bom", True),
    "no_header": lambda d: setattr(d.tables["schools.csv"], "header", None),
    # staff.csv: "Staff ID" instead of staff_id
    "header_mismatch": lambda d: d.tables["staff.csv"].header.__setitem__(0, "Staff ID"),  # type: ignore[union-attr]
    # students.csv without its grade column
    "missing_column": lambda d: _drop_column(d.tables["students.csv"], 4),
    # students.csv line 6: "Smith, Jr" written without quotes, so six values
    "ragged_row": lambda d: d.edit("students.csv", 4, lambda r: [*r[:3], "Smith", " Jr", r[4]]),
    # staff.csv line 3: a non-breaking space after the first name
    "hidden_character": lambda d: d.edit(
        "staff.csv", 1, lambda r: [r[0], r[1], r[2] + "\u00a0", *r[3:]]
    ),
    # rosters.csv line 4: a student id in scientific notation
    "excel_mangled": lambda d: d.edit("rosters.csv", 2, _set(1, "1.23457E+11")),
    # rosters.csv line 7: student 000006 written as 6
    "leading_zeros": lambda d: d.edit("rosters.csv", 5, _set(1, "6")),
    # students.csv line 42: a second row with student_id 000003 (first on line 4)
    "duplicate_id": lambda d: d.append("students.csv", [student_id(3), "SCH01", "Eve", "Ng", "5"]),
    # students.csv line 6: last_name empty
    "missing_required": lambda d: d.edit("students.csv", 4, _set(3, "")),
    # rosters.csv line 5: a section that sections.csv lacks
    "orphan_reference": lambda d: d.edit("rosters.csv", 3, _set(0, "SEC99999")),
    # parents.csv line 4: neither email nor phone
    "no_contact": lambda d: d.edit("parents.csv", 2, _no_contact),
    # students.csv line 42: a student on no roster line
    "student_without_class": lambda d: d.append(
        "students.csv", [student_id(999999), "SCH01", "New", "Kid", "1"]
    ),
    # staff.csv line 3: teacher T0002 has no contact, so the sections they teach have none
    "section_without_teacher": lambda d: d.edit("staff.csv", 1, _no_contact),
}


def lose_all_zeros(district: District) -> None:
    """Every roster line's student_id without its leading zeros (000123 -> 123).

    The benchmark's dirty district: a spreadsheet opened and saved rosters.csv, so each
    of its lines breaks a link, and sftpcheck must still run at clean-data speed.
    """
    table = district.tables["rosters.csv"]
    rows = table.rows
    table.rows = ([section, student.lstrip("0")] for section, student in rows)


def write_district(
    directory: Path,
    students: int = 40,
    defect: str | None = None,
    *,
    roster_lines: int | None = None,
    newline: str = "\r\n",
    change: Callable[[District], None] | None = None,
) -> Path:
    """Write the six CSV files into `directory` (created if needed) and return it.

    `defect` is a key of DEFECTS, or None for a clean district that must give no finding;
    `change` is any other change to make first (such as lose_all_zeros).
    """
    district = build_district(students, roster_lines)
    if defect is not None:
        DEFECTS[defect](district)
    if change is not None:
        change(district)
    directory.mkdir(parents=True, exist_ok=True)
    for table in district.tables.values():
        _write(directory / table.name, table, newline)
    return directory


def _write(path: Path, table: Table, newline: str) -> None:
    encoding = "utf-8-sig" if table.bom else table.encoding
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream, lineterminator=newline)
        if table.header is not None:
            writer.writerow(table.header)
        writer.writerows(table.rows)
