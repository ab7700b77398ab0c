"""The guard: compare this export with the one sent last time, before the vendor does.

Vendors stop a nightly sync that would archive more than a set share of records; the
district learns it the next morning. The usual causes are an export with headers only, or
with one school filtered out. The guard says it before the upload, comparing with the
folder or zip given with --previous, or else with the summary it stored after the last
check of the same folder and spec (remember.py; --no-remember turns that off).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.files.archive import unpacked
from sftpcheck.files.compare import Comparison, DetailRow, compare
from sftpcheck.files.finding import FilesReport, Finding
from sftpcheck.files.guard_read import first_lines
from sftpcheck.files.remember import (
    Hasher,
    hashed,
    installation_key,
    load,
    save,
    state_folder,
    store_path,
)
from sftpcheck.files.spec import Spec
from sftpcheck.files.summary import ExportSummary, listed_ids, spec_paths, summarize

# The check keeps every line of these findings, because the guard reads their ids.
GUARD_CODES = frozenset({"files.student_without_class"})
# What this run lost, if it is an error, is not stored: a second check of a broken export
# must still compare with the good one before it.
_BLOCKING = frozenset({"files.mass_removal", "files.rekeyed"})


@dataclass(frozen=True)
class GuardOptions:
    """What to compare with, and how much may go: --previous, --max-removed, --no-remember."""

    previous: Path | None = None
    max_removed: float = 10.0
    remember: bool = True

    @property
    def active(self) -> bool:
        return self.previous is not None or self.remember


@dataclass(frozen=True)
class Guarded:
    """The report with the guard's findings, change table and notes; its detail rows."""

    report: FilesReport
    rows: tuple[DetailRow, ...] = ()


def check_previous_path(path: Path) -> None:
    """One sentence (InputError) unless --previous names a folder or a .zip file."""
    if not path.exists():
        raise InputError(f"The folder {path} given with --previous does not exist.")
    if path.is_file() and path.suffix.lower() != ".zip":
        raise InputError(
            f"{path} given with --previous is a file; give the folder or .zip of the "
            "export sent last time."
        )


def guard(
    report: FilesReport, folder: Path, given: Path, spec: Spec, options: GuardOptions
) -> Guarded:
    """Compare the export in `folder` (shown as `given`) with last time's, as `options` say."""
    if not options.active:
        return Guarded(report)
    lines = _FirstLines(folder, spec)
    current = _with_unlisted(summarize(folder, spec, str(given)), report, spec, lines)
    if options.previous is not None:
        comparison = _with_previous(options.previous, spec, current, options, lines)
        return Guarded(_merged(report, comparison, ()), comparison.rows)
    return _remembered(report, given, spec, current, options, lines)


def _as_is(value: str) -> str:
    return value


class _FirstLines:
    """Each id's first line in a file of this export, read once, when a finding asks."""

    def __init__(self, folder: Path, spec: Spec) -> None:
        self._files = {path.name: (path, file) for path, file in spec_paths(folder, spec).values()}
        self._read: dict[str, dict[str, int]] = {}

    def __call__(self, name: str) -> dict[str, int]:
        if name not in self._read:
            self._read[name] = first_lines(*self._files[name]) if name in self._files else {}
        return self._read[name]


def _with_previous(
    path: Path,
    spec: Spec,
    current: ExportSummary[str],
    options: GuardOptions,
    lines: _FirstLines,
) -> Comparison:
    """Compare with the folder or zip given with --previous (one sentence if unusable)."""
    check_previous_path(path)
    with unpacked(path) as folder:
        if not folder.is_dir():
            raise InputError(f"{path} given with --previous is not a folder or a .zip file.")
        if not any((folder / name).is_file() for name in spec.names):
            names = ", ".join(spec.names)
            raise InputError(
                f"{path} given with --previous holds none of the files of the {spec.source} "
                f"({names}); give the folder or .zip of the export sent last time."
            )
        before = _with_listed(summarize(folder, spec, str(path)), current, folder, spec)
        # Last time's lines are read, as this export's, only for a finding's rows.
        return compare(
            before, current, spec, options.max_removed, _as_is, lines, _FirstLines(folder, spec)
        )


