"""Report formats. Each renderer is a pure function of a Report; this module picks one."""

from __future__ import annotations

import enum
from collections.abc import Callable

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
