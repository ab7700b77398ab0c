"""The `files` report in text, markdown or JSON: pure functions of a FilesReport."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Any

from sftpcheck.files.changes import Changes, FileChange
from sftpcheck.files.finding import FilesReport, Finding, Severity
from sftpcheck.model import Status
from sftpcheck.render import Format

SCHEMA = 1
WIDTH = 100
_ADVICE = {
    Status.PASS: "The files match the spec.",
    Status.WARN: "The files can be imported, but some data may be left out.",
    Status.FAIL: "Fix the errors before the upload, or the import will fail or lose data.",
}


def render_files(report: FilesReport, output_format: Format) -> str:
    renderers: dict[Format, Callable[[FilesReport], str]] = {
        Format.TEXT: render_text,
        Format.MARKDOWN: render_markdown,
        Format.JSON: render_json,
    }
    return renderers[output_format](report)


def render_json(report: FilesReport) -> str:
    return json.dumps(report_to_dict(report), indent=2) + "\n"


def report_to_dict(report: FilesReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "directory": report.directory,
        "spec": report.spec_source,
        "verdict": report.verdict.value,
        "files_checked": list(report.files_checked),
        "findings": [_finding_to_dict(item) for _, items in report.by_file() for item in items],
    }
    if report.changes is not None:
        data["compared_with"] = report.changes.compared_with
        data["changes"] = [_change_to_dict(change) for change in report.changes.files]
    if report.notes:
        data["notes"] = list(report.notes)
    return data


def _change_to_dict(change: FileChange) -> dict[str, Any]:
    return {
        "file": change.file,
        "before": change.before,
        "after": change.after,
        "added": change.added,
        "removed": change.removed,
    }


def _finding_to_dict(item: Finding) -> dict[str, Any]:
    return {
        "code": item.code,
        "severity": item.severity.value,
        "file": item.file,
        "line": item.line,
        "message": item.message,
        "fix": item.fix,
        "title": item.reason.title,
        "column": item.column,
        "count": item.count,
        "lines": list(item.lines),
    }


def _summary(report: FilesReport) -> str:
    errors = sum(item.severity is Severity.ERROR for item in report.findings)
    warnings = len(report.findings) - errors
    files = len({item.file for item in report.findings})
    if not report.findings:
        return f"{len(report.files_checked)} files checked, no problems found."
    return (
        f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')} "
        f"in {_plural(files, 'file')}."
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def render_text(report: FilesReport) -> str:
    lines = [
        f"sftpcheck files: {report.directory} (checked against the {report.spec_source})",
        f"Files read: {', '.join(report.files_checked) or 'none'}",
    ]
    for file, items in report.by_file():
        lines.extend(["", file])
        for item in items:
            lines.extend(_text_finding(item))
    if report.changes is not None:
        lines.extend(["", *_text_changes(report.changes)])
    for note in report.notes:
        lines.extend(["", *textwrap.wrap(f"Note: {note}", WIDTH, subsequent_indent=" " * 6)])
    verdict = f"Verdict: {report.verdict.value}. {_summary(report)} {_ADVICE[report.verdict]}"
    lines.extend(["", *textwrap.wrap(verdict, WIDTH, subsequent_indent=" " * 9)])
    return "\n".join(lines) + "\n"


_CHANGE_HEADER = ("file", "rows before", "rows now", "new ids", "gone ids")


def _change_cells(change: FileChange) -> tuple[str, ...]:
    def number(value: int | None, missing: str) -> str:
        return missing if value is None else f"{value:,}"

    # No ids to compare: a file that joins others (rosters.csv) is compared by its rows.
    no_id = "-" if change.before is not None and change.after is not None else ""
    return (
        change.file,
        number(change.before, "not sent"),
        number(change.after, "not here"),
        number(change.added, no_id),
        number(change.removed, no_id),
    )


def _text_changes(changes: Changes) -> list[str]:
    rows = [_CHANGE_HEADER, *(_change_cells(change) for change in changes.files)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(_CHANGE_HEADER))]
    table = [
        "  "
        + "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    return [f"Changes since last time (compared with {changes.compared_with}):", *table]


def _text_finding(item: Finding) -> list[str]:
    where = f", line {item.line}" if item.line is not None else ""
    head = f"  {item.severity.value.upper():<5}  {item.code}{where}: {item.reason.title}"
    body = textwrap.wrap(item.message, WIDTH, initial_indent=" " * 9, subsequent_indent=" " * 9)
    fix = textwrap.wrap(
        f"Fix: {item.fix}", WIDTH, initial_indent=" " * 9, subsequent_indent=" " * 14
    )
    return [head, *body, *fix]


def render_markdown(report: FilesReport) -> str:
    lines = [
        f"# sftpcheck files: `{report.directory}`",
        "",
        f"Checked against the {report.spec_source}. "
        f"Verdict: **{report.verdict.value}**. {_summary(report)}",
    ]
    for file, items in report.by_file():
        lines.extend(["", f"## {file}", ""])
        for item in items:
            where = f", line {item.line}" if item.line is not None else ""
            lines.append(f"- **{item.severity.value}** `{item.code}`{where}: {item.message}")
            lines.append(f"  - Fix: {item.fix}")
    if report.changes is not None:
        lines.extend(["", "## Changes since last time", ""])
        lines.append(f"Compared with {report.changes.compared_with}.")
        lines.extend(["", "| " + " | ".join(_CHANGE_HEADER) + " |", "|---|--:|--:|--:|--:|"])
        for change in report.changes.files:
            cells = _change_cells(change)
            lines.append("| " + " | ".join((f"`{cells[0]}`", *cells[1:])) + " |")
    for note in report.notes:
        lines.extend(["", f"> Note: {note}"])
    return "\n".join(lines) + "\n"
