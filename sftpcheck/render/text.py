"""The plain-text report: a table of steps, what each problem means, how to fix it, a verdict."""

from __future__ import annotations

import re
import textwrap

from sftpcheck.model import CheckResult, Report, Status

# The width when the report goes to a file or a pipe; a terminal's own width when narrower.
WIDTH = 100
MIN_WIDTH = 40
_MIN_SUMMARY_WIDTH = 20
_COLORS = {Status.PASS: "32", Status.WARN: "33", Status.FAIL: "31", Status.SKIP: "2"}


def paint(status: Status, text: str, color: bool) -> str:
    return f"\x1b[{_COLORS[status]}m{text}\x1b[0m" if color else text


def render_text(report: Report, color: bool = False, width: int = WIDTH) -> str:
    width = max(width, MIN_WIDTH)
    sections = [
        _alerts(report, width),
        _header(report),
        _table(report, color, width),
        _facts(report, width),
        *_problems(report, width),
        _verdict_line(report, color, width),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _alerts(report: Report, width: int) -> str:
    """What the reader must act on at once, above everything (nothing when all is well)."""
    lines = [
        line
        for alert in report.alerts
        for line in _words(f"ATTENTION: {alert}", width, subsequent_indent="  ")
    ]
    return "\n".join(lines)


def _header(report: Report) -> str:
    target = report.target
    who = f"{target.username}@{target.host}" if target.username else target.host
    when = report.started_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    return "\n".join(
        [
            f"sftpcheck {report.tool_version}: SFTP connection report",
            f"Target:   {who}, port {target.port}",
            f"Time:     {when} (took {duration_words(report.duration_ms)})",
        ]
    )


_TITLE_WIDTH = 24


def running_line(title: str, position: int, total: int) -> str:
    """The line shown while a step runs; the finished line replaces it."""
    return f"[{position}/{total}] {title:<{_TITLE_WIDTH}} ..."


def duration_words(milliseconds: int) -> str:
    return f"{milliseconds} ms" if milliseconds < 1000 else f"{milliseconds / 1000:.1f} s"


def progress_line(
    result: CheckResult, position: int, total: int, color: bool, width: int = WIDTH
) -> str:
    """One line for a finished step, shown while the rest of the run goes on."""
    status = paint(result.status, f"{result.status.value:<4}", color)
    room = max(width - 38, _MIN_SUMMARY_WIDTH)
    summary = textwrap.shorten(result.summary, width=room, placeholder="...")
    return f"[{position}/{total}] {result.title:<{_TITLE_WIDTH}} {status}  {summary}"


def _table(report: Report, color: bool, width: int) -> str:
    """Step, result and summary; a summary wraps between words, never inside one.

    Drawn by hand, not by tabulate: tabulate's column wrapping (maxcolwidths) breaks long
    words and splits at hyphens, so a fingerprint or a path would be cut in two
    ("ssh-" / "ed25519 SHA256:IjndF6ry...Pw" / "eOTu..."), and a user copies those whole.
    """
    steps = [f"{position}. {check.title}" for position, check in enumerate(report.checks, 1)]
    step_width = max(len("Step"), *(len(step) for step in steps))
    result_width = len("Result")
    summary_width = max(width - step_width - result_width - 4, _MIN_SUMMARY_WIDTH)
    indent = " " * (step_width + result_width + 4)
    lines = [
        f"{'Step':<{step_width}}  {'Result':<{result_width}}  Summary",
        f"{'-' * step_width}  {'-' * result_width}  {'-' * summary_width}",
    ]
    for step, check in zip(steps, report.checks, strict=True):
        padding = " " * (result_width - len(check.status.value))
        status = paint(check.status, check.status.value, color) + padding
        first, *rest = _column(check.summary, summary_width)
        lines.append(f"{step:<{step_width}}  {status}  {first}".rstrip())
        lines.extend(_hang(more, indent, width) for more in rest)
    return "\n".join(lines)


def _column(text: str, width: int) -> list[str]:
    """`text` wrapped to a column; a first line too long for it moves to the next line."""
    first, *rest = _words(text, width) or [""]
    return ["", first, *rest] if len(first) > width else [first, *rest]


def _hang(line: str, indent: str, width: int) -> str:
    """A line of a column; a word too long for the column (a fingerprint, a path) starts
    further left, so that it ends at the report's edge instead of running past it."""
    if len(indent) + len(line) <= width:
        return indent + line
    return " " * max(width - len(line), 0) + line


def _words(
    text: str, width: int, initial_indent: str = "", subsequent_indent: str = ""
) -> list[str]:
    """Wrap at spaces only: a path, a fingerprint or a file name stays whole on its line.

    A number stays with its unit ("10 s", "4 KB"): a non-breaking space holds them together
    while wrapping, and is a plain space again in the lines returned.
    """
    glued = _NUMBER_AND_UNIT.sub("\\1\u00a0\\2", text)
    lines = textwrap.wrap(
        glued,
        width,
        initial_indent=initial_indent,
        subsequent_indent=subsequent_indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace("\u00a0", " ") for line in lines]


_NUMBER_AND_UNIT = re.compile(r"(\d) (ms|s|KB|MB|GB|bytes)\b")


def _facts(report: Report, width: int) -> str:
    facts = [fact for check in report.checks for fact in check.facts]
    if not facts:
        return ""
    label_width = max(len(fact.label) for fact in facts) + 2
    lines = ["What sftpcheck saw:"]
    indent = " " * (label_width + 2)
    for fact in facts:
        first, *rest = _column(fact.value, max(width - label_width - 2, _MIN_SUMMARY_WIDTH))
        lines.append(f"  {fact.label + ':':<{label_width}}{first}".rstrip())
        lines.extend(_hang(more, indent, width) for more in rest)
    return "\n".join(lines)


def _problems(report: Report, width: int) -> list[str]:
    problems = report.problems
    return [
        _problem(check, number, len(problems), width)
        for number, check in enumerate(problems, start=1)
    ]


def _problem(check: CheckResult, number: int, total: int, width: int) -> str:
    reason = check.reason
    assert reason is not None  # problems always carry a reason (Outcome enforces it)
    heading = (
        f"Problem {number} of {total}: {check.title}: {reason.title} "
        f"[{check.status.value}, {reason.code}]"
    )
    lines = [
        *_words(heading, width, subsequent_indent="  "),
        *_wrap(check.summary, "  ", width),
        "  What it means:",
        *_wrap(reason.explanation, "    ", width),
        "  What to do:",
    ]
    for step, fix in enumerate(reason.fix, start=1):
        first, *rest = _words(fix, width - 8) or [""]
        lines.append(f"    {step}. {first}")
        lines.extend(f"       {more}" for more in rest)
    return "\n".join(lines)


def _wrap(text: str, indent: str, width: int) -> list[str]:
    return _words(text, width, initial_indent=indent, subsequent_indent=indent)


def verdict_words(report: Report) -> tuple[str, str]:
    """The verdict's sentence after its label, and the `explain` command to run next, if any.

    The text and markdown reports both close with these words.
    """
    verdict = report.verdict
    skipped = sum(1 for check in report.checks if check.status is Status.SKIP)
    skipped_note = f" ({skipped} step{'s' if skipped != 1 else ''} skipped)" if skipped else ""
    if verdict is Status.PASS:
        return f": every step that ran worked{skipped_note}.", ""
    first = report.problems[0]
    # A warning that stopped the steps after it (no password: no login) must not read as
    # a pass with remarks to a nightly script's reader.
    untested = next(
        (
            check
            for check in report.problems
            if check.status is Status.WARN
            and any(later.details.get("blocked_by") == check.id for later in report.checks)
        ),
        None,
    )
    not_tested = f": '{untested.title}' and the steps after it were not tested" if untested else ""
    return (
        f"{not_tested}{skipped_note}. Start with '{first.title}' ({first.code}).",
        f"sftpcheck explain {first.code}",
    )


def _verdict_line(report: Report, color: bool, width: int) -> str:
    verdict = report.verdict
    sentence, command = verdict_words(report)
    plain = f"Verdict: {verdict.value.upper()}{sentence}"
    first, *rest = _words(plain, width, subsequent_indent="  ")
    painted = first.replace(verdict.value.upper(), paint(verdict, verdict.value.upper(), color), 1)
    lines = [painted, *rest]
    if command:
        lines.append(f"More about it: {command}")
    return "\n".join(lines)