def _with_listed(
    before: ExportSummary[str], current: ExportSummary[str], folder: Path, spec: Spec
) -> ExportSummary[str]:
    """Last time's students in no class, read only when some are in no class now.

    It needs a pass over last time's biggest file (rosters.csv), so it is read only when
    a student in no class now was in students.csv last time.
    """
    files = dict(before.files)
    for file in spec.files:
        old, new = before.files.get(file.name), current.files.get(file.name)
        if not file.listed_in or old is None or old.ids is None or new is None:
            continue
        if not (new.unlisted and new.unlisted & old.ids):
            continue
        listed = listed_ids(folder, spec, file)
        if listed is not None:
            files[file.name] = replace(old, unlisted=old.ids - listed)
    return replace(before, files=files)


def _with_unlisted(
    current: ExportSummary[str], report: FilesReport, spec: Spec, first: _FirstLines
) -> ExportSummary[str]:
    """This export's students in no class, as the check found them (every line of them)."""
    files = dict(current.files)
    for file in spec.files:
        summary = current.files.get(file.name)
        if not file.listed_in or summary is None or file.listed_in not in current.files:
            continue
        lines = {
            line
            for item in report.findings
            if item.code == "files.student_without_class" and item.file == summary.name
            for line in item.every_line or item.lines
        }
        unlisted = (
            frozenset(value for value, line in first(summary.name).items() if line in lines)
            if lines
            else frozenset()
        )
        files[file.name] = replace(summary, unlisted=unlisted)
    return replace(current, files=files)


def _remembered(
    report: FilesReport,
    given: Path,
    spec: Spec,
    current: ExportSummary[str],
    options: GuardOptions,
    first: _FirstLines,
) -> Guarded:
    try:
        hasher = Hasher(installation_key())
    except OSError as error:
        note = (
            f"sftpcheck cannot keep a summary of this export in {state_folder()}: "
            f"{error.strerror}. Use --previous to compare with last time's files."
        )
        return Guarded(replace(report, notes=(*report.notes, note)))
    path = store_path(given, spec.source, hasher)
    stored = load(path, hasher, spec.source)
    mine = hashed(current, hasher)
    notes: list[str | None] = [stored.note]
    if stored.summary is None:
        if not stored.note:
            notes.append(
                "Nothing to compare with yet: this is the first check of this folder with "
                "this spec. A summary of it (counts and hashed ids, nothing personal) is "
                "kept for the next check."
            )
        notes.append(save(path, mine.summary, hasher))
        return Guarded(replace(report, notes=(*report.notes, *filter(None, notes))))
    comparison = compare(
        stored.summary,
        mine.summary,
        spec,
        options.max_removed,
        mine.name,
        cache(lambda name: mine.lines(first(name))),
    )
    if any(item.code in _BLOCKING for item in comparison.findings):
        notes.append(
            f"The summary of {stored.summary.shown_as} is kept, so the next check compares "
            "with it again. If these changes are real, run once with --max-removed 100 to "
            "accept them."
        )
    else:
        notes.append(save(path, mine.summary, hasher))
    return Guarded(_merged(report, comparison, tuple(filter(None, notes))), comparison.rows)


def _merged(report: FilesReport, comparison: Comparison, notes: tuple[str, ...]) -> FilesReport:
    """The check's findings and the guard's, each file's together, in the check's order.

    A file that lost every row is one finding (the guard's), not also files.empty.
    """
    emptied = comparison.emptied
    kept = [
        item
        for item in report.findings
        if not (item.code == "files.empty" and item.file in emptied)
    ]
    findings = _in_file_order([*kept, *comparison.findings], report)
    return replace(
        report,
        findings=tuple(findings),
        changes=comparison.changes,
        notes=(*report.notes, *notes),
    )


def _in_file_order(findings: list[Finding], report: FilesReport) -> list[Finding]:
    """Each file's findings together, in the check's order of files.

    A file the check said nothing about goes where the spec order puts it among the
    files read; within a file, errors come first (FilesReport.by_file keeps that).
    """
    order = list(dict.fromkeys(item.file for item in report.findings))
    checked = {name: place for place, name in enumerate(report.files_checked)}
    for name in dict.fromkeys(item.file for item in findings):
        if name in order:
            continue
        place = checked.get(name, len(checked))
        later = (at for at, other in enumerate(order) if checked.get(other, -1) > place)
        order.insert(next(later, len(order)), name)
    rank = {name: place for place, name in enumerate(order)}
    return sorted(findings, key=lambda item: rank[item.file])
