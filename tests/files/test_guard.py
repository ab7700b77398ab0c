"""The guard: this export against the one sent last time, as a user runs `files`.

Each test writes a district on two nights (tests/files/nights.py) and runs the real
command, with --previous or with the summary it keeps between runs (in the test's own
XDG_STATE_HOME, tests/files/conftest.py).
"""

from __future__ import annotations

import base64
import csv
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.files import nights
from tests.files.conftest import Run, RunFiles
from tests.files.district import DEFECTS, District, write_district
from tests.files.oneroster import write_oneroster

STUDENTS = 200


def _night(folder: Path, change: Callable[[District], None] | None = None) -> Path:
    return write_district(folder, students=STUDENTS, change=change)


def _of(run: Run, code: str) -> list[dict[str, Any]]:
    return [item for item in run.findings if item["code"] == code]


def _changes(run: Run) -> dict[str, tuple[Any, ...]]:
    return {
        item["file"]: (item["before"], item["after"], item["added"], item["removed"])
        for item in run.report["changes"]
    }


def test_a_normal_night_says_nothing(tmp_path: Path, run_files: RunFiles) -> None:
    before = _night(tmp_path / "before")
    now = _night(tmp_path / "now", nights.normal_night)
    run = run_files(now, "--previous", str(before), "--format", "json")
    assert (run.exit_code, run.findings) == (0, [])
    assert run.report["compared_with"] == str(before)
    assert _changes(run) == {
        "schools.csv": (2, 2, 0, 0),
        "students.csv": (200, 200, 2, 2),
        "staff.csv": (21, 21, 0, 0),
        "parents.csv": (200, 200, 2, 2),
        "sections.csv": (40, 40, 0, 0),
        "rosters.csv": (800, 796, None, None),
    }


def test_a_file_with_headers_only_lost_every_row(tmp_path: Path, run_files: RunFiles) -> None:
    before = _night(tmp_path / "before")
    now = _night(tmp_path / "now", DEFECTS["empty"])  # parents.csv: a header, no rows
    run = run_files(now, "--previous", str(before), "--format", "json")
    assert run.exit_code == 1
    (lost,) = _of(run, "files.mass_removal")
    assert (lost["file"], lost["severity"], lost["count"]) == ("parents.csv", "error", 200)
    assert lost["message"].startswith("parents.csv had 200 rows last time and has none now.")
    # One cause, one finding: not also files.empty for the same file.
    assert _of(run, "files.empty") == []


def test_a_school_filtered_out_is_named(tmp_path: Path, run_files: RunFiles) -> None:
    before = _night(tmp_path / "before")
    now = _night(tmp_path / "now", nights.without_school)
    run = run_files(now, "--previous", str(before), "--format", "json")
    assert run.exit_code == 1
    lost = {item["file"]: item["message"] for item in _of(run, "files.mass_removal")}
    assert lost["students.csv"].startswith(
        'Every row of one school is gone from students.csv: school_id "SCH02" (100 rows).'
    )
    assert 'school_id "SCH02"' in lost["staff.csv"]
    assert 'school_id "SCH02"' in lost["sections.csv"]
    # Parents and roster lines have no school column: their share says it.
    assert "(50%), more than the 10% allowed" in lost["parents.csv"]
    assert lost["rosters.csv"].startswith("rosters.csv has ")
    assert "schools.csv" not in lost  # its one school of two is below the smallest count


def test_rekeyed_ids_are_one_finding_not_a_removal(tmp_path: Path, run_files: RunFiles) -> None:
    before = _night(tmp_path / "before")
    now = _night(tmp_path / "now", nights.rekeyed)
    run = run_files(now, "--previous", str(before), "--format", "json")
    assert run.exit_code == 1
    (rekeyed,) = _of(run, "files.rekeyed")
    assert (rekeyed["file"], rekeyed["line"], rekeyed["count"]) == ("students.csv", 2, 200)
    assert rekeyed["message"].startswith(
        "200 of the 200 student_id values in students.csv are new since last time (100%), "
        "while the count held (200 last time)."
    )
    assert 'New: "ST000001", "ST000002"' in rekeyed["message"]
    assert not [item for item in _of(run, "files.mass_removal") if item["file"] == "students.csv"]
    assert _changes(run)["students.csv"] == (200, 200, 200, 200)


def test_fifteen_percent_removed_is_more_than_ten(tmp_path: Path, run_files: RunFiles) -> None:
    before = _night(tmp_path / "before")
    now = _night(tmp_path / "now", nights.remove_share(15))
    run = run_files(now, "--previous", str(before), "--format", "json")
    assert run.exit_code == 1
    lost = {item["file"]: item for item in _of(run, "files.mass_removal")}
    assert sorted(lost) == ["parents.csv", "rosters.csv", "students.csv"]
    assert lost["students.csv"]["message"].startswith(
        "30 of the 200 student_id values in students.csv last time are gone (15%), more "
        "than the 10% allowed; 0 are new. Rows: 200 last time, 170 now."
    )
    assert lost["students.csv"]["count"] == 30
    assert lost["rosters.csv"]["message"] == (
        "rosters.csv has 680 rows, 120 fewer than the 800 last time (15%). That is more "
        "than the 10% allowed."
    )
    # A higher limit lets the same change through; the table still shows it.
    relaxed = run_files(now, "--previous", str(before), "--max-removed", "20", "--format", "json")
    assert (relaxed.exit_code, relaxed.findings) == (0, [])
    assert _changes(relaxed)["students.csv"] == (200, 170, 0, 30)


