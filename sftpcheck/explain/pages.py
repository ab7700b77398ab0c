"""The Markdown page for one reason code: used by docs/codes/ and by `explain --format markdown`.

One function writes the page, so the docs and the command can never say different things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sftpcheck.explain.messages import MESSAGES, ClientMessage
from sftpcheck.model import Reason


def messages_for(code: str, messages: Iterable[ClientMessage] = MESSAGES) -> list[ClientMessage]:
    """The known client messages that may mean this code, the ones where it comes first first."""
    related = [message for message in messages if code in message.codes]
    return sorted(related, key=lambda message: message.codes.index(code))


def reason_page(reason: Reason, heading: int = 1, grade: float | None = None) -> str:
    """The whole page for a reason, with headings starting at level `heading`."""
    top = "#" * heading
    sub = "#" * (heading + 1)
    lines = [f"{top} `{reason.code}`: {reason.title}", ""]
    facts = f"Status: **{reason.status.value}**."
    if grade is not None:
        facts += f" Reading level: grade {grade:.1f} (Flesch-Kincaid)."
    lines += [facts, "", f"{sub} What it means", "", reason.explanation, ""]
    if reason.causes:
        lines += [f"{sub} Common causes", ""]
        lines += [f"- {cause}" for cause in reason.causes]
        lines.append("")
    if reason.confirm:
        lines += [f"{sub} How `sftpcheck check` confirms it", "", reason.confirm, ""]
    lines += _fix_section(reason, sub)
    if reason.ask_vendor:
        lines += [f"{sub} What to ask the vendor", "", f"> {reason.ask_vendor}", ""]
    lines += _messages_section(reason.code, sub)
    return "\n".join(lines).rstrip() + "\n"


def _fix_section(reason: Reason, sub: str) -> list[str]:
    # In the order written: a step such as "Save the site" comes after the setting it saves.
    lines = [f"{sub} What to change", ""]
    lines += [f"{number}. {step}" for number, step in enumerate(reason.fix, start=1)]
    return [*lines, ""]


def _messages_section(code: str, sub: str) -> list[str]:
    related = messages_for(code)
    if not related:
        return []
    lines = [
        f"{sub} Messages that mean this",
        "",
        "`sftpcheck explain` knows these messages. 'First' means this code is the most "
        "likely meaning of the message; 'also' means it is one of the others.",
        "",
        "| Client | Message | Fit | Source |",
        "|---|---|---|---|",
    ]
    for message in related:
        fit = "first" if message.codes[0] == code else "also"
        lines.append(
            f"| {message.client} | {code_span(message.text)} | {fit} | {cell(message.source)} |"
        )
    lines.append("")
    return lines


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def code_span(text: str) -> str:
    """A message as inline code, whatever backticks it holds; line breaks show as ' / '."""
    flat = cell(" / ".join(line.strip() for line in text.splitlines()))
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
