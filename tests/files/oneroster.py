"""Write a OneRoster 1.1 or 1.2 district (bulk, with manifest.csv), clean or with one defect.

Where things land with the defaults (line 1 is the header): users.csv row i (0-based) is
on line i + 2; students are users U000001..U000030 and teachers T001..T004 come after
them; enrollments.csv row i is on line i + 2 and enrolls each student in two classes.
`write_oneroster(path, version="1.2", students=100_000, enrollments=2_000_000)` writes
the benchmark's big district.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.files.district import District, Table, _write

SCHOOL = "S1"
BEGIN, END = "2026-08-17", "2027-06-11"
GRADEBOOK = ("categories", "classResources", "courseResources", "lineItems", "resources")
RACES = (
    "americanIndianOrAlaskaNative",
    "asian",
    "blackOrAfricanAmerican",
    "nativeHawaiianOrOtherPacificIslander",
    "white",
    "demographicRaceTwoOrMoreRaces",
    "hispanicOrLatinoEthnicity",
)


def user_id(number: int) -> str:
    return f"U{number:06d}"


def teacher_id(number: int) -> str:
    return f"T{number:03d}"


def class_id(number: int) -> str:
    return f"K{number:05d}"


def build_oneroster(
    version: str = "1.1", students: int = 30, enrollments: int | None = None
) -> District:
    """The clean district's tables, manifest.csv included; every class has a teacher."""
    enrollments = enrollments if enrollments is not None else students * 2
    classes = max(4, students // 10)
    teachers = max(2, classes // 2)
    district = District(students=students, sections=classes, staff=teachers)
    tables = [
        Table("orgs.csv", list(_ORGS_HEADER), _orgs()),
        Table("academicSessions.csv", list(_SESSIONS_HEADER), _sessions()),
        Table("courses.csv", list(_COURSES_HEADER), _courses()),
        Table("classes.csv", list(_CLASSES_HEADER), (_class(k, teachers) for k in range(classes))),
        _users(version, students, teachers),
        Table(
            "enrollments.csv",
            list(_ENROLLMENTS_HEADER),
            _enrollments(students, classes, teachers, enrollments),
        ),
        Table(
            "demographics.csv",
            ["sourcedId", "status", "dateLastModified", "birthDate", "sex", *RACES,
             "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
             "publicSchoolResidenceStatus"],
            (_demographics(i) for i in range(1, students + 1)),
        ),
    ]  # fmt: skip
    if version == "1.2":
        tables.insert(5, Table("roles.csv", list(_ROLES_HEADER), _roles(students, teachers)))
    district.tables = {table.name: table for table in tables}
    district.tables["manifest.csv"] = Table(
        "manifest.csv", ["propertyName", "value"], _manifest(version, district)
    )
    return district


_ORGS_HEADER = ["sourcedId", "status", "dateLastModified", "name", "type", "identifier",
                "parentSourcedId"]  # fmt: skip
_SESSIONS_HEADER = ["sourcedId", "status", "dateLastModified", "title", "type", "startDate",
                    "endDate", "parentSourcedId", "schoolYear"]  # fmt: skip
_COURSES_HEADER = ["sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title",
                   "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"]  # fmt: skip
_CLASSES_HEADER = ["sourcedId", "status", "dateLastModified", "title", "grades",
                   "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId",
                   "termSourcedIds", "subjects", "subjectCodes", "periods"]  # fmt: skip
_ENROLLMENTS_HEADER = ["sourcedId", "status", "dateLastModified", "classSourcedId",
                       "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate",
                       "endDate"]  # fmt: skip
_ROLES_HEADER = ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role",
                 "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"]  # fmt: skip
USERS_1_1 = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role",
             "username", "userIds", "givenName", "familyName", "middleName", "identifier",
             "email", "sms", "phone", "agentSourcedIds", "grades", "password"]  # fmt: skip
