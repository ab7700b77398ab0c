"""`sftpcheck explain TEXT|CODE`: print what it means, exit 0 if something matched, else 1."""

from __future__ import annotations

import sys
from pathlib import Path

from sftpcheck.console import check_output_path, show
from sftpcheck.explain.core import explain
from sftpcheck.explain.render import render
from sftpcheck.local_files import PASTE, read_stream
from sftpcheck.render import Format

MATCHED = 0
NOTHING_MATCHED = 1


def decode_paste(data: bytes) -> str:
    """A pasted log as text: UTF-16 (PowerShell's `>`, Notepad's "Unicode") or UTF-8, with
    or without a byte-order mark; Windows line ends become plain ones."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif len(data) >= 4 and data[1:2] == b"\x00" and data[3:4] == b"\x00":
        text = data.decode("utf-16-le", errors="replace")
    elif len(data) >= 4 and data[0:1] == b"\x00" and data[2:3] == b"\x00":
        text = data.decode("utf-16-be", errors="replace")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def explain_command(text: str, output_format: Format, output: Path | None = None) -> int:
    """Explain TEXT (a client's message or a reason code); `-` reads a pasted log from stdin.

    Exit code 0 when something matched, 1 when nothing did. Empty text is an InputError,
    which the CLI turns into exit code 2. With `output`, the result is also written there.
    """
    if output is not None:
        check_output_path(output)
    if text == "-":
        text = decode_paste(read_stream(sys.stdin.buffer, PASTE, "The text on standard input"))
    else:
        # An argument that is not UTF-8 arrives with its bytes as lone surrogates, which no
        # output can be written in: each becomes U+FFFD, as a bad byte on stdin does.
        try:
            raw = text.encode("utf-8", "surrogateescape")  # the bytes as they were typed
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "surrogatepass")  # a surrogate that stood for no byte
        text = raw.decode("utf-8", errors="replace")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    explanation = explain(text)
    show(render(explanation, output_format), output_format, output)
    return MATCHED if explanation.matches else NOTHING_MATCHED
