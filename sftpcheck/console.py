"""The terminal seam every command shares: colour, width, the progress lines, stdout and --output.

Commands render a value to text with their format's pure function, then hand the text
here; nothing below this module knows whether it writes to a terminal, a pipe or a file.
It is also the last guard for every command alike: text and Markdown leave here with each
control character shown as an escape (`\\x1b`), whatever a server, a file or a paste put
in them, so none can retitle the terminal, write its clipboard or hide words.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from sftpcheck.errors import InputError
from sftpcheck.outside import printable
from sftpcheck.render import Format
from sftpcheck.render.text import WIDTH

# The codes that put the cursor back at the line's start and erase the line.
_REWRITE_LINE = "\r\x1b[K"
# The colour codes sftpcheck's text report paints with (render/text.py): the only escape
# codes that may reach a terminal, and only in text rendered with colour for it.
_COLOUR = re.compile(r"(\x1b\[[0-9;]*m)")


def use_color(stream: object) -> bool:
    """Colour only on a terminal that shows it: never when NO_COLOR is set (no-color.org),
    and never on TERM=dumb (a terminal, or an editor's shell, that knows no escape codes)."""
    return not os.environ.get("NO_COLOR") and _understands_escapes(stream)


def _understands_escapes(stream: object) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width(stream: object) -> int:
    """The text report's width: COLUMNS, else the terminal's, else 100 (a file or a pipe).

    Never wider than 100: long lines read badly even on a wide screen.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return min(int(columns), WIDTH)
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return WIDTH
    return min(shutil.get_terminal_size((WIDTH, 24)).columns, WIDTH)


def show(
    content: str,
    output_format: Format,
    output: Path | None = None,
    on_screen: str | None = None,
) -> None:
    """Write `content` to stdout and, with --output, to that file too. `on_screen` is what
    the terminal gets instead when it differs (colour, or a narrower text report).

    Text and Markdown are cleaned first (see the module's docstring); JSON escapes every
    control character itself.
    """
    if output_format is not Format.JSON:
        content = printable(content)
        on_screen = printable_keeping_colour(on_screen) if on_screen is not None else None
    sys.stdout.write(content if on_screen is None else on_screen)
    if output is not None:
        write_output(output, content)


def printable_keeping_colour(text: str) -> str:
    """`text` with every control character an escape, but sftpcheck's own colour codes."""
    # split() with a group keeps the colour codes, at the odd places.
    pieces = _COLOUR.split(text)
    return "".join(piece if index % 2 else printable(piece) for index, piece in enumerate(pieces))


def write_output(path: Path, content: str) -> None:
    """Write a report to --output, turning an unwritable path into one clear sentence."""
    try:
        path.write_text(content if content.endswith("\n") else content + "\n", encoding="utf-8")
    except OSError as error:
        raise InputError(f"Cannot write the report to {path}: {error.strerror}.") from None


def check_output_path(output: Path, inputs: Iterable[tuple[str, Path | None]] = ()) -> None:
    """Refuse, before anything runs, a report path that is an input or cannot be written.

    Every command with --output calls it first: a report printed and then not written
    is not one sentence and exit 2, and a check's upload done and its report lost helps
    no one.
    """
    for what, path in inputs:
        if path is not None and _same_file(output, path):
            raise InputError(
                f"--output {output} is the same file as {what}; the report would overwrite "
                "it. Give the report another name."
            )
    try:
        _check_writable(output)
    except OSError as error:  # a folder on the way that this user may not look into
        reason = (error.strerror or "it cannot be reached").lower()
        raise InputError(f"--output {output} cannot be written: {reason}.") from None


def _check_writable(output: Path) -> None:
    if output.is_dir():
        raise InputError(f"--output {output} is a folder; give a file name for the report.")
    folder = output.parent
    if not folder.is_dir():
        raise InputError(f"--output {output} is in a folder that does not exist: {folder}.")
    target = output if output.exists() else folder
    if not os.access(target, os.W_OK):
        raise InputError(f"--output {output} cannot be written: permission denied.")


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and first.samefile(second)
    except OSError:
        return False


class Progress:
    """Each step on stderr while a run goes on: a "running" line, replaced in place by the
    finished line. On a terminal without escape codes (TERM=dumb), only the finished lines."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.color = use_color(stream)
        self.width = terminal_width(stream)
        self._rewrite = _understands_escapes(stream)

    def running(self, line: str) -> None:
        if self._rewrite:
            self.stream.write(printable_keeping_colour(line))
            self.stream.flush()

    def finished(self, line: str) -> None:
        shown = printable_keeping_colour(line)
        self.stream.write((_REWRITE_LINE if self._rewrite else "") + shown + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