USERS_1_2 = ["sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds",
             "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone",
             "agentSourcedIds", "grades", "password", "userMasterIdentifier",
             "resourceSourcedIds", "preferredGivenName", "preferredMiddleName",
             "preferredFamilyName", "primaryOrgSourcedId", "pronouns"]  # fmt: skip


def _orgs() -> list[list[str]]:
    return [
        ["D1", "", "", "Lincoln County Schools", "district", "0100", ""],
        [SCHOOL, "", "", "Lincoln High, Campus B", "school", "0101", "D1"],
    ]


def _sessions() -> list[list[str]]:
    return [
        ["Y2027", "", "", "2026-2027", "schoolYear", BEGIN, END, "", "2027"],
        ["T1", "", "", "Fall", "term", BEGIN, "2027-01-15", "Y2027", "2027"],
        ["T2", "", "", "Spring", "term", "2027-01-19", END, "Y2027", "2027"],
    ]


def _courses() -> list[list[str]]:
    return [[f"C{n}", "", "", "Y2027", f"Course {n}", f"M{n}", "09,10", SCHOOL, "", ""]
            for n in range(1, 5)]  # fmt: skip


def _class(k: int, teachers: int) -> list[str]:
    return [class_id(k), "", "", f"Algebra {k}", "09", f"C{k % 4 + 1}", f"ALG-{k}",
            "scheduled", f"Room {k}", SCHOOL, "T1,T2", "", "", "1"]  # fmt: skip


def _users(version: str, students: int, teachers: int) -> Table:
    def person(sourced: str, role: str, number: int) -> dict[str, str]:
        return {
            "sourcedId": sourced, "enabledUser": "true", "orgSourcedIds": SCHOOL,
            "role": role, "username": f"{sourced.lower()}@lincoln.example",
            "givenName": "Ana" if number % 2 else "José", "familyName": "O'Brien",
            "email": f"{sourced.lower()}@lincoln.example",
            "grades": "09" if role == "student" else "", "primaryOrgSourcedId": SCHOOL,
        }  # fmt: skip

    header = USERS_1_1 if version == "1.1" else USERS_1_2

    def rows() -> Iterator[list[str]]:
        for i in range(1, students + 1):
            yield [person(user_id(i), "student", i).get(column, "") for column in header]
        for j in range(1, teachers + 1):
            yield [person(teacher_id(j), "teacher", j).get(column, "") for column in header]

    return Table("users.csv", list(header), rows())


def _roles(students: int, teachers: int) -> Iterator[list[str]]:
    people = [(user_id(i), "student") for i in range(1, students + 1)]
    people += [(teacher_id(j), "teacher") for j in range(1, teachers + 1)]
    for number, (sourced, role) in enumerate(people, start=1):
        yield [f"R{number:06d}", "", "", sourced, "primary", role, "", "", SCHOOL, ""]


