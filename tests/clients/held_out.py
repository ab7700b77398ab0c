"""The held-out quarter of the second recording: runs the matcher must not be tuned against.

tests/clients/fixtures/held_out.json names the second recording's runs (its `pool`: every
run recorded for issue 19, before the matcher was taught any of them) and the quarter of
them held out. The quarter is chosen by a rule anyone can rerun, not by hand: order the
pool by the SHA-256 of "scenario/client" and take the first quarter (rounded). Their
figure is reported apart in docs/explain-figures.md and their runs are neither listed there
nor tested one by one: a reader tuned on them would no longer be measured by them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tests.clients.fixtures import FIXTURES

HELD_OUT_FILE = FIXTURES / "held_out.json"
RULE = (
    'Order the pool by sha256("scenario/client") in hex and hold out the first quarter '
    "(len(pool) / 4, rounded)."
)

Run = tuple[str, str]  # (scenario, client)


def choose_held_out(pool: list[Run]) -> list[Run]:
    """The held-out quarter of `pool`, by RULE."""

    def digest(run: Run) -> str:
        return hashlib.sha256(f"{run[0]}/{run[1]}".encode()).hexdigest()

    return sorted(sorted(pool, key=digest)[: round(len(pool) / 4)])


@dataclass(frozen=True)
class HeldOut:
    """The second recording's runs, and the quarter of them held out."""

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


def write_held_out(pool: list[Run], path: Path = HELD_OUT_FILE) -> None:
    data = {
        "comment": (
            "The second recording (issue 19) and the quarter of it held out: the matcher "
            "(sftpcheck/explain/) must not be tuned against the held-out runs; their figure "
            "is reported apart in docs/explain-figures.md. tests/clients/held_out.py holds "
            "the rule and a test checks the list follows it."
        ),
        "rule": RULE,
        "pool": [list(run) for run in sorted(pool)],
        "held_out": [list(run) for run in choose_held_out(pool)],
    }
    text = json.dumps(data, indent=1)
    # One run a line: ["scenario", "client"] instead of four lines each.
    text = re.sub(r'\[\n\s+("[^"]+"),\n\s+("[^"]+")\n\s+\]', r"[\1, \2]", text)
    path.write_text(text + "\n", encoding="utf-8")
