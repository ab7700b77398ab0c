"""Benchmark 6: `sftpcheck explain -` on a whole log, against a bare read of the same bytes.

Two kinds of paste, each at three sizes, each size run alternately with
bench/bare_read.py on the same file (read stdin, decode, split into lines):
1. an OpenSSH `-vvv` log: 1,250, 2,500 and 5,000 debug lines of about 700 characters,
   made of the debug lines of a real recorded run, then that run's own ending (the
   recorded wrong-password run: `Permission denied (publickey,password).`);
2. a FileZilla log of 2.5, 5 and 10 MB: trace lines of 2,000 characters (longer than the
   1,000 explain reads of a line), then the recorded FileZilla run of a refused
   connection.
Every run must exit 0 with the recorded scenario's code first in its JSON. The 5,000-line
log is also run with the default text output, which is what a user reads.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bench.measure import Command, Expectation, PairResult, run_pair
from bench.outcome import BenchmarkResult, Goal

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "clients" / "fixtures"
VERBOSE = FIXTURES / "wrong_password" / "openssh-v.txt"
VERBOSE_CODE = "auth.rejected"
PASTE = FIXTURES / "refused" / "filezilla.txt"
PASTE_CODE = "tcp.refused"
VERBOSE_LINES = (1_250, 2_500, 5_000)
VERBOSE_WIDTH = 700
PASTE_MEGABYTES = (2.5, 5, 10)
PASTE_WIDTH = 2_000
LIMIT_SECONDS = 1.0
BARE_READ = Path(__file__).with_name("bare_read.py")


def explain_benchmark(python: str, sftpcheck: str, work: Path, runs: int) -> BenchmarkResult:
    verbose = [_write(work / f"verbose-{count}.txt", verbose_log(count)) for count in VERBOSE_LINES]
    pastes = [_write(work / f"paste-{size:g}mb.txt", big_paste(size)) for size in PASTE_MEGABYTES]
    verbose_pairs = [
        _pair(python, sftpcheck, path, f"{count:,}-line -vvv log", VERBOSE_CODE, runs)
        for path, count in zip(verbose, VERBOSE_LINES, strict=True)
    ]
    paste_pairs = [
        _pair(python, sftpcheck, path, f"{size:g} MB FileZilla log", PASTE_CODE, runs)
        for path, size in zip(pastes, PASTE_MEGABYTES, strict=True)
    ]
    as_text = run_pair(
        Command(
            label=f"sftpcheck explain, text, {VERBOSE_LINES[-1]:,}-line -vvv log",
            argv=[sftpcheck, "explain", "-"],
            expect=_text_names(VERBOSE_CODE),
            stdin=verbose[-1],
            shown_as=f"sftpcheck explain - < VERBOSE_{VERBOSE_LINES[-1]}",
        ),
        verbose_pairs[-1].a.command,
        runs,
    )
    largest = verbose_pairs[-1].a
    lines = ", ".join(f"{count:,}" for count in VERBOSE_LINES)
    megabytes = ", ".join(f"{size:g}" for size in PASTE_MEGABYTES)
    return BenchmarkResult(
        key="explain",
        title="6. explain on a whole log against a bare read of the same bytes",
        setup=(
            f"An OpenSSH `-vvv` log of {lines} debug lines of about {VERBOSE_WIDTH} "
            f"characters, each made of the debug lines of the recorded run {_shown(VERBOSE)} "
            "(numbered, so no two are alike), then that run itself; and a FileZilla log of "
            f"{megabytes} MB of `Trace:` lines of {PASTE_WIDTH:,} characters, then the "
            f"recorded run {_shown(PASTE)}. Each file is given on stdin to "
            "`sftpcheck explain -` and must give its run's code first; beside it, in the "
            "same run, bench/bare_read.py reads the same bytes from stdin, decodes them and "
            "splits them into lines. "
            "Sizes are of the files as written (bench/explain_log.py)."
        ),
        pairs=(*verbose_pairs, *paste_pairs, as_text),
        goals=(
            Goal(
                text=f"{VERBOSE_LINES[-1]:,}-line -vvv log median under {LIMIT_SECONDS:g} s",
                measured=f"{largest.median * 1000:.0f} ms",
                met=largest.median < LIMIT_SECONDS,
            ),
            _growth_goal("-vvv log", verbose_pairs, VERBOSE_LINES[-1] / VERBOSE_LINES[0]),
            _growth_goal("FileZilla log", paste_pairs, PASTE_MEGABYTES[-1] / PASTE_MEGABYTES[0]),
        ),
        facts=tuple(_over_bare_read(pair) for pair in (*verbose_pairs, *paste_pairs)),
    )


def verbose_log(count: int) -> str:
    """`count` debug lines of about VERBOSE_WIDTH characters, then the recorded run."""
    recorded = VERBOSE.read_text(encoding="utf-8")
    debug = [line for line in recorded.splitlines() if line.startswith("debug1: ")]
    lines = []
    for number in range(count):
        words = [f"debug3: {number:05d}"]
        position = number
        while sum(len(word) + 1 for word in words) < VERBOSE_WIDTH:
            words.append(debug[position % len(debug)].removeprefix("debug1: "))
            position += 7
        lines.append(" ".join(words)[:VERBOSE_WIDTH])
    return "\n".join(lines) + "\n" + recorded


def big_paste(megabytes: float) -> str:
    """FileZilla trace lines of PASTE_WIDTH characters, then the recorded refused run."""
    recorded = PASTE.read_text(encoding="utf-8")
    traces = [line for line in recorded.splitlines() if line.startswith("Trace:\t")]
    count = int(megabytes * 1_000_000) // (PASTE_WIDTH + 1)
    lines = []
    for number in range(count):
        text = f"Trace:\t{number:06d} " + " ".join(traces[number % len(traces)] for _ in range(60))
        lines.append(text[:PASTE_WIDTH])
    return "\n".join(lines) + "\n" + recorded


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _pair(python: str, sftpcheck: str, path: Path, what: str, code: str, runs: int) -> PairResult:
    name = path.stem.upper().replace("-", "_")
    ours = Command(
        label=f"sftpcheck explain, {what}",
        argv=[sftpcheck, "explain", "-", "--format", "json"],
        expect=_first_code(code),
        stdin=path,
        shown_as=f"sftpcheck explain - --format json < {name}",
    )
    lines = len(path.read_text(encoding="utf-8").splitlines())
    bare = Command(
        label=f"bare read, {what}",
        argv=[python, str(BARE_READ)],
        expect=_prints(f"lines {lines}"),
        stdin=path,
        shown_as=f"python bench/bare_read.py < {name}",
    )
    return run_pair(ours, bare, runs)


def _first_code(code: str) -> Expectation:
    def expect(done: subprocess.CompletedProcess[str]) -> str | None:
        if done.returncode != 0:
            return "expected exit code 0"
        try:
            matches = json.loads(done.stdout)["matches"]
        except (ValueError, KeyError):
            return "expected explain's JSON document on stdout"
        first = matches[0]["code"] if matches else None
        return None if first == code else f"expected {code} first, got {first}"

    return expect


def _text_names(code: str) -> Expectation:
    def expect(done: subprocess.CompletedProcess[str]) -> str | None:
        if done.returncode != 0:
            return "expected exit code 0"
        return None if f"\n1. {code}: " in done.stdout else f"expected '1. {code}:' first"

    return expect


def _prints(text: str) -> Expectation:
    def expect(done: subprocess.CompletedProcess[str]) -> str | None:
        if done.returncode != 0:
            return "expected exit code 0"
        return None if done.stdout.strip() == text else f"expected {text!r} on stdout"

    return expect


def _growth_goal(what: str, pairs: list[PairResult], size_ratio: float) -> Goal:
    """Time grows no faster than the input: the largest takes at most `size_ratio` times
    as long as the smallest."""
    ratio = pairs[-1].a.median / pairs[0].a.median
    return Goal(
        text=f"{what}: {size_ratio:g} x the input takes at most {size_ratio:g} x the time",
        measured=f"{ratio:.2f} x ({_ms(pairs[0].a.median)} to {_ms(pairs[-1].a.median)})",
        met=ratio <= size_ratio,
    )


def _over_bare_read(pair: PairResult) -> str:
    size = Path(pair.a.command.stdin or "").stat().st_size / 1_000_000
    extra = pair.a.median - pair.b.median
    return (
        f"{pair.a.command.label} ({size:.1f} MB): {_ms(pair.a.median)}, "
        f"{_ms(extra)} more than the bare read ({_ms(extra / size)} per MB)"
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _shown(path: Path) -> str:
    return f"tests/clients/fixtures/{path.parent.name}/{path.name}"
