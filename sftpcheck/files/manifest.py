"""OneRoster's manifest.csv: the version, and for each file bulk, delta or absent.

The manifest is read before the other files, because a file's mode decides what its
status and dateLastModified columns must hold.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.files.finding import Finding, finding
from sftpcheck.files.spec import ManifestSpec, Spec
from sftpcheck.files.values import show
from sftpcheck.local_files import MANIFEST, read_input

_HEADER = ["propertyName", "value"]


@dataclass(frozen=True)
class ManifestCheck:
    """What the manifest says of each file (`modes`, by file name) and what is wrong."""

    modes: dict[str, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()


def check_manifest(spec: Spec, present: dict[str, Path]) -> ManifestCheck:
    """Read the spec's manifest among the `present` files and compare it with them."""
    manifest = spec.manifest
    if manifest is None:
        return ManifestCheck()
    path = present.get(manifest.name)
    if path is None:
        message = (
            f"{manifest.name} is not in the folder. A OneRoster upload needs it: it says "
            "which version the files follow and which files are in the upload."
        )
        return ManifestCheck(findings=(finding("files.manifest", manifest.name, message),))
    properties, problems = _read(path, manifest.name)
    if problems:
        return ManifestCheck(findings=tuple(problems))
    found = [*_version_findings(manifest, properties), *_file_findings(spec, properties, present)]
    modes = {
        file.name: properties.get(_property(manifest, file.name), ("", 0))[0] for file in spec.files
    }
    return ManifestCheck(modes=modes, findings=tuple(found))


def _property(manifest: ManifestSpec, file_name: str) -> str:
    return manifest.prefix + file_name.removesuffix(".csv")


def _read(path: Path, name: str) -> tuple[dict[str, tuple[str, int]], list[Finding]]:
    """propertyName -> (value, line), or the reason the manifest cannot be read."""
    try:
        text = read_input(path, MANIFEST).decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, [finding("files.manifest", name, f"{name} is not UTF-8 text.", line=1)]
    except InputError as error:  # too big, or not a file: said of its name, not its path
        return {}, [finding("files.manifest", name, str(error).replace(str(path), name))]
    rows = list(csv.reader(text.splitlines()))
    if not rows or rows[0] != _HEADER:
        first = show(",".join(rows[0]) if rows else "", 60)
        message = f"The first line of {name} should be propertyName,value, but it is {first}."
        return {}, [finding("files.manifest", name, message, line=1)]
    properties: dict[str, tuple[str, int]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) >= 2:
            properties.setdefault(row[0], (row[1], line))
    return properties, []


def _version_findings(
    manifest: ManifestSpec, properties: dict[str, tuple[str, int]]
) -> list[Finding]:
    found: list[Finding] = []
    for name, wanted in manifest.properties:
        value, line = properties.get(name, ("", 0))
        if not line:
            message = f"{manifest.name} has no line for {name}. Add: {name},{wanted}"
            found.append(finding("files.manifest", manifest.name, message))
        elif _same_number(value, wanted):
            message = (
                f"{name} is {show(value)} on line {line} of {manifest.name}, but it must be "
                f'"{wanted}". A spreadsheet turned {wanted} into {value} when it saved the file.'
            )
            fix = (
                f"Open {manifest.name} in a plain text editor and write {wanted}. Do not save "
                "the manifest from a spreadsheet."
            )
            found.append(finding("files.manifest", manifest.name, message, line=line, fix=fix))
        elif value != wanted:
            message = (
                f"{name} is {show(value)} on line {line} of {manifest.name}, but this spec "
                f'is for "{wanted}". Check that the files follow that version.'
            )
            found.append(finding("files.manifest", manifest.name, message, line=line))
    return found


def _same_number(value: str, wanted: str) -> bool:
    """True for "1" where "1.0" is wanted: the same number, as a spreadsheet saves it."""
    try:
        return value != wanted and float(value) == float(wanted)
    except ValueError:
        return False


def _file_findings(
    spec: Spec, properties: dict[str, tuple[str, int]], present: dict[str, Path]
) -> list[Finding]:
    """Each file's mode against the files in the folder: absent but there, or the reverse."""
    manifest = spec.manifest
    assert manifest is not None
    found: list[Finding] = []
    named = {file.name for file in spec.files}
    for name, (value, line) in properties.items():
        if not name.startswith(manifest.prefix):
            continue
        file_name = name.removeprefix(manifest.prefix) + ".csv"
        named.discard(file_name)
        message = _mode_problem(manifest, name, value, file_name in present)
        if message:
            message = f"{message} (line {line} of {manifest.name})."
            found.append(finding("files.manifest", manifest.name, message, line=line))
    for file_name in sorted(named):
        prop = _property(manifest, file_name)
        mode = "bulk" if file_name in present else "absent"
        message = f"{manifest.name} has no line for {prop}. Add: {prop},{mode}"
        found.append(finding("files.manifest", manifest.name, message))
    return found


def _mode_problem(manifest: ManifestSpec, name: str, value: str, there: bool) -> str | None:
    file_name = name.removeprefix(manifest.prefix) + ".csv"
    if value not in manifest.modes:
        return f"{name} is {show(value)}, but it must be one of: {', '.join(manifest.modes)}"
    if value == "absent" and there:
        return f"{name} is absent, but {file_name} is in the upload"
    if value != "absent" and not there:
        return f"{name} is {value}, but {file_name} is not in the upload"
    return None
