"""The spec: which CSV files the vendor takes, their columns, and how they link.

The spec is data. The built-in ones ship as TOML files beside this module (`--spec
default`, `oneroster-1.1`, `oneroster-1.2`, `clever`); `--spec FILE` replaces them, so a
district can use its vendor's exact columns, links and value rules.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from sftpcheck.errors import InputError
from sftpcheck.files.rules import FieldRule, parse_rule
from sftpcheck.local_files import SPEC, read_input, too_deep

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 ships no tomllib
    import tomli as tomllib

DEFAULT_SPEC = "default_spec.toml"
# --spec NAME -> the spec file shipped in this package.
BUILT_IN = {
    "default": DEFAULT_SPEC,
    "oneroster-1.1": "oneroster_1_1.toml",
    "oneroster-1.2": "oneroster_1_2.toml",
    "clever": "clever.toml",
}
# The spec file's own names for the settings whose Python names differ.
_TOML_NAMES = {"primaryKey": "primary_key"}
_LINK_RULE_KEYS = {"column", "allowed", "by", "file", "key"}


@dataclass(frozen=True)
class Link:
    """A column whose every value must be a key of another file."""

    column: str
    target: str


@dataclass(frozen=True)
class LinkRule:
    """What the row a link names must hold: the org a class names as its school is a school.

    The linked row is read in `source` (the link's target file, or another file whose
    `source_key` column holds the linked id, as OneRoster 1.2 keeps a user's roles in
    roles.csv). Its `column` must hold one of `allowed`; with `by`, one of the values
    that `allowed_by` lists for this row's own `by` value (a student's enrollment names
    a user whose role is student).
    """

    column: str
    target_column: str
    source: str
    source_key: str | None = None
    allowed: tuple[str, ...] = ()
    by: str | None = None
    allowed_by: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def allowed_for(self, by_value: str) -> tuple[str, ...] | None:
        """The values allowed for a row whose `by` column holds `by_value` (None: any)."""
        if self.by is None:
            return self.allowed
        return dict(self.allowed_by).get(by_value)


@dataclass(frozen=True)
class FileSpec:
    """One file of the spec: its name, columns, key, contact columns and links."""

    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...] = ()
    key: str | None = None
    unique: bool = True
    contact: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    listed_in: str | None = None
    teacher: str | None = None
    fields: tuple[tuple[str, FieldRule], ...] = ()
    primary_key: tuple[str, ...] = ()
    # "exact": every column must be in the header, in the spec's order (OneRoster).
    column_order: str = "free"
    # An optional file (Clever's staff.csv) is not reported when it is not there.
    optional: bool = False
    link_rules: tuple[LinkRule, ...] = ()

    @property
    def rules(self) -> dict[str, FieldRule]:
        return dict(self.fields)

    @property
    def id_columns(self) -> tuple[str, ...]:
        """The columns that hold ids: the key and the links, checked as sets of values."""
        linked = tuple(link.column for link in self.links)
        return (self.key, *linked) if self.key else linked

    def link_to(self, target: str) -> Link | None:
        return next((link for link in self.links if link.target == target), None)


@dataclass(frozen=True)
class ManifestSpec:
    """A OneRoster manifest: its file name, the properties it must hold, and the modes.

    Each spec file `x.csv` has a property `file.x` whose value is one of `modes`; a file
    in `delta` mode needs `mode_columns` filled on every row, one in `bulk` mode blank.
    """

    name: str
    properties: tuple[tuple[str, str], ...]
    prefix: str = "file."
    modes: tuple[str, ...] = ("bulk", "delta", "absent")
    mode_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spec:
    """The whole spec, and where it came from (shown in reports)."""

    files: tuple[FileSpec, ...]
    source: str
    manifest: ManifestSpec | None = None
    # Files the vendor takes that this spec does not check (OneRoster's gradebook files).
    unchecked: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(file.name for file in self.files)

    def file(self, name: str) -> FileSpec | None:
        return next((file for file in self.files if file.name == name), None)


def load_spec(path: Path | str | None = None) -> Spec:
    """The spec at `path`, a built-in one by name, or the default; bad ones raise InputError."""
    if path is None or str(path) in BUILT_IN:
        name = "default" if path is None else str(path)
        resource = resources.files("sftpcheck.files").joinpath(BUILT_IN[name])
        return parse_spec(resource.read_text("utf-8"), source=f"{name} spec")
    path = Path(path)
    if not path.exists() and path.suffix == "" and "/" not in str(path):
        names = ", ".join(BUILT_IN)
        raise InputError(f"There is no spec named {path}. Use one of: {names}, or a TOML file.")
    try:
        text = read_input(path, SPEC).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"Cannot read the spec file {path}: it is not UTF-8 text.") from None
    if path.suffix.lower() == ".json":
        from sftpcheck.files.datapackage import spec_tables

        return spec_from_data(spec_tables(text, path), source=str(path))
    return parse_spec(text, source=str(path))


def parse_spec(text: str, source: str) -> Spec:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"The spec {source} is not valid TOML: {error}.") from None
    except RecursionError:
        raise too_deep(f"The spec {source}") from None
    return spec_from_data(data, source)


def spec_from_data(data: dict[str, Any], source: str) -> Spec:
    """A Spec from the spec file's tables (TOML, or a data package turned into them)."""
    tables = data.get("files")
    if not isinstance(tables, dict) or not tables:
        raise InputError(f'The spec {source} has no [files."name.csv"] tables.')
    files = tuple(_file_spec(name, table, source) for name, table in tables.items())
    manifest = _manifest(data.get("manifest"), source) if "manifest" in data else None
    unchecked = _strings(data.get("unchecked"), f"unchecked list of the spec {source}")
    spec = Spec(files=files, source=source, manifest=manifest, unchecked=unchecked)
    _check_links(spec)
    return spec


