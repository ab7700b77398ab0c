"""Run `sftpcheck explain` the way a user does, in process, and read what it printed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from sftpcheck.cli import main
from sftpcheck.explain.matching import PLACEHOLDER

# Realistic values for a message's variable parts, by placeholder.
_FILLERS = {"%d": "22", "%u": "22", "%ld": "10004", "%lu": "3", "%HOST%": "sftp.vendor-example.com"}
_DEFAULT_FILLER = "district42@203.0.113.7"


def fill(template: str) -> str:
    """A message as a client would print it: its placeholders filled with realistic values."""
    return PLACEHOLDER.sub(lambda found: _FILLERS.get(found.group(0), _DEFAULT_FILLER), template)


@dataclass(frozen=True)
class Run:
    exit_code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.out)
        return document

    def codes(self) -> list[str]:
        return [match["code"] for match in self.json()["matches"]]


def run_explain(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    capsys.readouterr()
    exit_code = main(["explain", *args])
    captured = capsys.readouterr()
    return Run(exit_code, captured.out, captured.err)