def test_sections_that_lost_their_teacher_and_students_their_classes(
    tmp_path: Path, run_files: RunFiles
) -> None:
    before = _night(tmp_path / "before")

    def change(district: District) -> None:
        nights.without_teacher_contact("T0003")(district)
        # Seven: more than the five lines a finding keeps, so every one must be read.
        nights.without_classes({f"{n:06d}" for n in range(7, 14)})(district)

    now = _night(tmp_path / "now", change)
    run = run_files(now, "--previous", str(before), "--format", "json")
    assert run.exit_code == 0
    (teacher,) = _of(run, "files.section_lost_teacher")
    assert teacher["severity"] == "warn"
    assert teacher["message"] == (
        "2 of the sections in sections.csv had a teacher last time and have none now. "
        'The first: section_id "SEC00002" on line 4.'
    )
    (classes,) = _of(run, "files.student_lost_classes")
    assert classes["message"] == (
        "7 of the students in students.csv were in a class last time and are in none now. "
        'The first: student_id "000007" on line 8.'
    )
    assert (classes["count"], classes["lines"]) == (7, [8, 9, 10, 11, 12])
    # The check's own warnings stay beside them: they say what is wrong now.
    assert _of(run, "files.section_without_teacher")
    assert _of(run, "files.student_without_class")


def test_the_change_table_in_text_and_markdown(tmp_path: Path, run_files: RunFiles) -> None:
    before = _night(tmp_path / "before")
    now = _night(tmp_path / "now", nights.normal_night)
    text = run_files(now, "--previous", str(before)).stdout
    assert f"Changes since last time (compared with {before}):" in text
    assert "  students.csv          200       200        2         2" in text
    assert "  rosters.csv           800       796        -         -" in text
    markdown = run_files(now, "--previous", str(before), "--format", "markdown").stdout
    assert "## Changes since last time" in markdown
    assert "| `students.csv` | 200 | 200 | 2 | 2 |" in markdown


def test_a_zip_sent_last_time(tmp_path: Path, run_files: RunFiles) -> None:
    before = _night(tmp_path / "before")
    packed = tmp_path / "sent.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        for path in before.iterdir():
            archive.write(path, path.name)
    now = _night(tmp_path / "now", nights.remove_share(15))
    run = run_files(now, "--previous", str(packed), "--format", "json")
    assert {item["file"] for item in _of(run, "files.mass_removal")} == {
        "students.csv",
        "parents.csv",
        "rosters.csv",
    }


# The summary kept between runs.


def test_remembered_across_runs_of_the_same_folder(
    tmp_path: Path, run_files: RunFiles, state_home: Path
) -> None:
    folder = _night(tmp_path / "exports")
    first = run_files(folder, "--format", "json")
    assert first.exit_code == 0
    assert "changes" not in first.report
    assert first.report["notes"][0].startswith("Nothing to compare with yet")
    (stored,) = (state_home / "sftpcheck" / "exports").iterdir()
    assert stored.stat().st_mode & 0o777 == 0o600
    assert (state_home / "sftpcheck" / "key").stat().st_mode & 0o777 == 0o600

    _night(folder, nights.remove_share(15))  # tonight's export, in the same folder
    second = run_files(folder, "--format", "json")
    assert second.exit_code == 1
    assert {item["file"] for item in _of(second, "files.mass_removal")} == {
        "students.csv",
        "parents.csv",
        "rosters.csv",
    }
    assert second.report["compared_with"].startswith("the export checked here on ")
    # A broken export is not remembered: checked again, it is still compared with the
    # good one, not with itself.
    again = run_files(folder, "--format", "json")
    assert again.codes() == second.codes()
    assert "run once with --max-removed 100" in again.report["notes"][-1]
    # When the change is real, --max-removed 100 accepts it, once.
    assert run_files(folder, "--max-removed", "100").exit_code == 0
    after = run_files(folder, "--format", "json")
    assert (after.exit_code, after.findings) == (0, [])
    assert _changes(after)["students.csv"] == (170, 170, 0, 0)


def test_a_hashed_name_is_still_named_from_this_export(tmp_path: Path, run_files: RunFiles) -> None:
    folder = _night(tmp_path / "exports")
    run_files(folder)
    _night(folder, nights.rekeyed)
    run = run_files(folder, "--format", "json")
    (rekeyed,) = _of(run, "files.rekeyed")
    assert 'New: "ST000001", "ST000002"' in rekeyed["message"]
    _night(folder, nights.without_school)
    run = run_files(folder, "--format", "json")
    (students,) = (
        item for item in _of(run, "files.mass_removal") if item["file"] == "students.csv"
    )
    # SCH02 is still in schools.csv, so its hash is named.
    assert 'school_id "SCH02" (100 rows)' in students["message"]


