"""One streaming pass over one CSV file: its ids, the ids it links to, and row problems.

Memory grows with the number of distinct ids, never with rows: the pass keeps the key
ids (with the line of each), the distinct values of each link column and of each column
with a value rule, the keys of people without contact, and a Tally per problem. A
composite primaryKey keeps one hash per row (an int, not the row). Rows are dropped as
soon as they are read.

The per-row work is kept to a few cheap operations (the loops are in read_rows.py),
because a district's rosters file can hold millions of rows; anything that looks wrong
is handed to a slower, precise method, and the ids and values are checked once each, as
sets, after the pass (links.py, rules_check.py). Only then, and only for a file with a
bad value, does second_pass.py read the file again to name the lines.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from sftpcheck.errors import InputError
from sftpcheck.files.csv_lines import LineTooLongError, bounded_lines, unreadable_csv
from sftpcheck.files.encoding import Opening, find_bad_utf8, sniff
from sftpcheck.files.file_scan import FileScan
from sftpcheck.files.finding import Finding, Severity, finding
from sftpcheck.files.header import HeaderMatch, match_header
from sftpcheck.files.read_rows import read_rows
from sftpcheck.files.spec import FileSpec

if TYPE_CHECKING:
    from _csv import Reader


def scan_file(
    path: Path,
    spec: FileSpec,
    name: str | None = None,
    watch: tuple[str, ...] = (),
    keep_keys: bool = True,
    pairs: tuple[tuple[str, str], ...] = (),
) -> FileScan:
    """Read one file once and learn what the checks need; see the module docstring.

    `watch` names more columns whose distinct values the later checks need (the
    OneRoster bulk/delta columns). `keep_keys` False says no other file links to this
    one, so its key ids are needed only to find repeats (OneRoster's enrollments).
    `pairs` names pairs of columns whose distinct value pairs the link rules need.
    """
    opening = _open_or_fail(path)
    scan = FileScan(spec=spec, path=path, name=name or path.name, opening=opening)
    try:
        return _scan(scan, watch, keep_keys, pairs)
    except UnicodeDecodeError:
        # Read optimistically as UTF-8 for speed; only a failure pays for the byte scan.
        problem = find_bad_utf8(path, start=3 if opening.bom else 0)
        codec = problem.codec if problem else "cp1252"
        fallback = Opening(codec, opening.size, opening.bom, problem)
        scan = FileScan(spec=spec, path=path, name=name or path.name, opening=fallback)
        return _scan(scan, watch, keep_keys, pairs)


def _open_or_fail(path: Path) -> Opening:
    try:
        return sniff(path)
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}.") from None


def _scan(
    scan: FileScan, watch: tuple[str, ...], keep_keys: bool, pairs: tuple[tuple[str, str], ...]
) -> FileScan:
    path, spec, name, opening = scan.path, scan.spec, scan.name, scan.opening
    scan.findings.extend(file_findings(name, opening))
    if opening.size == 0 or opening.not_text:
        return scan
    with open_text(path, opening) as (reader, header):
        if header is None:
            scan.findings.append(empty_finding(name, "has only blank lines, no header and no rows"))
            return scan
        match = match_header(header, spec, name)
        scan.findings.extend(match.findings)
        if not _prepare(scan, match, len(header), watch, keep_keys):
            return scan
        scan.pairs = {pair: set() for pair in pairs if all(c in scan.columns for c in pair)}
        rows: Iterable[list[str]] = reader
        if match.is_data:
            rows = chain((header,), reader)  # the first line is a row of data
        else:
            scan.header_end = reader.line_num
        scan.end_line = read_rows(rows, reader, scan)
    if scan.end_line - scan.blank_count == scan.header_end:
        scan.findings.append(header_only_finding(scan.name, spec))
    return scan


def file_findings(name: str, opening: Opening) -> list[Finding]:
    """The findings about the file as a whole: empty, encoding, byte order mark."""
    found: list[Finding] = []
    if opening.size == 0:
        found.append(empty_finding(name, "is empty: it has 0 bytes"))
    if opening.not_text:
        message = f"{name} is not a text file: its first bytes show it is {opening.not_text}."
        found.append(finding("files.not_text", name, message))
        return found
    if opening.problem is not None:
        problem = opening.problem
        found.append(finding("files.encoding", name, problem.sentence(name), line=problem.line))
    if opening.bom:
        found.append(
            finding(
                "files.bom",
                name,
                f"{name} starts with a byte order mark (BOM), the bytes EF BB BF. "
                "Some importers read it as part of the first column name.",
                line=1,
            )
        )
    return found


def empty_finding(name: str, what: str) -> Finding:
    return finding("files.empty", name, f"{name} {what}.")


def header_only_finding(name: str, spec: FileSpec) -> Finding:
    """A header and no rows: a well-formed file, so a warning (the guard knows if it had rows).

    Some importers refuse such a file; others read it as "there are none of these now".
    """
    what = spec.name.removesuffix(".csv")
    message = (
        f"{name} has a header line but no rows of data. The vendor may read it as "
        f"'there are no {what} now', and some importers refuse a file with no rows."
    )
    fix = "Check that the export picked the right schools and year."
    if spec.column_order == "exact":  # OneRoster: the manifest can say "absent"
        fix += f" If there are no {what} to send, leave the file out and mark it absent"
        fix += " in manifest.csv."
    else:
        fix += " If there are none to send, ask the vendor if it takes a file with no rows."
    return finding("files.empty", name, message, fix=fix, severity=Severity.WARN)


@contextmanager
def open_text(path: Path, opening: Opening) -> Iterator[tuple[Reader, list[str] | None]]:
    """A csv reader over a file in the codec found for it, past its first record.

    Its lines are bounded (csv_lines.py): a line too long, or a value past the csv
    module's limit, raised while the caller reads rows, becomes one sentence here.
    """
    errors = "strict" if opening.problem is None else "replace"
    try:
        stream = path.open(encoding=opening.codec, errors=errors, newline="")
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}.") from None
    with stream:
        reader = csv.reader(bounded_lines(stream), strict=False)
        try:
            header = next(reader, None)
            while header == []:  # blank lines before the header
                header = next(reader, None)
            yield reader, header
        except LineTooLongError as error:  # the line after the last one the reader got
            raise unreadable_csv(path.name, reader.line_num + 1, error) from None
        except csv.Error as error:
            raise unreadable_csv(path.name, reader.line_num, error) from None


def _prepare(
    scan: FileScan, match: HeaderMatch, width: int, watch: tuple[str, ...], keep_keys: bool
) -> bool:
    """Set up the pass from the header; False when rows cannot be read column by column."""
    scan.columns = match.index()
    scan.width = width
    if not scan.columns:
        return False
    spec = scan.spec
    scan.required = tuple((c, scan.columns[c]) for c in spec.required if c in scan.columns)
    scan.contacts = tuple(scan.columns[c] for c in spec.contact if c in scan.columns)
    if spec.contact and not scan.contacts:
        scan.contact_missing = True
        nothing = " and no ".join(spec.contact)
        scan.findings.append(
            finding(
                "files.no_contact",
                scan.name,
                f"{scan.name} has no {nothing} column, so no one in it can be reached.",
                line=1,
            )
        )
    if spec.key in scan.columns:
        if keep_keys or spec.primary_key:
            scan.keys = {}
        elif spec.unique:
            scan.hashed_key = True
            scan.key_positions = (scan.columns[spec.key],)
    for link in spec.links:
        if link.column in scan.columns:
            scan.seen[link.column] = set()
    for column in (*spec.rules, *watch):
        if column in scan.columns and column not in scan.values:
            scan.values[column] = scan.seen.get(column) or set()
    if spec.primary_key and all(column in scan.columns for column in spec.primary_key):
        scan.key_positions = tuple(scan.columns[column] for column in spec.primary_key)
    return True
