"""`sftpcheck files DIR`: check the exports, print the report, return the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

from sftpcheck.files.check import check_directory
from sftpcheck.files.render import render_files
from sftpcheck.files.spec import load_spec
from sftpcheck.render import Format, write_output


def files_command(
    directory: Path, spec: str | None, output_format: Format, output: Path | None
) -> int:
    """1 when a finding is an error, else 0; bad input raises InputError (exit 2)."""
    report = check_directory(directory, load_spec(spec))
    content = render_files(report, output_format)
    sys.stdout.write(content)
    if output is not None:
        write_output(output, content)
    return report.exit_code
