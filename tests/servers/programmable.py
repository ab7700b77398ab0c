"""Starting a programmable SFTP server (AsyncSSH, Go, node) from one JSON file of accounts.

Each such server binds port 0 on 127.0.0.1, once per entry of the config's `listeners`,
and prints `listening N on 127.0.0.1 port P` for each: the fixture reads the ports from
its log, so no port is guessed and none can be taken in between.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from tests.servers.matrix_accounts import (
    ROLES,
    MatrixAccount,
    MatrixServer,
    RunDirectory,
    make_key,
    programmable_accounts,
    write_user_config,
)
from tests.servers.processes import stop_process_tree

LISTENING = re.compile(r"listening (\d+) on 127\.0\.0\.1 port (\d+)")


def wait_for_ports(
    log: Path, process: subprocess.Popen[bytes], count: int, seconds: float
) -> list[int]:
    """The ports the program says it listens on, in listener order."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        found = {int(index): int(port) for index, port in LISTENING.findall(text)}
        if len(found) >= count:
            return [found[index] for index in range(count)]
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}:\n{text}")
        time.sleep(0.02)
    text = log.read_text(errors="replace") if log.exists() else ""
    raise RuntimeError(f"{process.args!r} did not listen within {seconds} s:\n{text}")


@contextlib.contextmanager
def run_programmable(
    name: str,
    run: RunDirectory,
    command: Sequence[str],
    refused_setstat_status: str = "denied",
    listeners: Sequence[Sequence[str]] = (ROLES,),
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[MatrixServer]:
    """Start `command CONFIG` serving every role; stop it and its children afterwards."""
    accounts: dict[str, MatrixAccount] = programmable_accounts(run, name)
    host_key, host_public = make_key(run.sub("host-key", 0o700), "host_ed25519", name)
    config = write_user_config(
        run.path / "users.json", host_key, accounts, refused_setstat_status, listeners
    )
    log = run.path / f"{name}.log"
    with log.open("ab") as log_file:
        process = subprocess.Popen(
            [*command, str(config)],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            cwd=cwd,
            env=dict(env) if env is not None else None,
        )
    try:
        ports = wait_for_ports(log, process, len(listeners), 30)
        by_role = {role: ports[index] for index, roles in enumerate(listeners) for role in roles}
        yield MatrixServer(
            name=name,
            host="127.0.0.1",
            port=ports[0],
            host_key_line=" ".join(host_public.split()[:2]),
            accounts=accounts,
            ports=by_role,
            log_paths=(log,),
        )
    finally:
        stop_process_tree(process)
