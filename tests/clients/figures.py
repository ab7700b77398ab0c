"""How often `explain` is right on the recorded client runs: `make explain-figures`.

For each run: is the code `sftpcheck check` gave first (top-1), among the first three
(top-3), or first among equals (tied), for the pasted line and for the whole output; and
is the client named right. Written to docs/explain-figures.md.
"""

from __future__ import annotations

import sys
import textwrap
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sftpcheck.explain.core import explain
from tests.clients.fixtures import RecordedRun, load_runs, same_words
from tests.clients.held_out import HeldOut, blind, load_held_out, load_third
from tests.clients.runners import NOT_STAGED, SUCCEEDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "explain-figures.md"
# The same measure on the same fixtures with explain as it was before the harness
# (commit df5b59f), run once by hand: it had no "equals" and named the client of its
# first matched message.
BEFORE = [
    "## Before: explain at commit df5b59f, on the 122 runs of the first recording",
    "",
    "(The dns_timeout runs were recorded later.)",
    "",
    "| measure | pasted line | whole output |",
    "|---|---|---|",
    "| top-1 | 56/122 (46%) | 56/122 (46%) |",
    "| top-3 | 77/122 (63%) | 77/122 (63%) |",
    "| client named right | 73/122 (60%) | 86/122 (70%) |",
    "",
    "By client, top-1 of the pasted line: curl 5/16, filezilla 8/14, jsch 7/14, lftp 3/16,",
    "openssh 9/16, openssh -v 10/16, paramiko 5/16, psftp 9/14.",
    "",
]

# The same measure on the second recording with explain as it was when that recording was
# made (commit 0a779f7, before the matcher was taught any of it), run once. Kept as
# written: the live figures change as the matcher learns; these do not.
BEFORE_SECOND = [
    "## Before matcher changes: explain at commit 0a779f7 on the second recording",
    "",
    "Measured when the second recording was made, before the matcher was taught any of it.",
    "",
    "| part | runs | line right first | whole right first | line top-1 | whole top-1 |",
    "|---|---|---|---|---|---|",
    "| second recording, whole | 147 | 39/147 (27%) | 37/147 (25%) | 34/147 (23%) | 35/147 (24%) |",
    "| of it, the held-out quarter | 37 | 13/37 (35%) | 13/37 (35%) | 12/37 (32%) | 13/37 (35%) |",
    "",
]

# The same measure once the matcher was taught the second recording's development runs
# (issue 19, branch explain-matcher), run once and kept as written, as the figure before is.
# The held-out quarter was measured here for the first time.
AFTER_SECOND = [
    "## After matcher changes: explain as taught the second recording (issue 19)",
    "",
    "Measured once the matcher had been taught the development runs, and the held-out",
    "quarter for the first time. The live figures above change as the matcher learns;",
    "these do not.",
    "",
    "| part | runs | line right first | whole right first | line top-1 | whole top-1 |",
    "|---|---|---|---|---|---|",
    "| all runs | 277 | 258/277 (93%) | 256/277 (92%) | 180/277 (65%) | 205/277 (74%) |",
    "| second recording, whole | 147 | 133/147 (90%) | 131/147 (89%) | 82/147 (56%) | 97/147 (66%) |",  # noqa: E501
    "| of it, the held-out quarter | 37 | 27/37 (73%) | 24/37 (65%) | 18/37 (49%) | 22/37 (59%) |",
    "",
]


# The third recording as first measured, blind: explain at commit 620b71c (main when the
# recording was made; the matcher had been taught the second recording and nothing of the
# third). Kept as written: the live figures change as the matcher learns; these do not.
BLIND_THIRD = [
    "## Blind: explain at commit 620b71c on the third recording",
    "",
    "Measured when the third recording was made: the matcher had been taught the second",
    "recording's development runs and had never been shown any of the third.",
    "",
    "| part | runs | line right first | whole right first | line top-1 | whole top-1 |",
    "|---|---|---|---|---|---|",
    "| third recording, whole | 66 | 32/66 (48%) | 36/66 (55%) | 32/66 (48%) | 36/66 (55%) |",
    "| of it, the held-out quarter | 16 | 8/16 (50%) | 9/16 (56%) | 8/16 (50%) | 9/16 (56%) |",
    "",
]


