"""The Markdown report, for pasting into a helpdesk ticket."""

from __future__ import annotations

import re

from sftpcheck.model import CheckResult, Report, Status
from sftpcheck.render.tables import markdown_table
from sftpcheck.render.text import duration_words, verdict_words

_ICONS = {
    Status.PASS: "pass",
    Status.WARN: "**warn**",
    Status.FAIL: "**FAIL**",
    Status.SKIP: "skip",
}


# Markdown's inline syntax: what a path, a user name or a server's words may hold.
_SPECIAL = re.compile(r"([\\`*_<>\[\]|~#!&])")


def _text(text: str) -> str:
    """Outside text as literal markdown: every character that means something escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))


def _code(text: str) -> str:
    """Text as one code span, whatever backticks it holds (CommonMark: a longer fence)."""
    text = " ".join(text.split("\n")).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def render_markdown(report: Report) -> str:
    target = report.target
    who = f"{target.username}@{target.host}" if target.username else target.host
    alerts = [f"**ATTENTION:** {_text(alert)}" for alert in report.alerts]
    lines = [
        *(line for alert in alerts for line in (alert, "")),
        f"### sftpcheck report: {report.verdict.value.upper()}",
        "",
        f"- **Target:** {_code(who)} port {target.port}",
        f"- **Time:** {report.started_at.strftime('%Y-%m-%d %H:%M:%S UTC')} "
        f"(took {duration_words(report.duration_ms)})",
        f"- **Tool:** sftpcheck {report.tool_version}",
        "",
        markdown_table(
            ("#", "Step", "Result", "Code", "Summary"),
            (
                (
                    str(position),
                    check.title,
                    _ICONS[check.status],
                    f"`{check.code}`" if check.code else "",
                    _text(check.summary),
                )
                for position, check in enumerate(report.checks, start=1)
            ),
        ),
    ]
    facts = [fact for check in report.checks for fact in check.facts]
    if facts:
        lines += ["", "**What sftpcheck saw**", ""]
        lines += [f"- {fact.label}: {_code(fact.value)}" for fact in facts]
    for check in report.problems:
        lines += ["", *_problem(check)]
    sentence, command = verdict_words(report)
    closing = f"**Verdict: {report.verdict.value.upper()}**{_text(sentence)}"
    lines += ["", closing + (f" More about it: `{command}`" if command else "")]
    return "\n".join(lines) + "\n"


def _problem(check: CheckResult) -> list[str]:
    reason = check.reason
    assert reason is not None  # problems always carry a reason (Outcome enforces it)
    lines = [
        f"#### {check.title}: {reason.title} (`{reason.code}`, {check.status.value})",
        "",
        _text(check.summary),
        "",
        f"**What it means:** {reason.explanation}",
        "",
        "**What to do:**",
        "",
    ]
    lines += [f"{step}. {fix}" for step, fix in enumerate(reason.fix, start=1)]
    return lines
