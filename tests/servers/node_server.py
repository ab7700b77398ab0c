"""A node ssh2 SFTP server (npm `ssh2`, pinned by tests/servers/node_sftp/package-lock.json).

tests/setup.d/20-servers.sh runs `npm ci` there. ssh2 lets a server offer methods per
account and answer with partial success, so every scenario is expressed, two factors
included. Refused setstat is status 8 (OP_UNSUPPORTED).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tests.servers.matrix_accounts import MatrixServer, run_directory
from tests.servers.need import need_program, unavailable
from tests.servers.programmable import run_programmable

HERE = Path(__file__).with_name("node_sftp")


@contextlib.contextmanager
def run_node_server() -> Iterator[MatrixServer]:
    node = need_program("node", "nodejs")
    if not (HERE / "node_modules" / "ssh2").is_dir():
        unavailable(f"ssh2 is missing: run `npm ci` in {HERE} (make servers)")
    with (
        run_directory("node") as run,
        run_programmable(
            "node",
            run,
            [node, str(HERE / "server.js")],
            refused_setstat_status="unsupported",
            cwd=HERE,
        ) as server,
    ):
        yield server
