"""How a file is encoded: UTF-8 with or without BOM, or what else it looks like.

A file is first read optimistically as UTF-8. Only when that fails does a byte-level scan
find the first bad byte (line and offset) and guess the real encoding from the bytes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20
_HEAD = 4096
# Bytes 0x80-0x9F are letters and quotes in Windows-1252 (é is 0xE9 in both, but "smart
# quotes" are 0x93/0x94) and unused control codes in Latin-1; their presence decides.
_WINDOWS_ONLY = re.compile(rb"[\x80-\x9f]")


@dataclass(frozen=True)
class EncodingProblem:
    """Why a file is not UTF-8, where that shows first, and how to read it anyway."""

    looks_like: str
    codec: str
    line: int | None = None
    offset: int | None = None
    byte: int | None = None
    evidence: str = ""

    @property
    def codec_name(self) -> str:
        return self.looks_like.split(" (")[0]

    def sentence(self, file: str) -> str:
        where = self.evidence
        if self.line is not None and self.offset is not None and self.byte is not None:
            seen_as = bytes([self.byte]).decode(self.codec, errors="replace")
            where = (
                f"The first byte that is not UTF-8 is on line {self.line}, byte offset "
                f"{self.offset} (0x{self.byte:02X}, which is {seen_as!r} in {self.codec_name})."
            )
        return f"{file} is not UTF-8: it looks like {self.looks_like}. {where}".strip()


@dataclass(frozen=True)
class Opening:
    """How to open a file for reading: its codec, whether it has a BOM, and its size."""

    codec: str
    size: int
    bom: bool = False
    problem: EncodingProblem | None = None
    # What the file is when it is not text at all ("a zip file"), else None.
    not_text: str | None = None


def sniff(path: Path) -> Opening:
    """What the first bytes say: empty, a BOM, UTF-16, or (hopefully) UTF-8."""
    with path.open("rb") as stream:
        head = stream.read(_HEAD)
    size = path.stat().st_size
    if head.startswith(codecs.BOM_UTF8):
        return Opening("utf-8-sig", size, bom=True)
    binary = not_text(head)
    if binary is not None:
        return Opening("utf-8", size, not_text=binary)
    utf16 = _utf16_problem(head)
    if utf16 is not None:
        return Opening(utf16.codec, size, problem=utf16)
    return Opening("utf-8", size)


# The first bytes of the binary files a district most often saves under a .csv name.
_SIGNATURES = (
    (b"PK\x03\x04", "a zip file (an Excel .xlsx workbook is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls workbook"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip file"),
)
# Control bytes that no text file holds (tab, line feed and carriage return are text).
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})


def not_text(head: bytes) -> str | None:
    """What the first bytes are when they are not text in any encoding, else None."""
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if _utf16_parity(head) is not None:
        return None
    controls = len(head) - len(head.translate(None, _CONTROL))
    # A text file has none of these; allow a stray few before calling it binary.
    if controls > max(2, len(head) // 100):
        return "binary data, not text"
    return None


def _utf16_parity(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when zero bytes sit on every other byte, as in UTF-16."""
    sample = head[:400]
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return None
    if odd.count(0) >= len(odd) * 0.6 and even.count(0) <= len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) >= len(even) * 0.6 and odd.count(0) <= len(odd) * 0.1:
        return "utf-16-be"
    return None


def _utf16_problem(head: bytes) -> EncodingProblem | None:
    names = {"utf-16-le": "UTF-16 little endian", "utf-16-be": "UTF-16 big endian"}
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return EncodingProblem(
                looks_like=f"{names[codec]}, which Windows calls 'Unicode'",
                codec="utf-16",
                evidence="It starts with a UTF-16 byte order mark.",
            )
    # Plain-text UTF-16 puts a zero byte beside every ASCII letter: after it (little
    # endian) or before it (big endian).
    parity = _utf16_parity(head)
    if parity is None:
        return None
    codec = parity
    offset = head.index(b"\x00")
    return EncodingProblem(
        looks_like=f"{names[codec]}, which Windows calls 'Unicode'",
        codec=codec,
        evidence=f"Every other byte is zero, from line 1, byte offset {offset}.",
    )


def find_bad_utf8(path: Path, start: int = 0) -> EncodingProblem | None:
    """The first byte that is not UTF-8 (its line and offset) and a guess at the encoding."""
    base, newlines, carry = start, 0, b""
    with path.open("rb") as stream:
        stream.seek(start)
        while chunk := stream.read(_CHUNK):
            data = carry + chunk
            good = _valid_prefix(data)
            if good < len(data) - 3 or (good < len(data) and not _incomplete(data[good:])):
                return _problem(path, base + good, newlines + data.count(b"\n", 0, good) + 1)
            carry = data[good:]
            newlines += data.count(b"\n", 0, good)
            base += good
    if carry:
        return _problem(path, base, newlines + 1)
    return None


def _valid_prefix(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return len(data)


def _incomplete(tail: bytes) -> bool:
    """True when the tail is only the start of a character that the next chunk completes."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(tail, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _problem(path: Path, offset: int, line: int) -> EncodingProblem:
    with path.open("rb") as stream:
        stream.seek(offset)
        sample = stream.read(_CHUNK)
    if _WINDOWS_ONLY.search(sample):
        looks_like, codec = "Windows-1252", "cp1252"
    else:
        looks_like, codec = "Windows-1252 (or Latin-1, the same for these bytes)", "cp1252"
    return EncodingProblem(looks_like, codec, line=line, offset=offset, byte=sample[0])


def inspect_encoding(path: Path) -> Opening:
    """The whole file's encoding, read to the end: for the cheap single-file check."""
    opening = sniff(path)
    if opening.problem is not None or opening.size == 0 or opening.not_text:
        return opening
    problem = find_bad_utf8(path, start=3 if opening.bom else 0)
    if problem is None:
        return opening
    return Opening(problem.codec, opening.size, bom=opening.bom, problem=problem)
