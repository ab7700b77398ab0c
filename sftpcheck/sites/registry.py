"""Reading regedit's `.reg` exports, the form a district exports WinSCP or PuTTY settings in.

regedit writes UTF-16LE with a byte-order mark ("Windows Registry Editor Version 5.00");
the old "REGEDIT4" form is ANSI. A key is `[HKEY_...\\path]`, a value `"Name"="text"`,
`"Name"=dword:0000001f`, or `hex(...)` bytes that may go on over several lines ending `\\`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from sftpcheck.local_files import SITE_FILE, read_input
from sftpcheck.sites.escaping import is_secret_name

RegistryValue = str | int
RegistryKeys = Mapping[str, Mapping[str, RegistryValue]]

_VALUE = re.compile(r'^"((?:[^"\\]|\\.)*)"=(.*)$')
_DWORD = re.compile(r"^dword:([0-9A-Fa-f]{1,8})$")


def decode_reg_file(data: bytes) -> str:
    """The text of a `.reg` file: UTF-16 when it starts with a BOM, else UTF-8 or ANSI.

    A file cut short may end in half a UTF-16 character (an odd number of bytes): that
    half becomes U+FFFD, as a bad byte does in the other encodings.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def looks_like_reg(text: str) -> bool:
    head = text.lstrip("\ufeff").lstrip()[:60]
    return head.startswith(("Windows Registry Editor", "REGEDIT4"))


def read_reg_file(path: Path) -> dict[str, dict[str, RegistryValue]]:
    """Each key's path (without the hive) and its values; secrets and binary values skipped."""
    return parse_reg_text(decode_reg_file(read_input(path, SITE_FILE)))


def parse_reg_text(text: str) -> dict[str, dict[str, RegistryValue]]:
    keys: dict[str, dict[str, RegistryValue]] = {}
    current: dict[str, RegistryValue] | None = None
    for line in _logical_lines(text):
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1]
            if name.startswith("-"):  # a deletion entry
                current = None
                continue
            current = keys.setdefault(_without_hive(name), {})
            continue
        match = _VALUE.match(line)
        if current is None or match is None:
            continue
        name = _unquote(match.group(1))
        if is_secret_name(name):
            continue  # a stored password: never decoded, never kept
        value = _value(match.group(2))
        if value is not None:
            current[name] = value
    return keys


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    pending = ""
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if pending:
            line = pending + line
            pending = ""
        if line.endswith("\\") and not line.startswith("["):
            pending = line[:-1]
            continue
        if line and not line.startswith(";"):
            lines.append(line)
    if pending:
        lines.append(pending)
    return lines


def _without_hive(name: str) -> str:
    hive, _, rest = name.partition("\\")
    return rest if hive.upper().startswith("HKEY_") else name


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _value(text: str) -> RegistryValue | None:
    if text.startswith('"') and text.endswith('"') and len(text) >= 2:
        return _unquote(text[1:-1])
    dword = _DWORD.match(text)
    if dword:
        return int(dword.group(1), 16)
    return None  # hex(...) binary, deletions: nothing a saved site needs
