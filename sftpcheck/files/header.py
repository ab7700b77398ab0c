"""Match a file's header line to the spec: exact names, near names, missing ones, or data."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sftpcheck.files.finding import Finding, Severity, finding
from sftpcheck.files.spec import FileSpec
from sftpcheck.files.values import show

# A typo like "studnet_id" is still close to "student_id"; "grade" is not close to "gender".
_CLOSE = 0.8
_NOT_LETTERS = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class HeaderMatch:
    """Where each spec column sits in the file, and what is wrong with the header.

    `is_data` means the first line is a row of data, not a header; `columns` then
    assumes the spec's order when the row has as many values as the spec has columns.
    """

    columns: tuple[tuple[str, int], ...]
    findings: tuple[Finding, ...]
    is_data: bool = False

    def index(self) -> dict[str, int]:
        return dict(self.columns)


def squash(name: str) -> str:
    """A header name without case, spaces, dashes, underscores or hidden characters."""
    return _NOT_LETTERS.sub("", name.lower())


def match_header(header: list[str], spec: FileSpec, file: str) -> HeaderMatch:
    exact = {name: position for position, name in reversed(list(enumerate(header)))}
    columns = {column: exact[column] for column in spec.columns if column in exact}
    findings: list[Finding] = []
    for column in spec.columns:
        if column in columns:
            continue
        position = _near(column, header, taken=set(columns.values()))
        if position is not None:
            columns[column] = position
            findings.append(_mismatch(file, header[position], column))
    if not columns and _looks_like_data(header):
        return _no_header(header, spec, file)
    findings.extend(
        _missing(file, column, header) for column in spec.required if column not in columns
    )
    if spec.column_order == "exact":
        findings.extend(_order_findings(file, spec, columns))
    return HeaderMatch(columns=tuple(columns.items()), findings=tuple(findings))


def _order_findings(file: str, spec: FileSpec, columns: dict[str, int]) -> list[Finding]:
    """A spec that fixes the header (OneRoster): every column there, in the spec's order.

    A missing optional column is a warning, not an error: real producers leave some
    out (every OneRoster 1.2 users.csv seen lacks resourceSourcedIds), and most
    importers read columns by name. Only a strict importer, one that checks the whole
    header against the spec's table, refuses the file.
    """
    absent = [c for c in spec.columns if c not in columns and c not in spec.required]
    found = [_optional_missing(file, spec, absent)] if absent else []
    positions = [columns[column] for column in spec.columns if column in columns]
    if positions != sorted(positions):
        expected = ",".join(spec.columns)
        found.append(
            finding(
                "files.header_mismatch",
                file,
                f"The columns are not in the order this spec needs. It should be: {expected}",
                line=1,
                fix=f"Set the export to write the columns in this order: {expected}",
            )
        )
    return found


def _optional_missing(file: str, spec: FileSpec, absent: list[str]) -> Finding:
    quoted = [f'"{column}"' for column in absent]
    names = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    which = (
        f"The optional column {names} is"
        if len(absent) == 1
        else (f"The optional columns {names} are")
    )
    message = (
        f"{which} not in the header. This spec lists every column, in order, even when "
        "its values are empty. A strict importer, one that checks the whole header, will "
        "refuse the file; most importers read columns by name and will not mind."
    )
    return finding(
        "files.missing_column",
        file,
        message,
        line=1,
        column=absent[0],
        fix=f"If your vendor checks the whole header, add the missing columns, empty if need "
        f"be, in their place: {','.join(spec.columns)}",
        severity=Severity.WARN,
    )


def _near(column: str, header: list[str], taken: set[int]) -> int | None:
    """The position of a header cell that means `column` but is spelled differently."""
    free = {position: squash(name) for position, name in enumerate(header) if position not in taken}
    wanted = squash(column)
    for position, name in free.items():
        if name == wanted:
            return position
    close = difflib.get_close_matches(wanted, list(free.values()), n=1, cutoff=_CLOSE)
    if not close:
        return None
    return next(position for position, name in free.items() if name == close[0])


def _looks_like_data(row: list[str]) -> bool:
    return any(any(ch.isdigit() for ch in cell) or "@" in cell for cell in row)


def _mismatch(file: str, found: str, expected: str) -> Finding:
    return finding(
        "files.header_mismatch",
        file,
        f'The header {show(found)} should be "{expected}".',
        line=1,
        column=expected,
        fix=f'Rename the column {show(found)} to "{expected}" in the export, exactly as written.',
    )


def _missing(file: str, column: str, header: list[str]) -> Finding:
    message = f'The required column "{column}" is not in the header.'
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        separator = "semicolons" if ";" in header[0] else "tabs"
        message += f" The header uses {separator} between names, not commas."
    return finding(
        "files.missing_column",
        file,
        message,
        line=1,
        column=column,
        fix=f'Add a column named "{column}" to the export. '
        "Use commas between the values of a line.",
    )


def _no_header(header: list[str], spec: FileSpec, file: str) -> HeaderMatch:
    expected = ",".join(spec.columns)
    message = (
        f"The first line is data, not a header: {show(','.join(header), 60)}. "
        f"The header should be: {expected}"
    )
    fixed = finding(
        "files.no_header",
        file,
        message,
        line=1,
        fix=f"Turn on the header option in the export, or add this first line: {expected}",
    )
    in_order = len(header) == len(spec.columns)
    columns = tuple((column, position) for position, column in enumerate(spec.columns))
    return HeaderMatch(columns=columns if in_order else (), findings=(fixed,), is_data=True)
