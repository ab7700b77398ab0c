"""Links that resolve to the wrong kind of row, and links this run could not check.

A link rule (spec.LinkRule) says what the row a link names must hold: the org that a
class names as its school has type school; a student's enrollment names a user whose
role is student. The pass kept the distinct pairs of values each rule needs (an org's
sourcedId and type, an enrollment's userSourcedId and role), so each pair is judged
once here; only a file with a bad pair is read again, to name its lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from sftpcheck.files.file_scan import FileScan
from sftpcheck.files.finding import Finding, Severity, finding
from sftpcheck.files.links import column_findings, tallied
from sftpcheck.files.second_pass import all_rows
from sftpcheck.files.spec import LinkRule, Spec
from sftpcheck.files.values import show

_CODE = "files.link_mismatch"


def rule_pairs(spec: Spec) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each file, the pairs of columns whose distinct value pairs the rules need."""
    pairs: dict[str, set[tuple[str, str]]] = {}
    for file in spec.files:
        for rule in file.link_rules:
            source = spec.file(rule.source)
            key = rule.source_key or (source.key if source else None)
            if key is not None:
                pairs.setdefault(rule.source, set()).add((key, rule.target_column))
            if rule.by is not None:
                pairs.setdefault(file.name, set()).add((rule.column, rule.by))
    return {name: tuple(sorted(found)) for name, found in pairs.items()}


def link_rule_findings(scans: Mapping[str, FileScan]) -> list[Finding]:
    """Rows whose link names a row of the wrong kind (see the module docstring)."""
    found: list[Finding] = []
    for scan in scans.values():
        for rule in scan.spec.link_rules:
            source = scans.get(rule.source)
            held = _held(source, rule) if source is not None else None
            if held is None or rule.column not in scan.columns:
                continue
            if rule.by is None:
                found.extend(_plain_findings(scan, rule, held))
            else:
                found.extend(_by_findings(scan, rule, held))
    return found


def _held(source: FileScan, rule: LinkRule) -> dict[str, set[str]] | None:
    """Linked id -> the values its row (or rows) hold in the rule's column."""
    key = rule.source_key or source.spec.key or ""
    pairs = source.pairs.get((key, rule.target_column))
    if pairs is None:
        return None
    # A value that breaks its own column's rule ("staff" for a role) has its own
    # finding; judging links by it would report one cause twice.
    own_rule = source.spec.rules.get(rule.target_column)
    held: dict[str, set[str]] = {}
    for linked, value in pairs:
        if own_rule is None or own_rule.problem(value) is None:
            held.setdefault(linked, set()).add(value)
    return held


def _wrong(values: set[str] | None, allowed: tuple[str, ...] | None) -> bool:
    """True when the linked row is there and none of its values is allowed.

    An id that is not there is an orphan (its own finding); an empty value is
    reported by the required rule, not here.
    """
    if values is None or allowed is None:
        return False
    filled = values - {""}
    return bool(filled) and not filled & set(allowed)


def _plain_findings(scan: FileScan, rule: LinkRule, held: dict[str, set[str]]) -> list[Finding]:
    ids = scan.seen.get(rule.column, set())
    bad = {value for value in ids if value and _wrong(held.get(value), rule.allowed)}
    if not bad:
        return []

    def describe(line: int, value: str, _key: str) -> str:
        return (
            f"{rule.column} {show(value)} on line {line} is {_shown(held[value])} in the "
            f"{rule.target_column} column of {rule.source}, but it must be "
            f"{_choices(rule.allowed)}."
        )

    codes = dict.fromkeys(bad, _CODE)
    return column_findings(scan, rule.column, codes, describe, Severity.ERROR)


def _by_findings(scan: FileScan, rule: LinkRule, held: dict[str, set[str]]) -> list[Finding]:
    assert rule.by is not None
    pairs = scan.pairs.get((rule.column, rule.by), set())
    bad = {
        (linked, by_value)
        for linked, by_value in pairs
        if linked and _wrong(held.get(linked), rule.allowed_for(by_value))
    }
    if not bad:
        return []

    def describe(line: int, value: str, by_value: str) -> str:
        return (
            f"{rule.column} {show(value)} on line {line} has {rule.target_column} "
            f"{_shown(held[value])} in {rule.source}, but this row's {rule.by} is "
            f"{show(by_value)}, which needs {rule.target_column} "
            f"{_choices(rule.allowed_for(by_value) or ())}."
        )

    rows = _rows_with_pairs(scan, rule, bad)
    return tallied(scan, rule.column, rows, lambda _value: _CODE, describe, Severity.ERROR)


def _rows_with_pairs(
    scan: FileScan, rule: LinkRule, bad: set[tuple[str, str]]
) -> Iterator[tuple[int, str, str]]:
    """(line, linked id, this row's `by` value) of each row holding a bad pair."""
    assert rule.by is not None
    first, second = scan.columns[rule.column], scan.columns[rule.by]
    for line, row in all_rows(scan):
        if len(row) == scan.width and (row[first], row[second]) in bad:
            yield line, row[first], row[second]


def _shown(values: set[str]) -> str:
    return " and ".join(show(value) for value in sorted(values - {""}))


def _choices(allowed: tuple[str, ...]) -> str:
    shown = [show(value) for value in allowed]
    return shown[0] if len(shown) == 1 else f"one of {', '.join(shown)}"


def absent_link_findings(scans: Mapping[str, FileScan], modes: Mapping[str, str]) -> list[Finding]:
    """Links into a file the manifest calls absent: say they were not checked.

    The vendor is then meant to hold those rows from an earlier upload; this run
    cannot tell whether it does.
    """
    found: list[Finding] = []
    for scan in scans.values():
        for link in scan.spec.links:
            ids = scan.seen.get(link.column, set()) - {""}
            if modes.get(link.target) != "absent" or link.target in scans or not ids:
                continue
            some = "1 id" if len(ids) == 1 else f"{len(ids)} different ids"
            message = (
                f"{link.column} in {scan.name} names {some} in {link.target}, but manifest.csv "
                f"marks {link.target} absent, so these links were not checked. The vendor "
                "must already hold those rows from an earlier upload."
            )
            fix = (
                f"Send {link.target} too, and mark it bulk in manifest.csv. Or ask the vendor "
                f"if it still holds every {link.target.removesuffix('.csv')} these rows name."
            )
            found.append(
                finding("files.missing", scan.name, message, line=1, column=link.column, fix=fix)
            )
    return found
