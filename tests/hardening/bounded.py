"""The installed `sftpcheck`, run with a wall-clock bound and a memory bound.

A run that hangs is killed by the subprocess timeout (its test then fails with
TimeoutExpired); one that grows past the address-space limit gets a MemoryError or is
killed. The bounds only tell "ends" from "hangs" and "small" from "eats the machine":
they are far above what a good run needs, and no test asserts a time.
"""

from __future__ import annotations

import os
import resource
import subprocess
from pathlib import Path
from typing import IO

from tests.check.run import sftpcheck_command

WALL_SECONDS = 60
MEMORY_BYTES = 2 << 30
# No run may write more than this to any file: a zip bomb unpacked to the disk fails.
FILE_BYTES = 512 << 20


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_BYTES, FILE_BYTES))


def run_bounded(
    home: Path,
    *args: str,
    stdin: IO[bytes] | int | None = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    prefix: tuple[str, ...] = (),
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `sftpcheck ARGS` as a user would (private HOME, no SFTPCHECK_ variables),
    bounded; there is never a traceback in what it prints."""
    home.mkdir(parents=True, exist_ok=True)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
    environment.update(HOME=str(home), NO_COLOR="1")
    environment.pop("COLUMNS", None)
    environment.update(env or {})
    done = subprocess.run(
        [*prefix, *sftpcheck_command(), *args],
        env=environment,
        stdin=stdin,
        capture_output=True,
        timeout=WALL_SECONDS,
        cwd=cwd,
        check=False,
        preexec_fn=_limits,  # only sets limits, before the exec
    )
    result = subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    return result


def sparse_file(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of `size` bytes that starts with `head`; the rest is a hole, not on the disk."""
    with path.open("wb") as stream:
        stream.write(head)
        stream.truncate(size)
    return path
