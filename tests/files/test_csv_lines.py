"""The bounded lines give the csv module what the file's own lines would: the same split.

The split is done a chunk at a time, so a line end at a chunk's edge ("\\r" at the end of
one chunk, "\\n" at the start of the next) is where a difference would show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sftpcheck.files import csv_lines
from sftpcheck.files.csv_lines import LineTooLongError, bounded_lines

CHUNK = csv_lines._CHUNK


def _as_files_split(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(stream)


def _bounded(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(bounded_lines(stream))


@pytest.mark.parametrize("end", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
@pytest.mark.parametrize("shift", [-2, -1, 0, 1])
def test_lines_split_as_the_file_splits_them_at_a_chunk_edge(
    tmp_path: Path, end: str, shift: int
) -> None:
    first = "a" * (CHUNK - 1 + shift)  # its line end straddles the chunk's edge
    text = first + end + 'x,"quoted\r\nbreak",é\r\n' + "\r\n".join(["1,2"] * 1000) + end + "last"
    path = tmp_path / "mixed.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert _bounded(path) == _as_files_split(path)


def test_a_line_past_the_limit_stops_the_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("h\n" + "x" * (csv_lines.LINE_LIMIT + CHUNK + 1) + "\n", encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as stream:
        lines = bounded_lines(stream)
        assert next(lines) == "h\n"
        with pytest.raises(LineTooLongError):
            next(lines)


def test_a_line_just_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("h\n" + "x" * (csv_lines.LINE_LIMIT - 1) + "\n", encoding="utf-8")
    assert _bounded(path) == _as_files_split(path)
