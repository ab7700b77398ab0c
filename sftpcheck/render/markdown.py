"""The Markdown report, for pasting into a helpdesk ticket."""

from __future__ import annotations

from sftpcheck.model import CheckResult, Report, Status
from sftpcheck.render.text import duration_words

_ICONS = {
    Status.PASS: "pass",
    Status.WARN: "**warn**",
    Status.FAIL: "**FAIL**",
    Status.SKIP: "skip",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    target = report.target
    who = f"{target.username}@{target.host}" if target.username else target.host
    lines = [
        f"### sftpcheck report: {report.verdict.value.upper()}",
        "",
        f"- **Target:** `{who}` port {target.port}",
        f"- **Time:** {report.started_at.strftime('%Y-%m-%d %H:%M:%S UTC')} "
        f"(took {duration_words(report.duration_ms)})",
        f"- **Tool:** sftpcheck {report.tool_version}",
        "",
        "| # | Step | Result | Code | Summary |",
        "|---|------|--------|------|---------|",
    ]
    for position, check in enumerate(report.checks, start=1):
        code = f"`{check.code}`" if check.code else ""
        lines.append(
            f"| {position} | {check.title} | {_ICONS[check.status]} | {code} "
            f"| {_cell(check.summary)} |"
        )
    facts = [fact for check in report.checks for fact in check.facts]
    if facts:
        lines += ["", "**What sftpcheck saw**", ""]
        lines += [f"- {fact.label}: `{_cell(fact.value)}`" for fact in facts]
    for check in report.problems:
        lines += ["", *_problem(check)]
    return "\n".join(lines) + "\n"


def _problem(check: CheckResult) -> list[str]:
    reason = check.reason
    assert reason is not None  # problems always carry a reason (Outcome enforces it)
    lines = [
        f"#### {check.title}: {reason.title} (`{reason.code}`, {check.status.value})",
        "",
        check.summary,
        "",
        f"**What it means:** {reason.explanation}",
        "",
        "**What to do:**",
        "",
    ]
    lines += [f"{step}. {fix}" for step, fix in enumerate(reason.fix, start=1)]
    return lines
