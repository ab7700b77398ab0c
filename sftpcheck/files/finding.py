"""What `sftpcheck files` reports: findings, grouped into a report with a verdict."""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sftpcheck.model import Reason, Status
from sftpcheck.reasons.files import REASONS

if TYPE_CHECKING:
    from sftpcheck.files.changes import Changes

REASON_BY_CODE: dict[str, Reason] = {reason.code: reason for reason in REASONS}

# How many example line numbers a finding names; the count says how many there are in all.
EXAMPLES = 5

# The codes whose every line is kept, not only the first few: all of them for --details,
# the two the guard reads (files/guard.py) otherwise. Empty outside keep_every_line().
_EVERY_LINE: ContextVar[Collection[str]] = ContextVar("every_line", default=())
ALL_CODES: Collection[str] = frozenset(REASON_BY_CODE)


@contextmanager
def keep_every_line(codes: Collection[str]) -> Iterator[None]:
    """Within this block, the findings of these codes keep every line they are on."""
    token = _EVERY_LINE.set(codes)
    try:
        yield
    finally:
        _EVERY_LINE.reset(token)


def keeps_every_line(code: str) -> bool:
    return code in _EVERY_LINE.get()


class Severity(str, enum.Enum):
    """How bad a finding is: an error stops the import of some data, a warning may not."""

    ERROR = "error"
    WARN = "warn"


def severity_of(code: str) -> Severity:
    return Severity.ERROR if REASON_BY_CODE[code].status is Status.FAIL else Severity.WARN


@dataclass(frozen=True)
class Finding:
    """One problem in one file: where it first shows, how often, and what to do.

    `line` is the physical line where the first example starts (None for a whole-file
    problem such as a missing file); `lines` holds the first few examples and `count`
    how many there are in all.
    """

    code: str
    severity: Severity
    file: str
    line: int | None
    message: str
    fix: str
    count: int = 1
    lines: tuple[int, ...] = ()
    column: str | None = None
    # Every line, for the codes kept by keep_every_line() (else empty): --details reads it.
    every_line: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @property
    def reason(self) -> Reason:
        return REASON_BY_CODE[self.code]


def finding(
    code: str,
    file: str,
    message: str,
    *,
    line: int | None = None,
    fix: str = "",
    count: int = 1,
    lines: tuple[int, ...] = (),
    column: str | None = None,
    severity: Severity | None = None,
    every_line: tuple[int, ...] = (),
) -> Finding:
    """A Finding whose severity comes from its reason (unless given), and whose fix
    defaults to the reason's."""
    if line is not None and not lines:
        lines = (line,)
    return Finding(
        code=code,
        severity=severity or severity_of(code),
        file=file,
        line=line if line is not None else (lines[0] if lines else None),
        message=message,
        fix=fix or " ".join(REASON_BY_CODE[code].fix),
        count=count,
        lines=lines[:EXAMPLES],
        column=column,
        every_line=every_line,
    )


@dataclass
class Tally:
    """Counts the rows that show one problem and keeps the first few (a builder, not a result).

    Only the first example's words are kept, and only they are built: `detail` may be a
    function that writes them, called for the first row alone, so a file with a million
    bad rows costs no more time in words, nor memory, than one with a single bad row.
    """

    code: str
    file: str
    column: str | None = None
    count: int = 0
    lines: list[int] = field(default_factory=list)
    first: str = ""
    severity: Severity | None = None
    every: list[int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if keeps_every_line(self.code):
            self.every = []

    def add(self, line: int, detail: str | Callable[[], str]) -> None:
        self.count += 1
        if self.count == 1:
            self.first = detail if isinstance(detail, str) else detail()
        if len(self.lines) < EXAMPLES:
            self.lines.append(line)
        if self.every is not None:
            self.every.append(line)

    def to_finding(self, fix: str = "") -> Finding:
        return finding(
            self.code,
            self.file,
            with_count(self.first, self.count, tuple(self.lines)),
            fix=fix,
            count=self.count,
            lines=tuple(self.lines),
            column=self.column,
            severity=self.severity,
            every_line=tuple(self.every or ()),
        )


def with_count(first: str, count: int, lines: tuple[int, ...]) -> str:
    """The first example's words, then how many rows in all and where the first ones are."""
    if count <= 1:
        return first
    shown = ", ".join(str(line) for line in lines[:EXAMPLES])
    more = ", ..." if count > len(lines) else ""
    return f"{first} {count} rows in all, on lines {shown}{more}."


@dataclass(frozen=True)
class FilesReport:
    """Everything one run of `sftpcheck files` found, grouped by file."""

    directory: str
    spec_source: str
    files_checked: tuple[str, ...]
    findings: tuple[Finding, ...]
    # What changed since the export sent last time (files/guard.py); None: nothing to
    # compare with. Notes are about the run, not the data (a stored summary set aside).
    changes: Changes | None = None
    notes: tuple[str, ...] = ()

    @property
    def verdict(self) -> Status:
        severities = {item.severity for item in self.findings}
        if Severity.ERROR in severities:
            return Status.FAIL
        if Severity.WARN in severities:
            return Status.WARN
        return Status.PASS

    @property
    def exit_code(self) -> int:
        return 1 if self.verdict is Status.FAIL else 0

    def by_file(self) -> tuple[tuple[str, tuple[Finding, ...]], ...]:
        """Findings grouped by file, in first-seen order; errors before warnings in each."""
        order: dict[str, list[Finding]] = {}
        for item in self.findings:
            order.setdefault(item.file, []).append(item)
        return tuple(
            (name, tuple(sorted(items, key=lambda f: f.severity is not Severity.ERROR)))
            for name, items in order.items()
        )
