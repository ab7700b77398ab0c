"""Checks on the sets of ids, run after every file has been read once.

Each distinct id is looked at once here, not once per row. Only when a set holds a bad
id does a second pass over that file name the lines it is on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace

from sftpcheck.files.file_scan import FileScan
from sftpcheck.files.finding import Finding, Severity, Tally
from sftpcheck.files.second_pass import rows_with, tally_rows
from sftpcheck.files.spec import Link
from sftpcheck.files.values import hidden_problem, mangled_problem, show

# A bad value -> its finding code. Called once per distinct value, then remembered.
Classify = Callable[[str], str]
# (line, value, the row's key) -> the words of the first example; the key names the row.
# Called once per finding, for its first row only: the other rows are only counted.
Describe = Callable[[int, str, str], str]
# An id that will not match is an error, whatever its code says of other values.
_ID_SEVERITY = Severity.ERROR


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
    """Hidden characters and spreadsheet damage in a file's key and link ids.

    Both are errors: an id that differs by one unseen character matches nothing.
    """
    found: list[Finding] = []
    key = scan.spec.key
    if key and scan.keys is not None and not _all_plain(scan.keys):
        bad = ((line, value, value) for value, line in scan.keys.items() if id_problem(value))
        found.extend(tallied(scan, key, bad, _id_code, _describe_id(key), _ID_SEVERITY))
    for column, values in scan.seen.items():
        if (column == key and scan.keys is not None) or _all_plain(values):
            continue  # a key that is also a link (demographics' sourcedId) is judged above
        suspects = {value: _id_code(value) for value in values if value and id_problem(value)}
        if suspects:
            found.extend(
                column_findings(scan, column, suspects, _describe_id(column), _ID_SEVERITY)
            )
    return found


def _id_code(value: str) -> str:
    return (id_problem(value) or ("files.hidden_character", ""))[0]


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
    # The target's own id holds hidden characters: the target's finding names the id,
    # and this one counts the rows here that link to it and so will not match.
    hidden = _hidden_matches(missing, target.keys)
    respelled = _zero_matches(missing.difference(hidden), target.keys)

    def classify(value: str) -> str:
        if value in hidden:
            return "files.hidden_character"
        return "files.leading_zeros" if value in respelled else "files.orphan_reference"

    def describe(line: int, value: str, _key: str) -> str:
        where = f"{link.column} {show(value)} on line {line}"
        if value in hidden:
            return (
                f"{where} links to {show(hidden[value])} in {target.name}, which has a "
                "hidden character, so the link will not match."
            )
        if value in respelled:
            return f"{where} is {show(respelled[value])} in {target.name}."
        return f"{where} is not in {target.name}."

    codes = {value: classify(value) for value in missing}
    found = column_findings(scan, link.column, codes, describe, _ID_SEVERITY)
    fix = (
        f"Remove the hidden character from the id in {target.name}, as its own finding "
        f"says. These rows in {scan.name} then match it; they need no change."
    )
    found = [replace(f, fix=fix) if f.code == "files.hidden_character" else f for f in found]
    # Only now, after the lines are counted: the ids matched despite hidden characters
    # or lost zeros count as linked, so a student is not also reported as in no class.
    seen.update(hidden.values())
    seen.update(respelled.values())
    return found


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
        found.extend(
            tallied(
                scan,
                key,
                rows,
                lambda _value: "files.student_without_class",
                _describe_unlisted(key, other.name),
            )
        )
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
            codes = dict.fromkeys(absent | silent, "files.section_without_teacher")
            describe = _describe_teacher(scan, staff, absent)
            found.extend(column_findings(scan, column, codes, describe))
    return found


def _describe_teacher(scan: FileScan, staff: FileScan, absent: set[str]) -> Describe:
    column = scan.spec.teacher

    def describe(line: int, teacher: str, key: str) -> str:
        named = f" ({scan.spec.key} {show(key)})" if scan.spec.key else ""
        why = (
            f"who is not in {staff.name}"
            if teacher in absent
            else f"who has no {' and no '.join(staff.spec.contact)} in {staff.name}"
        )
        return f"The section on line {line}{named} names {column} {show(teacher)}, {why}."

    return describe


def _describe_unlisted(key: str, other: str) -> Describe:
    def describe(line: int, value: str, _key: str) -> str:
        return f"{key} {show(value)} on line {line} is on no line of {other}."

    return describe


def _describe_id(column: str) -> Describe:
    def describe(line: int, value: str, _key: str) -> str:
        phrase = (id_problem(value) or ("", "has a hidden character"))[1]
        return f"{column} {show(value)} on line {line} {phrase}."

    return describe


def column_findings(
    scan: FileScan,
    column: str,
    codes: dict[str, str],
    describe: Describe,
    severity: Severity | None = None,
) -> list[Finding]:
    """One finding per code for the rows whose `column` holds a bad value (value -> code)."""
    rule = scan.spec.rules.get(column)
    if rule is not None and rule.separator is not None:
        rows = lines_with(scan, column, set(codes))
        return tallied(scan, column, rows, codes.__getitem__, describe, severity)
    index = scan.columns[column]
    key_index = scan.columns.get(scan.spec.key or "")

    def start(code: str, _index: int, line: int, row: list[str]) -> Tally:
        key = row[key_index] if key_index is not None and key_index < len(row) else ""
        tally = Tally(code, scan.name, column, severity=severity)
        tally.add(line, describe(line, row[index], key))
        return tally

    # Every value the column holds, for the faster count; unknown when rows were ragged
    # (their values were not kept), and then the count looks at each bad value instead.
    ragged = ("files.ragged_row", None) in scan.tallies
    distinct = None if ragged else scan.seen.get(column) or scan.values.get(column)
    tallies = tally_rows(scan, [(index, codes)], start, distinct)
    return [tally.to_finding() for tally in tallies]


def lines_with(scan: FileScan, column: str, values: set[str]) -> Iterator[tuple[int, str, str]]:
    """(line, value, the row's key) for each row whose `column` holds one of `values`.

    For a list column (a rule with a separator) the value is the first item that is
    one of `values`.
    """
    column_index = scan.columns[column]
    key_index = scan.columns.get(scan.spec.key or "")
    rule = scan.spec.rules.get(column)
    separator = rule.separator if rule else None
    for line, row in rows_with(scan, column, values, separator):
        key = row[key_index] if key_index is not None and key_index < len(row) else ""
        value = row[column_index]
        if separator is not None:
            value = next(item for item in value.split(separator) if item in values)
        yield line, value, key


def tallied(
    scan: FileScan,
    column: str,
    rows: Iterable[tuple[int, str, str]],
    classify: Classify,
    describe: Describe,
    severity: Severity | None = None,
) -> list[Finding]:
    """One finding per code for these rows: the first row's words, the rest counted."""
    tallies: dict[str, Tally] = {}
    codes: dict[str, str] = {}
    for line, value, key in rows:
        code = codes.get(value)
        if code is None:
            code = codes[value] = classify(value)
        tally = tallies.get(code)
        if tally is None:
            tally = tallies[code] = Tally(code, scan.name, column, severity=severity)
            tally.add(line, describe(line, value, key))
        else:
            tally.add(line, "")
    return [tally.to_finding() for tally in tallies.values()]
