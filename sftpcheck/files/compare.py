"""Compare this export with the one sent last time: the change table and the guard's findings.

Both summaries hold ids in the same form: as they are (with --previous), or as keyed
hashes (against a stored summary). `Names` turns an id back into words where this run
knows it, which a hash of an id that is gone is not.

At most one finding per file says what was lost, in this order: every row; ids that are
new while the count holds (the SIS changed its id scheme); the rows of a whole school;
more than the allowed share of ids or rows. Then two warnings name the sections that lost
their teacher and the students who lost all their classes since last time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Generic

from sftpcheck.files.changes import Changes, FileChange
from sftpcheck.files.finding import EXAMPLES, Finding, finding
from sftpcheck.files.spec import FileSpec, Spec
from sftpcheck.files.summary import ExportSummary, FileSummary, K, school_file
from sftpcheck.files.values import show

# A share is judged only when this many rows or ids are gone: a term ending in a
# three-row sessions file, or one school of two, is not a broken export.
MIN_REMOVED = 5
# Ids "re-keyed": more than this share of today's ids are new while the count holds.
NEW_SHARE = 0.5

# The codes of the guard's own findings (the others are the check's).
GUARD_FINDINGS = frozenset(
    {
        "files.mass_removal",
        "files.rekeyed",
        "files.section_lost_teacher",
        "files.student_lost_classes",
    }
)
# The ids gone since last time, and the new ones.
Diff = tuple[AbstractSet[K], AbstractSet[K]]
# An id (or its hash) -> the id in words, or None when this run cannot know it.
Names = Callable[[K], "str | None"]
# A file of this export (its real name) -> the line each id is first on. Read only when
# a finding names rows of that file.
Lines = Callable[[str], Mapping[K, int]]


@dataclass(frozen=True)
class DetailRow:
    """One affected row for --details: the file it is in, its line and id, the code."""

    file: str
    line: int | None
    id: str
    code: str


@dataclass(frozen=True)
class Comparison:
    """The change table, the guard's findings, and every row each finding is about.

    `emptied` names the files that lost every row: their finding says so, and the
    check's files.empty about them would only say it again.
    """

    changes: Changes
    findings: tuple[Finding, ...]
    rows: tuple[DetailRow, ...]
    emptied: frozenset[str] = frozenset()


def compare(
    before: ExportSummary[K],
    after: ExportSummary[K],
    spec: Spec,
    max_removed: float,
    names: Names[K],
    lines: Lines[K],
    old_lines: Lines[K] | None = None,
) -> Comparison:
    """The change of each spec file, and the findings of the guard (see the docstring)."""
    judge = _Judge(before, spec, max_removed / 100, names, (lines, old_lines))
    changes = []
    for file in spec.files:
        old, new = before.files.get(file.name), after.files.get(file.name)
        if old is None and new is None:
            continue
        if old is None or new is None or old.ids is None or new.ids is None:
            changes.append(
                FileChange(file.name, old.rows if old else None, new.rows if new else None)
            )
            if old is not None and new is not None:
                judge.file(file, old, new, None)
            continue
        gone, came = old.ids - new.ids, new.ids - old.ids
        changes.append(FileChange(file.name, old.rows, new.rows, len(came), len(gone)))
        judge.file(file, old, new, (gone, came))
    return Comparison(
        Changes(before.shown_as, tuple(changes)),
        tuple(judge.findings),
        tuple(judge.rows),
        frozenset(judge.emptied),
    )


class _Judge(Generic[K]):
    """Builds the findings of one comparison, file by file (a builder, not a result)."""

    def __init__(
        self,
        before: ExportSummary[K],
        spec: Spec,
        limit: float,
        names: Names[K],
        lines: tuple[Lines[K], Lines[K] | None],
    ) -> None:
        self.before: ExportSummary[K] = before
        self.spec, self.limit = spec, limit
        self.names: Names[K] = names
        # This export's lines; last time's, when its files are at hand (--previous).
        self.lines: Lines[K] = lines[0]
        self.old_lines: Lines[K] | None = lines[1]
        self.findings: list[Finding] = []
        self.rows: list[DetailRow] = []
        self.emptied: set[str] = set()
        self.schools = school_file(spec)

    def file(
        self, file: FileSpec, old: FileSummary[K], new: FileSummary[K], diff: Diff[K] | None
    ) -> None:
        self._lost(file, old, new, diff)
        self._flagged(file, old, new)

    def _lost(
        self, file: FileSpec, old: FileSummary[K], new: FileSummary[K], diff: Diff[K] | None
    ) -> bool:
        """The one finding about what this file lost, if any; True when there was one."""
        if self.limit >= 1:
            return False  # --max-removed 100: nothing counts as too much
        if old.rows and not new.rows:
            return self._every_row(file, old, new)
        if diff is None or old.ids is None or new.ids is None:
            return self._fewer_rows(file, old, new)
        gone, came = diff
        if len(gone) < MIN_REMOVED and not self._schools_gone(file, old, new):
            return False
        holds = abs(len(new.ids) - len(old.ids)) <= self.limit * len(old.ids)
        if len(gone) > self.limit * len(old.ids) and holds and len(came) > NEW_SHARE * len(new.ids):
            return self._rekeyed(file, old, new, gone, came)
        schools = self._schools_gone(file, old, new)
        if schools:
            return self._school_rows(file, old, new, gone, schools)
        if len(gone) > self.limit * len(old.ids):
            return self._removed(file, old, new, gone, came)
        return False

    def _every_row(self, file: FileSpec, old: FileSummary[K], new: FileSummary[K]) -> bool:
        message = (
            f"{new.name} had {old.rows:,} rows last time and has none now. The vendor may "
            "read this as: delete them all."
        )
        self._add("files.mass_removal", new, message, sorted(old.ids or ()), old)
        self.emptied.add(new.name)
        return True

    def _fewer_rows(self, file: FileSpec, old: FileSummary[K], new: FileSummary[K]) -> bool:
        dropped = old.rows - new.rows
        if dropped < MIN_REMOVED or dropped <= self.limit * old.rows:
            return False
        message = (
            f"{new.name} has {new.rows:,} rows, {dropped:,} fewer than the {old.rows:,} "
            f"last time ({_percent(dropped, old.rows)}). That is more than the "
            f"{_limit(self.limit)} allowed."
        )
        self._add("files.mass_removal", new, message, [], new)
        return True

    def _removed(
        self,
        file: FileSpec,
        old: FileSummary[K],
        new: FileSummary[K],
        gone: AbstractSet[K],
        came: AbstractSet[K],
    ) -> bool:
        assert old.ids is not None
        message = (
            f"{len(gone):,} of the {len(old.ids):,} {_ids(file)} in {new.name} last time are "
            f"gone ({_percent(len(gone), len(old.ids))}), more than the {_limit(self.limit)} "
            f"allowed; {len(came):,} are new. Rows: {old.rows:,} last time, {new.rows:,} now."
            f"{self._examples(' Gone:', gone, self._lines_of(old, new))}"
        )
        self._add("files.mass_removal", new, message, sorted(gone), old)
        return True

    def _rekeyed(
        self,
        file: FileSpec,
        old: FileSummary[K],
        new: FileSummary[K],
        gone: AbstractSet[K],
        came: AbstractSet[K],
    ) -> bool:
        assert new.ids is not None
        assert old.ids is not None
        message = (
            f"{len(came):,} of the {len(new.ids):,} {_ids(file)} in {new.name} are new since "
            f"last time ({_percent(len(came), len(new.ids))}), while the count held "
            f"({len(old.ids):,} last time). The vendor would delete {len(gone):,} records "
            f"and make {len(came):,} new ones.{self._examples(' New:', came, self.lines(new.name))}"
        )
        self._add("files.rekeyed", new, message, sorted(came), new)
        return True

    def _schools_gone(self, file: FileSpec, old: FileSummary[K], new: FileSummary[K]) -> list[K]:
        if not new.rows or file.name == self.schools:
            return []
        return sorted(old.schools.keys() - new.schools.keys())

    def _school_rows(
        self,
        file: FileSpec,
        old: FileSummary[K],
        new: FileSummary[K],
        gone: AbstractSet[K],
        schools: list[K],
    ) -> bool:
        column = next((link.column for link in file.links if link.target == self.schools), "school")
        named = [
            f"{self._school(column, school)} ({old.schools[school]:,} rows)" for school in schools
        ]
        what = "one school" if len(schools) == 1 else f"{len(schools)} schools"
        message = (
            f"Every row of {what} is gone from {new.name}: {', '.join(named[:EXAMPLES])}"
            f"{', ...' if len(named) > EXAMPLES else ''}. Rows: {old.rows:,} last time, "
            f"{new.rows:,} now; {len(gone):,} ids gone."
        )
        self._add("files.mass_removal", new, message, sorted(gone), old)
        return True

    def _school(self, column: str, school: K) -> str:
        name = self.names(school)
        if name is None:
            return "a school that is no longer in this export"
        return f"{column} {show(name)}"

    def _flagged(self, file: FileSpec, old: FileSummary[K], new: FileSummary[K]) -> None:
        """Sections that lost their teacher, students who lost all classes, since last time."""
        if old.ids is None:
            return
        if file.teacher:
            lost = (new.no_teacher & old.ids) - old.no_teacher
            what = "had a teacher last time and have none now"
            self._lost_rows("files.section_lost_teacher", file, new, lost, what)
        if new.unlisted is not None and old.unlisted is not None:
            lost = (new.unlisted & old.ids) - old.unlisted
            what = "were in a class last time and are in none now"
            self._lost_rows("files.student_lost_classes", file, new, lost, what)

    def _lost_rows(
        self, code: str, file: FileSpec, new: FileSummary[K], lost: AbstractSet[K], what: str
    ) -> None:
        if not lost:
            return
        lines = self.lines(new.name)
        ordered = sorted(lost, key=lambda value: lines.get(value, 0))
        first = ordered[0]
        where = f" on line {lines[first]}" if first in lines else ""
        label = self.names(first)
        named = f"{file.key} {show(label)}{where}" if label is not None else f"one{where}"
        message = f"{len(lost):,} of the {_noun(new)} in {new.name} {what}. The first: {named}."
        self._add(code, new, message, ordered, new)

    def _examples(self, label: str, values: AbstractSet[K], lines: Mapping[K, int]) -> str:
        """The first few of these ids in words, in the order of their lines."""
        last = len(lines) + 1
        first = sorted(values, key=lambda value: (lines.get(value, last), value))
        shown = [name for name in map(self.names, first[: EXAMPLES + 1]) if name is not None]
        if not shown:
            return ""
        more = ", ..." if len(values) > EXAMPLES else ""
        return f"{label} {', '.join(show(name) for name in shown[:EXAMPLES])}{more}."

    def _add(
        self, code: str, new: FileSummary[K], message: str, ids: list[K], where: FileSummary[K]
    ) -> None:
        """The finding, and a detail row per id: in this file, or in last time's (`where`)."""
        here = where is new
        file = new.name if here else f"{self.before.shown_as}/{where.name}"
        lines = self._lines_of(where, new) if ids else {}
        first = sorted(lines[value] for value in ids if value in lines)[:EXAMPLES] if here else []
        self.findings.append(
            finding(code, new.name, message, lines=tuple(first), count=max(len(ids), 1))
        )
        rows = [
            DetailRow(file, lines.get(value), name, code)
            for value in ids
            if (name := self.names(value)) is not None
        ]
        self.rows.extend(rows or [DetailRow(file, None, "", code)])

    def _lines_of(self, where: FileSummary[K], new: FileSummary[K]) -> Mapping[K, int]:
        """The lines of this file now, or last time's when its files are at hand."""
        if where is new:
            return self.lines(new.name)
        return self.old_lines(where.name) if self.old_lines is not None else {}


def _noun(file: FileSummary[str] | FileSummary[int]) -> str:
    """What a file's rows are, from its name: "sections" for sections.csv."""
    return file.name.rsplit(".", 1)[0].lower() or "rows"


def _ids(file: FileSpec) -> str:
    return f"{file.key} values" if file.key else "ids"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "100%"


def _limit(limit: float) -> str:
    return f"{100 * limit:g}%"
