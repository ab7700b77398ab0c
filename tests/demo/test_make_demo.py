"""Item 19: `make demo` installs only sftpcheck, and the README's start-up figure is measured.

`make -n -B` prints what `make demo` would run on a fresh clone without running it, so the
test needs neither the network nor seven seconds of pip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_make_demo_installs_the_package_alone_in_its_own_venv() -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    done = subprocess.run(
        [make, "-n", "-B", "demo"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    installs = [line for line in done.stdout.splitlines() if "pip install" in line]
    assert len(installs) == 1, done.stdout
    assert "[" not in installs[0], f"extras (test, lint) in the demo's install: {installs[0]}"
    venv = installs[0].split("/bin/pip", 1)[0].strip()
    assert venv != ".venv", "the demo shares the development venv"
    assert f"{venv}/bin/sftpcheck demo" in done.stdout


def _median(results: str, command: str) -> str:
    match = re.search(rf"^\| {re.escape(command)} \| \d+ \| (\d+ ms) \|", results, re.MULTILINE)
    assert match, f"no median for {command} in bench/RESULTS.md"
    return match.group(1)


def test_the_readme_start_up_claim_is_what_make_bench_measured() -> None:
    readme = " ".join((ROOT / "README.md").read_text().split())
    results = (ROOT / "bench" / "RESULTS.md").read_text()
    assert "under 100 ms" not in readme
    help_ms = _median(results, "sftpcheck --help")
    explain_ms = _median(results, "sftpcheck explain tcp.timeout")
    assert f"{help_ms} for `sftpcheck --help`" in readme
    assert f"{explain_ms} for `sftpcheck explain tcp.timeout`" in readme
    cores = re.search(r"^\| Cores \| (\d+) \|", results, re.MULTILINE)
    assert cores, "bench/RESULTS.md names no core count"
    assert f"{cores.group(1)}-core" in readme
