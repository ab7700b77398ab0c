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
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from sftpcheck.errors import InputError
from sftpcheck.files.encoding import Opening, find_bad_utf8, sniff
from sftpcheck.files.finding import Finding, Tally, finding
from sftpcheck.files.header import HeaderMatch, match_header
from sftpcheck.files.read_rows import read_rows
from sftpcheck.files.spec import FileSpec
from sftpcheck.files.values import hidden_problem, show

if TYPE_CHECKING:
    from _csv import Reader


@dataclass
class FileScan:
    """What one pass over a file learned (filled in during the pass, then only read).

    `name` is the file's real name, which differs from `spec.name` when a misnamed
    file ("Students (1).csv") is checked as the spec file it stands for.
    """

    spec: FileSpec
    path: Path
    name: str
    opening: Opening
    columns: dict[str, int] = field(default_factory=dict)
    width: int = 0
    header_end: int = 0
    keys: dict[str, int] | None = None
    seen: dict[str, set[str]] = field(default_factory=dict)
    no_contact: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    tallies: dict[tuple[str, str | None], Tally] = field(default_factory=dict)
    required: tuple[tuple[str, int], ...] = ()
    contact_missing: bool = False
    contacts: tuple[int, ...] = ()
    # Distinct values of the columns with a value rule (or a bulk/delta mode column);
    # a column that is also a link shares the link's set.
    values: dict[str, set[str]] = field(default_factory=dict)
    # A composite primaryKey: its column positions, the hash of each row's key, and the
    # hashes seen twice (a second pass tells a real repeat from a hash collision).
    key_positions: tuple[int, ...] = ()
    key_hashes: set[int] = field(default_factory=set)
    repeated_hashes: set[int] = field(default_factory=set)
    # True when the key column is only checked for repeats (no file links to it): it is
    # then kept as one hash per row, like a composite key, not as strings with lines.
    hashed_key: bool = False

    @property
    def errors(self) -> str:
        return "strict" if self.opening.problem is None else "replace"

    def tally(self, code: str, column: str | None = None) -> Tally:
        found = self.tallies.get((code, column))
        if found is None:
            found = self.tallies[code, column] = Tally(code, self.name, column)
        return found

    def all_findings(self) -> list[Finding]:
        return [*self.findings, *(tally.to_finding() for tally in self.tallies.values())]

    # The slow paths: each runs only for a row that a cheap test singled out.

    def ragged(self, row: list[str], start: int) -> None:
        width = self.width
        self.tally("files.ragged_row").add(
            start,
            lambda: (
                f"Line {start} is blank."
                if not row
                else f"Line {start} has {len(row)} values, but the header has {width}."
            ),
        )
        # Keep the row's id when it is there, so other files' links to it still resolve.
        key_index = self.columns.get(self.spec.key or "")
        if self.keys is not None and key_index is not None and key_index < len(row):
            self.keys.setdefault(row[key_index], start)

    def empty_values(self, row: list[str], start: int) -> None:
        for column, index in self.required:
            if row[index] == "":
                tally = self.tally("files.missing_required", column)
                tally.add(start, "" if tally.count else f"{column} is empty on line {start}.")
        contacts = self.contacts
        if contacts and all(row[index] == "" for index in contacts):
            self._no_contact(row, start)

    def _no_contact(self, row: list[str], start: int) -> None:
        key = self.spec.key
        key_index = self.columns.get(key or "")
        if key_index is not None:
            self.no_contact.add(row[key_index])
        nothing = " and no ".join(self.spec.contact)

        def detail() -> str:
            who = f" ({key} {show(row[key_index])})" if key and key_index is not None else ""
            return f"The person on line {start}{who} has no {nothing}."

        self.tally("files.no_contact").add(start, detail)

    def duplicate(self, value: str, start: int) -> None:
        first = self.keys[value] if self.keys else start
        self.tally("files.duplicate_id", self.spec.key).add(
            start,
            lambda: f"{self.spec.key} {show(value)} on line {start} is already on line {first}.",
        )

    def hidden(self, row: list[str], start: int) -> None:
        for column, index in self.columns.items():
            if column in self.spec.id_columns:
                continue  # ids are checked once each, as sets, after the pass
            problem = hidden_problem(row[index])
            if problem:
                self.tally("files.hidden_character", column).add(
                    start, f"{column} on line {start} has {problem}: {show(row[index])}."
                )


def scan_file(
    path: Path,
    spec: FileSpec,
    name: str | None = None,
    watch: tuple[str, ...] = (),
    keep_keys: bool = True,
) -> FileScan:
    """Read one file once and learn what the checks need; see the module docstring.

    `watch` names more columns whose distinct values the later checks need (the
    OneRoster bulk/delta columns). `keep_keys` False says no other file links to this
    one, so its key ids are needed only to find repeats (OneRoster's enrollments).
    """
    opening = _open_or_fail(path)
    try:
        return _scan(path, spec, name or path.name, opening, watch, keep_keys)
    except UnicodeDecodeError:
        # Read optimistically as UTF-8 for speed; only a failure pays for the byte scan.
        problem = find_bad_utf8(path, start=3 if opening.bom else 0)
        codec = problem.codec if problem else "cp1252"
        fallback = Opening(codec, opening.size, opening.bom, problem)
        return _scan(path, spec, name or path.name, fallback, watch, keep_keys)


def _open_or_fail(path: Path) -> Opening:
    try:
        return sniff(path)
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}.") from None


def _scan(
    path: Path,
    spec: FileSpec,
    name: str,
    opening: Opening,
    watch: tuple[str, ...],
    keep_keys: bool,
) -> FileScan:
    scan = FileScan(spec=spec, path=path, name=name, opening=opening)
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
        rows: Iterable[list[str]] = reader
        if match.is_data:
            rows = chain((header,), reader)  # the first line is a row of data
        else:
            scan.header_end = reader.line_num
        end = read_rows(rows, reader, scan)
    if end == scan.header_end:
        scan.findings.append(empty_finding(name, "has a header line but no rows of data"))
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


@contextmanager
def open_text(path: Path, opening: Opening) -> Iterator[tuple[Reader, list[str] | None]]:
    """A csv reader over a file in the codec found for it, past its first record."""
    errors = "strict" if opening.problem is None else "replace"
    try:
        stream = path.open(encoding=opening.codec, errors=errors, newline="")
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}.") from None
    with stream:
        reader = csv.reader(stream, strict=False)
        header = next(reader, None)
        while header == []:  # blank lines before the header
            header = next(reader, None)
        yield reader, header


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
