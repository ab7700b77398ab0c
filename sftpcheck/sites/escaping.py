"""How WinSCP and PuTTY escape names and values, and how to tell a stored secret by its key.

Both escape a site name byte by byte as `%XX` (space, `%`, `*`, `?`, `\\`, controls and
non-ASCII). WinSCP also escapes string values, and marks UTF-8 text with an escaped
byte-order mark, `%EF%BB%BF`; text without it is in the Windows ANSI code page.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UTF8_MARK = b"\xef\xbb\xbf"

# Key names that hold a password or key material in some client's file. Their values are
# skipped unread: never decoded, kept, printed or written. The match is by substring, so
# it also covers ProxyPassword, TunnelPassword, PasswordEnc, FileZilla's Pass, and so on.
_SECRET_PARTS = ("pass", "secret", "encryptkey", "token")


def is_secret_name(name: str) -> bool:
    """Whether a key of this name may hold a stored password or other secret."""
    lowered = name.lower()
    return any(part in lowered for part in _SECRET_PARTS)


def unescape(text: str) -> str:
    """Undo WinSCP/PuTTY `%XX` escaping: UTF-8 after the escaped BOM, else Windows-1252."""
    raw = _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text).encode("latin-1", "replace")
    if raw.startswith(_UTF8_MARK):
        return raw[len(_UTF8_MARK) :].decode("utf-8", "replace")
    return raw.decode("cp1252", "replace")
