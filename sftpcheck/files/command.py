"""`sftpcheck files DIR`: check the exports, print the report, return the exit code."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sftpcheck.console import check_output_path, show
from sftpcheck.files.archive import unpacked
from sftpcheck.files.check import check_directory
from sftpcheck.files.compare import GUARD_FINDINGS
from sftpcheck.files.details import finding_rows, write_details
from sftpcheck.files.finding import ALL_CODES, keep_every_line
from sftpcheck.files.guard import GUARD_CODES, GuardOptions, check_previous_path, guard
from sftpcheck.files.render import render_files
from sftpcheck.files.spec import load_spec
from sftpcheck.render import Format


def files_command(
    directory: Path,
    spec: str | None,
    output_format: Format,
    output: Path | None,
    options: GuardOptions | None = None,
    details: Path | None = None,
) -> int:
    """1 when a finding is an error, else 0; bad input raises InputError (exit 2)."""
    if output is not None:
        check_output_path(output, (("the folder or zip to check", directory),))
    options = options or GuardOptions(remember=False)
    loaded = load_spec(spec)
    if options.previous is not None:
        check_previous_path(options.previous)  # before the long check, not after it
    kept = ALL_CODES if details is not None else GUARD_CODES if options.active else ()
    with unpacked(directory) as folder, keep_every_line(kept):
        report = replace(check_directory(folder, loaded), directory=str(directory))
        guarded = guard(report, folder, directory, loaded, options)
        report = guarded.report
        if details is not None:
            checked = [item for item in report.findings if item.code not in GUARD_FINDINGS]
            write_details(details, [*finding_rows(checked, folder, loaded), *guarded.rows])
    show(render_files(report, output_format), output_format, output)
    return report.exit_code