def _manifest(table: Any, source: str) -> ManifestSpec:
    where = f"[manifest] in the spec {source}"
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table.")
    unknown = set(table) - {"name", "properties", "prefix", "modes", "mode_columns"}
    if unknown:
        raise InputError(f"{where} has an unknown setting: {sorted(unknown)[0]}.")
    properties = table.get("properties", {})
    if not isinstance(properties, dict) or not all(isinstance(v, str) for v in properties.values()):
        raise InputError(f"The properties of {where} must map a name to a value in quotes.")
    return ManifestSpec(
        name=_optional_string(table.get("name"), f"name of {where}") or "manifest.csv",
        properties=tuple(properties.items()),
        prefix=_optional_string(table.get("prefix"), f"prefix of {where}") or "file.",
        modes=_strings(table.get("modes"), f"modes of {where}") or ("bulk", "delta", "absent"),
        mode_columns=_strings(table.get("mode_columns"), f"mode_columns of {where}"),
    )


def _file_spec(name: str, table: Any, source: str) -> FileSpec:
    where = f'[files."{name}"] in the spec {source}'
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table.")
    known = (set(FileSpec.__dataclass_fields__) - {"name", *_TOML_NAMES.values()}) | {*_TOML_NAMES}
    unknown = set(table) - known
    if unknown:
        raise InputError(f"{where} has an unknown setting: {sorted(unknown)[0]}.")
    columns = _strings(table.get("columns"), f"columns of {where}")
    if not columns:
        raise InputError(f"{where} needs a list of columns.")
    links = table.get("links", {})
    if not isinstance(links, dict) or not all(isinstance(v, str) for v in links.values()):
        raise InputError(f'links of {where} must map a column to a file name, like a = "b.csv".')
    file = FileSpec(
        name=name,
        columns=columns,
        required=_strings(table.get("required"), f"required of {where}"),
        key=_optional_string(table.get("key"), f"key of {where}"),
        unique=_boolean(table.get("unique", True), f"unique of {where}"),
        contact=_strings(table.get("contact"), f"contact of {where}"),
        links=tuple(Link(column, target) for column, target in links.items()),
        listed_in=_optional_string(table.get("listed_in"), f"listed_in of {where}"),
        teacher=_optional_string(table.get("teacher"), f"teacher of {where}"),
        fields=_rules(table.get("fields", {}), where),
        primary_key=_strings(table.get("primaryKey"), f"primaryKey of {where}"),
        column_order=_order(table.get("column_order", "free"), where),
        optional=_boolean(table.get("optional", False), f"optional of {where}"),
    )
    file = replace(file, link_rules=_link_rules(table.get("link_rules", {}), file, where))
    if len(file.primary_key) == 1 and file.key is None:
        # A one-column primaryKey is the file's key, as Table Schema means it.
        file = replace(file, key=file.primary_key[0], primary_key=())
    named = {*file.required, *file.contact, *file.id_columns, *file.primary_key, *file.rules}
    named |= {rule.by for rule in file.link_rules if rule.by}
    if file.teacher:
        named.add(file.teacher)
    stray = sorted(named - set(columns))
    if stray:
        raise InputError(f"{where} names the column {stray[0]}, which is not in its columns.")
    if file.teacher and file.teacher not in {link.column for link in file.links}:
        raise InputError(f"The teacher column of {where} must also be one of its links.")
    return file


