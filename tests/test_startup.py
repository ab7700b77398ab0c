"""What start-up loads: the help, `explain` and reading a --proxy URL never import paramiko.

paramiko (with cryptography) is most of a check's start-up time; a command that sends
nothing over SSH must not pay for it. Each case runs in a fresh interpreter, since this
one has loaded paramiko long ago.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("paramiko", "cryptography", "dns")

CASES = {
    "--help": "from sftpcheck.cli import main\nmain(['--help'])",
    "check --help": "from sftpcheck.cli import main\nmain(['check', '--help'])",
    "explain CODE": "from sftpcheck.cli import main\nmain(['explain', 'tcp.timeout'])",
    "the step list": "from sftpcheck.check.pipeline import CHECKS\nassert len(CHECKS) == 9",
    "--proxy URL": (
        "from sftpcheck.check.layer import Layer\n"
        "from sftpcheck.check.settings import settle_options\n"
        "flags = Layer(no_upload=True, proxy='socks5://jdoe@proxy.district.test:1080')\n"
        "options = settle_options('sftp.vendor.test', flags, None).options\n"
        "assert options.proxy is not None and options.proxy.port == 1080"
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_start_up_loads_no_ssh_engine(case: str) -> None:
    probe = (
        CASES[case]
        + "\nimport sys\nprint('LOADED', *sorted({m.split('.')[0] for m in sys.modules}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    loaded_line = [line for line in done.stdout.splitlines() if line.startswith("LOADED ")]
    assert loaded_line, done.stderr
    loaded = set(loaded_line[-1].split()[1:])
    assert not loaded & set(HEAVY), f"{case} imports {sorted(loaded & set(HEAVY))}"
