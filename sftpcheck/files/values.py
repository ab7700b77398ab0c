"""What is wrong with one value: hidden characters, or an id a spreadsheet has changed.

These run on the rare values that a cheap test has already singled out, or on the sets of
distinct ids, never on every value of a big file.
"""

from __future__ import annotations

import re
import unicodedata

from sftpcheck.outside import masked

_NAMES = {
    " ": "a space",
    "\t": "a tab",
    "\r": "a line break",
    "\n": "a line break",
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u202f": "a narrow non-breaking space (U+202F)",
    "\u2007": "a figure space (U+2007)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a byte order mark (U+FEFF)",
    "\u00ad": "a soft hyphen (U+00AD)",
}
_SHORT = {"\u00a0": "<NBSP>", "\u200b": "<ZWSP>", "\ufeff": "<BOM>", "\t": "<TAB>"}

_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d+)?[eE][+-]\d+")
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DATE = re.compile(
    rf"\d{{1,2}}-(?:{_MONTHS})(?:-\d{{2,4}})?"  # 1-3 became 3-Jan
    rf"|(?:{_MONTHS})-\d{{1,4}}"  # 1-99 became Jan-99
    r"|\d{1,2}/\d{1,2}/\d{2,4}"  # 1/3/2024, as Excel shows a US date
    r"|\d{4}-\d{2}-\d{2}",  # 2024-01-03
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"\d+\.0")


def describe_character(character: str) -> str:
    """A person's name for a character they cannot see, with its code point."""
    if character in _NAMES:
        return _NAMES[character]
    code = f"U+{ord(character):04X}"
    if unicodedata.category(character) == "Cc":
        return f"a control character ({code})"
    name = unicodedata.name(character, "").lower()
    return f"an invisible character, {name} ({code})" if name else f"a hidden character ({code})"


def hidden_problem(value: str) -> str | None:
    """None for a clean value; else what hides in it, like 'a space at the end'."""
    stripped = value.strip()
    if value != stripped:
        if not stripped:
            return "only spaces"
        at_start = value[0].isspace()
        character = value[0] if at_start else value[-1]
        return f"{describe_character(character)} at the {'start' if at_start else 'end'}"
    if value.isprintable():
        return None
    # A quoted value may hold line breaks on purpose; anything else unseen is a problem.
    for character in value:
        if not character.isprintable() and character not in "\r\n":
            return describe_character(character)
    return None


def mangled_problem(value: str) -> str | None:
    """None for a plausible id; else how a spreadsheet seems to have changed it."""
    if _SCIENTIFIC.fullmatch(value):
        return "is a number in scientific notation, so its last digits are lost"
    if _DATE.fullmatch(value):
        return "looks like a date that a spreadsheet made from the id"
    if _DECIMAL.fullmatch(value):
        return "ends in .0, as a spreadsheet writes a number"
    return None


def show(value: str, limit: int = 40) -> str:
    """A value in quotes, with its hidden characters made visible and long text cut; a
    secret of the run (the file is checked before an upload) masked before the cut."""
    value = masked(value)
    visible = "".join(_visible(character) for character in value[:limit])
    return f'"{visible}..."' if len(value) > limit else f'"{visible}"'


def _visible(character: str) -> str:
    if character in _SHORT:
        return _SHORT[character]
    if character in "\r\n":
        return "\\n" if character == "\n" else "\\r"
    if character.isprintable():
        return character
    return f"<U+{ord(character):04X}>"


def text_row_suspect(values: tuple[str, ...] | list[str]) -> bool:
    """A cheap test for a row's text values: False means no value can hold a problem.

    Joining with '|' marks each value's ends, so one scan finds a space next to an end;
    a '|' inside a value can only cause a second, precise look.
    """
    joined = f"|{'|'.join(values)}|"
    return not joined.isprintable() or " |" in joined or "| " in joined
