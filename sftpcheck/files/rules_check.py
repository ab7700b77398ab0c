"""Checks run after the pass: value rules, OneRoster's bulk/delta mode, composite keys.

Each rule is checked once per distinct value the pass kept. Only when some value breaks
a rule does one more pass over that file find the lines, and then every bad column of
the file is looked at in the same pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sftpcheck.files.file_scan import FileScan
from sftpcheck.files.finding import Finding, Tally
from sftpcheck.files.read_rows import key_getter
from sftpcheck.files.second_pass import all_rows, tally_rows
from sftpcheck.files.values import show

# (line, value) -> the words of the first example of a column's problem.
Describe = Callable[[int, str], str]


@dataclass(frozen=True)
class BadValues:
    """The values of one column that break a rule, and how to word the first one."""

    column: str
    code: str
    values: frozenset[str]
    describe: Describe


def rule_problems(scan: FileScan) -> list[BadValues]:
    """The distinct values of each ruled column that break the column's rule."""
    found: list[BadValues] = []
    for column, rule in scan.spec.fields:
        values = scan.values.get(column)
        if not values:
            continue
        problems = {value: rule.problem(value) for value in values if value}
        bad = {value: problem for value, problem in problems.items() if problem}
        if bad:
            describe = _describe_rule(column, bad)
            found.append(BadValues(column, "files.bad_value", frozenset(bad), describe))
    return found


def _describe_rule(column: str, problems: dict[str, str]) -> Describe:
    def describe(line: int, value: str) -> str:
        return f"{column} {show(value)} on line {line} {problems[value]}."

    return describe


def mode_problems(scan: FileScan, mode: str | None, columns: tuple[str, ...]) -> list[BadValues]:
    """Rows that break the file's OneRoster mode: bulk rows blank, delta rows filled."""
    if mode not in ("bulk", "delta"):
        return []
    found: list[BadValues] = []
    manifest = f"manifest.csv says {scan.spec.name} is {mode}"
    for column in columns:
        values = scan.values.get(column)
        if values is None:
            continue
        if mode == "bulk" and values - {""}:

            def describe(line: int, value: str, column: str = column) -> str:
                return (
                    f"{column} is {show(value)} on line {line}, but {manifest}, "
                    "so it must be blank."
                )

            bad = frozenset(values - {""})
            found.append(BadValues(column, "files.bulk_delta", bad, describe))
        elif mode == "delta" and "" in values:

            def describe(line: int, value: str, column: str = column) -> str:
                return f"{column} is empty on line {line}, but {manifest}, so each row needs it."

            found.append(BadValues(column, "files.bulk_delta", frozenset({""}), describe))
    return found


def bad_value_findings(scan: FileScan, problems: list[BadValues]) -> list[Finding]:
    """One more pass over the file: the first line and count of each column's problem."""
    if not problems:
        return []
    checks: list[tuple[int, Mapping[str, str]]] = [
        (scan.columns[bad.column], dict.fromkeys(bad.values, bad.code)) for bad in problems
    ]

    def start(code: str, index: int, line: int, row: list[str]) -> Tally:
        bad = next(b for b in problems if b.code == code and scan.columns[b.column] == index)
        tally = Tally(code, scan.name, bad.column)
        tally.add(line, bad.describe(line, row[index]))
        return tally

    tallies = tally_rows(scan, checks, start)
    # In the order a reader meets them: by first line, then left to right.
    tallies.sort(key=lambda tally: (tally.lines[0], scan.columns[tally.column or ""]))
    return [tally.to_finding() for tally in tallies]


def duplicate_row_findings(scan: FileScan) -> list[Finding]:
    """Rows whose primaryKey repeats an earlier row's (the same roster line twice).

    The pass kept one hash per row; a second pass over the file checks the rows whose
    hash repeated, exactly, so a hash collision is never reported. A one-column key kept
    this way (no file links to it) is reported as a duplicate id, as a kept key would be.
    """
    key_of = key_getter(scan)
    if not scan.repeated_hashes or key_of is None:
        return []
    columns = scan.spec.primary_key or (scan.spec.key or "",)
    code = "files.duplicate_id" if scan.hashed_key else "files.duplicate_row"
    first_lines: dict[tuple[str, ...], int] = {}
    tally = Tally(code, scan.name, ", ".join(columns))
    for line, row in all_rows(scan):
        if len(row) != scan.width:
            continue
        key = key_of(row)
        if hash(key) not in scan.repeated_hashes:
            continue
        first = first_lines.setdefault(key, line)
        if first != line:
            tally.add(line, _repeat(scan, columns, key, line, first) if not tally.count else "")
    return [tally.to_finding()] if tally.count else []


def _repeat(
    scan: FileScan, columns: tuple[str, ...], key: tuple[str, ...], line: int, first: int
) -> str:
    if scan.hashed_key:
        return f"{columns[0]} {show(key[0])} on line {line} is already on line {first}."
    pairs = ", ".join(
        f"{column} {show(value)}" for column, value in zip(columns, key, strict=False)
    )
    return f"Line {line} repeats line {first}: the same {pairs}."
