"""Runs the matcher must not be tuned against: the held-out quarters of the second and the
third recordings.

tests/clients/fixtures/held_out.json names the second recording's runs (its `pool`:
every run recorded for issue 19, before the matcher was taught any of them) and the
quarter of them held out. tests/clients/fixtures/third_recording.json does the same for
the third recording, staged once the matcher had been taught the second: its whole pool
was blind until a session taught the matcher its other three quarters; its own quarter
stays held out. A quarter is chosen by a rule anyone can rerun, not by hand: order the
pool by the SHA-256 of "scenario/client" and take the first quarter (rounded). Their
figures are reported apart in docs/explain-figures.md and their runs are neither listed
there nor tested one by one: a reader tuned on them would no longer be measured by them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tests.clients.fixtures import FIXTURES, load_runs

HELD_OUT_FILE = FIXTURES / "held_out.json"
THIRD_FILE = FIXTURES / "third_recording.json"
RULE = (
    'Order the pool by sha256("scenario/client") in hex and hold out the first quarter '
    "(len(pool) / 4, rounded)."
)
SECOND_COMMENT = (
    "The second recording (issue 19) and the quarter of it held out: the matcher "
    "(sftpcheck/explain/) must not be tuned against the held-out runs; their figure "
    "is reported apart in docs/explain-figures.md. tests/clients/held_out.py holds "
    "the rule and a test checks the list follows it."
)
THIRD_COMMENT = (
    "The third recording (issue 19), staged after the matcher was taught the second and "
    "never shown to it: the whole pool is blind until a session teaches the matcher its "
    "other three quarters; the held-out quarter stays out after that. Their figures are "
    "reported apart in docs/explain-figures.md. tests/clients/held_out.py holds the rule "
    "and a test checks the list follows it."
)

Run = tuple[str, str]  # (scenario, client)

# The third recording was blind as a whole until a session taught the matcher its other
# three quarters (issue 19); that session set this to False and wrote their figure from
# before into docs/explain-figures.md (figures.BEFORE_THIRD). Only its held-out quarter is
# kept out now.
THIRD_BLIND = False


def choose_held_out(pool: list[Run]) -> list[Run]:
    """The held-out quarter of `pool`, by RULE."""

    def digest(run: Run) -> str:
        return hashlib.sha256(f"{run[0]}/{run[1]}".encode()).hexdigest()

    return sorted(sorted(pool, key=digest)[: round(len(pool) / 4)])


@dataclass(frozen=True)
class HeldOut:
    """A recording's runs, and the quarter of them held out."""

    pool: frozenset[Run]
    held_out: frozenset[Run]


def load_held_out(path: Path = HELD_OUT_FILE) -> HeldOut:
    if not path.exists():
        return HeldOut(frozenset(), frozenset())
    data = json.loads(path.read_text(encoding="utf-8"))
    return HeldOut(
        pool=frozenset((scenario, client) for scenario, client in data["pool"]),
        held_out=frozenset((scenario, client) for scenario, client in data["held_out"]),
    )


def load_third() -> HeldOut:
    """The third recording: its pool and its held-out quarter."""
    return load_held_out(THIRD_FILE)


def blind(third: HeldOut) -> frozenset[Run]:
    """The third recording's runs the matcher has never been shown: all, while it is blind."""
    return third.pool if THIRD_BLIND else third.held_out


def write_held_out(
    pool: list[Run], path: Path = HELD_OUT_FILE, comment: str = SECOND_COMMENT
) -> None:
    data = {
        "comment": comment,
        "rule": RULE,
        "pool": [list(run) for run in sorted(pool)],
        "held_out": [list(run) for run in choose_held_out(pool)],
    }
    text = json.dumps(data, indent=1)
    # One run a line: ["scenario", "client"] instead of four lines each.
    text = re.sub(r'\[\n\s+("[^"]+"),\n\s+("[^"]+")\n\s+\]', r"[\1, \2]", text)
    path.write_text(text + "\n", encoding="utf-8")


def write_third(scenarios: set[str]) -> None:
    """Mark every recorded run of `scenarios` as the third recording (third_recording.json)."""
    pool = [(run.scenario, run.client) for run in load_runs() if run.scenario in scenarios]
    write_held_out(pool, THIRD_FILE, THIRD_COMMENT)


if __name__ == "__main__":
    # `python -m tests.clients.held_out`: rewrite third_recording.json from runs.json, once
    # the third recording's scenarios are recorded.
    from tests.clients.staging import THIRD_RECORDING

    write_third(set(THIRD_RECORDING))
