"""Benchmark 4: `sftpcheck files` on a big generated district against a bare csv.reader pass.

The district comes from the tests' generator (tests/files/district.py): 100,000 students
and 2,000,000 roster lines, clean, so sftpcheck must find no problem and exit 0. Both
commands run under GNU time -v for their peak resident set size.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.csv_baseline import count_rows
from bench.measure import Command, exits_with, run_pair
from bench.outcome import BenchmarkResult, Goal
from tests.files.district import write_district

STUDENTS = 100_000
ROSTER_LINES = 2_000_000
RATIO_GOAL = 2.0
MEMORY_GOAL_MB = 300
BASELINE = Path(__file__).with_name("csv_baseline.py")


def files_benchmark(python: str, sftpcheck: str, work: Path, runs: int) -> BenchmarkResult:
    started = time.perf_counter()
    district = write_district(work / "district", students=STUDENTS, roster_lines=ROSTER_LINES)
    generated = time.perf_counter() - started
    rows = count_rows(district)
    size_mb = sum(path.stat().st_size for path in district.glob("*.csv")) / 1_000_000
    ours = Command(
        label="sftpcheck files",
        argv=[sftpcheck, "files", str(district)],
        expect=exits_with(0, stdout_has="no problems found"),
        peak_memory=True,
        shown_as="/usr/bin/time -v sftpcheck files DISTRICT",
    )
    theirs = Command(
        label="csv.reader pass",
        argv=[python, str(BASELINE), str(district)],
        expect=exits_with(0, stdout_has=f"rows {rows}"),
        peak_memory=True,
        shown_as="/usr/bin/time -v python bench/csv_baseline.py DISTRICT",
    )
    pair = run_pair(ours, theirs, runs)
    peak = pair.a.peak_rss_mb
    return BenchmarkResult(
        key="files",
        title="4. files on a generated district against a bare csv.reader pass",
        setup=(
            f"`write_district(DIR, students={STUDENTS:,}, roster_lines={ROSTER_LINES:,})` from "
            f"tests/files/district.py: six files, {rows:,} rows, {size_mb:.0f} MB, written in "
            f"{generated:.1f} s (not timed). sftpcheck must find no problem and exit 0; the "
            "baseline (bench/csv_baseline.py) decodes every file with csv.reader and must count "
            "the same rows. Peak memory is GNU time's 'Maximum resident set size'."
        ),
        pairs=(pair,),
        goals=(
            Goal(
                text=f"median ratio sftpcheck / csv.reader at most {RATIO_GOAL:g}",
                measured=f"{pair.ratio:.2f}",
                met=pair.ratio <= RATIO_GOAL,
            ),
            Goal(
                text=f"sftpcheck peak RSS under {MEMORY_GOAL_MB} MB",
                measured=f"{peak:.0f} MB (highest of {runs} runs)" if peak else "not measured",
                met=peak is not None and peak < MEMORY_GOAL_MB,
            ),
        ),
    )
