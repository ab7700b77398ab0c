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
    fix: str = ""


def rule_problems(scan: FileScan, skip: set[str] | None = None) -> list[BadValues]:
    """The distinct values of each ruled column that break the column's rule.

    `skip` names columns judged otherwise (a bulk file's status must be blank, so the
    mode finding says all there is to say about a filled one).
    """
    found: list[BadValues] = []
    for column, rule in scan.spec.fields:
        values = scan.values.get(column)
        if not values or column in (skip or set()):
            continue
        problems = {value: rule.problem(value) for value in values if value}
        bad = {value: problem for value, problem in problems.items() if problem}
        if bad:
            describe = _describe_rule(column, bad)
            fix = _BOOLEAN_FIX if rule.is_boolean and _upper_case(bad) else ""
            found.append(BadValues(column, "files.bad_value", frozenset(bad), describe, fix))
    return found


# A spreadsheet shows true and false as TRUE and FALSE, and saves them so.
_BOOLEAN_FIX = (
    "Write true and false in small letters. TRUE and FALSE in capitals are what a "
    "spreadsheet writes when it opens and saves the file: export the file again and do "
    "not save it from a spreadsheet, or replace them in a plain text editor."
)


def _upper_case(bad: dict[str, str]) -> bool:
    return any(value.lower() in ("true", "false") for value in bad)


def _describe_rule(column: str, problems: dict[str, str]) -> Describe:
    def describe(line: int, value: str) -> str:
        words = f"{column} {show(value)} on line {line} {problems[value]}."
        if value.lower() in ("true", "false") and value != value.lower():
            words += " A spreadsheet writes TRUE and FALSE in capitals when it saves a CSV."
        return words

    return describe


def mode_findings(scan: FileScan, mode: str | None, columns: tuple[str, ...]) -> list[Finding]:
    """Rows that break the file's OneRoster mode: bulk rows blank, delta rows filled.

    One cause, one finding: a bulk row with both status and dateLastModified filled is
    one row that breaks the mode, not two problems, so the rows are counted once.
    """
    if mode not in ("bulk", "delta"):
        return []
    watched = [(column, scan.columns[column]) for column in columns if column in scan.values]
    if mode == "bulk":
        wrong = [column for column, _ in watched if scan.values[column] - {""}]
    else:
        wrong = [column for column, _ in watched if "" in scan.values[column]]
    if not wrong:
        return []
    positions = [scan.columns[column] for column in wrong]
    tally = Tally("files.bulk_delta", scan.name, wrong[0])
    for line, row in all_rows(scan):
        if len(row) != scan.width:
            continue
        cells = [(c, row[i]) for c, i in zip(wrong, positions, strict=True)]
        bad = [(c, v) for c, v in cells if (v != "") == (mode == "bulk")]
        if bad:
            tally.add(line, _mode_words(scan, mode, bad, line) if not tally.count else "")
    return [tally.to_finding()] if tally.count else []


def _mode_words(scan: FileScan, mode: str, cells: list[tuple[str, str]], line: int) -> str:
    manifest = f"manifest.csv says {scan.spec.name} is {mode}"
    if mode == "bulk":
        if len(cells) == 1:
            (column, value), *_ = cells
            return f"{column} is {show(value)} on line {line}, but {manifest}, so it must be blank."
        filled = " and ".join(f"{column} {show(value)}" for column, value in cells)
        return f"{filled} are filled in on line {line}, but {manifest}, so they must be blank."
    names = " and ".join(column for column, _ in cells)
    verb, them = ("is", "it") if len(cells) == 1 else ("are", "them")
    return f"{names} {verb} empty on line {line}, but {manifest}, so each row needs {them}."


def mode_columns_ruled_out(mode: str | None, columns: tuple[str, ...]) -> set[str]:
    """Columns whose values need no rule check: a bulk file must leave them blank anyway."""
    return set(columns) if mode == "bulk" else set()


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
    fixes = {(bad.code, bad.column): bad.fix for bad in problems}
    return [tally.to_finding(fixes.get((tally.code, tally.column or ""), "")) for tally in tallies]


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
