"""Report formats. Each renderer is a pure function of a Report; this module picks one."""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.model import Report


class Format(str, enum.Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


def render(
    report: Report, output_format: Format, color: bool = False, width: int | None = None
) -> str:
    """The report in one format; server text in it is always made printable first."""
    from sftpcheck.render import json_format, markdown, text
    from sftpcheck.render.safe import safe_report

    renderers: dict[Format, Callable[[Report], str]] = {
        Format.TEXT: lambda r: text.render_text(r, color=color, width=width or text.WIDTH),
        Format.MARKDOWN: markdown.render_markdown,
        Format.JSON: json_format.render_json,
    }
    return renderers[output_format](safe_report(report))


def terminal_width(stream: object) -> int:
    """The text report's width: COLUMNS, else the terminal's, else 100 (a file or a pipe).

    Never wider than 100: long lines read badly even on a wide screen.
    """
    import os
    import shutil

    from sftpcheck.render.text import WIDTH

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return min(int(columns), WIDTH)
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return WIDTH
    return min(shutil.get_terminal_size((WIDTH, 24)).columns, WIDTH)


def write_output(path: Path, content: str) -> None:
    """Write a report to --output, turning an unwritable path into one clear sentence."""
    try:
        path.write_text(content if content.endswith("\n") else content + "\n", encoding="utf-8")
    except OSError as error:
        raise InputError(f"Cannot write the report to {path}: {error.strerror}.") from None
