"""Run `sftpcheck files` the way a user does, and read its JSON report."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sftpcheck.cli import main


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.stdout)  # type: ignore[no-any-return]

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self.report["findings"]  # type: ignore[no-any-return]

    def codes(self) -> list[str]:
        return [item["code"] for item in self.findings]


RunFiles = Callable[..., Run]


@pytest.fixture(autouse=True)
def state_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps the guard's summaries in its own folder, never in the real home."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture
def run_files(capsys: pytest.CaptureFixture[str]) -> RunFiles:
    """Call the real entry point (which turns InputError into exit 2) and capture output."""

    def run(directory: Path, *options: str) -> Run:
        code = main(["files", str(directory), *options])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
