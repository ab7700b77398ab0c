"""Checks on the sets of ids, run after every file has been read once.

Each distinct id is looked at once here, not once per row. Only when a set holds a bad
id does a second pass over that file name the lines it is on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from sftpcheck.files.finding import Finding, Tally
from sftpcheck.files.scan import FileScan, rows_with
from sftpcheck.files.spec import Link
from sftpcheck.files.values import hidden_problem, mangled_problem, show

# (line, value, the row's key) -> (code, detail); the key names the row in a message.
Explain = Callable[[int, str, str], tuple[str, str]]


def id_problem(value: str) -> tuple[str, str] | None:
    """(code, phrase) for an id with hidden characters or spreadsheet damage, else None."""
    if value.isalnum():  # the usual id: nothing can be wrong with it
        return None
    hidden = hidden_problem(value)
    if hidden:
        return "files.hidden_character", f"has {hidden}"
    mangled = mangled_problem(value)
    if mangled:
        return "files.excel_mangled", mangled
    return None


def _all_plain(values: Iterable[str]) -> bool:
    """True when every id is letters and digits only: one quick test for a whole set."""
    return "".join(values).isalnum()


def id_findings(scan: FileScan) -> list[Finding]:
    """Hidden characters and spreadsheet damage in a file's key and link ids."""
    found: list[Finding] = []
    key = scan.spec.key
    if key and scan.keys is not None and not _all_plain(scan.keys):
        bad = ((line, value, value) for value, line in scan.keys.items() if id_problem(value))
        found.extend(_tallied(scan, key, bad, _explain_id(key)))
    for column, values in scan.seen.items():
        if _all_plain(values):
            continue
        suspects = {value for value in values if value and id_problem(value)}
        if suspects:
            rows = _lines_with(scan, column, suspects)
            found.extend(_tallied(scan, column, rows, _explain_id(column)))
    return found


def link_findings(scans: Mapping[str, FileScan]) -> list[Finding]:
    """Links to ids the target file lacks, and ids that lost their leading zeros.

    An id found with its zeros changed counts as seen under the target's spelling, so
    the same student is not also reported as being in no class.
    """
    found: list[Finding] = []
    for scan in scans.values():
        for link in scan.spec.links:
            target = scans.get(link.target)
            if link.column in scan.seen and target is not None and target.keys is not None:
                found.extend(_broken_links(scan, link, target))
    return found


def _broken_links(scan: FileScan, link: Link, target: FileScan) -> list[Finding]:
    assert target.keys is not None
    seen = scan.seen[link.column]
    missing = {v for v in seen.difference(target.keys) if v and not id_problem(v)}
    if not missing:
        return []
    # The target's own id holds hidden characters: that finding, in the target, explains
    # the broken link; repeating it for every row that links there would only add noise.
    hidden = _hidden_matches(missing, target.keys)
    seen.update(hidden.values())
    missing.difference_update(hidden)
    respelled = _zero_matches(missing, target.keys)
    seen.update(respelled.values())

    def explain(line: int, value: str, _key: str) -> tuple[str, str]:
        where = f"{link.column} {show(value)} on line {line}"
        if value in respelled:
            other = show(respelled[value])
            return "files.leading_zeros", f"{where} is {other} in {target.name}."
        return "files.orphan_reference", f"{where} is not in {target.name}."

    return _tallied(scan, link.column, _lines_with(scan, link.column, missing), explain)


def _hidden_matches(values: set[str], keys: Mapping[str, int]) -> dict[str, str]:
    """For ids the target lacks, the target's id that differs only by hidden characters."""
    cleaned = {_clean(key): key for key in keys if not key.isalnum() and hidden_problem(key)}
    return {value: cleaned[value] for value in values if value in cleaned}


def _clean(value: str) -> str:
    return "".join(character for character in value.strip() if character.isprintable())


