"""Running two commands alternately and timing each run.

A and B take turns (A, B, A, B, ...) so that a slow spell of the machine hits both alike.
Every run is checked (exit code and expected output): a broken run must not look fast.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GNU_TIME = "/usr/bin/time"
Expectation = Callable[[subprocess.CompletedProcess[str]], "str | None"]


class BadRunError(Exception):
    """A run exited or printed something other than what the benchmark expects."""

    def __init__(self, label: str, problem: str, done: subprocess.CompletedProcess[str]) -> None:
        self.label = label
        self.problem = problem
        self.done = done
        super().__init__(
            f"{label}: {problem} (exit code {done.returncode})\n"
            f"command: {' '.join(map(str, done.args))}\n"
            f"stdout (end): {done.stdout[-1500:]}\nstderr (end): {done.stderr[-1500:]}"
        )


def exits_with(*codes: int, stdout_has: str = "", stderr_has: str = "") -> Expectation:
    """An expectation: one of these exit codes, and these texts in the output."""

    def expect(done: subprocess.CompletedProcess[str]) -> str | None:
        if done.returncode not in codes:
            return f"expected exit code {' or '.join(map(str, codes))}"
        if stdout_has not in done.stdout:
            return f"expected {stdout_has!r} on stdout"
        if stderr_has not in done.stderr:
            return f"expected {stderr_has!r} on stderr"
        return None

    return expect


@dataclass(frozen=True)
class Command:
    """One side of a pair: what to run, how to tell it worked, what to do before each run."""

    label: str
    argv: Sequence[str]
    expect: Expectation
    env: Mapping[str, str] | None = None
    before_each: Callable[[], None] | None = None
    timeout: float = 300.0
    # Run under GNU time -v to read the peak resident set size (both sides of a pair should).
    peak_memory: bool = False
    # How the command reads in the report (paths shortened); defaults to argv.
    shown_as: str = ""
    # A file given to the command as its standard input.
    stdin: Path | None = None

    @property
    def display(self) -> str:
        return self.shown_as or " ".join(self.argv)


@dataclass(frozen=True)
class Timings:
    """The counted runs of one command: wall-clock seconds and, if measured, peak RSS."""

    command: Command
    seconds: tuple[float, ...]
    peak_rss_kib: tuple[int, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def minimum(self) -> float:
        return min(self.seconds)

    @property
    def maximum(self) -> float:
        return max(self.seconds)

    @property
    def peak_rss_mb(self) -> float | None:
        """The highest peak RSS of the runs in MB (10^6 bytes; GNU time reports KiB)."""
        return max(self.peak_rss_kib) * 1024 / 1_000_000 if self.peak_rss_kib else None


@dataclass(frozen=True)
class PairResult:
    """A measured against B, run alternately."""

    a: Timings
    b: Timings
    warmups: int

    @property
    def ratio(self) -> float:
        return self.a.median / self.b.median


@dataclass
class _Collected:
    seconds: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)


def run_pair(
    a: Command, b: Command, runs: int, warmups: int = 1, progress: bool | None = None
) -> PairResult:
    """Warm up each command, then run A, B, A, B, ... `runs` times each.

    Raises BadRunError on the first run that fails its expectation.
    """
    if progress is None:
        progress = sys.stdout.isatty()
    collected = {id(a): _Collected(), id(b): _Collected()}
    for _ in range(warmups):
        for command in (a, b):
            run_once(command)
    for index in range(runs):
        for command in (a, b):
            seconds, rss = run_once(command)
            collected[id(command)].seconds.append(seconds)
            if rss is not None:
                collected[id(command)].rss.append(rss)
        if progress:
            print(f"    run {index + 1}/{runs}", end="\r", flush=True)
    if progress:
        print(" " * 30, end="\r", flush=True)
    timings = [
        Timings(command, tuple(collected[id(command)].seconds), tuple(collected[id(command)].rss))
        for command in (a, b)
    ]
    return PairResult(a=timings[0], b=timings[1], warmups=warmups)


def run_once(command: Command) -> tuple[float, int | None]:
    """Run the command once; its wall-clock seconds and peak RSS (KiB) if asked for."""
    if command.before_each is not None:
        command.before_each()
    env = None if command.env is None else {**os.environ, **command.env}
    with tempfile.TemporaryDirectory(prefix="sftpcheck-bench-") as scratch:
        time_file = Path(scratch, "time.txt")
        argv = list(command.argv)
        if command.peak_memory:
            if not os.access(GNU_TIME, os.X_OK):
                raise RuntimeError(f"{GNU_TIME} is missing: install the Debian package 'time'")
            argv = [GNU_TIME, "-v", "-o", str(time_file), *argv]
        with Path(command.stdin or os.devnull).open("rb") as given:
            started = time.perf_counter()
            done = subprocess.run(
                argv,
                stdin=given if command.stdin else None,
                capture_output=True,
                text=True,
                errors="replace",
                env=env,
                timeout=command.timeout,
                check=False,
            )
            seconds = time.perf_counter() - started
        done.args = list(command.argv)
        problem = command.expect(done)
        if problem is not None:
            raise BadRunError(command.label, problem, done)
        rss = _peak_rss_kib(time_file.read_text()) if command.peak_memory else None
    return seconds, rss


def _peak_rss_kib(time_output: str) -> int:
    for line in time_output.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1])
    raise RuntimeError(f"GNU time gave no 'Maximum resident set size':\n{time_output}")
