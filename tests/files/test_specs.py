"""The built-in specs (OneRoster 1.1 and 1.2, Clever) and the checks only they use.

Each generated district is clean first, then has one defect; the test reads the JSON
report as a script would: code, file, line, count, and the words of message and fix.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.files import clever, oneroster
from tests.files.conftest import RunFiles
from tests.files.district import write_district

# defect -> (code, file, line, count, words of the message, words of the fix)
ONEROSTER = {
    "no_manifest": (
        "files.manifest", "manifest.csv", None, 1,
        "manifest.csv is not in the folder. A OneRoster upload needs it",
        "Add manifest.csv with the two columns propertyName and value.",
    ),
    "absent_but_present": (
        "files.manifest", "manifest.csv", 10, 1,
        "file.demographics is absent, but demographics.csv is in the upload (line 10 of",
        "Mark a file absent only when it is not in the upload.",
    ),
    "bulk_with_status": (
        "files.bulk_delta", "enrollments.csv", 5, 1,
        'status is "active" on line 5, but manifest.csv says enrollments.csv is bulk, so it '
        "must be blank.",
        "For a bulk file, leave status and dateLastModified empty on every row.",
    ),
    "bad_date": (
        "files.bad_value", "enrollments.csv", 6, 1,
        'beginDate "9/1/2026" on line 6 is not a date written as YYYY-MM-DD.',
        "Write dates as year-month-day, such as 2026-09-01.",
    ),
    "column_order": (
        "files.header_mismatch", "classes.csv", 1, 1,
        "The columns are not in the order this spec needs. It should be: sourcedId,status,",
        "Set the export to write the columns in this order: sourcedId,status,dateLastModified",
    ),
    "orphan_user": (
        "files.orphan_reference", "enrollments.csv", 7, 1,
        'userSourcedId "U999999" on line 7 is not in users.csv.',
        "Check that both files come from the same export run.",
    ),
    "orphan_term": (
        "files.orphan_reference", "classes.csv", 3, 1,
        'termSourcedIds "T9" on line 3 is not in academicSessions.csv.',
        "Check that both files come from the same export run.",
    ),
    "duplicate_id": (
        "files.duplicate_id", "enrollments.csv", 8, 1,
        'sourcedId "E00000001" on line 8 is already on line 2.',
        "",
    ),
}  # fmt: skip
BAD_ROLE = {
    "1.1": (
        "files.bad_value", "users.csv", 4, 1,
        'role "staff" on line 4 is not one of: administrator, aide, guardian, parent, '
        "proctor, relative, student, teacher.",
        "Use the exact words the spec lists, with the same capital letters.",
    ),
    "1.2": (
        "files.bad_value", "roles.csv", 4, 1,
        'role "staff" on line 4 is not one of: aide, counselor, districtAdministrator, '
        "guardian, parent, principal, proctor, relative and 4 more in the spec.",
        "Use the exact words the spec lists, with the same capital letters.",
    ),
}  # fmt: skip
CLEVER = {
    "capital_name": (
        "files.bad_name", "Students.csv", None, 1,
        "'Students.csv' is not a name the vendor imports: it has capital letters. It looks "
        "like students.csv.",
        "Rename 'Students.csv' to students.csv",
    ),
    "header_case": (
        "files.header_mismatch", "teachers.csv", 1, 1,
        'The header "teacher_id" should be "Teacher_id".',
        'Rename the column "teacher_id" to "Teacher_id" in the export, exactly as written.',
    ),
    "bad_grade": (
        "files.bad_value", "students.csv", 4, 1,
        'Grade "14" on line 4 is not one of: InfantToddler, Preschool, PreKindergarten,',
        "Use the exact words the spec lists",
    ),
    "bad_email": (
        "files.bad_value", "students.csv", 5, 1,
        'Student_email "s4.k12.example" on line 5 is not an email address.',
        "fix the value there",
    ),
    "duplicate_row": (
        "files.duplicate_row", "enrollments.csv", 62, 1,
        'Line 62 repeats line 3: the same Section_id "SEC003", Student_id "S00001".',
        "Remove the repeated row.",
    ),
    "orphan_section": (
        "files.orphan_reference", "enrollments.csv", 6, 1,
        'Section_id "SEC999" on line 6 is not in sections.csv.',
        "Check that both files come from the same export run.",
    ),
}  # fmt: skip


def _assert_one(run: object, expected: tuple[str, str, int | None, int, str, str]) -> None:
    code, file, line, count, words, fix = expected
    findings = run.findings  # type: ignore[attr-defined]
    assert [item["code"] for item in findings] == [code], run.stdout  # type: ignore[attr-defined]
    (found,) = findings
    assert (found["severity"], found["file"], found["line"], found["count"]) == (
        "error", file, line, count
    )  # fmt: skip
    assert words in found["message"]
    assert fix in found["fix"]
    assert run.exit_code == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_clean_oneroster_district_passes(tmp_path: Path, run_files: RunFiles, version: str) -> None:
    run = run_files(oneroster.write_oneroster(tmp_path, version), "--spec", f"oneroster-{version}",
                    "--format", "json")  # fmt: skip
    assert (run.exit_code, run.findings) == (0, []), run.stdout
    assert run.report["spec"] == f"oneroster-{version} spec"
    assert "manifest.csv" not in run.report["files_checked"]


# Without a manifest, 1.2's absent userProfiles.csv is also missing: tested on its own below.
ONEROSTER_CASES = [
    (version, defect)
    for version in ("1.1", "1.2")
    for defect in sorted(ONEROSTER)
    if (version, defect) != ("1.2", "no_manifest")
]


@pytest.mark.parametrize(("version", "defect"), ONEROSTER_CASES)
def test_oneroster_defect_is_found(
    tmp_path: Path, run_files: RunFiles, version: str, defect: str
) -> None:
    code, file, line, count, words, fix = ONEROSTER[defect]
    if defect == "absent_but_present" and version == "1.2":
        line, words = 11, words.replace("line 10", "line 11")  # 1.2's manifest lists roles too
    directory = oneroster.write_oneroster(tmp_path, version, defect)
    run = run_files(directory, "--spec", f"oneroster-{version}", "--format", "json")
    _assert_one(run, (code, file, line, count, words, fix))


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_oneroster_role_outside_the_enumeration(
    tmp_path: Path, run_files: RunFiles, version: str
) -> None:
    directory = oneroster.write_oneroster(tmp_path, version, "bad_role")
    _assert_one(run_files(directory, "--spec", f"oneroster-{version}", "--format", "json"),
                BAD_ROLE[version])  # fmt: skip


def test_without_a_manifest_an_absent_file_is_only_missing(
    tmp_path: Path, run_files: RunFiles
) -> None:
    run = run_files(oneroster.write_oneroster(tmp_path, "1.2", "no_manifest"),
                    "--spec", "oneroster-1.2", "--format", "json")  # fmt: skip
    assert [(f["code"], f["file"]) for f in run.findings] == [
        ("files.manifest", "manifest.csv"),
        ("files.missing", "userProfiles.csv"),
    ]


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_a_hidden_character_in_a_user_id_counts_the_links_that_break(
    tmp_path: Path, run_files: RunFiles, version: str
) -> None:
    directory = oneroster.write_oneroster(tmp_path, version, "hidden_id")
    run = run_files(directory, "--spec", f"oneroster-{version}", "--format", "json")
    found = [(f["code"], f["severity"], f["file"], f["line"], f["count"]) for f in run.findings]
    roles = [("files.hidden_character", "error", "roles.csv", 3, 1)] if version == "1.2" else []
    assert found == [
        ("files.hidden_character", "error", "users.csv", 3, 1),
        *roles,
        ("files.hidden_character", "error", "enrollments.csv", 7, 2),
        ("files.hidden_character", "error", "demographics.csv", 3, 1),
    ]
    assert run.findings[0]["message"] == (
        'sourcedId "U000002<NBSP>" on line 3 has a non-breaking space (U+00A0) at the end.'
    )
    assert run.findings[-2]["message"] == (
        'userSourcedId "U000002" on line 7 links to "U000002<NBSP>" in users.csv, which has '
        "a hidden character, so the link will not match. 2 rows in all, on lines 7, 37."
    )
    assert run.findings[-2]["fix"] == (
        "Remove the hidden character from the id in users.csv, as its own finding says. "
        "These rows in enrollments.csv then match it; they need no change."
    )
    assert run.exit_code == 1


def test_a_zip_of_the_district_is_checked_by_the_installed_command(tmp_path: Path) -> None:
    archive = oneroster.write_oneroster(tmp_path / "district", "1.2", "bad_date", zipped=True)
    command = [sys.executable, "-m", "sftpcheck", "files", str(archive), "--spec",
               "oneroster-1.2", "--format", "json"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 1, done.stderr
    assert f'"directory": "{archive}"' in done.stdout
    assert 'beginDate \\"9/1/2026\\" on line 6 is not a date written as YYYY-MM-DD.' in done.stdout


def test_a_zip_keeps_only_its_top_files(tmp_path: Path, run_files: RunFiles) -> None:
    folder = oneroster.write_oneroster(tmp_path / "d", "1.1")
    archive = tmp_path / "upload.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in folder.iterdir():
            bundle.write(path, path.name)
        bundle.writestr("../evil.csv", "x\n")
        bundle.writestr("old/users.csv", "not,the,one\n")
    run = run_files(archive, "--spec", "oneroster-1.1", "--format", "json")
    assert (run.exit_code, run.findings) == (0, []), run.stdout
    assert not (tmp_path / "evil.csv").exists()


def test_a_file_that_is_not_a_zip_is_exit_2(tmp_path: Path, run_files: RunFiles) -> None:
    fake = tmp_path / "upload.zip"
    fake.write_text("propertyName,value\n", encoding="utf-8")
    run = run_files(fake, "--spec", "oneroster-1.1")
    assert run.exit_code == 2
    assert run.stderr.startswith(f"sftpcheck: {fake} is not a zip file that can be read")


def test_clean_clever_district_passes(tmp_path: Path, run_files: RunFiles) -> None:
    # Its columns are in another order than Clever's, and T002 has a row per school.
    run = run_files(clever.write_clever(tmp_path), "--spec", "clever", "--format", "json")
    assert (run.exit_code, run.findings) == (0, []), run.stdout


@pytest.mark.parametrize("defect", sorted(CLEVER))
def test_clever_defect_is_found(tmp_path: Path, run_files: RunFiles, defect: str) -> None:
    run = run_files(clever.write_clever(tmp_path, defect), "--spec", "clever", "--format", "json")
    _assert_one(run, CLEVER[defect])


def test_an_unknown_spec_name_is_one_sentence(tmp_path: Path, run_files: RunFiles) -> None:
    run = run_files(write_district(tmp_path), "--spec", "oneroster")
    assert run.exit_code == 2
    assert run.stderr == (
        "sftpcheck: There is no spec named oneroster. Use one of: default, oneroster-1.1, "
        "oneroster-1.2, clever, or a TOML file.\n"
    )


# Issue 10, item 12: bytes that are not text, and a folder with nothing to check.


def test_an_xlsx_saved_as_csv_is_not_text(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    with zipfile.ZipFile(directory / "students.csv", "w") as workbook:
        workbook.writestr("xl/workbook.xml", "<workbook/>" * 50)
    run = run_files(directory, "--format", "json")
    assert [(f["code"], f["file"]) for f in run.findings] == [("files.not_text", "students.csv")]
    assert run.findings[0]["message"] == (
        "students.csv is not a text file: its first bytes show it is a zip file (an Excel "
        ".xlsx workbook is one)."
    )
    assert "pick the type 'CSV UTF-8 (Comma delimited)'" in run.findings[0]["fix"]
    assert run.exit_code == 1


def test_random_bytes_are_not_text_and_print_no_garbage(tmp_path: Path) -> None:
    directory = write_district(tmp_path)
    (directory / "staff.csv").write_bytes(os.urandom(20_000))
    command = [sys.executable, "-m", "sftpcheck", "files", str(directory)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 1
    assert "files.not_text" in done.stdout
    assert "staff.csv is not a text file: its first bytes show it is binary data, not text." in (
        " ".join(done.stdout.split())
    )
    assert "UTF-16" not in done.stdout
    assert all(ord(character) < 0x2E80 for character in done.stdout)  # no CJK garbage


def test_real_utf16_is_still_an_encoding_problem(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path, defect="utf16")
    assert run_files(directory, "--format", "json").codes() == ["files.encoding"]


@pytest.mark.parametrize("content", [None, "notes.md"])
def test_a_folder_without_spec_files_fails(
    tmp_path: Path, run_files: RunFiles, content: str | None
) -> None:
    if content:
        (tmp_path / content).write_text("not an export\n", encoding="utf-8")
    run = run_files(tmp_path, "--format", "json")
    assert run.exit_code == 1
    assert run.report["verdict"] == "fail"
    assert [f["code"] for f in run.findings] == ["files.no_files"]
    what = "is empty" if content is None else "holds none of the spec's files"
    assert run.findings[0]["message"].startswith(f"The folder {what}. The default spec expects:")
    text = run_files(tmp_path)
    assert "can be imported" not in text.stdout
    assert "Verdict: fail." in text.stdout


# Value rules in the default spec and in a district's own spec file.


def test_default_spec_grade_13_is_a_bad_value(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    path = directory / "students.csv"
    rows = path.read_bytes().decode("utf-8").split("\r\n")
    for number in (3, 8):  # lines 3 and 8
        rows[number - 1] = rows[number - 1].rsplit(",", 1)[0] + ",13"
    path.write_bytes("\r\n".join(rows).encode("utf-8"))
    run = run_files(directory, "--format", "json")
    assert [(f["code"], f["file"], f["line"], f["count"], f["column"]) for f in run.findings] == [
        ("files.bad_value", "students.csv", 3, 2, "grade")
    ]
    assert run.findings[0]["message"].startswith(
        'grade "13" on line 3 is not one of: PK, TK, K, KG, 1, 2, 3, 4 and 17 more in the spec. '
        "2 rows in all, on lines 3, 8."
    )


def test_a_vendor_spec_with_table_schema_rules(tmp_path: Path, run_files: RunFiles) -> None:
    spec = tmp_path / "vendor.toml"
    spec.write_text(
        """