# The third recording's development part (its runs outside the held-out quarter) before
# the matcher was taught it: explain at commit e7a00db, judged as the third recording's
# section judges it, run once when THIRD_BLIND was set to False (issue 19, branch teach3).
BEFORE_THIRD = [
    "## Before teaching: explain at commit e7a00db on the third recording's development part",
    "",
    "Measured when the matcher was first shown the third recording's development runs (its",
    "runs outside the held-out quarter), before it was taught any of them.",
    "",
    "| part | runs | line right first | whole right first | line top-1 | whole top-1 |",
    "|---|---|---|---|---|---|",
    "| third recording, development | 50 | 31/50 (62%) | 31/50 (62%) | 26/50 (52%) | 29/50 (58%) |",
    "",
]


@dataclass(frozen=True)
class Verdict:
    """How explain did on one input of one run."""

    top1: bool
    top3: bool
    # Right first: top-1, or, where the client printed the very same words for another
    # cause (`alike`), the right code and those causes all listed as equals first.
    right: bool
    client: bool
    codes: tuple[str, ...]
    equals: tuple[str, ...] = ()


def judge(text: str, run: RecordedRun, alike: frozenset[str] = frozenset()) -> Verdict:
    explanation = explain(text)
    codes = tuple(match.reason.code for match in explanation.matches)
    top1 = bool(codes) and codes[0] == run.check_code
    equals = {run.check_code, *alike} <= set(explanation.equals)
    return Verdict(
        top1=top1,
        top3=run.check_code in codes[:3],
        right=top1 or (bool(alike) and equals),
        client=explanation.client == run.client_name,
        codes=codes,
        equals=explanation.equals,
    )


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def _counter(
    pairs: list[tuple[Verdict, Verdict]],
) -> Callable[[Callable[[tuple[Verdict, Verdict]], bool]], int]:
    return lambda pick: sum(1 for pair in pairs if pick(pair))


def _verdicts(
    run: RecordedRun, alike: dict[tuple[str, str, str], frozenset[str]]
) -> tuple[Verdict, Verdict]:
    line_alike = alike[run.client, run.scenario, "line"]
    line = (
        judge(run.pasted_line, run, line_alike)
        if run.pasted_line
        else Verdict(False, False, False, False, ())
    )
    return line, judge(run.output(), run, alike[run.client, run.scenario, "whole"])