def _zero_matches(values: set[str], keys: Mapping[str, int]) -> dict[str, str]:
    """For ids the target lacks, the target's id that differs only in leading zeros."""
    padded = {key.lstrip("0"): key for key in keys if key.startswith("0")}
    matches: dict[str, str] = {}
    for value in values:
        bare = value.lstrip("0")
        match = bare if bare in keys else padded.get(bare)
        if bare and match is not None and match != value:
            matches[value] = match
    return matches


def listing_findings(scans: Mapping[str, FileScan]) -> list[Finding]:
    """Keys that another file should list but does not: a student in no roster row."""
    found: list[Finding] = []
    for scan in scans.values():
        other = scans.get(scan.spec.listed_in or "")
        if other is None or scan.keys is None or not scan.spec.key:
            continue
        link = other.spec.link_to(scan.spec.name)
        listed = other.seen.get(link.column) if link else None
        if listed is None:
            continue
        key = scan.spec.key
        rows = ((line, value, value) for value, line in scan.keys.items() if value not in listed)
        found.extend(_tallied(scan, key, rows, _explain_unlisted(key, other.name)))
    return found


def teacher_findings(scans: Mapping[str, FileScan]) -> list[Finding]:
    """Sections whose teacher is not in the staff file, or cannot be reached."""
    found: list[Finding] = []
    for scan in scans.values():
        column = scan.spec.teacher
        link = next((item for item in scan.spec.links if item.column == column), None)
        staff = scans.get(link.target) if link else None
        if not column or column not in scan.seen or staff is None or staff.keys is None:
            continue
        absent = {v for v in scan.seen[column] if v and v not in staff.keys}
        silent = scan.seen[column] & (
            staff.keys.keys() if staff.contact_missing else staff.no_contact
        )
        if absent or silent:
            rows = _lines_with(scan, column, absent | silent)
            found.extend(_tallied(scan, column, rows, _explain_teacher(scan, staff, absent)))
    return found


def _explain_teacher(scan: FileScan, staff: FileScan, absent: set[str]) -> Explain:
    column = scan.spec.teacher

    def explain(line: int, teacher: str, key: str) -> tuple[str, str]:
        named = f" ({scan.spec.key} {show(key)})" if scan.spec.key else ""
        why = (
            f"who is not in {staff.name}"
            if teacher in absent
            else f"who has no {' and no '.join(staff.spec.contact)} in {staff.name}"
        )
        detail = f"The section on line {line}{named} names {column} {show(teacher)}, {why}."
        return "files.section_without_teacher", detail

    return explain


def _explain_unlisted(key: str, other: str) -> Explain:
    def explain(line: int, value: str, _key: str) -> tuple[str, str]:
        detail = f"{key} {show(value)} on line {line} is on no line of {other}."
        return "files.student_without_class", detail

    return explain


def _explain_id(column: str) -> Explain:
    def explain(line: int, value: str, _key: str) -> tuple[str, str]:
        code, phrase = id_problem(value) or ("files.hidden_character", "")
        return code, f"{column} {show(value)} on line {line} {phrase}."

    return explain


def _lines_with(scan: FileScan, column: str, values: set[str]) -> Iterator[tuple[int, str, str]]:
    """(line, value, the row's key) for each row whose `column` holds one of `values`."""
    column_index = scan.columns[column]
    key_index = scan.columns.get(scan.spec.key or "")
    for line, row in rows_with(scan, column, values):
        key = row[key_index] if key_index is not None and key_index < len(row) else ""
        yield line, row[column_index], key


def _tallied(
    scan: FileScan, column: str, rows: Iterable[tuple[int, str, str]], explain: Explain
) -> list[Finding]:
    tallies: dict[str, Tally] = {}
    for line, value, key in rows:
        code, detail = explain(line, value, key)
        tallies.setdefault(code, Tally(code, scan.name, column)).add(line, detail)
    return [tally.to_finding() for tally in tallies.values()]