def _enrollments(students: int, classes: int, teachers: int, lines: int) -> Iterator[list[str]]:
    number = 0
    for k in range(classes):
        number += 1
        yield [f"E{number:08d}", "", "", class_id(k), SCHOOL, teacher_id(k % teachers + 1),
               "teacher", "true", BEGIN, END]  # fmt: skip
    for line in range(max(0, lines - classes)):
        number += 1
        student = line % students + 1
        klass = (student + line // students * 7) % classes
        yield [f"E{number:08d}", "", "", class_id(klass), SCHOOL, user_id(student), "student",
               "false", BEGIN, END]  # fmt: skip


def _demographics(i: int) -> list[str]:
    sex = "female" if i % 2 else "male"
    return [user_id(i), "", "", "2011-04-02", sex, *["false"] * 4, "true", "false", "false",
            "US", "OR", "Salem", ""]  # fmt: skip


def _manifest(version: str, district: District) -> list[list[str]]:
    names = [name.removesuffix(".csv") for name in district.tables]
    absent = [*GRADEBOOK, "results"] + (["userProfiles"] if version == "1.2" else [])
    rows = [["manifest.version", "1.0"], ["oneroster.version", version]]
    rows += [[f"file.{name}", "bulk"] for name in names]
    rows += [[f"file.{name}", "absent"] for name in absent]
    rows += [["source.systemName", "Test SIS"], ["source.systemCode", "TSIS"]]
    return rows


def _set(column: int, value: str) -> Callable[[list[str]], list[str]]:
    def change(row: list[str]) -> list[str]:
        row[column] = value
        return row

    return change


def _swap_columns(table: Table, first: int, second: int) -> None:
    assert table.header is not None
    header = table.header
    header[first], header[second] = header[second], header[first]
    rows = table.rows

    def swapped(row: list[str]) -> list[str]:
        row = list(row)
        row[first], row[second] = row[second], row[first]
        return row

    table.rows = (swapped(row) for row in rows)


def _drop_column(table: Table, column: int) -> None:
    assert table.header is not None
    del table.header[column]
    rows = table.rows
    table.rows = (row[:column] + row[column + 1 :] for row in rows)


def _mode(district: District, name: str, mode: str) -> None:
    table = district.tables["manifest.csv"]
    rows = list(table.rows)
    table.rows = [[key, mode if key == f"file.{name}" else value] for key, value in rows]


# Each defect changes one thing; the comment says where it lands (OneRoster 1.1 and 1.2).
DEFECTS: dict[str, Callable[[District], None]] = {
    "no_manifest": lambda d: d.tables.pop("manifest.csv") and None,
    # manifest.csv line 12: demographics marked absent, but demographics.csv is there
    "absent_but_present": lambda d: _mode(d, "demographics", "absent"),
    # enrollments.csv line 5: status "active" in a bulk file
    "bulk_with_status": lambda d: d.edit("enrollments.csv", 3, _set(1, "active")),
    # users.csv line 4: role "staff" (1.1 users.csv column 5)
    "bad_role": lambda d: d.edit("users.csv", 2, _set(5, "staff")),
    # enrollments.csv line 6: beginDate 9/1/2026, as a spreadsheet writes it
    "bad_date": lambda d: d.edit("enrollments.csv", 4, _set(8, "9/1/2026")),
    # classes.csv: classCode and classType swapped in the header and rows
    "column_order": lambda d: _swap_columns(d.tables["classes.csv"], 6, 7),
    # courses.csv without its optional subjectCodes column
    "missing_optional_column": lambda d: _drop_column(d.tables["courses.csv"], 9),
    # enrollments.csv line 7: a user that users.csv lacks
    "orphan_user": lambda d: d.edit("enrollments.csv", 5, _set(5, "U999999")),
    # classes.csv line 3: termSourcedIds "T1,T9", and there is no term T9
    "orphan_term": lambda d: d.edit("classes.csv", 1, _set(10, "T1,T9")),
    # users.csv line 3: sourcedId U000002 with a non-breaking space after it
    "hidden_id": lambda d: d.edit("users.csv", 1, _set(0, "U000002\u00a0")),
    # enrollments.csv line 8: a second row with sourcedId E00000001 (first on line 2)
    "duplicate_id": lambda d: d.edit("enrollments.csv", 6, _set(0, "E00000001")),
}


# OneRoster 1.2 moved a user's role to roles.csv: roles.csv line 4, role "staff".
DEFECTS_1_2 = {**DEFECTS, "bad_role": lambda d: d.edit("roles.csv", 2, _set(5, "staff"))}


def write_oneroster(
    directory: Path,
    version: str = "1.1",
    defect: str | None = None,
    *,
    students: int = 30,
    enrollments: int | None = None,
    zipped: bool = False,
) -> Path:
    """Write the district (a folder, or `directory`.zip when `zipped`) and return its path."""
    district = build_oneroster(version, students, enrollments)
    if defect is not None:
        (DEFECTS_1_2 if version == "1.2" else DEFECTS)[defect](district)
    directory.mkdir(parents=True, exist_ok=True)
    for table in district.tables.values():
        _write(directory / table.name, table, "\r\n")
    if not zipped:
        return directory
    archive = directory.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(directory.iterdir()):
            bundle.write(path, path.name)
    return archive
