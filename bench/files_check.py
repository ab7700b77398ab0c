"""Benchmark 4: `sftpcheck files` on big generated districts.

Three pairs, each run alternately and checked on every run:
1. the default spec's clean district (100,000 students, 2,000,000 roster lines) against
   a bare csv.reader pass over the same files: the floor for any checker in Python;
2. the same district with every roster student_id's leading zeros lost (2 million bad
   rows, one finding) against the clean run: dirty data must not be much slower;
3. a OneRoster 1.2 district (100,000 students, 2,000,000 enrollments, with manifest.csv)
   against a bare csv.reader pass over it;
4. the floor for the goal of pair 1: the same csv.reader pass that also keeps only what
   no link check can do without (each file's key ids and the values of its link
   columns; bench/csv_floor.py), against the bare pass. No checker in CPython on one core
   can beat it, so pair 1's ratio is bounded below by this one.
5. the guard (issue 20): `files --previous LAST_NIGHT` against a plain `files
   --no-remember` on the clean district, LAST_NIGHT being the same district the night
   before (two students left, two came: nothing to report);
6. the guard with its remembered summary (plain `files`, a summary of the same folder
   already kept) against `files --no-remember`.
Pairs 1-4 measure the check alone, so they run with --no-remember; every run keeps its
state in the work folder (XDG_STATE_HOME), never in the user's home.
All run under GNU time -v for their peak resident set size.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from bench.csv_baseline import count_rows
from bench.measure import Command, PairResult, exits_with, run_pair
from bench.outcome import BenchmarkResult, Goal
from tests.files.district import lose_all_zeros, write_district
from tests.files.nights import normal_night
from tests.files.oneroster import write_oneroster

STUDENTS = 100_000
ROSTER_LINES = 2_000_000
RATIO_GOAL = 2.0
DIRTY_GOAL = 1.5
MEMORY_GOAL_MB = 300
GUARD_GOAL = 1.3
BASELINE = Path(__file__).with_name("csv_baseline.py")
FLOOR = Path(__file__).with_name("csv_floor.py")


def files_benchmark(python: str, sftpcheck: str, work: Path, runs: int) -> BenchmarkResult:
    started = time.perf_counter()
    clean = write_district(work / "district", students=STUDENTS, roster_lines=ROSTER_LINES)
    dirty = write_district(
        work / "dirty", students=STUDENTS, roster_lines=ROSTER_LINES, change=lose_all_zeros
    )
    roster = write_oneroster(work / "oneroster", "1.2", students=STUDENTS, enrollments=ROSTER_LINES)
    last_night = write_district(
        work / "last-night", students=STUDENTS, roster_lines=ROSTER_LINES, change=normal_night
    )
    generated = time.perf_counter() - started
    state = {"XDG_STATE_HOME": str(work / "state")}
    rows, roster_rows = count_rows(clean), count_rows(roster)
    size_mb, roster_mb = _megabytes(clean), _megabytes(roster)
    ours = _sftpcheck(sftpcheck, clean, "sftpcheck files", "DISTRICT", env=state)
    floor = _baseline(python, clean, rows, "csv.reader pass", "DISTRICT")
    pair = run_pair(ours, floor, runs)
    dirty_run = Command(
        label="sftpcheck files, zeros lost",
        argv=[sftpcheck, "files", str(dirty), "--no-remember", "--format", "json"],
        expect=exits_with(1, stdout_has='"count": 1999980'),
        env=state,
        peak_memory=True,
        shown_as="/usr/bin/time -v sftpcheck files DIRTY_DISTRICT --no-remember --format json",
    )
    dirty_pair = run_pair(dirty_run, ours, runs)
    roster_run = _sftpcheck(
        sftpcheck,
        roster,
        "sftpcheck files --spec oneroster-1.2",
        "ONEROSTER",
        env=state,
        spec="oneroster-1.2",
    )
    roster_floor = _baseline(python, roster, roster_rows, "csv.reader pass, OneRoster", "ONEROSTER")
    roster_pair = run_pair(roster_run, roster_floor, runs)
    ids_only = Command(
        label="csv.reader pass keeping the ids",
        argv=[python, str(FLOOR), str(clean)],
        expect=exits_with(0, stdout_has=f"rows {rows}"),
        peak_memory=True,
        shown_as="/usr/bin/time -v python bench/csv_floor.py DISTRICT",
    )
    floor_pair = run_pair(ids_only, floor, runs)
    guard_pair, remembered_pair = _guard_pairs(sftpcheck, clean, last_night, ours, state, runs)
    return BenchmarkResult(
        key="files",
        title="4. files on a generated district against a bare csv.reader pass",
        setup=(
            f"`write_district(DIR, students={STUDENTS:,}, roster_lines={ROSTER_LINES:,})` from "
            f"tests/files/district.py: six files, {rows:,} rows, {size_mb:.0f} MB. The dirty "
            "district is the same with `change=lose_all_zeros`: every roster student_id "
            "without its leading zeros, so 1,999,980 roster lines break their link (one "
            "finding, its words built once). The OneRoster district is "
            f"`write_oneroster(DIR, '1.2', students={STUDENTS:,}, enrollments={ROSTER_LINES:,})` "
            f"from tests/files/oneroster.py: eight files and manifest.csv, {roster_rows:,} rows, "
            f"{roster_mb:.0f} MB, checked with `--spec oneroster-1.2` (value rules, list links, "
            f"bulk mode). LAST_NIGHT is the clean district with `change=normal_night` "
            "(tests/files/nights.py: two students left, two came, with their parents and "
            f"classes), for the guard's pairs. All four written in {generated:.1f} s (not "
            "timed). The clean runs "
            "must find no problem and exit 0; the baseline (bench/csv_baseline.py) decodes "
            "every file with csv.reader and must count the same rows. Peak memory is GNU "
            "time's 'Maximum resident set size'."
        ),
        pairs=(pair, dirty_pair, roster_pair, floor_pair, guard_pair, remembered_pair),
        goals=(
            _ratio_goal(
                f"median ratio sftpcheck / csv.reader at most {RATIO_GOAL:g}", pair, RATIO_GOAL
            ),
            _memory_goal("sftpcheck peak RSS", pair, runs),
            _ratio_goal(
                f"zeros-lost district / clean district at most {DIRTY_GOAL:g}",
                dirty_pair,
                DIRTY_GOAL,
            ),
            _memory_goal("zeros-lost district peak RSS", dirty_pair, runs),
            _ratio_goal(
                f"files --previous / files --no-remember at most {GUARD_GOAL:g}",
                guard_pair,
                GUARD_GOAL,
            ),
            _memory_goal("files --previous peak RSS", guard_pair, runs),
            _ratio_goal(
                f"files (remembered) / files --no-remember at most {GUARD_GOAL:g}",
                remembered_pair,
                GUARD_GOAL,
            ),
            _memory_goal("files (remembered) peak RSS", remembered_pair, runs),
        ),
        facts=(
            f"OneRoster 1.2 district: sftpcheck / csv.reader {roster_pair.ratio:.2f}, peak RSS "
            f"{_peak(roster_pair)} (no goal was set for it).",
            f"Keeping only the ids and link values (bench/csv_floor.py) already takes "
            f"{floor_pair.ratio:.2f}x the bare csv.reader pass; sftpcheck files takes "
            f"{pair.a.median / floor_pair.a.median:.2f}x that floor.",
        ),
    )


def _sftpcheck(
    sftpcheck: str, folder: Path, label: str, shown: str, env: dict[str, str], spec: str = ""
) -> Command:
    options = [*(["--spec", spec] if spec else []), "--no-remember"]
    return Command(
        label=label,
        argv=[sftpcheck, "files", str(folder), *options],
        expect=exits_with(0, stdout_has="no problems found"),
        env=env,
        peak_memory=True,
        shown_as=f"/usr/bin/time -v sftpcheck files {shown} {' '.join(options)}".strip(),
    )


def _guard_pairs(
    sftpcheck: str,
    clean: Path,
    last_night: Path,
    plain: Command,
    state: dict[str, str],
    runs: int,
) -> tuple[PairResult, PairResult]:
    """The guard against the check alone: with --previous, and with its kept summary."""
    previous = Command(
        label="sftpcheck files --previous",
        argv=[sftpcheck, "files", str(clean), "--previous", str(last_night)],
        expect=exits_with(0, stdout_has="no problems found"),
        env=state,
        peak_memory=True,
        shown_as="/usr/bin/time -v sftpcheck files DISTRICT --previous LAST_NIGHT",
    )
    # One run first, so that every counted run compares with a kept summary.
    subprocess.run(
        [sftpcheck, "files", str(clean)], env=_with(state), capture_output=True, check=False
    )
    remembered = Command(
        label="sftpcheck files (remembered)",
        argv=[sftpcheck, "files", str(clean)],
        expect=exits_with(0, stdout_has="Changes since last time"),
        env=state,
        peak_memory=True,
        shown_as="/usr/bin/time -v sftpcheck files DISTRICT",
    )
    return run_pair(previous, plain, runs), run_pair(remembered, plain, runs)


def _with(env: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **env}


def _baseline(python: str, folder: Path, rows: int, label: str, shown: str) -> Command:
    return Command(
        label=label,
        argv=[python, str(BASELINE), str(folder)],
        expect=exits_with(0, stdout_has=f"rows {rows}"),
        peak_memory=True,
        shown_as=f"/usr/bin/time -v python bench/csv_baseline.py {shown}",
    )


def _megabytes(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.glob("*.csv")) / 1_000_000


def _ratio_goal(text: str, pair: PairResult, goal: float) -> Goal:
    return Goal(text=text, measured=f"{pair.ratio:.2f}", met=pair.ratio <= goal)


def _memory_goal(what: str, pair: PairResult, runs: int) -> Goal:
    peak = pair.a.peak_rss_mb
    return Goal(
        text=f"{what} under {MEMORY_GOAL_MB} MB",
        measured=f"{peak:.0f} MB (highest of {runs} runs)" if peak else "not measured",
        met=peak is not None and peak < MEMORY_GOAL_MB,
    )


def _peak(pair: PairResult) -> str:
    peak = pair.a.peak_rss_mb
    return f"{peak:.0f} MB" if peak else "not measured"