def test_no_remember_reads_and_writes_nothing(
    tmp_path: Path, run_files: RunFiles, state_home: Path
) -> None:
    folder = _night(tmp_path / "exports")
    run = run_files(folder, "--no-remember", "--format", "json")
    assert run.exit_code == 0
    assert "changes" not in run.report
    assert "notes" not in run.report
    assert list(state_home.iterdir()) == []
    # Nor is a summary kept by an earlier run read.
    run_files(folder)
    _night(folder, DEFECTS["empty"])
    assert _of(run_files(folder, "--no-remember", "--format", "json"), "files.mass_removal") == []


def test_the_stored_summary_holds_no_id_and_no_name(
    tmp_path: Path, run_files: RunFiles, state_home: Path
) -> None:
    folder = _night(tmp_path / "exports")
    run_files(folder)
    (stored,) = (state_home / "sftpcheck" / "exports").iterdir()
    text = stored.read_text(encoding="utf-8")
    words: set[str] = set()
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        words.update(value for row in rows[1:] for value in row)
    # Grades and short numbers could be anyone's; every id and name must be absent.
    words = {word for word in words if len(word) >= 6 or (len(word) >= 2 and not word.isdigit())}
    assert {"000001", "SCH01", "T0001", "P000001", "SEC00001", "Bo", "García"} <= words
    data = json.loads(text)
    hashes = [
        item[name]
        for item in data["files"].values()
        for name in ("ids", "no_teacher", "unlisted")
        if item[name]
    ]
    # The hashes are random bytes in base64, where a short word may show by chance:
    # outside them, no word at all; inside them, 8-byte hashes and no id as text.
    rest = text
    for packed in hashes:
        rest = rest.replace(packed, "")
    assert [word for word in words if word in rest] == []
    raw = b"".join(base64.b64decode(packed) for packed in hashes)
    assert len(raw) % 8 == 0
    assert [word for word in words if len(word) >= 6 and word.encode() in raw] == []
    assert data["files"]["students.csv"]["rows"] == STUDENTS
    assert set(data) == {"version", "key_check", "spec", "checked_at", "files"}


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{not json", "could not be read"),
        ('{"version": 0, "files": {}}', "is from another version of sftpcheck"),
        ('{"version": 1, "key_check": "0000000000000000"}', "was made with another key"),
        ('{"version": 1, "key_check": "KEY", "files": []}', "could not be read"),
    ],
)
def test_a_bad_stored_summary_is_set_aside_and_the_check_goes_on(
    tmp_path: Path, run_files: RunFiles, state_home: Path, content: str, why: str
) -> None:
    folder = _night(tmp_path / "exports", DEFECTS["orphan_reference"])
    run_files(folder)
    (stored,) = (state_home / "sftpcheck" / "exports").iterdir()
    key_check = json.loads(stored.read_text(encoding="utf-8"))["key_check"]
    content = content.replace("KEY", key_check)
    stored.write_text(content, encoding="utf-8")
    run = run_files(folder, "--format", "json")
    assert (run.exit_code, run.stderr) == (1, "")
    assert run.codes() == ["files.orphan_reference"]
    (note,) = run.report["notes"]
    assert note.startswith(f"The summary stored after the last check {why}")
    assert stored.with_suffix(".unreadable").read_text(encoding="utf-8") == content
    # A new summary was stored, so the next run compares again.
    assert "changes" in run_files(folder, "--format", "json").report


def test_a_store_that_cannot_be_written_is_a_note(
    tmp_path: Path, run_files: RunFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    run = run_files(_night(tmp_path / "exports"), "--format", "json")
    assert (run.exit_code, run.stderr) == (0, "")
    (note,) = run.report["notes"]
    assert note.startswith(f"sftpcheck cannot keep a summary of this export in {blocked}")


# Bad --previous: one sentence, exit 2.


def _bad_previous(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    stray = tmp_path / "students.csv"
    stray.write_text("student_id\n1\n", encoding="utf-8")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    oneroster = write_oneroster(tmp_path / "oneroster", "1.1")
    return {
        "missing": (tmp_path / "nowhere", f"The folder {tmp_path / 'nowhere'} given with "),
        "a csv file": (stray, f"{stray} given with --previous is a file; give the folder"),
        "a broken zip": (broken, f"{broken} is not a zip file that can be read"),
        "another spec's files": (
            oneroster,
            f"{oneroster} given with --previous holds none of the files of the default spec",
        ),
    }


@pytest.mark.parametrize("case", ["missing", "a csv file", "a broken zip", "another spec's files"])
def test_a_bad_previous_is_one_sentence_and_exit_2(
    tmp_path: Path, run_files: RunFiles, case: str
) -> None:
    previous, words = _bad_previous(tmp_path)[case]
    run = run_files(_night(tmp_path / "now"), "--previous", str(previous))
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith(f"sftpcheck: {words}")
    assert run.stderr.count("\n") == 1
