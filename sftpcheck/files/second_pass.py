"""The second pass over a file: only when the first found bad values, to name their lines.

The first pass keeps sets of distinct values, not rows, so it cannot say where a bad
value is. These read the file again: `tally_rows` counts every row holding a known bad
value and keeps the first few lines of each, at about the speed of parsing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from itertools import chain
from operator import itemgetter
from typing import Any

from sftpcheck.files.file_scan import FileScan
from sftpcheck.files.finding import EXAMPLES, Tally, keeps_every_line
from sftpcheck.files.read_rows import start_line
from sftpcheck.files.scan import open_text


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
    scan: FileScan,
    checks: list[tuple[int, Mapping[str, str]]],
    start: StartTally,
    distinct: Set[str] | None = None,
) -> list[Tally]:
    """A second pass that counts the rows holding known bad values, at parsing speed.

    `checks` pairs a column position with its bad values (value -> finding code). Rows
    are looked at one by one only until every code has its first few example lines;
    the rest of the file is then counted by collections.Counter, in C, so a file whose
    every row is bad is read about as fast as a clean one. `distinct`, for one check,
    is every value the column holds: when the good ones are the fewer, the count is of
    the rows that do not hold one of them, a look-up in a far smaller set.
    """
    tallies: dict[tuple[str, int], Tally] = {}
    wanted = {(code, index) for index, codes in checks for code in set(codes.values())}
    # --details wants every line, not the first few and a count: then each row is looked at.
    every = any(keeps_every_line(code) for code, _ in wanted)
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
            if (
                not every
                and len(tallies) == len(wanted)
                and all(tally.count >= EXAMPLES for tally in tallies.values())
            ):
                break
        good = _few_good(checks, distinct)
        if good is not None:
            _count_rest_by_good(tallies, checks[0], good, rows)
        else:
            _count_rest(tallies, checks, rows)
    return list(tallies.values())


def _few_good(
    checks: list[tuple[int, Mapping[str, str]]], distinct: Set[str] | None
) -> set[str] | None:
    """The column's good values, when there is one check of one code and they are fewer."""
    if distinct is None or len(checks) != 1 or len(set(checks[0][1].values())) != 1:
        return None
    bad = checks[0][1]
    good = {value for value in distinct if value not in bad}
    return good if len(good) < len(bad) else None


def _count_rest_by_good(
    tallies: dict[tuple[str, int], Tally],
    check: tuple[int, Mapping[str, str]],
    good: set[str],
    rows: Iterator[list[str]],
) -> None:
    """Count the rest as the rows whose value is not good: every other value is bad."""
    index, codes = check
    (code,) = set(codes.values())
    counts: Counter[bool] = Counter()
    while True:
        try:
            counts.update(map(good.__contains__, map(itemgetter(index), rows)))
        except IndexError:
            continue  # a short (ragged) row: reported as such, its values are not counted
        break
    tally = tallies.get((code, index))
    if tally is not None:
        tally.count += counts[False]


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
    elif tally.count < EXAMPLES or tally.every is not None:
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
