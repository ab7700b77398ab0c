"""The plain-text report: a table of steps, what each problem means, how to fix it, a verdict."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from sftpcheck.model import CheckResult, Report, Status

WIDTH = 100
_SUMMARY_WIDTH = 62
_COLORS = {Status.PASS: "32", Status.WARN: "33", Status.FAIL: "31", Status.SKIP: "2"}


def paint(status: Status, text: str, color: bool) -> str:
    return f"\x1b[{_COLORS[status]}m{text}\x1b[0m" if color else text


def render_text(report: Report, color: bool = False) -> str:
    sections = [
        _header(report),
        _table(report, color),
        _facts(report),
        *_problems(report),
        _verdict_line(report, color),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


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


def progress_line(result: CheckResult, position: int, total: int, color: bool) -> str:
    """One line for a finished step, shown while the rest of the run goes on."""
    status = paint(result.status, f"{result.status.value:<4}", color)
    summary = textwrap.shorten(result.summary, width=WIDTH - 38, placeholder="...")
    return f"[{position}/{total}] {result.title:<{_TITLE_WIDTH}} {status}  {summary}"


def _table(report: Report, color: bool) -> str:
    rows = [
        (
            f"{position}. {check.title}",
            paint(check.status, check.status.value, color),
            check.summary,
        )
        for position, check in enumerate(report.checks, start=1)
    ]
    return tabulate(
        rows,
        headers=("Step", "Result", "Summary"),
        maxcolwidths=[None, None, _SUMMARY_WIDTH],
        disable_numparse=True,
    )


def _facts(report: Report) -> str:
    facts = [fact for check in report.checks for fact in check.facts]
    if not facts:
        return ""
    label_width = max(len(fact.label) for fact in facts) + 2
    lines = ["What sftpcheck saw:"]
    for fact in facts:
        wrapped = textwrap.wrap(fact.value, WIDTH - label_width - 4) or [""]
        lines.append(f"  {fact.label + ':':<{label_width}}{wrapped[0]}")
        lines.extend(" " * (label_width + 2) + more for more in wrapped[1:])
    return "\n".join(lines)


def _problems(report: Report) -> list[str]:
    problems = report.problems
    return [
        _problem(check, number, len(problems)) for number, check in enumerate(problems, start=1)
    ]


def _problem(check: CheckResult, number: int, total: int) -> str:
    reason = check.reason
    assert reason is not None  # problems always carry a reason (Outcome enforces it)
    heading = (
        f"Problem {number} of {total}: {check.title}: {reason.title} "
        f"[{check.status.value}, {reason.code}]"
    )
    lines = [
        *textwrap.wrap(heading, WIDTH, subsequent_indent="  "),
        *_wrap(check.summary, "  "),
        "  What it means:",
        *_wrap(reason.explanation, "    "),
        "  What to do:",
    ]
    for step, fix in enumerate(reason.fix, start=1):
        first, *rest = textwrap.wrap(fix, WIDTH - 8)
        lines.append(f"    {step}. {first}")
        lines.extend(f"       {more}" for more in rest)
    return "\n".join(lines)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def _verdict_line(report: Report, color: bool) -> str:
    verdict = report.verdict
    skipped = sum(1 for check in report.checks if check.status is Status.SKIP)
    skipped_note = f" ({skipped} step{'s' if skipped != 1 else ''} skipped)" if skipped else ""
    label = paint(verdict, verdict.value.upper(), color)
    if verdict is Status.PASS:
        return f"Verdict: {label}: every step that ran worked{skipped_note}."
    first = report.problems[0]
    return (
        f"Verdict: {label}{skipped_note}. Start with '{first.title}' ({first.code}).\n"
        f"More about it: sftpcheck explain {first.code}"
    )
