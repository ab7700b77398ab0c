"""The `check` command: settle the options, run the checks, show the report, pick the exit code."""

from __future__ import annotations

import dataclasses
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sftpcheck.check.options import CheckOptions
from sftpcheck.check.pipeline import Check
from sftpcheck.check.settings import Given, build_options, read_profile
from sftpcheck.errors import InputError
from sftpcheck.local_files import check_output_path
from sftpcheck.model import CheckResult, Report, Secret, Status
from sftpcheck.render import Format, render, terminal_width, write_output
from sftpcheck.render.safe import safe_report, safe_result
from sftpcheck.render.text import WIDTH

PASSWORD_ENV = "SFTPCHECK_PASSWORD"  # noqa: S105 - the variable's name, not a password
PASSPHRASE_ENV = "SFTPCHECK_PASSPHRASE"  # noqa: S105 - likewise


def check_command(given: Given, profile_path: Path | None, password_stdin: bool) -> int:
    profile = read_profile(profile_path) if profile_path else {}
    output_format = _format(given.format or profile.get("format"))
    output = given.output or (Path(profile["output"]) if "output" in profile else None)
    options = build_options(given, profile, password=None)
    if output is not None:
        # Before anything runs: an upload done and then the report lost helps no one.
        check_output_path(
            output,
            (
                ("the file to upload", options.upload),
                ("the key", options.key_path),
                ("the known_hosts file", options.known_hosts),
                ("the profile", profile_path),
                ("the saved sites file", given.site_file or _profile_path(profile, "site-file")),
            ),
        )
    options = _add_credentials(options, password_stdin)
    report = run_and_show_progress(options, output_format)
    return show_report(report, options, output_format, output)


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


def _format(value: object) -> Format:
    if value is None:
        return Format.TEXT
    try:
        return Format(str(value))
    except ValueError:
        raise InputError(f"The format '{value}' is unknown; use text, markdown or json.") from None


def _add_credentials(options: CheckOptions, password_stdin: bool) -> CheckOptions:
    from sftpcheck.check.credentials import load_private_key

    password = _read_password(options, password_stdin)
    key = None
    if options.key_path is not None:
        key = load_private_key(options.key_path, _passphrase_source(options.key_path))
    return dataclasses.replace(options, password=password, private_key=key)


def _read_password(options: CheckOptions, from_stdin: bool) -> Secret | None:
    if from_stdin:
        return _password_from(sys.stdin)
    if os.environ.get(PASSWORD_ENV):
        return Secret(os.environ[PASSWORD_ENV])
    if options.username and options.key_path is None and sys.stdin.isatty():
        prompt = f"Password for {options.username}@{options.host} (not shown): "
        typed = getpass.getpass(prompt)
        return Secret(typed) if typed else None
    return None


def _password_from(stream: TextIO) -> Secret:
    line = stream.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise InputError("--password-stdin was given, but standard input held no password.")
    return Secret(password)


def _passphrase_source(path: Path) -> Callable[[], Secret | None]:
    def ask() -> Secret | None:
        if os.environ.get(PASSPHRASE_ENV):
            return Secret(os.environ[PASSPHRASE_ENV])
        if sys.stdin.isatty():
            return Secret(getpass.getpass(f"Passphrase for the key {path} (not shown): "))
        return None

    return ask


def _profile_path(profile: dict[str, object], key: str) -> Path | None:
    value = profile.get(key)
    return Path(str(value)) if value is not None else None


def given_words(options: CheckOptions) -> tuple[str, ...]:
    """What the user gave sftpcheck: a secret equal to one of these is not masked in it."""
    paths = (options.upload, options.key_path, options.known_hosts)
    words = (options.username, options.host, options.remote_dir, *(str(p) for p in paths if p))
    return tuple(word for word in words if word)
