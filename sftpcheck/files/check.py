"""Check a folder of CSV exports against the spec, or one file before it is uploaded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.filenames import likely_spec_name, name_problem
from sftpcheck.files.archive import unpacked
from sftpcheck.files.encoding import inspect_encoding
from sftpcheck.files.file_scan import FileScan
from sftpcheck.files.finding import FilesReport, Finding, Severity, finding
from sftpcheck.files.header import match_header
from sftpcheck.files.link_rules import absent_link_findings, link_rule_findings, rule_pairs
from sftpcheck.files.links import id_findings, link_findings, listing_findings, teacher_findings
from sftpcheck.files.manifest import ManifestCheck, check_manifest
from sftpcheck.files.rules_check import (
    bad_value_findings,
    duplicate_row_findings,
    mode_columns_ruled_out,
    mode_findings,
    rule_problems,
)
from sftpcheck.files.scan import (
    empty_finding,
    file_findings,
    header_only_finding,
    open_text,
    scan_file,
)
from sftpcheck.files.spec import FileSpec, Spec, load_spec

_TEXT_SUFFIXES = {".csv", ".txt"}
# Files a district may export by mistake; other files in the folder are not our business.
_EXPORT_SUFFIXES = {".txt", ".tsv", ".xls", ".xlsx"}


@dataclass(frozen=True)
class Plan:
    """Which file to read for each spec file, and what is wrong with the folder's names.

    A misnamed file ("Students (1).csv") stands in for the spec file it likely meant when
    that one is absent, so its contents are checked too.
    """

    to_check: tuple[tuple[Path, FileSpec], ...]
    findings: tuple[Finding, ...]
    rank: dict[str, int]


def check_directory(directory: Path, spec: Spec) -> FilesReport:
    """Every finding for the folder (or zip), grouped by file in spec order, errors first."""
    with unpacked(directory) as folder:
        return _check_folder(folder, spec, shown_as=str(directory))


def _check_folder(folder: Path, spec: Spec, shown_as: str) -> FilesReport:
    entries = _entries(folder)
    manifest = check_manifest(spec, {entry.name: entry for entry in entries})
    plan = plan_files(entries, spec, manifest)
    if not plan.to_check:
        # One finding says it all; six "missing" warnings beside it would only add noise.
        kept = [item for item in plan.findings if item.code != "files.missing"]
        return _report(shown_as, spec, plan, [_no_files(spec, entries), *kept])
    watch = spec.manifest.mode_columns if spec.manifest else ()
    # A key that no file links to (and no file lists) is checked only for repeats.
    wanted = {link.target for file in spec.files for link in file.links}
    wanted |= {file.name for file in spec.files if file.listed_in}
    pairs = rule_pairs(spec)
    scans = {
        file_spec.name: scan_file(
            path,
            file_spec,
            watch=watch,
            keep_keys=file_spec.name in wanted,
            pairs=pairs.get(file_spec.name, ()),
        )
        for path, file_spec in plan.to_check
    }
    findings = [*plan.findings, *manifest.findings]
    for scan in scans.values():
        findings.extend(scan.all_findings())
        _split_lists(scan)  # first, so an item of a list ("T1, T2") is judged as an id
        findings.extend(id_findings(scan))
        mode = manifest.modes.get(scan.spec.name)
        mode_found = mode_findings(scan, mode, watch)
        skip = mode_columns_ruled_out(mode, watch) if mode_found else set()
        findings.extend(bad_value_findings(scan, rule_problems(scan, skip)))
        findings.extend(mode_found)
        findings.extend(duplicate_row_findings(scan))
    # Links first: an id matched despite lost zeros then counts as listed in rosters.
    findings.extend(link_findings(scans))
    findings.extend(listing_findings(scans))
    findings.extend(teacher_findings(scans))
    findings.extend(link_rule_findings(scans))
    findings.extend(absent_link_findings(scans, manifest.modes))
    return _report(shown_as, spec, plan, findings)


def _report(shown_as: str, spec: Spec, plan: Plan, findings: list[Finding]) -> FilesReport:
    last = len(spec.files)
    findings.sort(key=lambda f: (plan.rank.get(f.file, last), f.severity is not Severity.ERROR))
    return FilesReport(
        directory=shown_as,
        spec_source=spec.source,
        files_checked=tuple(path.name for path, _ in plan.to_check),
        findings=tuple(findings),
    )


def _split_lists(scan: FileScan) -> None:
    """A list column's links are its items: "t1,t2" links to t1 and to t2."""
    for column, values in scan.seen.items():
        rule = scan.spec.rules.get(column)
        if rule is not None and rule.separator is not None:
            items = {item for value in values for item in value.split(rule.separator)}
            scan.seen[column] = items


