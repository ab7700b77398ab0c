"""The hot loops of the pass over one file: a few cheap operations per row.

A district's rosters file can hold millions of rows, so each loop does only what its
file needs (a file with a key tracks each row's line; a join table such as rosters.csv
names its two columns rather than looping over them), and anything that looks wrong is
handed to a slower, precise method of FileScan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import TYPE_CHECKING

from sftpcheck.files.values import text_row_suspect

if TYPE_CHECKING:
    from _csv import Reader

    from sftpcheck.files.file_scan import FileScan


def _adders(scan: FileScan) -> tuple[tuple[Callable[[str], None], int], ...]:
    """(set.add, position) for each column whose distinct values the pass keeps."""
    kept = {**scan.values, **scan.seen}
    return tuple((values.add, scan.columns[column]) for column, values in kept.items())


PairAdder = tuple[Callable[[tuple[str, str]], None], Callable[[list[str]], tuple[str, str]]]


def _pair_adders(scan: FileScan) -> tuple[PairAdder, ...]:
    """(set.add, getter of the two values) for each pair of columns a link rule needs."""
    adders: list[PairAdder] = []
    for (first, second), values in scan.pairs.items():
        pick: Callable[[list[str]], tuple[str, str]] = itemgetter(
            scan.columns[first], scan.columns[second]
        )
        adders.append((values.add, pick))
    return tuple(adders)


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


Picker = Callable[[list[str]], tuple[str, ...]]


def _picker(positions: list[int]) -> Picker | None:
    """A fast function giving a row's values at `positions`, always as a tuple."""
    if not positions:
        return None
    # itemgetter of one position gives a bare value; asking for it twice keeps a tuple.
    picks = positions * 2 if len(positions) == 1 else positions
    getter: Callable[[list[str]], tuple[str, ...]] = itemgetter(*picks)
    return getter


def _empty_getters(
    scan: FileScan,
) -> tuple[Picker | None, Picker | None, tuple[str, ...]]:
    """Getters for the required values and the contacts, and what "no contact" looks like.

    A row goes to the slower FileScan.empty_values only when a required value is empty
    or every contact is: an empty phone beside an email is fine.
    """
    required_of = _picker([index for _, index in scan.required])
    contacts_of = _picker(list(scan.contacts))
    width = max(scan.contacts, default=0) + 1
    nobody = contacts_of([""] * width) if contacts_of is not None else ()
    return required_of, contacts_of, nobody


def read_rows(rows: Iterable[list[str]], reader: Reader, scan: FileScan) -> int:
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
    required_of, contacts_of, nobody = _empty_getters(scan)
    key_of = key_getter(scan)
    pair_adders = _pair_adders(scan)
    hashes, repeated = scan.key_hashes, scan.repeated_hashes
    end = scan.header_end
    for row in rows:
        # A record starts on the line after the previous one ended.
        start = end + 1
        end = reader.line_num
        if len(row) != width:
            scan.ragged(row, start)
            continue
        if (required_of is not None and "" in required_of(row)) or (
            contacts_of is not None and contacts_of(row) == nobody
        ):
            scan.empty_values(row, start)
        value = row[key_index]
        if value not in keys:
            keys[value] = start
        elif unique:
            scan.duplicate(value, start)
        for add, index in adders:
            add(row[index])
        for add_pair, pick in pair_adders:
            add_pair(pick(row))
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
    pair_adders = _pair_adders(scan)
    # The fast loops of a join table keep two columns and nothing else.
    join = not pair_adders and len(adders) == 2 and text_of is None
    if join and key_of is None:
        _read_join_rows(rows, reader, scan, adders)
        return
    if join and scan.key_positions == _positions(adders):
        _read_keyed_join_rows(rows, reader, scan, adders)
        return
    hashes, repeated = scan.key_hashes, scan.repeated_hashes
    required_of, contacts_of, nobody = _empty_getters(scan)
    for row in rows:
        if len(row) != width:
            scan.ragged(row, start_line(reader.line_num, row))
            continue
        if (required_of is not None and "" in required_of(row)) or (
            contacts_of is not None and contacts_of(row) == nobody
        ):
            scan.empty_values(row, start_line(reader.line_num, row))
        for add, index in adders:
            add(row[index])
        for add_pair, pick in pair_adders:
            add_pair(pick(row))
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
