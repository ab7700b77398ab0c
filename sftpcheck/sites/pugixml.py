"""FileZilla's XML as FileZilla itself reads it.

FileZilla reads and writes its XML with pugixml, which is not a validating parser: it writes
a control character in a value (an ESC in a host name) as a character reference such as
`&#27;`, and reads such references, and raw control bytes, back. XML 1.0 forbids those
characters, so expat refuses the whole file. To read what FileZilla reads, they are moved
into a Private Use plane before expat parses the file, and moved back in every text and
attribute afterwards; from there they reach the user only through the report's cleaning.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Plane 15 (U+F0000 to U+FFFFF) is private use: a control character c stands there as
# U+F0000 + c, a name XML 1.0 allows and no FileZilla setting holds.
_PARKED = 0xF0000
_FORBIDDEN_REFERENCE = re.compile(rb"&#(?:x([0-9A-Fa-f]{1,8})|([0-9]{1,10}));")
_FORBIDDEN_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PARKED_CHARACTER = re.compile("[\U000f0000-\U000fffff]")


def parse(data: bytes) -> ET.Element:
    """The root element of `data`; raises ET.ParseError where pugixml would fail too."""
    parked = _FORBIDDEN_BYTE.sub(_park_byte, _FORBIDDEN_REFERENCE.sub(_park_reference, data))
    root = ET.fromstring(parked)  # noqa: S314 - the user's own file; expat limits expansion
    if parked != data:
        _unpark(root)
    return root


def _allowed(code: int) -> bool:
    """Whether XML 1.0 allows the character (its production Char)."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _park_reference(match: re.Match[bytes]) -> bytes:
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    if _allowed(code):
        return match.group(0)
    # What cannot be a character at all (a surrogate, beyond U+10FFFF) is pugixml's U+FFFD.
    parked = _PARKED + code if code < 0x20 else 0xFFFD
    return f"&#{parked};".encode("ascii")


def _park_byte(match: re.Match[bytes]) -> bytes:
    return chr(_PARKED + match.group(0)[0]).encode("utf-8")


def _unpark(root: ET.Element) -> None:
    def back(text: str | None) -> str | None:
        if text is None:
            return None
        return _PARKED_CHARACTER.sub(lambda found: chr(ord(found.group(0)) - _PARKED), text)

    for element in root.iter():
        element.text = back(element.text)
        element.tail = back(element.tail)
        for name, value in element.attrib.items():
            element.attrib[name] = back(value) or ""
