"""The `check` command: settle the options, run the checks, show the report, pick the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

from sftpcheck.check.credentials import add_credentials
from sftpcheck.check.layer import Layer
from sftpcheck.check.options import CheckOptions
from sftpcheck.check.pipeline import Check
from sftpcheck.check.profile import read_profile
from sftpcheck.check.settings import settle_options
from sftpcheck.local_files import check_output_path
from sftpcheck.model import CheckResult, Report, Status
from sftpcheck.render import Format, render, terminal_width, write_output
from sftpcheck.render.safe import safe_report, safe_result
from sftpcheck.render.text import WIDTH


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
    from sftpcheck.check.runner import run_checks

    if output_format is not Format.TEXT or not sys.stderr.isatty():
        return run_checks(options)
    from sftpcheck.cli import use_color
    from sftpcheck.render.text import progress_line, running_line

    color = use_color(sys.stderr)
    width = terminal_width(sys.stderr)

    def started(check: Check, position: int, total: int) -> None:
        sys.stderr.write(running_line(check.title, position, total))
        sys.stderr.flush()

    keep = given_words(options)

    def finished(result: CheckResult, position: int, total: int) -> None:
        shown = safe_result(result, options.secrets, keep)
        # \r and the erase-line code replace the "running" line in place.
        sys.stderr.write("\r\x1b[K" + progress_line(shown, position, total, color, width) + "\n")
        sys.stderr.flush()

    report = run_checks(options, on_start=started, on_result=finished)
    sys.stderr.write("\n")
    return report


def show_report(
    report: Report, options: CheckOptions, output_format: Format, output: Path | None
) -> int:
    from sftpcheck.cli import use_color

    # The last guard: no check should put a secret in a result, but a server may echo one.
    report = safe_report(report, options.secrets, given_words(options))
    content = render(report, output_format, color=False)
    if output is not None:
        write_output(output, content)
    width = terminal_width(sys.stdout)
    if output_format is Format.TEXT and (use_color(sys.stdout) or width != WIDTH):
        content = render(report, output_format, color=use_color(sys.stdout), width=width)
    sys.stdout.write(content)
    return 1 if report.verdict is Status.FAIL else 0


def given_words(options: CheckOptions) -> tuple[str, ...]:
    """What the user gave sftpcheck: a secret equal to one of these is not masked in it."""
    paths = (options.upload, options.key_path, options.known_hosts)
    words = (options.username, options.host, options.remote_dir, *(str(p) for p in paths if p))
    return tuple(word for word in words if word)
