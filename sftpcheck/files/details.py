"""--details FILE.csv: every row of every finding (file, line, id, code), to fix in the SIS.

The report names the first few lines of each finding; the data person needs them all,
with the id the student system knows the row by. The check keeps every line of each
finding while --details is given (finding.keep_every_line); the ids are then read from
the files in one more pass over each file that has a finding on some row.

The id is the row's key (student_id for students.csv). A file without a key of its own,
such as rosters.csv, gives the values of its id columns: "SEC00001 / 000123".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.files.compare import DetailRow
from sftpcheck.files.finding import Finding
from sftpcheck.files.guard_read import opened_rows
from sftpcheck.files.spec import FileSpec, Spec
from sftpcheck.files.summary import spec_paths

HEADER = ("file", "line", "id", "code")
# A value a spreadsheet would run as a formula when the data person opens the file.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def finding_rows(findings: Iterable[Finding], folder: Path, spec: Spec) -> list[DetailRow]:
    """One row per line of each finding of the check, in the report's order."""
    findings = list(findings)
    wanted: dict[str, set[int]] = {}
    for item in findings:
        wanted.setdefault(item.file, set()).update(_lines(item))
    paths = {path.name: (path, file) for path, file in spec_paths(folder, spec).values()}
    ids = {
        name: _ids_at(*paths[name], lines) if name in paths else {}
        for name, lines in wanted.items()
        if lines
    }
    rows: list[DetailRow] = []
    for item in findings:
        lines = _lines(item)
        if not lines:
            rows.append(DetailRow(item.file, None, "", item.code))
            continue
        found = ids.get(item.file, {})
        rows.extend(DetailRow(item.file, line, found.get(line, ""), item.code) for line in lines)
    return rows


def _lines(item: Finding) -> tuple[int, ...]:
    if item.every_line:
        return item.every_line
    return item.lines or ((item.line,) if item.line is not None else ())


def _ids_at(path: Path, file: FileSpec, lines: set[int]) -> dict[int, str]:
    """The id of the row that starts on each of these lines (none for the header)."""
    found: dict[int, str] = {}
    last = max(lines)
    with opened_rows(path, file) as opened:
        positions = _id_positions(file, opened.columns)
        if not positions:
            return found
        reader, end = opened.reader, opened.header_end
        for row in opened.rows:
            start = end + 1
            end = reader.line_num
            if start in lines:
                found[start] = " / ".join(row[index] for index in positions if index < len(row))
            if start >= last:
                break
    return found


def _id_positions(file: FileSpec, columns: dict[str, int]) -> list[int]:
    """The key's column, else the columns that together name a row (rosters' two ids)."""
    if file.key in columns:
        return [columns[file.key or ""]]
    named = file.primary_key or tuple(link.column for link in file.links)
    return [columns[column] for column in named if column in columns]


def write_details(path: Path, rows: Iterable[DetailRow]) -> None:
    """Write the rows as CSV; an unwritable path is one sentence (exit 2)."""
    try:
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerow(HEADER)
            for row in rows:
                line = "" if row.line is None else row.line
                writer.writerow((_cell(row.file), line, _cell(row.id), row.code))
    except OSError as error:
        raise InputError(f"Cannot write the details to {path}: {error.strerror}.") from None


def _cell(value: str) -> str:
    """A value as a spreadsheet shows it, never run: '=1+2' is written as "'=1+2"."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value