def _no_files(spec: Spec, entries: list[Path]) -> Finding:
    names = ", ".join(spec.names)
    what = "is empty" if not entries else "holds none of the spec's files"
    message = f"The folder {what}. The {spec.source} expects: {names}."
    return finding("files.no_files", "(folder)", message)


def _entries(directory: Path) -> list[Path]:
    if not directory.exists():
        raise InputError(f"The folder {directory} does not exist.")
    if not directory.is_dir():
        raise InputError(
            f"{directory} is a file; give the folder that holds the CSV files, or a .zip of them."
        )
    try:
        return sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError as error:
        raise InputError(f"Cannot read the folder {directory}: {error.strerror}.") from None


def plan_files(entries: list[Path], spec: Spec, manifest: ManifestCheck | None = None) -> Plan:
    present = {entry.name for entry in entries}
    rank = {file.name: position for position, file in enumerate(spec.files)}
    if spec.manifest is not None:
        rank[spec.manifest.name] = -1
    known = {*spec.unchecked, *([spec.manifest.name] if spec.manifest else [])}
    modes = manifest.modes if manifest else {}
    stand_ins: dict[str, Path] = {}
    findings: list[Finding] = []
    for entry in entries:
        if spec.file(entry.name) is not None or entry.name in known:
            continue
        if not _looks_like_export(entry, spec):
            continue
        bad, likely = _bad_name(entry.name, spec)
        findings.append(bad)
        if likely in rank:
            rank.setdefault(entry.name, rank[likely])
            usable = entry.suffix.lower() in _TEXT_SUFFIXES
            if usable and likely not in present and likely not in stand_ins:
                stand_ins[likely] = entry
    to_check: list[tuple[Path, FileSpec]] = []
    for file in spec.files:
        if file.name in present:
            to_check.append((next(e for e in entries if e.name == file.name), file))
        elif file.name in stand_ins:
            to_check.append((stand_ins[file.name], file))
        elif modes.get(file.name) in ("absent", "") or file.optional:
            continue  # the manifest says it is absent, or the manifest's finding names it
        else:
            message = f"{file.name} is not in the folder. The vendor expects it."
            findings.append(finding("files.missing", file.name, message))
    return Plan(to_check=tuple(to_check), findings=tuple(findings), rank=rank)


def _looks_like_export(entry: Path, spec: Spec) -> bool:
    suffix = entry.suffix.lower()
    if suffix == ".csv":
        return True
    return suffix in _EXPORT_SUFFIXES and likely_spec_name(entry.name, spec.names) is not None


def _bad_name(name: str, spec: Spec) -> tuple[Finding, str | None]:
    problem = name_problem(name, spec.names)
    likely = problem.likely if problem else None
    message = problem.sentence() if problem else f"'{name}' is not a spec file name."
    if likely:
        fix = f"Rename '{name}' to {likely}, and set the export to write that exact name."
    else:
        fix = f"Remove '{name}' from the folder, or rename it to one of: {', '.join(spec.names)}."
    return finding("files.bad_name", name, message, fix=fix), likely


def check_single_file(path: Path, spec: Spec | None = None) -> list[Finding]:
    """The cheap checks of one file before it is uploaded: name, encoding, BOM, header.

    `spec` None means the default spec. Reads the header and streams the bytes once
    to check the encoding; it does not read the rows.
    """
    spec = spec or load_spec()
    if not path.is_file():
        raise InputError(f"The file {path} does not exist.")
    findings: list[Finding] = []
    file_spec = spec.file(path.name)
    if file_spec is None:
        bad, likely = _bad_name(path.name, spec)
        findings.append(bad)
        file_spec = spec.file(likely or "")
        if file_spec is None:
            return findings
    try:
        opening = inspect_encoding(path)
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror}.") from None
    findings.extend(file_findings(path.name, opening))
    if opening.size > 0 and not opening.not_text:
        findings.extend(_header_findings(FileScan(file_spec, path, path.name, opening)))
    return findings


def _header_findings(scan: FileScan) -> list[Finding]:
    with open_text(scan.path, scan.opening) as (reader, header):
        if header is None:
            return [empty_finding(scan.name, "has only blank lines, no header and no rows")]
        match = match_header(header, scan.spec, scan.name)
        found = list(match.findings)
        if not match.is_data and not any(row for row in reader):
            # Before a real upload no guard has seen the last export: a file with no rows
            # could make the vendor remove every row it holds, so it stops the upload.
            only = header_only_finding(scan.name, scan.spec)
            found.append(replace(only, severity=Severity.ERROR))
        return found
