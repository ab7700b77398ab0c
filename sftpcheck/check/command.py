"""The `check` command: settle the options, run the checks, show the report, pick the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

from sftpcheck.check.credentials import add_credentials
from sftpcheck.check.layer import Layer
from sftpcheck.check.options import CheckOptions
from sftpcheck.check.pipeline import Check
from sftpcheck.check.profile import read_profile
from sftpcheck.check.runner import run_checks
from sftpcheck.check.settings import settle_options
from sftpcheck.console import Progress, check_output_path, show, terminal_width, use_color
from sftpcheck.model import CheckResult, Report, Status
from sftpcheck.render import Format, render
from sftpcheck.render.safe import safe_result
from sftpcheck.render.text import WIDTH, progress_line, running_line


def check_command(
    target: str | None, flags: Layer, profile_path: Path | None, password_stdin: bool
) -> int:
    """`sftpcheck check`: TARGET and the typed flags, the --profile file, --password-stdin."""
    profile = read_profile(profile_path) if profile_path else None
    settings = settle_options(target, flags, profile)
    if settings.output is not None:
        # Before anything runs: an upload done and then the report lost helps no one.
        check_output_path(settings.output, settings.inputs)
    options = add_credentials(settings.options, password_stdin)
    report = run_and_show_progress(options, settings.output_format)
    return show_report(report, options, settings.output_format, settings.output)


def run_and_show_progress(options: CheckOptions, output_format: Format) -> Report:
    """Run the checks; on a terminal, show each step on stderr while it runs and when done."""
    if output_format is not Format.TEXT or not sys.stderr.isatty():
        return run_checks(options)
    progress = Progress(sys.stderr)

    def started(check: Check, position: int, total: int) -> None:
        progress.running(running_line(check.title, position, total))

    def finished(result: CheckResult, position: int, total: int) -> None:
        shown = safe_result(result)
        progress.finished(progress_line(shown, position, total, progress.color, progress.width))

    report = run_checks(options, on_start=started, on_result=finished)
    progress.close()
    return report


def show_report(
    report: Report, options: CheckOptions, output_format: Format, output: Path | None
) -> int:
    """Print the report (and write it to --output); the exit code: 1 when a step failed."""
    content = render(report, output_format)
    on_screen = None
    color, width = use_color(sys.stdout), terminal_width(sys.stdout)
    if output_format is Format.TEXT and (color or width != WIDTH):
        on_screen = render(report, output_format, color=color, width=width)
    show(content, output_format, output, on_screen)
    return 1 if report.verdict is Status.FAIL else 0
