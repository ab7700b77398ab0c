"""bench/RESULTS.md: a pure function of the results, the machine and the notes on disk."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bench.measure import PairResult, Timings
from bench.outcome import BenchmarkResult

NOTES = Path(__file__).parent / "notes"


def render_results(
    results: Sequence[BenchmarkResult],
    machine: Sequence[tuple[str, str]],
    measured_at: datetime,
    runs: int,
) -> str:
    lines = [
        "# sftpcheck benchmarks",
        "",
        f"Measured {measured_at:%Y-%m-%d %H:%M} UTC. Each pair runs alternately (A, B, A, B, "
        f"...), {runs} counted runs of each after one warm-up run each; every run is checked "
        "(exit code and expected output), so a broken run cannot look fast. Times are "
        "wall-clock, from `time.perf_counter` around `subprocess.run`.",
        "",
        "Reproduce (as root: it starts sshd, adds accounts and a network namespace, and "
        "removes them again): `make bench`",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {label} | {value} |" for label, value in machine),
        "",
        "## Summary",
        "",
        "| Benchmark | Goal | Measured | Met |",
        "|---|---|---|---|",
    ]
    for result in results:
        if result.error is not None:
            lines.append(f"| {result.title} | (did not run) | broken | no |")
        for goal in result.goals:
            lines.append(f"| {result.title} | {goal.text} | {goal.measured} | {_met(goal.met)} |")
    for result in results:
        lines += ["", *_section(result)]
    return "\n".join(lines) + "\n"


def _section(result: BenchmarkResult) -> list[str]:
    lines = [f"## {result.title}", "", result.setup, ""]
    if result.error is not None:
        lines += [
            "**Broken**: the benchmark could not complete:",
            "",
            "```",
            result.error,
            "```",
            "",
        ]
    for pair in result.pairs:
        lines += [*_pair_table(pair), ""]
    if result.goals:
        lines += ["| Goal | Measured | Met |", "|---|---|---|"]
        lines += [
            f"| {g.text} | {g.measured} | {'yes' if g.met else '**no**'} |" for g in result.goals
        ]
        lines.append("")
    lines += [f"- {fact}" for fact in result.facts]
    if result.facts:
        lines.append("")
    notes = NOTES / f"{result.key}.md"
    if notes.exists():
        lines += [notes.read_text().rstrip(), ""]
    return lines[:-1] if lines and lines[-1] == "" else lines


def _pair_table(pair: PairResult) -> list[str]:
    memory = bool(pair.a.peak_rss_kib or pair.b.peak_rss_kib)
    header = "| Command | Runs | Median | Min | Max |" + (" Peak RSS |" if memory else "")
    rule = "|---|---|---|---|---|" + ("---|" if memory else "")
    rows = [_row(timings, memory) for timings in (pair.a, pair.b)]
    return [
        header,
        rule,
        *rows,
        "",
        f"Ratio of medians ({pair.a.command.label} / {pair.b.command.label}): **{pair.ratio:.2f}**",
        "",
        "<details><summary>exact commands</summary>",
        "",
        f"- A: `{pair.a.command.display}`",
        f"- B: `{pair.b.command.display}`",
        "",
        "</details>",
    ]


def _row(timings: Timings, memory: bool) -> str:
    cells = [
        timings.command.label,
        str(len(timings.seconds)),
        _duration(timings.median),
        _duration(timings.minimum),
        _duration(timings.maximum),
    ]
    if memory:
        rss = timings.peak_rss_mb
        cells.append(f"{rss:.0f} MB" if rss is not None else "")
    return "| " + " | ".join(cells) + " |"


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _met(met: bool) -> str:
    return "yes" if met else "**no**"
