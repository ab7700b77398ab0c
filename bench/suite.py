"""The whole bench: run each benchmark, keep going when one breaks, write RESULTS.md."""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from types import FrameType

from bench.dropped import dropped
from bench.healthy import healthy
from bench.machine import describe_machine
from bench.measure import BadRunError
from bench.outcome import BenchmarkResult
from bench.report import render_results
from bench.startup import startup

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "RESULTS.md"
TITLES = {
    "healthy": "1. Healthy full check against OpenSSH sftp -b",
    "startup": "2. Start-up: --help and explain against python -c pass",
    "dropped": "3. Dropped traffic: four addresses, all silently dropped",
    "files": "4. files on a generated district against a bare csv.reader pass",
    "wan": "5. Distance: 100 ms round trip, against OpenSSH sftp -b",
    "explain": "6. explain on a whole log against a bare read of the same bytes",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="sftpcheck against OpenSSH and plain Python.")
    parser.add_argument("--runs", type=int, default=10, help="counted runs of each command")
    parser.add_argument("--only", action="append", choices=list(TITLES), help="repeatable")
    parser.add_argument(
        "--output",
        type=Path,
        help="default bench/RESULTS.md; with --only, bench/work/RESULTS-only.md, so that a "
        "partial run never replaces the whole record",
    )
    args = parser.parse_args(argv)
    if args.output is None:
        args.output = RESULTS if not args.only else RESULTS.parent / "work" / "RESULTS-only.md"
        args.output.parent.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        sys.stderr.write("bench: run as root (sshd accounts, chroot, network namespaces).\n")
        return 2
    # SIGTERM unwinds like Ctrl-C, so every server, account and namespace is removed.
    signal.signal(signal.SIGTERM, _interrupt)
    python = sys.executable
    sftpcheck = str(Path(python).parent / "sftpcheck")
    # Time what an installed copy runs: byte-compiled modules. An edited module with no .pyc
    # yet (or PYTHONDONTWRITEBYTECODE set) is compiled from source at every start-up.
    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "sftpcheck"), quiet=1)
    chosen = args.only or list(TITLES)
    runners: dict[str, Callable[[Path], BenchmarkResult]] = {
        "healthy": lambda work: healthy(sftpcheck, work, args.runs),
        "startup": lambda work: startup(python, sftpcheck, args.runs),
        "dropped": lambda work: dropped(sftpcheck, args.runs),
        "files": lambda work: _files(python, sftpcheck, work, args.runs),
        "wan": lambda work: _wan(sftpcheck, work, args.runs),
        "explain": lambda work: _explain(python, sftpcheck, work, args.runs),
    }
    measured_at = datetime.now(timezone.utc)
    results = []
    try:
        for key in chosen:
            print(f"bench: {TITLES[key]}", flush=True)
            results.append(_run_one(key, runners[key]))
            _print_summary(results[-1])
    except KeyboardInterrupt:
        sys.stderr.write("bench: stopped; servers, accounts and namespaces removed.\n")
        return 130
    args.output.write_text(render_results(results, describe_machine(), measured_at, args.runs))
    print(f"bench: wrote {args.output}")
    return 1 if any(result.error is not None for result in results) else 0


def _run_one(key: str, runner: Callable[[Path], BenchmarkResult]) -> BenchmarkResult:
    work = Path(tempfile.mkdtemp(prefix=f"sftpcheck-bench-{key}-"))
    try:
        return runner(work)
    except BadRunError as failed:
        return BenchmarkResult(key=key, title=TITLES[key], setup="", error=str(failed))
    except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
        return BenchmarkResult(key=key, title=TITLES[key], setup="", error=traceback.format_exc())
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _files(python: str, sftpcheck: str, work: Path, runs: int) -> BenchmarkResult:
    from bench.files_check import files_benchmark

    return files_benchmark(python, sftpcheck, work, runs)


def _wan(sftpcheck: str, work: Path, runs: int) -> BenchmarkResult:
    from bench.wan import wan

    return wan(sftpcheck, work, runs)


def _explain(python: str, sftpcheck: str, work: Path, runs: int) -> BenchmarkResult:
    from bench.explain_log import explain_benchmark

    return explain_benchmark(python, sftpcheck, work, runs)


def _print_summary(result: BenchmarkResult) -> None:
    if result.error is not None:
        print(f"  BROKEN: {result.error}", flush=True)
    for pair in result.pairs:
        print(
            f"  {pair.a.command.label}: {pair.a.median * 1000:.0f} ms | "
            f"{pair.b.command.label}: {pair.b.median * 1000:.0f} ms | ratio {pair.ratio:.2f}",
            flush=True,
        )
    for goal in result.goals:
        print(f"  [{'met' if goal.met else 'MISSED'}] {goal.text}: {goal.measured}", flush=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
