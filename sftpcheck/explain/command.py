"""`sftpcheck explain TEXT|CODE`: print what it means, exit 0 if something matched, else 1."""

from __future__ import annotations

import sys

from sftpcheck.explain.core import explain
from sftpcheck.explain.render import render
from sftpcheck.render import Format

MATCHED = 0
NOTHING_MATCHED = 1


def explain_command(text: str, output_format: Format) -> int:
    """Explain TEXT (a client's message or a reason code); `-` reads a pasted log from stdin.

    Exit code 0 when something matched, 1 when nothing did. Empty text is an InputError,
    which the CLI turns into exit code 2.
    """
    if text == "-":
        text = sys.stdin.read()
    explanation = explain(text)
    sys.stdout.write(render(explanation, output_format))
    return MATCHED if explanation.matches else NOTHING_MATCHED
