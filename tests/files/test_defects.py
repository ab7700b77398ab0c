"""Each finding code, found in a district with that one defect, as the user sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sftpcheck.reasons.files import REASONS
from tests.files.conftest import RunFiles
from tests.files.district import DEFECTS, lose_all_zeros, write_district

# defect -> (code, severity, file, first line, words the message must hold)
EXPECTED = {
    "bad_name": (
        "files.bad_name",
        "error",
        "Students (1).csv",
        None,
        "It looks like students.csv",
    ),
    "missing": ("files.missing", "warn", "parents.csv", None, "parents.csv is not in the folder"),
    # A header and no rows is a well-formed file: a warning (the guard knows if it had rows).
    "empty": ("files.empty", "warn", "parents.csv", None, "has a header line but no rows"),
    "encoding": ("files.encoding", "error", "students.csv", 2, "it looks like Windows-1252"),
    "utf16": ("files.encoding", "error", "students.csv", None, "UTF-16 little endian"),
    "bom": ("files.bom", "warn", "schools.csv", 1, "byte order mark"),
    "no_header": (
        "files.no_header",
        "error",
        "schools.csv",
        1,
        'data, not a header: "SCH01,Lincoln Elementary"',
    ),
    "header_mismatch": (
        "files.header_mismatch",
        "error",
        "staff.csv",
        1,
        'The header "Staff ID" should be "staff_id"',
    ),
    "missing_column": (
        "files.missing_column",
        "error",
        "students.csv",
        1,
        'The required column "grade" is not in the header',
    ),
    "ragged_row": (
        "files.ragged_row",
        "error",
        "students.csv",
        6,
        "Line 6 has 6 values, but the header has 5",
    ),
    "hidden_character": (
        "files.hidden_character",
        "warn",
        "staff.csv",
        3,
        "first_name on line 3 has a non-breaking space (U+00A0) at the end",
    ),
    "excel_mangled": (
        "files.excel_mangled",
        "error",
        "rosters.csv",
        4,
        'student_id "1.23457E+11" on line 4 is a number in scientific notation',
    ),
    "leading_zeros": (
        "files.leading_zeros",
        "error",
        "rosters.csv",
        7,
        'student_id "6" on line 7 is "000006" in students.csv',
    ),
    "duplicate_id": (
        "files.duplicate_id",
        "error",
        "students.csv",
        42,
        'student_id "000003" on line 42 is already on line 4',
    ),
    "missing_required": (
        "files.missing_required",
        "error",
        "students.csv",
        6,
        "last_name is empty on line 6",
    ),
    "orphan_reference": (
        "files.orphan_reference",
        "error",
        "rosters.csv",
        5,
        'section_id "SEC99999" on line 5 is not in sections.csv',
    ),
    "no_contact": (
        "files.no_contact",
        "warn",
        "parents.csv",
        4,
        'line 4 (parent_id "P000003") has no email and no phone',
    ),
    "student_without_class": (
        "files.student_without_class",
        "warn",
        "students.csv",
        42,
        'student_id "999999" on line 42 is on no line of rosters.csv',
    ),
    "section_without_teacher": (
        "files.section_without_teacher",
        "warn",
        "sections.csv",
        2,
        'names staff_id "T0002", who has no email and no phone in staff.csv',
    ),
}

# A defect whose cause the user must also see in another file.
ALSO = {"section_without_teacher": {"files.no_contact"}}


# Codes the default district cannot show; tests/files/test_specs.py finds each of them,
# and tests/files/test_guard.py the guard's, which need two exports to compare.
ELSEWHERE = {
    "files.not_text",
    "files.no_files",
    "files.bad_value",
    "files.duplicate_row",
    "files.manifest",
    "files.bulk_delta",
    "files.link_mismatch",
    "files.mass_removal",
    "files.rekeyed",
    "files.section_lost_teacher",
    "files.student_lost_classes",
}


def test_every_code_has_a_defect() -> None:
    found = {code for code, *_ in EXPECTED.values()}
    assert found | ELSEWHERE == {reason.code for reason in REASONS}
    assert set(EXPECTED) == set(DEFECTS)


def test_clean_district_has_no_finding(tmp_path: Path, run_files: RunFiles) -> None:
    run = run_files(write_district(tmp_path), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert run.findings == []
    assert run.report["verdict"] == "pass"
    assert run.report["schema"] == 1


def test_clean_district_with_unix_line_ends(tmp_path: Path, run_files: RunFiles) -> None:
    run = run_files(write_district(tmp_path, newline="\n"), "--format", "json")
    assert (run.exit_code, run.findings) == (0, [])


@pytest.mark.parametrize("defect", sorted(EXPECTED))
def test_defect_is_found(tmp_path: Path, run_files: RunFiles, defect: str) -> None:
    code, severity, file, line, words = EXPECTED[defect]
    run = run_files(write_district(tmp_path, defect=defect), "--format", "json")
    assert set(run.codes()) == {code} | ALSO.get(defect, set()), run.stdout
    found = next(item for item in run.findings if item["code"] == code)
    assert (found["severity"], found["file"], found["line"]) == (severity, file, line)
    assert words in found["message"]
    assert found["fix"]
    assert isinstance(found["fix"], str)
    assert run.exit_code == (1 if severity == "error" else 0)
    assert run.report["verdict"] == ("fail" if severity == "error" else "warn")


def test_encoding_names_the_byte_offset(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path, defect="encoding")
    data = (directory / "students.csv").read_bytes()
    offset = data.index("í".encode("cp1252"))
    message = run_files(directory, "--format", "json").findings[0]["message"]
    assert f"line 2, byte offset {offset} (0xED" in message


def test_windows_only_bytes_say_windows_1252(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    text = "school_id,school_name\r\nSCH01,\u201cLincoln\u201d Elementary\r\nSCH02,Washington\r\n"
    (directory / "schools.csv").write_bytes(text.encode("cp1252"))
    found = run_files(directory, "--format", "json").findings
    assert [item["code"] for item in found] == ["files.encoding"]
    assert "it looks like Windows-1252. The first byte" in found[0]["message"]
    assert "line 2, byte offset 29 (0x93" in found[0]["message"]


def test_a_misnamed_file_is_checked_as_the_file_it_stands_for(
    tmp_path: Path, run_files: RunFiles
) -> None:
    directory = write_district(tmp_path, defect="bad_name")
    path = directory / "Students (1).csv"
    path.write_text(path.read_text(encoding="utf-8").replace("000005", "000005 "), "utf-8")
    run = run_files(directory, "--format", "json")
    assert run.codes()[:2] == ["files.bad_name", "files.hidden_character"]
    assert run.findings[1]["file"] == "Students (1).csv"
    assert run.findings[1]["line"] == 6


def test_a_hidden_character_in_a_key_is_an_error_and_counts_its_broken_links(
    tmp_path: Path, run_files: RunFiles
) -> None:
    directory = write_district(tmp_path)
    path = directory / "students.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("000005,", "000005\u00a0,"), "utf-8")
    run = run_files(directory, "--format", "json")
    assert run.exit_code == 1
    found = [(f["code"], f["severity"], f["file"], f["line"], f["count"]) for f in run.findings]
    assert found == [
        ("files.hidden_character", "error", "students.csv", 6, 1),
        ("files.hidden_character", "error", "parents.csv", 6, 1),
        ("files.hidden_character", "error", "rosters.csv", 6, 4),
    ]
    assert (
        'student_id "000005<NBSP>" on line 6 has a non-breaking space' in run.findings[0]["message"]
    )
    assert run.findings[2]["message"] == (
        'student_id "000005" on line 6 links to "000005<NBSP>" in students.csv, which has a '
        "hidden character, so the link will not match. 4 rows in all, on lines 6, 46, 86, 126."
    )


def test_a_file_of_zero_bytes_is_empty(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    (directory / "parents.csv").write_bytes(b"")
    found = run_files(directory, "--format", "json").findings
    assert [(item["code"], item["file"]) for item in found] == [("files.empty", "parents.csv")]
    assert "it has 0 bytes" in found[0]["message"]


def test_many_bad_rows_give_one_finding_with_count_and_lines(
    tmp_path: Path, run_files: RunFiles
) -> None:
    directory = write_district(tmp_path)
    path = directory / "rosters.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    for number in (3, 9, 10, 20, 30, 40, 50):
        lines[number - 1] = "SEC99999," + lines[number - 1].split(",")[1]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    found = run_files(directory, "--format", "json").findings
    assert [item["code"] for item in found] == ["files.orphan_reference"]
    assert (found[0]["count"], found[0]["lines"]) == (7, [3, 9, 10, 20, 30])
    assert "7 rows in all, on lines 3, 9, 10, 20, 30, ..." in found[0]["message"]


def test_line_numbers_count_line_breaks_inside_quotes(tmp_path: Path, run_files: RunFiles) -> None:
    # sections.csv row 1 holds a line break, so its fourth row starts on line 6, not 5.
    directory = write_district(tmp_path)
    path = directory / "sections.csv"
    path.write_text(path.read_text("utf-8").replace("SEC00004,SCH02", "SEC00004,"), "utf-8")
    found = run_files(directory, "--format", "json").findings
    assert [(item["code"], item["line"]) for item in found] == [("files.missing_required", 6)]
    assert "school_id is empty on line 6." in found[0]["message"]


def test_rows_of_rosters_name_their_own_lines(tmp_path: Path, run_files: RunFiles) -> None:
    # rosters.csv has no key, so its lines are worked out only for rows with a problem.
    directory = write_district(tmp_path)
    path = directory / "rosters.csv"
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    # Line 5 blank; a record on lines 6-7 whose id holds a line break; line 8 no student.
    lines[4:4] = ["", 'SEC00001,"000001', '"', "SEC00002,"]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    found = run_files(directory, "--format", "json").findings
    # Errors first; the blank line is only a warning, as most readers skip it.
    assert [(f["code"], f["line"], f["severity"]) for f in found] == [
        ("files.missing_required", 8, "error"),
        ("files.hidden_character", 6, "error"),
        ("files.ragged_row", 5, "warn"),
    ]
    assert found[2]["message"] == (
        "rosters.csv has a blank line between the rows, first on line 5. Most importers "
        "skip blank lines; a strict one may stop on them."
    )
    assert found[0]["message"] == "student_id is empty on line 8."
    assert found[1]["message"] == (
        'student_id "000001\\r\\n" on line 6 has a line break at the end.'
    )


def test_staff_without_contact_columns(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    path = directory / "staff.csv"
    rows = [line.split(",")[:4] for line in path.read_text("utf-8").splitlines()]
    path.write_text("".join(",".join(row) + "\r\n" for row in rows), encoding="utf-8")
    found = run_files(directory, "--format", "json").findings
    assert [(f["code"], f["file"]) for f in found] == [
        ("files.no_contact", "staff.csv"),
        ("files.section_without_teacher", "sections.csv"),
    ]
    assert (
        found[0]["message"]
        == "staff.csv has no email and no phone column, so no one in it can be reached."
    )
    assert found[1]["count"] == 8


@pytest.mark.parametrize(("kept", "count"), [(None, 160), ("000001", 156)])
def test_every_roster_line_losing_its_zeros_is_one_finding_with_the_exact_count(
    tmp_path: Path, run_files: RunFiles, kept: str | None, count: int
) -> None:
    directory = write_district(tmp_path, change=lose_all_zeros)
    if kept:  # student 000001's four lines keep their zeros: good values are the fewer
        path = directory / "rosters.csv"
        path.write_bytes(path.read_bytes().replace(b",1\r\n", b",000001\r\n"))
    run = run_files(directory, "--format", "json")
    assert [(f["code"], f["file"], f["count"]) for f in run.findings] == [
        ("files.leading_zeros", "rosters.csv", count)
    ]
    first = 3 if kept else 2
    assert run.findings[0]["message"].startswith(
        f'student_id "{2 if kept else 1}" on line {first} is "00000{2 if kept else 1}" in '
        f"students.csv. {count} rows in all, on lines {first}, "
    )
