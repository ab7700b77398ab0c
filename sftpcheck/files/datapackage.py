"""A Frictionless data package (datapackage.json) read as a spec: `--spec datapackage.json`.

A vendor that publishes a Table Schema for its files need not have it rewritten. Each
tabular resource becomes a spec file: its `path`'s file name, its schema's fields as
columns, `constraints` (required, enum, pattern, minimum, maximum) and types or formats
(date, datetime, email) as value rules, `primaryKey` as the key, and single-field
`foreignKeys` as links. What has no counterpart here (a multi-field foreign key, other
types) is left out, so it is not checked; nothing is guessed.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from sftpcheck.errors import InputError
from sftpcheck.local_files import SPEC, read_input, too_deep

_RULES = ("enum", "pattern", "minimum", "maximum")
_FORMATS = {"date": "date", "datetime": "datetime"}


def spec_tables(text: str, path: Path) -> dict[str, Any]:
    """The spec's tables, as a TOML spec would hold them, from a datapackage.json."""
    try:
        package = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"The spec {path} is not valid JSON: {error}.") from None
    except RecursionError:
        raise too_deep(f"The spec {path}") from None
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not resources:
        raise InputError(f"The data package {path} has no resources.")
    usable = [(item, _schema(item["schema"], path)) for item in resources if _usable(item)]
    # resource name -> (file name, its one-column primary key, if it has one)
    targets = {
        str(item.get("name")): (_file_name(item, path), _single_key(schema))
        for item, schema in usable
    }
    files = {_file_name(item, path): _table(item, schema, targets) for item, schema in usable}
    if not files:
        raise InputError(f"The data package {path} has no resource with a path and a schema.")
    return {"files": files}


def _usable(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("path"), str) and "schema" in item


def _file_name(item: dict[str, Any], path: Path) -> str:
    name = PurePosixPath(str(item["path"])).name
    if not name:
        raise InputError(f"A resource of the data package {path} has an empty path.")
    return name


def _single_key(schema: dict[str, Any]) -> str | None:
    key = schema.get("primaryKey")
    if isinstance(key, list) and len(key) == 1:
        key = key[0]
    return key if isinstance(key, str) else None


def _table(
    item: dict[str, Any], schema: dict[str, Any], targets: dict[str, tuple[str, str | None]]
) -> dict[str, Any]:
    fields = [
        field
        for field in schema.get("fields", [])
        if isinstance(field, dict) and isinstance(field.get("name"), str)
    ]
    table: dict[str, Any] = {
        "columns": [str(field.get("name")) for field in fields],
        "required": [
            str(field["name"])
            for field in fields
            if isinstance(field.get("constraints"), dict) and field["constraints"].get("required")
        ],
        "fields": {str(field["name"]): rule for field in fields if (rule := _rule(field))},
    }
    key = schema.get("primaryKey")
    keys = [key] if isinstance(key, str) else key if isinstance(key, list) else []
    if keys:
        table["primaryKey"] = [str(column) for column in keys]
    links = _links(schema.get("foreignKeys", []), targets, str(item.get("name")))
    if links:
        table["links"] = links
    return table


def _schema(schema: Any, path: Path) -> dict[str, Any]:
    """The resource's schema: inline, or a JSON file beside the package."""
    if isinstance(schema, str):
        try:
            schema = json.loads(read_input(path.parent / schema, SPEC).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(f"Cannot read the schema {schema} of {path}: {error}.") from None
        except RecursionError:
            raise too_deep(f"The schema {schema} of {path}") from None
    if not isinstance(schema, dict):
        raise InputError(f"A resource schema in the data package {path} must be an object.")
    return schema


def _rule(field: dict[str, Any]) -> dict[str, Any]:
    constraints = field.get("constraints")
    rule = {
        name: constraints[name]
        for name in _RULES
        if isinstance(constraints, dict) and name in constraints
    }
    for bound in ("minimum", "maximum"):
        if isinstance(rule.get(bound), (bool, str)):
            del rule[bound]  # a date's or a text's bound: not a number this spec can judge
    if "enum" in rule:
        rule["enum"] = [str(value) for value in rule["enum"]]
    kind = field.get("type")
    if kind in _FORMATS and field.get("format", "default") == "default":
        rule["format"] = _FORMATS[kind]
    elif kind == "string" and field.get("format") == "email":
        rule["format"] = "email"
    return rule


def _links(
    foreign_keys: Any, targets: dict[str, tuple[str, str | None]], own: str
) -> dict[str, str]:
    """Single-field foreign keys to another resource's one-column key: column -> file."""
    links: dict[str, str] = {}
    for foreign in foreign_keys if isinstance(foreign_keys, list) else []:
        if not isinstance(foreign, dict) or not isinstance(foreign.get("reference"), dict):
            continue
        column, wanted = _one(foreign.get("fields")), _one(foreign["reference"].get("fields"))
        file_name, key = targets.get(foreign["reference"].get("resource") or own, ("", None))
        if column is not None and key is not None and wanted == key:
            links[column] = file_name
    return links


def _one(fields: Any) -> str | None:
    if isinstance(fields, list) and len(fields) == 1:
        fields = fields[0]
    return fields if isinstance(fields, str) else None
