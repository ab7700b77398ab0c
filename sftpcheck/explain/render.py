"""Explanations as text, Markdown or JSON: pure functions of an Explanation."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Any

from sftpcheck.explain.core import Explanation, Match
from sftpcheck.explain.pages import reason_page
from sftpcheck.render import Format

WIDTH = 88
# The text output spells out this many candidates in full; the rest are named only.
TEXT_DETAILED = 3
_INDENT = "   "
NO_MATCH_ADVICE = (
    "Run `sftpcheck check HOST` (add --user and your other settings). It tests each step "
    "of the connection and says which one fails, and why."
)


def render(explanation: Explanation, output_format: Format) -> str:
    renderers: dict[Format, Callable[[Explanation], str]] = {
        Format.TEXT: render_text,
        Format.MARKDOWN: render_markdown,
        Format.JSON: render_json,
    }
    return renderers[output_format](explanation)


def render_json(explanation: Explanation) -> str:
    document = {
        "query": explanation.query,
        "matches": [_match_to_dict(match) for match in explanation.matches],
        "client": explanation.client,
        "equals": list(explanation.equals),
        "notes": list(explanation.notes),
    }
    return json.dumps(document, indent=2) + "\n"


def _match_to_dict(match: Match) -> dict[str, Any]:
    reason = match.reason
    message = match.message
    return {
        "code": reason.code,
        "title": reason.title,
        "explanation": reason.explanation,
        "fix": list(reason.fix),
        "status": reason.status.value,
        "causes": list(reason.causes),
        "confirm": reason.confirm,
        "ask_vendor": reason.ask_vendor,
        "client": message.client if message else None,
        "message": message.text if message else None,
        "source": message.source if message else None,
    }


def render_markdown(explanation: Explanation) -> str:
    if not explanation.matches:
        return f"{_no_match_text(explanation)}\n"
    if explanation.is_code:
        return reason_page(explanation.matches[0].reason)
    parts = [
        "# What the pasted message means",
        "",
        f"> {markdown_escape(_shorten(explanation.query))}",
        "",
    ]
    if explanation.client:
        parts += [f"It looks like {markdown_escape(explanation.client)} output.", ""]
    if explanation.equals:
        parts += [markdown_escape(_equals_sentence(explanation.equals)), ""]
    parts += [item for note in explanation.notes for item in (markdown_escape(note), "")]
    for number, match in enumerate(explanation.matches, start=1):
        if match.message:
            parts += [f"{number}. {match.message.client} prints this message.", ""]
        parts.append(reason_page(match.reason, heading=2))
    return "\n".join(parts)


def render_text(explanation: Explanation) -> str:
    if not explanation.matches:
        return _no_match_text(explanation) + "\n"
    if explanation.is_code:
        return _reason_text(explanation.matches[0], heading="") + "\n"
    first = explanation.matches[0]
    intro = [f'You pasted: "{_shorten(explanation.query)}"']
    client = explanation.client or (first.message.client if first.message else None)
    if client:
        article = "an" if client[:1].lower() in "aeiou" else "a"
        intro.append(f"That is {article} {client} message.")
    if explanation.equals:
        intro.append(_equals_sentence(explanation.equals))
    elif len(explanation.matches) > 1:
        codes = ", ".join(match.reason.code for match in explanation.matches)
        intro.append(f"Likely reasons, best first: {codes}.")
    intro += list(explanation.notes)
    blocks = ["\n".join(_wrap(line, "") for line in intro)]
    for number, match in enumerate(explanation.matches[:TEXT_DETAILED], start=1):
        blocks.append(_reason_text(match, heading=f"{number}. "))
    blocks.append(_wrap("To be sure, run `sftpcheck check HOST`: it tests each step.", ""))
    return "\n\n".join(blocks) + "\n"


def _reason_text(match: Match, heading: str) -> str:
    reason = match.reason
    lines = [f"{heading}{reason.code}: {reason.title}"]
    if match.message:
        lines.append(_wrap(f"Matched {match.message.client}: {_one_line(match.message.text)}"))
        lines.append(_wrap(f"Source of that wording: {match.message.source}"))
    lines += ["", f"{_INDENT}What it means:", _wrap(reason.explanation, _INDENT * 2)]
    if reason.causes:
        lines += ["", f"{_INDENT}Likely causes:"]
        lines += [_wrap(f"- {cause}", _INDENT * 2, _INDENT * 2 + "  ") for cause in reason.causes]
    if reason.confirm:
        lines += ["", f"{_INDENT}How `sftpcheck check` confirms it:"]
        lines.append(_wrap(reason.confirm, _INDENT * 2))
    lines += ["", f"{_INDENT}What to change:"]
    for number, step in enumerate(reason.fix, start=1):
        lines.append(_wrap(f"{number}. {step}", _INDENT * 2, _INDENT * 2 + "   "))
    if reason.ask_vendor:
        lines += ["", f"{_INDENT}Ask the vendor:", _wrap(reason.ask_vendor, _INDENT * 2)]
    return "\n".join(lines)


def _equals_sentence(codes: tuple[str, ...]) -> str:
    steps = [f"`{step}`" for step in sorted({code.split(".")[0] for code in codes})]
    if len(steps) == 1:
        which = f"The {steps[0]} step of `sftpcheck check HOST` tells them apart."
    else:
        named = f"{', '.join(steps[:-1])} and {steps[-1]}"
        which = f"The {named} steps of `sftpcheck check HOST` tell them apart."
    return f"These fit the words equally: {', '.join(codes)}. {which}"


_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_<>[]|#"})


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as written: backticks, `*`, `<` and the rest escaped."""
    return text.translate(_MARKDOWN_SPECIAL)


def _no_match_text(explanation: Explanation) -> str:
    lines = [f'sftpcheck does not know this message: "{_shorten(explanation.query)}"']
    if explanation.similar_codes:
        lines.append(f"Did you mean {' or '.join(explanation.similar_codes)}?")
    lines.append(NO_MATCH_ADVICE)
    return "\n".join(_wrap(line, "") for line in lines)


def _wrap(text: str, indent: str = _INDENT, subsequent: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _one_line(text: str) -> str:
    return " / ".join(line.strip() for line in text.strip().splitlines() if line.strip())


_SHOWN = 200


def _shorten(text: str) -> str:
    """The paste on one line, cut at a word to at most 200 characters."""
    # textwrap splits all it is given into words: seconds on a paste of megabytes. Its one
    # line needs only the words that start in the first 200 characters and whether more
    # follow, so it gets the text up to the first space after 800: the same answer. The
    # paste's first characters hold that much unless they are mostly blank.
    enough = 4 * _SHOWN
    for head in (text[: 20 * enough], text):
        flat = " ".join(_one_line(head).split())
        cut = flat.find(" ", enough)
        if cut >= 0:
            return textwrap.shorten(flat[:cut], width=_SHOWN, placeholder=" ...")
    return textwrap.shorten(flat, width=_SHOWN, placeholder=" ...")
