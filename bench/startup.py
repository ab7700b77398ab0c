"""Benchmark 2: start-up. `sftpcheck --help` and `sftpcheck explain tcp.timeout` against
`python -c pass` on the same interpreter, and proof that neither imports paramiko."""

from __future__ import annotations

import subprocess

from bench.measure import Command, exits_with, run_pair
from bench.outcome import BenchmarkResult, Goal

LIMIT_SECONDS = 0.150
HEAVY_MODULES = ("paramiko", "dns", "cryptography")


def startup(python: str, sftpcheck: str, runs: int) -> BenchmarkResult:
    bare = Command(
        label="python -c pass",
        argv=[python, "-c", "pass"],
        expect=exits_with(0),
        shown_as="python -c pass",
    )
    paths = {
        "--help": ("sftpcheck --help", [sftpcheck, "--help"], exits_with(0, stdout_has="check")),
        "explain": (
            "sftpcheck explain tcp.timeout",
            [sftpcheck, "explain", "tcp.timeout"],
            exits_with(0, stdout_has="tcp.timeout"),
        ),
    }
    pairs = []
    goals = []
    facts = []
    for label, argv, expect in paths.values():
        ours = Command(label=label, argv=argv, expect=expect, shown_as=label)
        pair = run_pair(ours, bare, runs)
        pairs.append(pair)
        goals.append(
            Goal(
                text=f"`{label}` median under {LIMIT_SECONDS * 1000:.0f} ms",
                measured=f"{pair.a.median * 1000:.0f} ms",
                met=pair.a.median < LIMIT_SECONDS,
            )
        )
        heavy = heavy_imports(python, argv)
        goals.append(
            Goal(
                text=f"`{label}` imports no paramiko",
                measured="imports " + ", ".join(heavy)
                if heavy
                else "none of " + ", ".join(HEAVY_MODULES),
                met="paramiko" not in heavy,
            )
        )
        facts.append(f"`{label}`: {_top_imports(python, argv)}")
    return BenchmarkResult(
        key="startup",
        title="2. Start-up: --help and explain against python -c pass",
        setup=(
            "The venv's interpreter and the installed `sftpcheck` console script; one warm-up "
            "run each so that bytecode caches exist. Imports are read with `python -X importtime`."
        ),
        pairs=tuple(pairs),
        goals=tuple(goals),
        facts=tuple(facts),
    )


def _import_times(python: str, argv: list[str]) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) for every top-level import the command makes."""
    done = subprocess.run(
        [python, "-X", "importtime", *argv], capture_output=True, text=True, check=False
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        if cumulative.strip().isdigit():
            rows.append((int(cumulative), name.rstrip()))
    return rows


def heavy_imports(python: str, argv: list[str]) -> list[str]:
    """Which of the heavy libraries the command imports (top-level package names)."""
    found = {name.strip().split(".")[0] for _, name in _import_times(python, argv)}
    return [module for module in HEAVY_MODULES if module in found]


def _top_imports(python: str, argv: list[str], count: int = 5) -> str:
    """The slowest top-level imports (not nested under another), for the report."""
    top = [(us, name.strip()) for us, name in _import_times(python, argv) if name[:2] != "  "]
    top.sort(reverse=True)
    return "slowest imports " + ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in top[:count])
