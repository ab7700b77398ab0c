"""The `files` report in text, markdown or JSON: pure functions of a FilesReport."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Any

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
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"


def report_to_dict(report: FilesReport) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "directory": report.directory,
        "spec": report.spec_source,
        "verdict": report.verdict.value,
        "files_checked": list(report.files_checked),
        "findings": [_finding_to_dict(item) for _, items in report.by_file() for item in items],
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
    verdict = f"Verdict: {report.verdict.value}. {_summary(report)} {_ADVICE[report.verdict]}"
    lines.extend(["", *textwrap.wrap(verdict, WIDTH, subsequent_indent=" " * 9)])
    return "\n".join(lines) + "\n"


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
    return "\n".join(lines) + "\n"
