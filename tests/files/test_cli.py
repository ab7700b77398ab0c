"""The `files` command from the outside: formats, exit codes, bad input, --spec."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.files.conftest import RunFiles
from tests.files.district import write_district

VENDOR_SPEC = """
[files."learners.csv"]
columns = ["LearnerNumber", "ClassCode"]
required = ["LearnerNumber", "ClassCode"]
key = "LearnerNumber"
links = { ClassCode = "classes.csv" }

[files."classes.csv"]
columns = ["ClassCode", "Teacher"]
required = ["ClassCode"]
key = "ClassCode"
"""


def test_missing_folder_is_one_sentence_and_exit_2(tmp_path: Path, run_files: RunFiles) -> None:
    run = run_files(tmp_path / "nowhere")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == f"sftpcheck: The folder {tmp_path / 'nowhere'} does not exist.\n"


def test_a_file_instead_of_a_folder_is_exit_2(tmp_path: Path, run_files: RunFiles) -> None:
    path = tmp_path / "students.csv"
    path.write_text("student_id\n1\n", encoding="utf-8")
    run = run_files(path)
    assert run.exit_code == 2
    assert "is a file; give the folder that holds the CSV files, or a .zip of them." in run.stderr


@pytest.mark.parametrize(
    ("spec_text", "words"),
    [
        (None, "does not exist"),
        ("[files\n", "is not valid TOML"),
        ('title = "no files"\n', 'has no [files."name.csv"] tables'),
        ('[files."a.csv"]\nkey = "id"\n', "needs a list of columns"),
        ('[files."a.csv"]\ncolumns = ["id"]\nlinks = { id = "b.csv" }\n', "links id to b.csv"),
        ('[files."a.csv"]\ncolumns = ["id"]\nrequired = ["name"]\n', "names the column name"),
        ('[files."a.csv"]\ncolumns = ["id"]\ncolour = "red"\n', "unknown setting: colour"),
        # link_rules: only on a link, naming a column of the file it reads
        (
            '[files."a.csv"]\ncolumns = ["id"]\nkey = "id"\nlink_rules.id = { column = "id" }\n',
            "has a link rule in",
        ),
        (
            '[files."a.csv"]\ncolumns = ["id", "up"]\nkey = "id"\nlinks = { up = "a.csv" }\n'
            'link_rules.up = { column = "type", allowed = ["school"] }\n',
            "names type, which is not a column of a.csv",
        ),
        (
            '[files."a.csv"]\ncolumns = ["id", "up"]\nkey = "id"\nlinks = { up = "a.csv" }\n'
            'link_rules.up = { column = "id", by = "id", allowed = ["x"] }\n',
            "must map each id to a list",
        ),
    ],
)
def test_a_bad_spec_is_one_sentence_and_exit_2(
    tmp_path: Path, run_files: RunFiles, spec_text: str | None, words: str
) -> None:
    spec = tmp_path / "spec.toml"
    if spec_text is not None:
        spec.write_text(spec_text, encoding="utf-8")
    run = run_files(write_district(tmp_path / "d"), "--spec", str(spec))
    assert run.exit_code == 2
    assert words in run.stderr
    assert run.stderr.startswith("sftpcheck: ")
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_the_installed_command_exits_2_without_a_traceback(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sftpcheck", "files", str(tmp_path / "nowhere")]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 2
    assert "does not exist" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_spec_file_replaces_the_default(tmp_path: Path, run_files: RunFiles) -> None:
    spec = tmp_path / "vendor.toml"
    spec.write_text(VENDOR_SPEC, encoding="utf-8")
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "classes.csv").write_text("ClassCode,Teacher\nC1,Ms Ada\n", encoding="utf-8")
    (folder / "learners.csv").write_text("Learner Number,ClassCode\n7,C1\n8,C9\n", encoding="utf-8")
    run = run_files(folder, "--spec", str(spec), "--format", "json")
    assert [(f["code"], f["line"]) for f in run.findings] == [
        ("files.header_mismatch", 1),
        ("files.orphan_reference", 3),
    ]
    assert 'should be "LearnerNumber"' in run.findings[0]["message"]
    assert 'ClassCode "C9" on line 3 is not in classes.csv.' in run.findings[1]["message"]
    assert run.report["spec"] == str(spec)


def test_text_report_groups_by_file_with_errors_first(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path, defect="hidden_character")
    path = directory / "staff.csv"
    path.write_text(path.read_text("utf-8").replace("T0003,", "T0002,", 1), "utf-8")
    run = run_files(directory)
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    staff = lines.index("staff.csv")
    assert lines[staff + 1].startswith("  ERROR  files.duplicate_id, line 4:")
    assert any(line.startswith("  WARN   files.hidden_character, line 3:") for line in lines)
    error_at = next(i for i, line in enumerate(lines) if "files.duplicate_id" in line)
    warn_at = next(i for i, line in enumerate(lines) if "files.hidden_character" in line)
    assert error_at < warn_at
    assert lines[-2].startswith("Verdict: fail. 2 errors and 2 warnings in 2 files.")


def test_markdown_report_and_output_file(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path / "d", defect="orphan_reference")
    output = tmp_path / "report.md"
    run = run_files(directory, "--format", "markdown", "--output", str(output))
    assert run.exit_code == 1
    assert "## rosters.csv" in run.stdout
    assert '- **error** `files.orphan_reference`, line 5: section_id "SEC99999"' in run.stdout
    assert output.read_text(encoding="utf-8") == run.stdout


def test_warnings_alone_exit_0(tmp_path: Path, run_files: RunFiles) -> None:
    run = run_files(write_district(tmp_path, defect="no_contact"))
    assert run.exit_code == 0
    assert "Verdict: warn" in run.stdout


def test_schools_2024_is_taken_for_schools(tmp_path: Path, run_files: RunFiles) -> None:
    directory = write_district(tmp_path)
    (directory / "schools.csv").rename(directory / "Schools 2024.csv")
    (directory / "notes.md").write_text("not an export\n", encoding="utf-8")
    found = run_files(directory, "--format", "json").findings
    assert [(f["code"], f["file"]) for f in found] == [("files.bad_name", "Schools 2024.csv")]
    assert "It looks like schools.csv." in found[0]["message"]
    assert "Rename 'Schools 2024.csv' to schools.csv" in found[0]["fix"]
