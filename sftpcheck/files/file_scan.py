"""What one pass over a file learns: the FileScan that scan.py fills and the checks read.

It lives apart from scan.py so that the hot loops (read_rows.py), which scan.py calls,
can name it without importing scan.py back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sftpcheck.files.encoding import Opening
from sftpcheck.files.finding import EXAMPLES, Finding, Severity, Tally, finding, with_count
from sftpcheck.files.spec import FileSpec
from sftpcheck.files.values import hidden_problem, show


@dataclass
class FileScan:
    """What one pass over a file learned (filled in during the pass, then only read).

    `name` is the file's real name, which differs from `spec.name` when a misnamed
    file ("Students (1).csv") is checked as the spec file it stands for.
    """

    spec: FileSpec
    path: Path
    name: str
    opening: Opening
    columns: dict[str, int] = field(default_factory=dict)
    width: int = 0
    header_end: int = 0
    keys: dict[str, int] | None = None
    seen: dict[str, set[str]] = field(default_factory=dict)
    no_contact: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    tallies: dict[tuple[str, str | None], Tally] = field(default_factory=dict)
    required: tuple[tuple[str, int], ...] = ()
    contact_missing: bool = False
    contacts: tuple[int, ...] = ()
    # Distinct values of the columns with a value rule (or a bulk/delta mode column);
    # a column that is also a link shares the link's set.
    values: dict[str, set[str]] = field(default_factory=dict)
    # A composite primaryKey: its column positions, the hash of each row's key, and the
    # hashes seen twice (a second pass tells a real repeat from a hash collision).
    key_positions: tuple[int, ...] = ()
    key_hashes: set[int] = field(default_factory=set)
    repeated_hashes: set[int] = field(default_factory=set)
    # True when the key column is only checked for repeats (no file links to it): it is
    # then kept as one hash per row, like a composite key, not as strings with lines.
    hashed_key: bool = False
    # Distinct pairs of values of two columns, for the link rules (links_rules.py):
    # (userSourcedId, role) of each enrollment, (sourcedId, type) of each org.
    pairs: dict[tuple[str, str], set[tuple[str, str]]] = field(default_factory=dict)
    # The blank lines (kept apart from ragged rows: most readers skip them), and the
    # last line read, to tell blank lines at the end from blank lines between rows.
    blank_lines: list[int] = field(default_factory=list)
    blank_count: int = 0
    end_line: int = 0

    @property
    def errors(self) -> str:
        return "strict" if self.opening.problem is None else "replace"

    def tally(self, code: str, column: str | None = None) -> Tally:
        found = self.tallies.get((code, column))
        if found is None:
            found = self.tallies[code, column] = Tally(code, self.name, column)
        return found

    def all_findings(self) -> list[Finding]:
        blank = [blank_line_finding(self)] if self.blank_count else []
        return [*self.findings, *blank, *(tally.to_finding() for tally in self.tallies.values())]

    # The slow paths: each runs only for a row that a cheap test singled out.

    def ragged(self, row: list[str], start: int) -> None:
        if not row:
            self.blank_count += 1
            if len(self.blank_lines) < EXAMPLES:
                self.blank_lines.append(start)
            return
        width = self.width
        self.tally("files.ragged_row").add(
            start, lambda: f"Line {start} has {len(row)} values, but the header has {width}."
        )
        # Keep the row's id when it is there, so other files' links to it still resolve.
        key_index = self.columns.get(self.spec.key or "")
        if self.keys is not None and key_index is not None and key_index < len(row):
            self.keys.setdefault(row[key_index], start)

    def empty_values(self, row: list[str], start: int) -> None:
        for column, index in self.required:
            if row[index] == "":
                tally = self.tally("files.missing_required", column)
                tally.add(start, "" if tally.count else f"{column} is empty on line {start}.")
        contacts = self.contacts
        if contacts and all(row[index] == "" for index in contacts):
            self._no_contact(row, start)

    def _no_contact(self, row: list[str], start: int) -> None:
        key = self.spec.key
        key_index = self.columns.get(key or "")
        if key_index is not None:
            self.no_contact.add(row[key_index])
        nothing = " and no ".join(self.spec.contact)

        def detail() -> str:
            who = f" ({key} {show(row[key_index])})" if key and key_index is not None else ""
            return f"The person on line {start}{who} has no {nothing}."

        self.tally("files.no_contact").add(start, detail)

    def duplicate(self, value: str, start: int) -> None:
        first = self.keys[value] if self.keys else start
        self.tally("files.duplicate_id", self.spec.key).add(
            start,
            lambda: f"{self.spec.key} {show(value)} on line {start} is already on line {first}.",
        )

    def hidden(self, row: list[str], start: int) -> None:
        for column, index in self.columns.items():
            if column in self.spec.id_columns:
                continue  # ids are checked once each, as sets, after the pass
            problem = hidden_problem(row[index])
            if problem:
                self.tally("files.hidden_character", column).add(
                    start, f"{column} on line {start} has {problem}: {show(row[index])}."
                )


def blank_line_finding(scan: FileScan) -> Finding:
    """Blank lines: most readers skip them, so only a warning, with words about blank lines."""
    lines = tuple(scan.blank_lines)
    first = lines[0]
    at_end = first == scan.end_line - scan.blank_count + 1
    where = "at the end of the file" if at_end else f"between the rows, first on line {first}"
    many = "blank lines" if scan.blank_count > 1 else "a blank line"
    message = with_count(f"{scan.name} has {many} {where}.", scan.blank_count, lines)
    message += " Most importers skip blank lines; a strict one may stop on them."
    return finding(
        "files.ragged_row",
        scan.name,
        message,
        lines=lines,
        count=scan.blank_count,
        fix="Remove the blank lines, or set the export not to write them.",
        severity=Severity.WARN,
    )
