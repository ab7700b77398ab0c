"""Write a district in Clever's SFTP format (six files), clean or with one defect.

Where things land with the defaults (line 1 is the header): students.csv row i (0-based)
is on line i + 2; enrollments.csv row i on line i + 2. Teacher T002 teaches at both
schools, so teachers.csv holds two rows for T002, as Clever's instructions say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from tests.files.district import District, Table, _write

SCHOOLS = ("100", "200")


def build_clever(students: int = 30) -> District:
    sections = max(4, students // 6)
    district = District(students=students, sections=sections, staff=2)
    district.tables = {
        table.name: table
        for table in (
            Table(
                "schools.csv",
                ["School_id", "School_name", "School_number", "Principal", "Principal_email"],
                [[school, f"School {school}", school, "Dr. Rivera", f"p{school}@k12.example"]
                 for school in SCHOOLS],
            ),
            Table(
                "students.csv",
                # Clever takes the columns in any order: these are not in its order.
                ["Student_id", "School_id", "First_name", "Last_name", "Grade", "Student_email"],
                (_student(i) for i in range(1, students + 1)),
            ),
            Table(
                "teachers.csv",
                ["School_id", "Teacher_id", "Teacher_email", "First_name", "Last_name"],
                [
                    ["100", "T001", "t001@k12.example", "Ana", "Lee"],
                    ["100", "T002", "t002@k12.example", "Bo", "Khan"],
                    ["200", "T002", "t002@k12.example", "Bo", "Khan"],
                ],
            ),
            Table(
                "sections.csv",
                ["School_id", "Section_id", "Teacher_id", "Teacher_2_id", "Name", "Term_name"],
                (_section(k) for k in range(1, sections + 1)),
            ),
            Table("enrollments.csv", ["School_id", "Section_id", "Student_id"],
                  _enrollments(students, sections)),
            Table(
                "staff.csv",
                ["School_id", "Staff_id", "Staff_email", "First_name", "Last_name", "Title"],
                [["100", "A001", "a001@k12.example", "Mia", "Ng", "Counselor"]],
            ),
        )
    }  # fmt: skip
    return district


def _student(i: int) -> list[str]:
    school = SCHOOLS[i % 2]
    grade = ("Kindergarten", "1", "5", "12", "PreKindergarten")[i % 5]
    return [f"S{i:05d}", school, "Zoë", "García", grade, f"s{i}@k12.example"]


def _section(k: int) -> list[str]:
    co_teacher = "T001" if k == 1 else ""
    return [SCHOOLS[k % 2], f"SEC{k:03d}", "T002", co_teacher, f"Math {k}", "Fall"]


def _enrollments(students: int, sections: int) -> Iterator[list[str]]:
    for i in range(1, students + 1):
        for offset in (0, 1):
            k = (i + offset) % sections + 1
            yield [SCHOOLS[k % 2], f"SEC{k:03d}", f"S{i:05d}"]


def _set(column: int, value: str) -> Callable[[list[str]], list[str]]:
    def change(row: list[str]) -> list[str]:
        row[column] = value
        return row

    return change


DEFECTS: dict[str, Callable[[District], None]] = {
    # "Students.csv": Clever's names are case-sensitive
    "capital_name": lambda d: setattr(d.tables["students.csv"], "name", "Students.csv"),
    # teachers.csv: "teacher_id" instead of Teacher_id
    "header_case": lambda d: d.tables["teachers.csv"].header.__setitem__(1, "teacher_id"),  # type: ignore[union-attr]
    # students.csv line 4: Grade "14"
    "bad_grade": lambda d: d.edit("students.csv", 2, _set(4, "14")),
    # students.csv line 5: Student_email without @
    "bad_email": lambda d: d.edit("students.csv", 3, _set(5, "s4.k12.example")),
    # enrollments.csv line 62: line 3 again (School 200, SEC003, S00001)
    "duplicate_row": lambda d: d.append("enrollments.csv", ["200", "SEC003", "S00001"]),
    # enrollments.csv line 6: a section that sections.csv lacks
    "orphan_section": lambda d: d.edit("enrollments.csv", 4, _set(1, "SEC999")),
}


def write_clever(directory: Path, defect: str | None = None, students: int = 30) -> Path:
    district = build_clever(students)
    if defect is not None:
        DEFECTS[defect](district)
    directory.mkdir(parents=True, exist_ok=True)
    for table in district.tables.values():
        _write(directory / table.name, table, "\r\n")
    return directory