def table(
    every_run: list[RecordedRun], held: HeldOut | None = None, third: HeldOut | None = None
) -> str:
    """The page. The third recording's runs are measured apart (`third_rows`); while it is
    blind, its words do not count in what the other runs are measured by either, so that
    nothing of it shows in the lists below (held_out.blind)."""
    held = load_held_out() if held is None else held
    third = load_third() if third is None else third
    unseen = blind(third)
    runs = [run for run in every_run if (run.scenario, run.client) not in unseen]
    rows: dict[str, list[tuple[Verdict, Verdict]]] = defaultdict(list)
    parts: dict[str, list[tuple[Verdict, Verdict]]] = defaultdict(list)
    alike = same_words(runs)
    misses: list[str] = []
    through_equals: list[str] = []
    for run in runs:
        line_alike = alike[run.client, run.scenario, "line"]
        whole_alike = alike[run.client, run.scenario, "whole"]
        line, whole = _verdicts(run, alike)
        rows[run.client].append((line, whole))
        rows["all"].append((line, whole))
        part = _part(run, held, third)
        parts[part].append((line, whole))
        if part == HELD_OUT or (run.scenario, run.client) in third.held_out:
            continue  # counted, never listed: nobody tunes against what they cannot see
        for what, verdict, others in (("line", line, line_alike), ("whole", whole, whole_alike)):
            if verdict.right and not verdict.top1:
                through_equals.append(
                    f"| {run.client} | {run.scenario} | {what} | `{run.check_code}` | "
                    f"{', '.join(sorted(others))} | {_answer(verdict, frozenset())} |"
                )
        if not (line.right and whole.right):
            misses.append(
                f"| {run.client} | {run.scenario} | `{run.check_code}` | "
                f"{_answer(line, line_alike)} | {_answer(whole, whole_alike)} |"
            )
    strict_line = len(runs) - _unreadable(runs, alike, "line")
    strict_whole = len(runs) - _unreadable(runs, alike, "whole")
    head = [
        "# How often `explain` is right on real clients' output",
        "",
        "Generated by `make explain-figures` from the runs in tests/clients/fixtures/",
        "(`make client-fixtures` reruns the clients). The right answer for a run is the code",
        "`sftpcheck check` gave for the same scenario. *Line* is the line a user pastes (the",
        "client's last error line), *whole* the client's whole output. The third recording",
        "is measured apart, in its own section, and its held-out quarter is left out here.",
        "",
        "*Right first* is the measure of the goal. It counts a run whose right code comes",
        "first. Where the client printed the very same words for another cause in another",
        "run (set aside: host names, addresses, ports, how long a wait took, temporary names),",
        "no reader can tell the two apart from the text, and the honest answer is to list the",
        "causes as equals and name the `check` step that tells them apart. Such a run counts",
        "when `explain` lists its right code and every one of those other causes as equals",
        "first. *Top-1* counts only a right code ranked alone first: on these runs no reader",
        f"could reach more than {_percent(strict_line, len(runs))} on the pasted line and "
        f"{_percent(strict_whole, len(runs))} on the whole output that way.",
        "",
        "| client | runs | line right first | line top-1 | line top-3 | whole right first | "
        "whole top-1 | whole top-3 | client named (whole) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    body = []
    for client in sorted(rows, key=lambda name: (name == "all", name)):
        pairs = rows[client]
        n = len(pairs)
        count = _counter(pairs)
        body.append(
            f"| {'**all**' if client == 'all' else client} | {n} | "
            f"{_percent(count(lambda p: p[0].right), n)} | "
            f"{_percent(count(lambda p: p[0].top1), n)} | {_percent(count(lambda p: p[0].top3), n)} | "  # noqa: E501
            f"{_percent(count(lambda p: p[1].right), n)} | "
            f"{_percent(count(lambda p: p[1].top1), n)} | {_percent(count(lambda p: p[1].top3), n)} | "  # noqa: E501
            f"{_percent(count(lambda p: p[1].client), n)} |"
        )
    line_named = sum(1 for line, _ in rows["all"] if line.client)
    tail = [
        "",
        f"Client named right from the pasted line alone: {_percent(line_named, len(rows['all']))}.",
        "",
        *_parts_table(parts, held),
        *_third_table(every_run, third),
        *BEFORE,
        *BEFORE_SECOND,
        *AFTER_SECOND,
        *BLIND_THIRD,
        *BEFORE_THIRD,
        "## Runs where the first answer is not the right one",
        "",
        "Codes in brackets were listed as equals; *same words as* names the other causes",
        "whose runs printed the same text. The held-out runs are not listed.",
        "",
        "| client | scenario | right code | line: first three | whole: first three |",
        "|---|---|---|---|---|",
        *misses,
        "",
        "## Runs counted right as equals",
        "",
        "The client printed the same words for these causes; `explain` listed them as equals",
        "(in brackets) and names the `check` step that tells them apart.",
        "",
        "| client | scenario | input | right code | same words as | explain's first three |",
        "|---|---|---|---|---|---|",
        *through_equals,
        "",
        "## Runs the harness does not stage",
        "",
        *[
            f"- {client}, {scenario}: {why}"
            for (client, scenario), why in sorted(NOT_STAGED.items())
        ],
        "",
        "## Runs where the client does not fail",
        "",
        "The scenario breaks the other clients; these connect and upload all the same.",
        "",
        *[f"- {client}, {scenario}: {why}" for (client, scenario), why in sorted(SUCCEEDS.items())],
        "",
    ]
    return "\n".join([*head, *body, *tail])


FIRST, DEVELOPMENT, HELD_OUT = "first recording", "second recording, development", "held out"
SECOND, EVERY = "second recording, whole", "**first and second**"


# The third recording's runs are measured in its own section, not in the first's row.
THIRD = "third recording"


def _part(run: RecordedRun, held: HeldOut, third: HeldOut) -> str:
    key = (run.scenario, run.client)
    if key in third.pool:
        return THIRD
    if key in held.held_out:
        return HELD_OUT
    return DEVELOPMENT if key in held.pool else FIRST


THIRD_WHOLE, THIRD_HELD_OUT = "third recording, whole", "of it, the held-out quarter"
THIRD_DEVELOPMENT = "of it, the development part"


def _third_table(every_run: list[RecordedRun], third: HeldOut) -> list[str]:
    """The third recording's figures: judged against every run's words (its own included:
    where it printed the words of an earlier cause, both are the honest answer)."""
    if not third.pool:
        return []
    alike = same_words(every_run)
    parts: dict[str, list[tuple[Verdict, Verdict]]] = defaultdict(list)
    for run in every_run:
        key = (run.scenario, run.client)
        if key not in third.pool:
            continue
        verdicts = _verdicts(run, alike)
        parts[THIRD_WHOLE].append(verdicts)
        parts[run.client].append(verdicts)
        if key in third.held_out:
            parts[THIRD_HELD_OUT].append(verdicts)
        elif blind(third) != third.pool:
            parts[THIRD_DEVELOPMENT].append(verdicts)
    scenarios = sorted({scenario for scenario, _ in third.pool})
    state = (
        "The matcher has never been shown any of it: the whole recording is blind."
        if blind(third) == third.pool
        else "The matcher has been taught its other three quarters; the held-out one is blind."
    )
    kept_out = (
        "while it is blind, the tables above leave its words out, so that nothing of it "
        "shows there, and none of its runs is listed below."
        if blind(third) == third.pool
        else "the tables above leave out the words of its held-out quarter, whose runs are "
        "not listed below; its development runs are counted and listed there too."
    )
    about = (
        f"The third recording staged {len(scenarios)} failures once `explain` had been taught "
        "the second (tests/clients/fixtures/third_recording.json lists its runs): "
        f"{', '.join(scenarios)}. {state} A quarter of it, chosen by the same rule, stays "
        "held out once the rest is taught. Its runs are judged against the words of every "
        f"run, its own included; {kept_out}"
    )
    lines = [
        "## The third recording",
        "",
        *textwrap.wrap(about, width=88, break_on_hyphens=False),
        "",
        "| part | runs | line right first | whole right first | line top-1 | whole top-1 |",
        "|---|---|---|---|---|---|",
    ]
    lines.append(_part_row(THIRD_WHOLE, parts.pop(THIRD_WHOLE)))
    lines.append(_part_row(THIRD_HELD_OUT, parts.pop(THIRD_HELD_OUT, [])))
    if THIRD_DEVELOPMENT in parts:
        lines.append(_part_row(THIRD_DEVELOPMENT, parts.pop(THIRD_DEVELOPMENT)))
    lines += [_part_row(f"by client: {name}", parts[name]) for name in sorted(parts)]
    return [*lines, ""]


def _part_row(name: str, pairs: list[tuple[Verdict, Verdict]]) -> str:
    n = len(pairs)
    count = _counter(pairs)
    cells = [
        count(lambda p: p[0].right),
        count(lambda p: p[1].right),
        count(lambda p: p[0].top1),
        count(lambda p: p[1].top1),
    ]
    return f"| {name} | {n} | " + " | ".join(_percent(c, n) for c in cells) + " |"


def _parts_table(parts: dict[str, list[tuple[Verdict, Verdict]]], held: HeldOut) -> list[str]:
    lines = [
        "## The first recording, the second, and its held-out quarter",
        "",
        "The second recording (issue 19) staged the failures the first had not, before",
        "`explain` was taught any of them. A quarter of its runs, chosen by a rule",
        "(tests/clients/held_out.py, listed in tests/clients/fixtures/held_out.json), is held",
        "out: the matcher must not be tuned against it, so its figure is the honest one.",
        "These are the figures of `explain` as it is now, after it was taught the second",
        "recording's development runs; the figures from before are in the next sections.",
        "",
        "| part | runs | line right first | whole right first | line top-1 | whole top-1 |",
        "|---|---|---|---|---|---|",
    ]
    second = [*parts.get(DEVELOPMENT, []), *parts.get(HELD_OUT, [])]
    every = [*parts.get(FIRST, []), *second]
    rows = {**parts, SECOND: second, EVERY: every}
    for name in (FIRST, DEVELOPMENT, HELD_OUT, SECOND, EVERY):
        lines.append(_part_row(name, rows.get(name, [])))
    return [*lines, ""]


def _answer(verdict: Verdict, alike: frozenset[str]) -> str:
    equals = [code for code in verdict.codes[:3] if code in verdict.equals]
    rest = [code for code in verdict.codes[:3] if code not in verdict.equals]
    shown = ", ".join([*([f"[{', '.join(equals)}]"] if equals else []), *rest]) or "-"
    if alike:
        shown += f" (same words as {', '.join(sorted(alike))})"
    return shown


def _unreadable(
    runs: list[RecordedRun], alike: dict[tuple[str, str, str], frozenset[str]], what: str
) -> int:
    """How many runs any reader must get wrong when it names one cause alone: of the runs
    of one client with the same words, only those of one cause can be right."""
    groups: dict[tuple[str, frozenset[str]], list[str]] = defaultdict(list)
    for run in runs:
        others = alike[run.client, run.scenario, what]
        if others:
            groups[run.client, others | {run.check_code}].append(run.check_code)
    lost = 0
    for codes in groups.values():
        lost += len(codes) - max(codes.count(code) for code in set(codes))
    return lost


def main() -> int:
    runs = load_runs()
    if not runs:
        sys.stderr.write("No recorded runs: run `make client-fixtures` first.\n")
        return 2
    DOCS.write_text(table(runs), encoding="utf-8")
    sys.stdout.write(f"Wrote {DOCS}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
