"""--details FILE.csv: every row of every finding (file, line, id, code), as a user runs it.

The report shows the first five lines of a finding; the details file has them all, with
the id the student system knows each row by.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.files import nights
from tests.files.conftest import Run, RunFiles
from tests.files.district import District, write_district

STUDENTS = 200


def _night(folder: Path, change: Callable[[District], None] | None = None) -> Path:
    return write_district(folder, students=STUDENTS, change=change)


def _of(run: Run, code: str) -> list[dict[str, Any]]:
    return [item for item in run.findings if item["code"] == code]


def _details(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_details_lists_every_row_with_its_id(tmp_path: Path, run_files: RunFiles) -> None:
    def change(district: District) -> None:
        nights.without_classes({f"{n:06d}" for n in range(10, 22)})(district)

    folder = _night(tmp_path / "now", change)
    details = tmp_path / "rows.csv"
    run = run_files(folder, "--no-remember", "--details", str(details), "--format", "json")
    (unlisted,) = _of(run, "files.student_without_class")
    # The report shows the first five; the details file has all twelve, with their ids.
    assert (unlisted["count"], unlisted["lines"]) == (12, [11, 12, 13, 14, 15])
    rows = _details(details)
    assert rows[0] == ["file", "line", "id", "code"]
    assert rows[1:] == [
        ["students.csv", str(n + 1), f"{n:06d}", "files.student_without_class"]
        for n in range(10, 22)
    ]


def test_details_of_a_file_without_a_key_name_its_ids(tmp_path: Path, run_files: RunFiles) -> None:
    def change(district: District) -> None:
        for index in (3, 9, 27, 81, 243, 500, 700):
            district.edit("rosters.csv", index, lambda row: ["SEC99999", row[1]])

    folder = _night(tmp_path / "now", change)
    details = tmp_path / "rows.csv"
    run = run_files(folder, "--no-remember", "--details", str(details), "--format", "json")
    (orphans,) = _of(run, "files.orphan_reference")
    assert orphans["count"] == 7
    rows = _details(details)[1:]
    assert [row[1] for row in rows] == ["5", "11", "29", "83", "245", "502", "702"]
    assert rows[0] == ["rosters.csv", "5", "SEC99999 / 000004", "files.orphan_reference"]


def test_details_hold_the_guards_rows_too(tmp_path: Path, run_files: RunFiles) -> None:
    before = _night(tmp_path / "before")
    now = _night(tmp_path / "now", nights.remove_share(15))
    details = tmp_path / "rows.csv"
    run_files(now, "--previous", str(before), "--details", str(details))
    rows = _details(details)[1:]
    gone = [row for row in rows if row[0] == f"{before}/students.csv"]
    assert len(gone) == 30
    assert gone[0] == [f"{before}/students.csv", "2", "000001", "files.mass_removal"]
    # A file compared by its rows has no ids to list: one row names the finding.
    assert [f"{before}/rosters.csv", "", "", "files.mass_removal"] not in rows
    assert ["rosters.csv", "", "", "files.mass_removal"] in rows


def test_details_that_cannot_be_written_is_exit_2(tmp_path: Path, run_files: RunFiles) -> None:
    run = run_files(
        _night(tmp_path / "now"), "--no-remember", "--details", str(tmp_path / "no" / "rows.csv")
    )
    assert run.exit_code == 2
    assert run.stderr.startswith("sftpcheck: Cannot write the details to ")


def test_a_value_a_spreadsheet_would_run_is_written_as_text(
    tmp_path: Path, run_files: RunFiles
) -> None:
    def change(district: District) -> None:
        district.edit("rosters.csv", 0, lambda row: ["=HYPERLINK(1)", row[1]])

    details = tmp_path / "rows.csv"
    run_files(_night(tmp_path / "now", change), "--no-remember", "--details", str(details))
    assert _details(details)[1][2] == "'=HYPERLINK(1) / 000001"
