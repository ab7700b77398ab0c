"""`sftpcheck files DIR`: check the exports, print the report, return the exit code."""

from __future__ import annotations

from pathlib import Path

from sftpcheck.console import show
from sftpcheck.files.check import check_directory
from sftpcheck.files.render import render_files
from sftpcheck.files.spec import load_spec
from sftpcheck.render import Format


def files_command(
    directory: Path, spec: str | None, output_format: Format, output: Path | None
) -> int:
    """1 when a finding is an error, else 0; bad input raises InputError (exit 2)."""
    report = check_directory(directory, load_spec(spec))
    show(render_files(report, output_format), output)
    return report.exit_code
