"""One streaming pass over one CSV file: its ids, the ids it links to, and row problems.

Memory grows with the number of distinct ids, never with rows: the pass keeps the key
ids (with the line of each), the distinct values of each link column and of each column
with a value rule, the keys of people without contact, and a Tally per problem. A
composite primaryKey keeps one hash per row (an int, not the row). Rows are dropped as
soon as they are read.

The per-row work is kept to a few cheap operations, because a district's rosters file
can hold millions of rows; anything that looks wrong is handed to a slower, precise
method, and the ids are checked once each, as sets, after the pass (see ids.py).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sftpcheck.errors import InputError
from sftpcheck.files.encoding import Opening, find_bad_utf8, sniff
from sftpcheck.files.finding import EXAMPLES, Finding, Tally, finding
from sftpcheck.files.header import HeaderMatch, match_header
from sftpcheck.files.spec import FileSpec
from sftpcheck.files.values import hidden_problem, show, text_row_suspect

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
        end = _read_rows(rows, reader, scan)
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


def _adders(scan: FileScan) -> tuple[tuple[Callable[[str], None], int], ...]:
    """(set.add, position) for each column whose distinct values the pass keeps."""
    kept = {**scan.values, **scan.seen}
    return tuple((values.add, scan.columns[column]) for column, values in kept.items())


def key_getter(scan: FileScan) -> Callable[[list[str]], tuple[str, ...]] | None:
    """A row's primary key as a tuple (the same function hashes it in both passes)."""
    return _picker(list(scan.key_positions))


def _text_getter(scan: FileScan) -> Callable[[list[str]], tuple[str, ...]] | None:
    """The values to look at for hidden characters: not ids, and not values with a rule.

    Ids are checked as sets after the pass; a value with an enum, pattern or format is
    judged by its rule, which names a stray space or hidden character as a bad value.
    """
    ids = set(scan.spec.id_columns)
    ruled = {
        column
        for column, rule in scan.spec.fields
        if rule.enum or rule.pattern is not None or rule.format is not None
    }
    positions = [index for column, index in scan.columns.items() if column not in ids | ruled]
    return _picker(positions)


def _picker(positions: list[int]) -> Callable[[list[str]], tuple[str, ...]] | None:
    """A fast function giving a row's values at `positions`, always as a tuple."""
    if not positions:
        return None
    # itemgetter of one position gives a bare value; asking for it twice keeps a tuple.
    picks = positions * 2 if len(positions) == 1 else positions
    getter: Callable[[list[str]], tuple[str, ...]] = itemgetter(*picks)
    return getter


def _blank_getter(scan: FileScan) -> Callable[[list[str]], tuple[str, ...]] | None:
    """The values whose emptiness matters: required and contact columns."""
    return _picker(sorted({index for _, index in scan.required} | set(scan.contacts)))


def _read_rows(rows: Iterable[list[str]], reader: Reader, scan: FileScan) -> int:
    """Read every row; return the last line number read.

    `rows` is the reader itself, or the reader after a first line of data; `reader`
    counts physical lines. A file with a key needs each row's line (to say where an id
    was first seen); a file without one, such as rosters.csv, the biggest, works out a
    line only for a row with a problem.
    """
    if scan.keys is not None:
        return _read_keyed_rows(rows, reader, scan, scan.keys)
    _read_unkeyed_rows(rows, reader, scan)
    return reader.line_num


def _read_keyed_rows(
    rows: Iterable[list[str]], reader: Reader, scan: FileScan, keys: dict[str, int]
) -> int:
    width = scan.width
    key_index = scan.columns[scan.spec.key or ""]
    unique = scan.spec.unique
    adders = _adders(scan)
    text_of = _text_getter(scan)
    blank_of = _blank_getter(scan)
    key_of = key_getter(scan)
    hashes, repeated = scan.key_hashes, scan.repeated_hashes
    end = scan.header_end
    for row in rows:
        # A record starts on the line after the previous one ended.
        start = end + 1
        end = reader.line_num
        if len(row) != width:
            scan.ragged(row, start)
            continue
        if blank_of is not None and "" in blank_of(row):
            scan.empty_values(row, start)
        value = row[key_index]
        if value not in keys:
            keys[value] = start
        elif unique:
            scan.duplicate(value, start)
        for add, index in adders:
            add(row[index])
        if text_of is not None and text_row_suspect(text_of(row)):
            scan.hidden(row, start)
        if key_of is not None:
            before = len(hashes)
            hashed = hash(key_of(row))
            hashes.add(hashed)
            if len(hashes) == before:
                repeated.add(hashed)
    return end


def _read_unkeyed_rows(rows: Iterable[list[str]], reader: Reader, scan: FileScan) -> None:
    width = scan.width
    adders = _adders(scan)
    text_of = _text_getter(scan)
    key_of = key_getter(scan)
    if len(adders) == 2 and text_of is None and key_of is None:
        _read_join_rows(rows, reader, scan, adders)
        return
    if len(adders) == 2 and text_of is None and scan.key_positions == _positions(adders):
        _read_keyed_join_rows(rows, reader, scan, adders)
        return
    hashes, repeated = scan.key_hashes, scan.repeated_hashes
    blank_of = _blank_getter(scan)
    for row in rows:
        if len(row) != width:
            scan.ragged(row, start_line(reader.line_num, row))
            continue
        if blank_of is not None and "" in blank_of(row):
            scan.empty_values(row, start_line(reader.line_num, row))
        for add, index in adders:
            add(row[index])
        if text_of is not None and text_row_suspect(text_of(row)):
            scan.hidden(row, start_line(reader.line_num, row))
        if key_of is not None:
            before = len(hashes)
            hashed = hash(key_of(row))
            hashes.add(hashed)
            if len(hashes) == before:
                repeated.add(hashed)


