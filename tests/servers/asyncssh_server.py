"""An AsyncSSH SFTP server (what several Python-built vendor products run) on loopback.

Runs tests/servers/asyncssh_sftp.py as its own process, so the server's event loop and
the test's processes never share an interpreter. Refused setstat is status 8
(OP_UNSUPPORTED), as AsyncSSH answers for what a server does not implement.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.servers.matrix_accounts import MatrixServer, run_directory
from tests.servers.need import unavailable
from tests.servers.programmable import run_programmable

SCRIPT = Path(__file__).with_name("asyncssh_sftp.py")


@contextlib.contextmanager
def run_asyncssh_server() -> Iterator[MatrixServer]:
    if importlib.util.find_spec("asyncssh") is None:
        unavailable("asyncssh is missing: pip install -e '.[test]'")
    with (
        run_directory("asyncssh") as run,
        run_programmable(
            "asyncssh", run, [sys.executable, str(SCRIPT)], refused_setstat_status="unsupported"
        ) as server,
    ):
        yield server
