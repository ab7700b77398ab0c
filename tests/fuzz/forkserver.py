"""Runs `sftpcheck ARGS` many times a second: one warm process that forks a child per run.

Starting the console script costs 150-350 ms, most of it imports; a fuzzer that waits for
that tries a few hundred inputs a minute. This server imports sftpcheck's command line
once, then, for each request, forks a child that runs `sftpcheck.cli.main(argv)` exactly
as the console script does, with its own HOME, environment, working folder, stdin, stdout
and stderr files, an address-space limit (RLIMIT_AS), a file-size limit and a process
group of its own, so a run that hangs is killed whole at its wall-clock bound.

The server stays single-threaded (forking a threaded process can copy a held lock) and
speaks JSON lines: one request on stdin, one answer on stdout. It is started by
tests/fuzz/sandbox.py, inside a network namespace that has only a loopback.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import resource
import signal
import sys
import time
import traceback
from typing import Any

# Modules sftpcheck's commands import lazily (third-party or standard, so they stay where
# they are whatever the package's own layout): loaded once here, so each child starts warm.
WARM_MODULES = (
    "sftpcheck.cli",
    "sftpcheck.explain",
    "sftpcheck.files",
    "sftpcheck.sites",
    "paramiko",
    "dns.resolver",
    "dns.message",
    "cryptography.hazmat.primitives.asymmetric.ed25519",
    "tomllib",
    "csv",
    "zipfile",
    "plistlib",
    "xml.etree.ElementTree",
    "tabulate",
    "typer",
    "python_socks",
)
POLL = 0.005


def _warm_up() -> None:
    for name in WARM_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _stream(fd: int, mode: str, like: Any) -> io.TextIOWrapper:
    raw = io.FileIO(fd, mode, closefd=False)
    buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
    return io.TextIOWrapper(buffered, encoding=like.encoding, errors=like.errors)


def _child(request: dict[str, Any]) -> None:
    """In the forked child: become the sftpcheck process the request describes, then exit."""
    os.setpgid(0, 0)
    limit = int(request["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    file_limit = int(request["file_bytes"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
    cpu = int(request["wall_seconds"]) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for fd, (path, flags) in enumerate(
        [
            (request["stdin"] or os.devnull, os.O_RDONLY),
            (request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            (request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ]
    ):
        opened = os.open(path, flags, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    # New stream objects over the new descriptors, with the encoding and error handlers the
    # interpreter chose for this locale at start-up (surrogateescape in C.UTF-8, for one).
    sys.stdin = _stream(0, "r", sys.__stdin__)
    sys.stdout = _stream(1, "w", sys.__stdout__)
    sys.stderr = _stream(2, "w", sys.__stderr__)
    sys.argv = ["sftpcheck", *request["argv"]]
    code = 1
    try:
        from sftpcheck.cli import main

        result = main(list(request["argv"]))
        code = result if isinstance(result, int) else 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:  # noqa: BLE001 - what the interpreter would print, then exit 1
        traceback.print_exc()
        code = 1
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    os._exit(code & 0xFF)


def _serve_one(request: dict[str, Any]) -> dict[str, Any]:
    sys.stdout.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            _child(request)
        finally:
            os._exit(125)
    deadline = started + float(request["wall_seconds"])
    timed_out = False
    while True:
        done_pid, status, usage = os.wait4(pid, os.WNOHANG)
        if done_pid == pid:
            break
        if time.monotonic() > deadline:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(POLL)
    return {
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "timed_out": timed_out,
        "seconds": time.monotonic() - started,
        "max_rss_kib": usage.ru_maxrss,
    }


def serve() -> None:
    _warm_up()
    answers = sys.stdout
    answers.write(json.dumps({"ready": os.getpid()}) + "\n")
    answers.flush()
    for line in sys.stdin:
        answer = _serve_one(json.loads(line))
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve()
