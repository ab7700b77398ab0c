"""One district exported on two nights: what changed between the export sent last time and
tonight's. Each function changes a District (tests/files/district.py) before it is
written, lazily, so the benchmark's big district stays a stream.

- `normal_night`: two students leave, two arrive (with a parent and classes): the guard
  must say nothing;
- `without_school`: the export filtered one school out of students, staff and sections
  (and their parents and roster lines);
- `rekeyed`: every student has a new id, in every file that names it;
- `remove_share`: a share of the students is gone, with their parents and roster lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from tests.files.district import District, Table, section_id, student_id


def _filtered(table: Table, keep: Callable[[list[str]], bool]) -> None:
    rows = table.rows
    table.rows = (row for row in rows if keep(row))


def _mapped(table: Table, change: Callable[[list[str]], list[str]]) -> None:
    rows = table.rows
    table.rows = (change(list(row)) for row in rows)


def _extended(table: Table, more: Iterable[list[str]]) -> None:
    rows = table.rows

    def both() -> Iterator[list[str]]:
        yield from rows
        yield from more

    table.rows = both()


def drop_students(district: District, gone: Callable[[str], bool]) -> None:
    """Students for whom `gone(student_id)` holds leave, with their parents and classes."""
    _filtered(district.tables["students.csv"], lambda row: not gone(row[0]))
    _filtered(district.tables["parents.csv"], lambda row: not gone(row[1]))
    _filtered(district.tables["rosters.csv"], lambda row: not gone(row[1]))


def normal_night(district: District) -> None:
    """Students 3 and 4 leave; two new ones arrive, each with a parent and two classes."""
    leaving = {student_id(3), student_id(4)}
    drop_students(district, leaving.__contains__)
    new = [student_id(900_001), student_id(900_002)]
    _extended(
        district.tables["students.csv"],
        [[number, "SCH01", "New", "Student", "5"] for number in new],
    )
    _extended(
        district.tables["parents.csv"],
        [[f"P{number}", number, "Pat", "New", "pat@mail.example", ""] for number in new],
    )
    _extended(
        district.tables["rosters.csv"],
        [[section_id(k), number] for number in new for k in (1, 2)],
    )


def without_school(district: District, school: str = "SCH02") -> None:
    """The export's filter left one school out of students, staff and sections."""
    left_out: set[str] = set()

    def keep_student(row: list[str]) -> bool:
        if row[1] == school:
            left_out.add(row[0])
            return False
        return True

    sections_out: set[str] = set()

    def keep_section(row: list[str]) -> bool:
        if row[1] == school:
            sections_out.add(row[0])
            return False
        return True

    # Students and sections are written before parents and rosters, so the sets are
    # full by the time those are filtered.
    _filtered(district.tables["students.csv"], keep_student)
    _filtered(district.tables["staff.csv"], lambda row: row[1] != school)
    _filtered(district.tables["sections.csv"], keep_section)
    _filtered(district.tables["parents.csv"], lambda row: row[1] not in left_out)
    _filtered(
        district.tables["rosters.csv"],
        lambda row: row[0] not in sections_out and row[1] not in left_out,
    )


def rekeyed(district: District) -> None:
    """The SIS sends its state ids now: every student id is new, in every file."""

    def new_id(value: str) -> str:
        return f"ST{value}"

    _mapped(district.tables["students.csv"], lambda row: [new_id(row[0]), *row[1:]])
    _mapped(district.tables["parents.csv"], lambda row: [row[0], new_id(row[1]), *row[2:]])
    _mapped(district.tables["rosters.csv"], lambda row: [row[0], new_id(row[1])])


def remove_share(percent: int) -> Callable[[District], None]:
    """A change that drops `percent` in 100 of the students (every one whose number ends
    in the first `percent` of each hundred), with their parents and roster lines."""

    def change(district: District) -> None:
        drop_students(district, lambda number: int(number) % 100 < percent)

    return change


def without_teacher_contact(teacher: str) -> Callable[[District], None]:
    """The teacher's email and phone are cleared: the sections they teach have no one."""

    def change(district: District) -> None:
        _mapped(
            district.tables["staff.csv"],
            lambda row: [*row[:4], "", ""] if row[0] == teacher else row,
        )

    return change


def without_classes(students: set[str]) -> Callable[[District], None]:
    """These students' roster lines are gone; they stay in students.csv."""

    def change(district: District) -> None:
        _filtered(district.tables["rosters.csv"], lambda row: row[1] not in students)

    return change
