"""Value rules for one column, named as Frictionless Table Schema names them.

`enum`, `pattern`, `minimum`/`maximum` and `format` ("date", "datetime", "email") read
as a vendor's own Table Schema does. `separator` makes a column a list ("01,02" in
OneRoster's grades), each item checked on its own. A rule is checked once per distinct
value after the pass over the file, never once per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sftpcheck.errors import InputError
from sftpcheck.files.values import show

FORMATS = ("date", "datetime", "email")
# Table Schema's "email" format: something@something.something, with no spaces.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# ISO 8601 as OneRoster writes dateLastModified: a date, or a date and time with seconds
# optional, fractions optional and a Z or an offset.
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_SHOWN = 8  # how many allowed values a message lists before "..."


@dataclass(frozen=True)
class FieldRule:
    """What a column's values may be; an empty value is never judged here."""

    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    format: str | None = None
    separator: str | None = None

    @property
    def is_boolean(self) -> bool:
        """True for a true/false column, whose usual fault is a spreadsheet's TRUE."""
        return set(self.enum) == {"true", "false"}

    def problem(self, value: str) -> str | None:
        """None when `value` keeps the rule; else a phrase such as 'is not a date'."""
        if self.separator is not None:
            for item in value.split(self.separator):
                found = self._item_problem(item)
                if found:
                    return f"holds {show(item)}, which {found}"
            return None
        return self._item_problem(value)

    def _item_problem(self, value: str) -> str | None:
        if self.enum and value not in self.enum:
            same = next((item for item in self.enum if item.lower() == value.lower()), None)
            if same is not None:
                return f'has the wrong capital letters: write it as "{same}"'
            return f"is not one of: {_listed(self.enum)}"
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            return f"does not match the pattern {self.pattern}"
        if self.minimum is not None or self.maximum is not None:
            found = self._range_problem(value)
            if found:
                return found
        if self.format is not None:
            return _format_problem(self.format, value)
        return None

    def _range_problem(self, value: str) -> str | None:
        try:
            number = float(value)
        except ValueError:
            return "is not a number"
        if self.minimum is not None and number < self.minimum:
            return f"is below the minimum {self.minimum:g}"
        if self.maximum is not None and number > self.maximum:
            return f"is above the maximum {self.maximum:g}"
        return None


def _listed(values: tuple[str, ...]) -> str:
    shown = ", ".join(values[:_SHOWN])
    more = len(values) - _SHOWN
    return f"{shown} and {more} more in the spec" if more > 0 else shown


def _format_problem(name: str, value: str) -> str | None:
    if name == "email":
        return None if _EMAIL.fullmatch(value) else "is not an email address"
    if name == "date":
        if _DATE.fullmatch(value) and _real_date(value):
            return None
        return "is not a date written as YYYY-MM-DD"
    if _DATETIME.fullmatch(value) and _real_date(value[:10]):
        return None
    return "is not a date and time in ISO 8601, such as 2026-09-01T08:00:00Z"


def _real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def parse_rule(table: Any, where: str) -> FieldRule:
    """A FieldRule from a [files."x.csv".fields.column] table; InputError when it is bad."""
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table of rules.")
    unknown = set(table) - {"enum", "pattern", "minimum", "maximum", "format", "separator"}
    if unknown:
        raise InputError(f"{where} has an unknown rule: {sorted(unknown)[0]}.")
    enum = table.get("enum", [])
    if not isinstance(enum, list) or not all(isinstance(item, str) for item in enum):
        raise InputError(f"The enum of {where} must be a list of values in quotes.")
    pattern = _text(table.get("pattern"), f"pattern of {where}")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as error:
            raise InputError(f"The pattern of {where} is not a valid pattern: {error}.") from None
    form = _text(table.get("format"), f"format of {where}")
    if form is not None and form not in FORMATS:
        raise InputError(f"The format of {where} must be one of: {', '.join(FORMATS)}.")
    return FieldRule(
        enum=tuple(enum),
        pattern=pattern,
        minimum=_number(table.get("minimum"), f"minimum of {where}"),
        maximum=_number(table.get("maximum"), f"maximum of {where}"),
        format=form,
        separator=_text(table.get("separator"), f"separator of {where}"),
    )


def _text(value: Any, what: str) -> str | None:
    if value is None or (isinstance(value, str) and value):
        return value
    raise InputError(f"The {what} must be text in quotes.")


def _number(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"The {what} must be a number.")
    return float(value)