[files."rosters.csv"]
columns = ["class", "learner", "seat", "start"]
required = ["class", "learner"]
primaryKey = ["class", "learner"]
fields.seat = { minimum = 1, maximum = 40 }
fields.start = { format = "date" }
fields.learner = { pattern = "L[0-9]{3}" }
""",
        encoding="utf-8",
    )
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "rosters.csv").write_text(
        "class,learner,seat,start\r\nA,L001,1,2026-09-01\r\nA,L002,41,2026-09-01\r\n"
        "B,L1,3,2026-02-30\r\nA,L001,4,2026-09-01\r\n",
        encoding="utf-8",
    )
    run = run_files(folder, "--spec", str(spec), "--format", "json")
    assert [(f["code"], f["line"], f["message"]) for f in run.findings] == [
        ("files.bad_value", 3, 'seat "41" on line 3 is above the maximum 40.'),
        ("files.bad_value", 4, 'learner "L1" on line 4 does not match the pattern L[0-9]{3}.'),
        ("files.bad_value", 4, 'start "2026-02-30" on line 4 is not a date written as YYYY-MM-DD.'),
        ("files.duplicate_row", 5, 'Line 5 repeats line 2: the same class "A", learner "L001".'),
    ]


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ('fields.grade = { enum = "K" }', "The enum of the rules of grade"),
        ('fields.grade = { format = "phone" }', "must be one of: date, datetime, email"),
        ('fields.grade = { pattern = "[" }', "is not a valid pattern"),
        ('fields.grade = { colour = "red" }', "has an unknown rule: colour"),
        ('column_order = "sorted"', 'must be "free" or "exact"'),
    ],
)
def test_a_bad_rule_is_one_sentence(
    tmp_path: Path, run_files: RunFiles, rule: str, words: str
) -> None:
    spec = tmp_path / "spec.toml"
    spec.write_text(f'[files."students.csv"]\ncolumns = ["grade"]\n{rule}\n', encoding="utf-8")
    run = run_files(write_district(tmp_path / "d"), "--spec", str(spec))
    assert run.exit_code == 2
    assert words in run.stderr
    assert run.stderr.count("\n") == 1


def test_a_delta_file_needs_status_and_date_on_every_row(
    tmp_path: Path, run_files: RunFiles
) -> None:
    directory = oneroster.write_oneroster(tmp_path, "1.1")
    manifest = directory / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("file.orgs,bulk", "file.orgs,delta"), "utf-8"
    )
    run = run_files(directory, "--spec", "oneroster-1.1", "--format", "json")
    assert [(f["code"], f["file"], f["line"], f["count"], f["column"]) for f in run.findings] == [
        ("files.bulk_delta", "orgs.csv", 2, 2, "status"),
    ]
    assert run.findings[0]["message"] == (
        "status and dateLastModified are empty on line 2, but manifest.csv says orgs.csv is "
        "delta, so each row needs them. 2 rows in all, on lines 2, 3."
    )
    # Filled in, as a delta export writes them, the file passes.
    orgs = directory / "orgs.csv"
    text = orgs.read_text(encoding="utf-8")
    orgs.write_text(
        text.replace("D1,,,", "D1,active,2026-11-30T22:15:00Z,").replace(
            "S1,,,", "S1,tobedeleted,2026-11-30T22:15:00.123+01:00,"
        ),
        encoding="utf-8",
    )
    run = run_files(directory, "--spec", "oneroster-1.1", "--format", "json")
    assert (run.exit_code, run.findings) == (0, []), run.stdout


DATAPACKAGE = {
    "name": "district-drop",
    "resources": [
        {
            "name": "schools",
            "path": "data/schools.csv",
            "schema": {
                "fields": [
                    {"name": "school_id", "type": "string", "constraints": {"required": True}},
                    {"name": "school_name", "type": "string"},
                ],
                "primaryKey": ["school_id"],
            },
        },
        {
            "name": "students",
            "path": "students.csv",
            "schema": "students.schema.json",
        },
    ],
}
STUDENTS_SCHEMA = {
    "fields": [
        {"name": "student_id", "type": "string", "constraints": {"required": True}},
        {"name": "school_id", "type": "string"},
        {"name": "first_name", "type": "string"},
        {"name": "last_name", "type": "string"},
        {"name": "grade", "type": "integer", "constraints": {"minimum": 0, "maximum": 12}},
    ],
    "primaryKey": "student_id",
    "foreignKeys": [
        {"fields": "school_id", "reference": {"resource": "schools", "fields": "school_id"}}
    ],
}


def test_a_frictionless_data_package_is_a_spec(tmp_path: Path, run_files: RunFiles) -> None:
    import json

    package = tmp_path / "datapackage.json"
    package.write_text(json.dumps(DATAPACKAGE), encoding="utf-8")
    (tmp_path / "students.schema.json").write_text(json.dumps(STUDENTS_SCHEMA), "utf-8")
    directory = write_district(tmp_path / "d")
    for name in ("staff.csv", "parents.csv", "sections.csv", "rosters.csv"):
        (directory / name).unlink()
    assert run_files(directory, "--spec", str(package), "--format", "json").findings == []
    path = directory / "students.csv"
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(
        text.replace("000004,SCH02,", "000004,SCH09,").replace(",Smith,3\r", ",Smith,13\r").encode()
    )
    run = run_files(directory, "--spec", str(package), "--format", "json")
    assert [(f["code"], f["line"]) for f in run.findings] == [
        ("files.bad_value", 3),
        ("files.orphan_reference", 5),
    ]
    assert run.findings[0]["message"] == (
        'grade "13" on line 3 is above the maximum 12. 2 rows in all, on lines 3, 27.'
    )
    assert run.findings[1]["message"] == 'school_id "SCH09" on line 5 is not in schools.csv.'
    assert run.report["spec"] == str(package)


def test_a_space_after_a_comma_in_a_list_of_ids_is_a_hidden_character(
    tmp_path: Path, run_files: RunFiles
) -> None:
    directory = oneroster.write_oneroster(tmp_path, "1.1")
    path = directory / "classes.csv"
    path.write_bytes(path.read_bytes().replace(b'"T1,T2"', b'"T1, T2"', 1))
    run = run_files(directory, "--spec", "oneroster-1.1", "--format", "json")
    assert [(f["code"], f["severity"], f["file"], f["line"]) for f in run.findings] == [
        ("files.hidden_character", "error", "classes.csv", 2)
    ]
    assert run.findings[0]["message"] == 'termSourcedIds " T2" on line 2 has a space at the start.'


def test_each_item_of_a_list_keeps_the_rule(tmp_path: Path, run_files: RunFiles) -> None:
    directory = oneroster.write_oneroster(tmp_path, "1.2")
    path = directory / "courses.csv"
    path.write_bytes(path.read_bytes().replace(b'"09,10"', b'"09,9"', 1))
    run = run_files(directory, "--spec", "oneroster-1.2", "--format", "json")
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in run.findings] == [
        ("files.bad_value", "courses.csv", 2, "grades")
    ]
    assert run.findings[0]["message"] == (
        'grades "09,9" on line 2 holds "9", which is not one of: IT, PR, PK, TK, KG, 01, 02, '
        "03 and 13 more in the spec."
    )


def test_a_zip_of_the_folder_itself_says_to_zip_the_files(
    tmp_path: Path, run_files: RunFiles
) -> None:
    folder = oneroster.write_oneroster(tmp_path / "district", "1.1")
    archive = tmp_path / "upload.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in folder.iterdir():
            bundle.write(path, f"district/{path.name}")
    run = run_files(archive, "--spec", "oneroster-1.1")
    assert run.exit_code == 2
    assert run.stderr == (
        f"sftpcheck: {archive} holds its files in the folder district/, not at the top of the "
        "zip. Zip the CSV files themselves, not the folder that holds them.\n"
    )


def test_a_hidden_character_in_a_key_that_is_also_a_link(
    tmp_path: Path, run_files: RunFiles
) -> None:
    # demographics.csv's sourcedId is its key (no file links to it) and a link to users.
    directory = oneroster.write_oneroster(tmp_path, "1.1")
    path = directory / "demographics.csv"
    path.write_bytes(path.read_bytes().replace(b"U000004,", b"U000004 ,", 1))
    run = run_files(directory, "--spec", "oneroster-1.1", "--format", "json")
    assert [(f["code"], f["severity"], f["file"], f["line"]) for f in run.findings] == [
        ("files.hidden_character", "error", "demographics.csv", 5)
    ]
    assert run.findings[0]["message"] == 'sourcedId "U000004 " on line 5 has a space at the end.'
