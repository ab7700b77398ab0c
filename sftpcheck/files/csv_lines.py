"""The lines a CSV file gives the csv module, each of bounded length.

A file's own line iterator reads a whole line, however long, before the csv module sees
it: a 500 MB line with no break is 500 MB in memory, and a value longer than the csv
module's field limit is its error, not a sentence. Here the text is read in chunks and
split as a file opened with newline="" splits it; a line still not ended after 1 MB
stops the read with one sentence (so no line held is longer than 1 MB and a chunk), and
the csv module's errors become sentences too.

The split is done a chunk at a time in C (StringIO.readlines), and the lines are handed
on by itertools.chain: the per-line cost stays that of a plain file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import chain
from typing import TextIO

from sftpcheck.errors import InputError

LINE_LIMIT = 1 << 20  # characters; no roster line comes near it
_CHUNK = 1 << 16


class LineTooLongError(Exception):
    """A line went on past LINE_LIMIT characters without a line break."""


def bounded_lines(stream: TextIO) -> Iterator[str]:
    """The stream's lines, as iterating it with newline="" gives them, each at most
    LINE_LIMIT characters; LineTooLongError (raised while iterating) past that."""
    return chain.from_iterable(_line_batches(stream))


def _line_batches(stream: TextIO) -> Iterator[list[str]]:
    carry = ""
    while chunk := stream.read(_CHUNK):
        lines = io.StringIO(carry + chunk, newline="").readlines()
        # The last line may go on in the next chunk; so may a "\r" that ends it ("\r\n").
        carry = lines.pop() if not lines[-1].endswith("\n") else ""
        if len(carry) > LINE_LIMIT:
            raise LineTooLongError
        yield lines
    if carry:
        yield [carry]


def unreadable_csv(name: str, line: int, error: Exception) -> InputError:
    """The sentence for a line too long or the csv module's error, on line `line`."""
    if isinstance(error, LineTooLongError):
        return InputError(
            f"Line {line} of {name} goes on for more than 1 MB without a line break; "
            "sftpcheck stops there. Check that it is the CSV export you meant."
        )
    if "field larger than field limit" in str(error):
        limit = csv.field_size_limit()
        return InputError(
            f"{name} holds a value longer than {limit:,} characters (by line {line}); "
            'sftpcheck stops there. A quote (") that is never closed makes the rest of a '
            "file one value."
        )
    return InputError(f"{name} cannot be read as CSV on line {line}: {error}.")