def _read_join_rows(
    rows: Iterable[list[str]],
    reader: Reader,
    scan: FileScan,
    adders: tuple[tuple[Callable[[str], None], int], ...],
) -> None:
    """A join table such as rosters.csv: two link columns and often millions of rows.

    The same as the loop above, with its two columns named rather than looped over:
    that saves a fifth of the time on the biggest file of a district.
    """
    width = scan.width
    (add_first, first), (add_second, second) = adders
    for row in rows:
        if len(row) != width:
            scan.ragged(row, start_line(reader.line_num, row))
            continue
        if "" in row:
            scan.empty_values(row, start_line(reader.line_num, row))
        add_first(row[first])
        add_second(row[second])


def _positions(adders: tuple[tuple[Callable[[str], None], int], ...]) -> tuple[int, ...]:
    return tuple(index for _, index in adders)


def _read_keyed_join_rows(
    rows: Iterable[list[str]],
    reader: Reader,
    scan: FileScan,
    adders: tuple[tuple[Callable[[str], None], int], ...],
) -> None:
    """A join table whose two columns together are its primaryKey (a roster line).

    Each row's pair is hashed and kept as one int; a hash seen twice is checked exactly
    in a second pass, so memory stays one int per row, not the row's strings.
    """
    width = scan.width
    (add_first, first), (add_second, second) = adders
    hashes, repeated = scan.key_hashes, scan.repeated_hashes
    add_hash = hashes.add
    for row in rows:
        if len(row) != width:
            scan.ragged(row, start_line(reader.line_num, row))
            continue
        if "" in row:
            scan.empty_values(row, start_line(reader.line_num, row))
        one, two = row[first], row[second]
        add_first(one)
        add_second(two)
        before = len(hashes)
        hashed = hash((one, two))
        add_hash(hashed)
        if len(hashes) == before:
            repeated.add(hashed)


def start_line(end: int, row: list[str]) -> int:
    """The line a record starts on, from the line it ends on and the breaks inside it."""
    breaks = sum(value.count("\n") + value.count("\r") - value.count("\r\n") for value in row)
    return end - breaks


def rows_with(
    scan: FileScan, column: str, values: set[str], separator: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """A second pass: the rows (and start lines) whose `column` holds one of `values`.

    Only used when the first pass found bad values, to name the lines they are on. With
    a `separator` the column is a list, and a row matches when one of its items does.
    """
    index = scan.columns[column]
    if separator is not None:
        for start, row in all_rows(scan):
            if index < len(row) and any(p in values for p in row[index].split(separator)):
                yield start, row
        return
    for start, row in all_rows(scan):
        if index < len(row) and row[index] in values:
            yield start, row


def all_rows(scan: FileScan) -> Iterator[tuple[int, list[str]]]:
    """A second pass over every row, with the line each starts on."""
    with open_text(scan.path, scan.opening) as (reader, header):
        rows: Iterable[list[str]] = reader
        if header is not None and scan.header_end == 0:
            rows = chain((header,), reader)
        end = scan.header_end
        for row in rows:
            start = end + 1
            end = reader.line_num
            yield start, row


# (code, column position, line, row) -> a new Tally holding the words of the first example.
StartTally = Callable[[str, int, int, list[str]], Tally]


def tally_rows(
    scan: FileScan, checks: list[tuple[int, Mapping[str, str]]], start: StartTally
) -> list[Tally]:
    """A second pass that counts the rows holding known bad values, at parsing speed.

    `checks` pairs a column position with its bad values (value -> finding code). Rows
    are looked at one by one only until every code has its first few example lines;
    the rest of the file is then counted by collections.Counter, in C, so a file whose
    every row is bad is read about as fast as a clean one.
    """
    tallies: dict[tuple[str, int], Tally] = {}
    wanted = {(code, index) for index, codes in checks for code in set(codes.values())}
    with open_text(scan.path, scan.opening) as (reader, header):
        rows: Iterator[list[str]] = iter(reader)
        if header is not None and scan.header_end == 0:
            rows = chain((header,), reader)
        for row in rows:
            width = len(row)
            for index, codes in checks:
                code = codes.get(row[index]) if index < width else None
                if code is not None:
                    _tally_one(tallies, start, (code, index), reader.line_num, row)
            if len(tallies) == len(wanted) and all(
                tally.count >= EXAMPLES for tally in tallies.values()
            ):
                break
        _count_rest(tallies, checks, rows)
    return list(tallies.values())


def _tally_one(
    tallies: dict[tuple[str, int], Tally],
    start: StartTally,
    key: tuple[str, int],
    end: int,
    row: list[str],
) -> None:
    tally = tallies.get(key)
    if tally is None:
        tallies[key] = start(key[0], key[1], start_line(end, row), row)
    elif tally.count < EXAMPLES:
        tally.add(start_line(end, row), "")
    else:
        tally.count += 1


def _count_rest(
    tallies: dict[tuple[str, int], Tally],
    checks: list[tuple[int, Mapping[str, str]]],
    rows: Iterator[list[str]],
) -> None:
    """Add the counts of the rows not yet read; their lines are no longer needed."""
    positions = [index for index, _ in checks]
    getter = itemgetter(*positions)
    counts: Counter[Any] = Counter()
    while True:
        try:
            counts.update(map(getter, rows))
        except IndexError:
            continue  # a short (ragged) row: reported as such, its values are not counted
        break
    for value, number in counts.items():
        values: tuple[str, ...] = (value,) if len(positions) == 1 else value
        for (index, codes), item in zip(checks, values, strict=True):
            code = codes.get(item)
            if code is not None:
                tallies[code, index].count += number