def _rules(table: Any, where: str) -> tuple[tuple[str, FieldRule], ...]:
    if not isinstance(table, dict):
        raise InputError(f'The fields of {where} must be tables, like [files."a.csv".fields.b].')
    return tuple(
        (column, parse_rule(rule, f"the rules of {column} in {where}"))
        for column, rule in table.items()
    )


def _link_rules(table: Any, file: FileSpec, where: str) -> tuple[LinkRule, ...]:
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise InputError(
            f'The link_rules of {where} must be tables, like [files."a.csv".link_rules.b].'
        )
    return tuple(_link_rule(column, rule, file, where) for column, rule in table.items())


def _link_rule(column: str, table: dict[str, Any], file: FileSpec, where: str) -> LinkRule:
    what = f"the link rule of {column} in {where}"
    link = next((link for link in file.links if link.column == column), None)
    if link is None:
        raise InputError(f"The column {column} has a link rule in {where}, but it is not a link.")
    unknown = set(table) - _LINK_RULE_KEYS
    if unknown:
        raise InputError(f"{what} has an unknown setting: {sorted(unknown)[0]}.")
    target_column = _optional_string(table.get("column"), f"column of {what}")
    if not target_column:
        raise InputError(f"{what} needs the column to look at in the linked row.")
    by = _optional_string(table.get("by"), f"by of {what}")
    allowed = table.get("allowed")
    rule = LinkRule(
        column=column,
        target_column=target_column,
        source=_optional_string(table.get("file"), f"file of {what}") or link.target,
        source_key=_optional_string(table.get("key"), f"key of {what}"),
        by=by,
    )
    if by is None:
        return replace(rule, allowed=_strings(allowed, f"allowed values of {what}"))
    if not isinstance(allowed, dict):
        raise InputError(f"With by, the allowed values of {what} must map each {by} to a list.")
    pairs = tuple(
        (key, _strings(value, f"allowed values of {what}")) for key, value in allowed.items()
    )
    return replace(rule, allowed_by=pairs)


def _order(value: Any, where: str) -> str:
    if value in ("free", "exact"):
        return str(value)
    raise InputError(f'The column_order of {where} must be "free" or "exact".')


def _check_links(spec: Spec) -> None:
    for file in spec.files:
        for link in file.links:
            target = spec.file(link.target)
            if target is None or target.key is None:
                raise InputError(
                    f"In the spec {spec.source}, {file.name} links {link.column} to "
                    f"{link.target}, which is not a spec file with a key."
                )
        for rule in file.link_rules:
            _check_link_rule(spec, file, rule)
        if file.listed_in:
            other = spec.file(file.listed_in)
            if other is None or other.link_to(file.name) is None:
                raise InputError(
                    f"In the spec {spec.source}, {file.name} must be listed in "
                    f"{file.listed_in}, but that file has no link to {file.name}."
                )


def _check_link_rule(spec: Spec, file: FileSpec, rule: LinkRule) -> None:
    source = spec.file(rule.source)
    key = rule.source_key or (source.key if source else None)
    where = f"In the spec {spec.source}, the link rule of {rule.column} in {file.name}"
    if source is None or key is None:
        raise InputError(f"{where} reads {rule.source}, which is not a spec file with a key.")
    for column in (key, rule.target_column):
        if column not in source.columns:
            raise InputError(f"{where} names {column}, which is not a column of {rule.source}.")


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"The {what} must be a list of names in quotes.")
    return tuple(value)


def _optional_string(value: Any, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise InputError(f"The {what} must be a name in quotes.")


def _boolean(value: Any, what: str) -> bool:
    if isinstance(value, bool):
        return value
    raise InputError(f"The {what} must be true or false.")
