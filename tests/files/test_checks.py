"""The single-file check for uploads, the finer detectors, and the reasons' wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from sftpcheck.errors import InputError
from sftpcheck.files import Severity, check_single_file, load_spec
from sftpcheck.files.header import match_header
from sftpcheck.files.values import hidden_problem, mangled_problem
from sftpcheck.reasons import CATALOG
from sftpcheck.reasons.files import REASONS
from tests.files.conftest import RunFiles
from tests.files.district import write_district

STUDENTS_HEADER = "student_id,school_id,first_name,last_name,grade\r\n"


def test_single_file_clean_gives_nothing(tmp_path: Path) -> None:
    directory = write_district(tmp_path)
    assert check_single_file(directory / "rosters.csv") == []
    assert check_single_file(directory / "students.csv", load_spec()) == []


def test_single_file_names_encoding_bom_and_header(tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    text = "\ufeffStudent ID,school_id,first_name,last_name,grade\r\n1,S,Zoë,Li,3\r\n"
    path.write_bytes(text.encode("utf-8"))
    found = check_single_file(path)
    assert [(f.code, f.line) for f in found] == [("files.bom", 1), ("files.header_mismatch", 1)]
    path.write_bytes((STUDENTS_HEADER + "1,S,Zoë,Li,3\r\n").encode("cp1252"))
    (only,) = check_single_file(path)
    assert (only.code, only.severity, only.line) == ("files.encoding", Severity.ERROR, 2)
    # The header is 49 bytes with its line end; "1,S,Zo" is 6 more.
    assert "line 2, byte offset 55 (0xEB, which is 'ë' in Windows-1252)." in only.message


def test_single_file_with_a_bad_name_is_checked_as_the_name_it_meant(tmp_path: Path) -> None:
    path = tmp_path / "Students (1).csv"
    path.write_text("student_id,school_id,first_name,last_name\r\n", encoding="utf-8")
    found = check_single_file(path)
    assert [f.code for f in found] == ["files.bad_name", "files.missing_column", "files.empty"]
    assert found[0].message.endswith("It looks like students.csv.")
    assert found[1].message == 'The required column "grade" is not in the header.'


def test_single_file_missing_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        check_single_file(tmp_path / "students.csv")


@pytest.mark.parametrize("spelled", ["Student ID", "student-id", "StudentID", "studnet_id"])
def test_header_names_the_expected_column(spelled: str) -> None:
    spec = load_spec().file("students.csv")
    assert spec is not None
    header = [spelled, "school_id", "first_name", "last_name", "grade"]
    match = match_header(header, spec, "students.csv")
    assert [f.message for f in match.findings] == [
        f'The header "{spelled}" should be "student_id".'
    ]
    assert match.index()["student_id"] == 0


def test_semicolons_are_named() -> None:
    spec = load_spec().file("schools.csv")
    assert spec is not None
    match = match_header(["school_id;school_name"], spec, "schools.csv")
    assert "The header uses semicolons between names, not commas." in match.findings[0].message


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("1.23457E+11", "scientific notation"),
        ("3-Jan", "looks like a date"),
        ("Jan-99", "looks like a date"),
        ("1/3/2024", "looks like a date"),
        ("2024-01-03", "looks like a date"),
        ("12345.0", "ends in .0"),
    ],
)
def test_spreadsheet_damage(value: str, problem: str) -> None:
    found = mangled_problem(value)
    assert found is not None, value
    assert problem in found


@pytest.mark.parametrize("value", ["000123", "SEC-01", "T0001", "2024-101", "A1E5", "12.5"])
def test_plain_ids_are_not_damage(value: str) -> None:
    assert mangled_problem(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("123 ", "a space at the end"),
        ("\t123", "a tab at the start"),
        ("Mary\u00a0Ann", "a non-breaking space (U+00A0)"),
        ("12\u200b3", "a zero-width space (U+200B)"),
        ("ab\x07c", "a control character (U+0007)"),
        ("  ", "only spaces"),
    ],
)
def test_hidden_characters_are_named(value: str, problem: str) -> None:
    assert hidden_problem(value) == problem


@pytest.mark.parametrize("value", ["José", "O'Brien", "Room 12\nBuilding B", "", "a b"])
def test_visible_values_are_clean(value: str) -> None:
    assert hidden_problem(value) is None


def test_date_converted_section_ids_are_found(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    path = directory / "rosters.csv"
    path.write_text(path.read_text("utf-8").replace("SEC00003,000002", "3-Jan,000002"), "utf-8")
    found = run_files(directory, "--format", "json").findings
    assert [(f["code"], f["file"], f["line"]) for f in found] == [
        ("files.excel_mangled", "rosters.csv", 3)
    ]
    assert "Data, then From Text/CSV" in found[0]["fix"]


def test_utf16_without_bom_is_named(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    path = directory / "schools.csv"
    path.write_bytes(path.read_text("utf-8").encode("utf-16-le"))
    found = run_files(directory, "--format", "json").findings
    assert [f["code"] for f in found] == ["files.encoding"]
    assert "UTF-16 little endian" in found[0]["message"]
    assert "byte offset 1" in found[0]["message"]


def test_a_header_that_is_data_in_another_shape(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    (directory / "schools.csv").write_text("SCH01,Lincoln,2020\r\n", encoding="utf-8")
    found = run_files(directory, "--format", "json").findings
    codes = {f["code"] for f in found}
    assert "files.no_header" in codes
    # Without column names the school ids are unknown, so links to them are not judged.
    assert "files.orphan_reference" not in codes


def test_every_reason_is_in_the_catalog_with_its_contract_status() -> None:
    warns = {
        "files.missing",
        "files.bom",
        "files.hidden_character",
        "files.no_contact",
        "files.student_without_class",
        "files.section_without_teacher",
        "files.section_lost_teacher",
        "files.student_lost_classes",
    }
    assert len(REASONS) == 29  # the contract's 26, files.link_mismatch and two guard warnings
    for reason in REASONS:
        assert CATALOG[reason.code] is reason
        assert (reason.status.value == "warn") == (reason.code in warns), reason.code
        assert reason.title
        assert reason.fix
        assert reason.confirm


def _grade(text: str) -> float:
    import nltk
    import textstat
    from textstat.backend.counts import _count_syllables

    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        # No cmudict offline (textstat would try to download it): count syllables with
        # textstat's own hyphenation dictionary instead.
        _count_syllables.get_cmudict = lambda lang: None  # type: ignore[assignment,misc]
    return float(textstat.flesch_kincaid_grade(text))


@pytest.mark.parametrize("reason", REASONS, ids=lambda reason: reason.code)
def test_reasons_read_at_grade_9_or_below(reason: object) -> None:
    from sftpcheck.model import Reason

    assert isinstance(reason, Reason)
    for text in (reason.explanation, *reason.fix):
        assert _grade(text) <= 9, text


def test_single_file_that_is_a_workbook_is_not_text(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "students.csv"
    with zipfile.ZipFile(path, "w") as workbook:
        workbook.writestr("xl/workbook.xml", "<workbook/>")
    (only,) = check_single_file(path)
    assert (only.code, only.severity, only.file) == (
        "files.not_text",
        Severity.ERROR,
        "students.csv",
    )
    assert "a zip file (an Excel .xlsx workbook is one)" in only.message
