"""Export sets shaped like real, published ones (tests/files/real/): only what the spec says.

Each set gets exactly the findings its spec supports, with their severities; each
SOURCE.md says why each one is right. Then defects are put into copies of the sets,
as a district's export would have them, and must still be found.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.files.conftest import RunFiles

REAL = Path(__file__).parent / "real"

# (code, severity, file, first line, count), in the order the report gives them.
Expected = list[tuple[str, str, str, int | None, int]]

SETS: dict[str, tuple[str, Expected]] = {
    "tao-oneroster-1.1": ("oneroster-1.1", [
        ("files.bulk_delta", "error", "orgs.csv", 2, 1),
        ("files.missing_column", "error", "academicSessions.csv", 1, 1),
        ("files.empty", "warn", "academicSessions.csv", None, 1),
        ("files.header_mismatch", "error", "courses.csv", 1, 1),
        ("files.missing_column", "warn", "courses.csv", 1, 1),
        ("files.empty", "warn", "courses.csv", None, 1),
        ("files.header_mismatch", "error", "classes.csv", 1, 1),
        ("files.missing_required", "error", "classes.csv", 2, 3),
        ("files.bad_value", "error", "classes.csv", 2, 1),
        ("files.bulk_delta", "error", "classes.csv", 2, 1),
        ("files.orphan_reference", "error", "classes.csv", 2, 3),
        ("files.missing_column", "warn", "classes.csv", 1, 1),
        ("files.header_mismatch", "error", "users.csv", 1, 1),
        ("files.header_mismatch", "error", "users.csv", 1, 1),
        ("files.bad_value", "error", "users.csv", 2, 2),
        ("files.missing_column", "warn", "users.csv", 1, 1),
        ("files.header_mismatch", "error", "enrollments.csv", 1, 1),
        ("files.bulk_delta", "error", "enrollments.csv", 2, 2),
        ("files.missing_column", "warn", "enrollments.csv", 1, 1),
        ("files.header_mismatch", "error", "demographics.csv", 1, 1),
        ("files.header_mismatch", "error", "demographics.csv", 1, 1),
        ("files.empty", "warn", "demographics.csv", None, 1),
    ]),
    "moodle-oneroster-1.1": ("oneroster-1.1", [
        ("files.bad_value", "error", "classes.csv", 2, 1),
        ("files.link_mismatch", "error", "classes.csv", 2, 2),
        ("files.missing", "warn", "classes.csv", 1, 1),
        ("files.bad_value", "error", "users.csv", 2, 6),
        ("files.link_mismatch", "error", "enrollments.csv", 2, 6),
        ("files.link_mismatch", "error", "enrollments.csv", 3, 2),
    ]),
    "moodle-oneroster-1.2": ("oneroster-1.2", [
        ("files.bad_value", "error", "users.csv", 2, 1),
        ("files.missing_column", "warn", "users.csv", 1, 1),
    ]),
    "clever-sandbox": ("clever", []),
}  # fmt: skip


def _found(run: object) -> Expected:
    return [
        (f["code"], f["severity"], f["file"], f["line"], f["count"])
        for f in run.findings  # type: ignore[attr-defined]
    ]


def _message(run: object, code: str, file: str) -> dict[str, str]:
    findings = run.findings  # type: ignore[attr-defined]
    return next(f for f in findings if (f["code"], f["file"]) == (code, file))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(SETS))
def test_a_real_set_gets_only_the_findings_its_spec_supports(
    run_files: RunFiles, name: str
) -> None:
    spec, expected = SETS[name]
    run = run_files(REAL / name, "--spec", spec, "--format", "json")
    assert _found(run) == expected, run.stdout
    errors = any(severity == "error" for _, severity, *_ in expected)
    assert run.exit_code == (1 if errors else 0)


def test_every_real_set_names_its_source() -> None:
    for name in SETS:
        source = (REAL / name / "SOURCE.md").read_text(encoding="utf-8")
        assert "Commit: `" in source, name
        assert "Licence" in source, name


def test_the_words_name_the_cause(run_files: RunFiles) -> None:
    run = run_files(REAL / "moodle-oneroster-1.1", "--spec", "oneroster-1.1", "--format", "json")
    boolean = _message(run, "files.bad_value", "users.csv")
    assert boolean["message"].startswith(
        'enabledUser "TRUE" on line 2 has the wrong capital letters: write it as "true". '
        "A spreadsheet writes TRUE and FALSE in capitals when it saves a CSV."
    )
    assert "true and false in small letters" in boolean["fix"]
    assert "date" not in boolean["fix"]
    role = [f for f in run.findings if f["code"] == "files.link_mismatch"][-1]
    assert role["message"].startswith(
        'userSourcedId "usr-t2" on line 3 has role "teacher" in users.csv, but this row\'s '
        'role is "student", which needs role "student".'
    )
    school = _message(run, "files.link_mismatch", "classes.csv")
    assert school["message"].startswith(
        'schoolSourcedId "org-dep-1" on line 2 is "department" in the type column of '
        'orgs.csv, but it must be "school".'
    )
    absent = _message(run, "files.missing", "classes.csv")
    assert absent["message"] == (
        "courseSourcedId in classes.csv names 2 different ids in courses.csv, but "
        "manifest.csv marks courses.csv absent, so these links were not checked. The vendor "
        "must already hold those rows from an earlier upload."
    )


def test_a_missing_optional_column_says_who_it_stops(run_files: RunFiles) -> None:
    run = run_files(REAL / "moodle-oneroster-1.2", "--spec", "oneroster-1.2", "--format", "json")
    column = _message(run, "files.missing_column", "users.csv")
    assert column["message"] == (
        'The optional column "resourceSourcedIds" is not in the header. This spec lists every '
        "column, in order, even when its values are empty. A strict importer, one that checks "
        "the whole header, will refuse the file; most importers read columns by name and will "
        "not mind."
    )
    assert "add the missing columns, empty if need be" in column["fix"]


# Defects put into a copy of a set: (set, change, findings added to the set's own).
Change = Callable[[Path], None]


def _edit(file: str, old: str, new: str) -> Change:
    def change(folder: Path) -> None:
        path = folder / file
        data = path.read_bytes()
        assert old.encode() in data, (file, old)
        path.write_bytes(data.replace(old.encode(), new.encode(), 1))

    return change


def _append(file: str, tail: str) -> Change:
    def change(folder: Path) -> None:
        path = folder / file
        path.write_bytes(path.read_bytes() + tail.encode())

    return change


def _rename(old: str, new: str) -> Change:
    def change(folder: Path) -> None:
        (folder / old).rename(folder / new)

    return change


DEFECTS: dict[str, tuple[str, Change, Expected]] = {
    # Two blank lines at the end: a warning that says what they are, nothing more.
    "trailing_blank_lines": ("moodle-oneroster-1.2", _append("users.csv", "\r\n\r\n"), [
        ("files.ragged_row", "warn", "users.csv", 3, 2),
    ]),
    "orphan_user": ("moodle-oneroster-1.2", _edit("enrollments.csv", ",USER_1,", ",USER_9,"), [
        ("files.orphan_reference", "error", "enrollments.csv", 2, 1),
    ]),
    "student_as_teacher": ("moodle-oneroster-1.2", _edit(
        "enrollments.csv", ",student,", ",teacher,"
    ), [
        ("files.link_mismatch", "error", "enrollments.csv", 2, 1),
    ]),
    "district_as_school": ("moodle-oneroster-1.2", _edit("orgs.csv", ",school,", ",district,"), [
        ("files.link_mismatch", "error", "classes.csv", 2, 1),
        ("files.link_mismatch", "error", "enrollments.csv", 2, 1),
    ]),
    "spreadsheet_version": ("moodle-oneroster-1.1", _edit(
        "manifest.csv", "version,1.0", "version,1"
    ), [
        ("files.manifest", "error", "manifest.csv", 2, 1),
    ]),
    # Status and date filled in a bulk file: one cause, one finding.
    "bulk_with_status": ("moodle-oneroster-1.1", _edit(
        "users.csv", "usr-s1,,,TRUE", "usr-s1,active,2023-05-01,TRUE"
    ), [
        ("files.bulk_delta", "error", "users.csv", 3, 1),
    ]),
    "duplicate_class": ("moodle-oneroster-1.1", _edit("classes.csv", "cls-2,", "cls-1,"), [
        ("files.duplicate_id", "error", "classes.csv", 3, 1),
        ("files.orphan_reference", "error", "enrollments.csv", 5, 3),
    ]),
    "capital_name": ("clever-sandbox", _rename("students.csv", "Students.csv"), [
        ("files.bad_name", "error", "Students.csv", None, 1),
    ]),
    "orphan_school": ("clever-sandbox", _edit("teachers.csv", "02B200,85", "03C300,85"), [
        ("files.orphan_reference", "error", "teachers.csv", 4, 1),
    ]),
    "orphan_teacher": ("clever-sandbox", _edit(
        "sections.csv", "02B200,960,85", "02B200,960,86"
    ), [
        ("files.orphan_reference", "error", "sections.csv", 4, 1),
    ]),
    "blank_line_between_rows": ("clever-sandbox", _edit(
        "students.csv", "\r01A100,100000001", "\r\r01A100,100000001"
    ), [
        ("files.ragged_row", "warn", "students.csv", 2, 1),
    ]),
}  # fmt: skip


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_a_defect_in_a_real_set_is_found(tmp_path: Path, run_files: RunFiles, defect: str) -> None:
    name, change, added = DEFECTS[defect]
    spec, expected = SETS[name]
    folder = tmp_path / name
    shutil.copytree(REAL / name, folder)
    change(folder)
    found = _found(run_files(folder, "--spec", spec, "--format", "json"))
    assert sorted(found, key=repr) == sorted(expected + added, key=repr)


def test_a_spreadsheet_version_names_the_spreadsheet(tmp_path: Path, run_files: RunFiles) -> None:
    folder = tmp_path / "set"
    shutil.copytree(REAL / "moodle-oneroster-1.1", folder)
    _edit("manifest.csv", "version,1.0", "version,1")(folder)
    run = run_files(folder, "--spec", "oneroster-1.1", "--format", "json")
    found = _message(run, "files.manifest", "manifest.csv")
    assert found["message"] == (
        'manifest.version is "1" on line 2 of manifest.csv, but it must be "1.0". A '
        "spreadsheet turned 1.0 into 1 when it saved the file."
    )


def test_a_header_only_file_is_a_warning_that_says_what_a_vendor_may_do(
    tmp_path: Path, run_files: RunFiles
) -> None:
    folder = tmp_path / "set"
    shutil.copytree(REAL / "moodle-oneroster-1.2", folder)
    path = folder / "demographics.csv"
    path.write_bytes(path.read_bytes().split(b"\r\n")[0] + b"\r\n")
    run = run_files(folder, "--spec", "oneroster-1.2", "--format", "json")
    empty = _message(run, "files.empty", "demographics.csv")
    assert empty["severity"] == "warn"
    assert "some importers refuse a file with no rows" in empty["message"]
    assert "mark it absent in manifest.csv" in empty["fix"]


def _drop_column(path: Path, column: str) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    index = rows[0].index(column)
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(row[:index] + row[index + 1 :] for row in rows)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_guard_on_a_real_set_says_nothing_the_second_night(
    tmp_path: Path, run_files: RunFiles, name: str
) -> None:
    """The guard runs on every `files` check (it remembers the last one): a real set, checked
    twice, gets its own findings both times and nothing from the guard."""
    spec, expected = SETS[name]
    folder = tmp_path / name
    shutil.copytree(REAL / name, folder)
    for _ in range(2):
        run = run_files(folder, "--spec", spec, "--format", "json")
        assert _found(run) == expected, run.stdout + run.stderr
    assert [change["removed"] for change in run.report["changes"]] == [
        0 if change["added"] is not None else None for change in run.report["changes"]
    ]


def test_the_guard_takes_a_real_set_without_an_optional_link_column(
    tmp_path: Path, run_files: RunFiles
) -> None:
    """orgs.csv without parentSourcedId (optional in OneRoster 1.2) stopped the guard with a
    KeyError: it names a school column the file need not have."""
    folder = tmp_path / "set"
    shutil.copytree(REAL / "moodle-oneroster-1.2", folder)
    _drop_column(folder / "orgs.csv", "parentSourcedId")
    for _ in range(2):
        run = run_files(folder, "--spec", "oneroster-1.2", "--format", "json")
        assert "Traceback" not in run.stderr
        errors = any(item["severity"] == "error" for item in run.findings)
        assert run.exit_code == (1 if errors else 0), run.stderr
    assert not {"files.mass_removal", "files.rekeyed"} & set(run.codes()), run.stdout
    assert {change["file"] for change in run.report["changes"]} >= {"orgs.csv", "users.csv"}
