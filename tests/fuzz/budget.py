"""How long the fuzzers run: a short, repeatable budget in `make test`, a long one in `make fuzz`.

- `make test` (no FUZZ_SECONDS): each fuzzer tries FUZZ_EXAMPLES inputs (default 30) from
  a fixed seed (`derandomize`), without shrinking. The same inputs every run, so the suite
  is green or red for the code, never for the dice; a finding is printed as the input
  that showed it.
- `make fuzz` (FUZZ_SECONDS=600): the seconds are shared out among the fuzzers selected;
  each runs chunks of random inputs until its share is spent, shrinks what fails to its
  smallest form, and keeps failures in .hypothesis/ so the next run tries them first.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from hypothesis import HealthCheck, Phase, settings

SHORT_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
LONG_SECONDS = float(os.environ.get("FUZZ_SECONDS", "0") or 0)
CHUNK_EXAMPLES = 200
_SLOW_INPUTS_ARE_THE_POINT = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
]

if LONG_SECONDS:
    FUZZ = settings(
        max_examples=CHUNK_EXAMPLES,
        deadline=None,
        suppress_health_check=_SLOW_INPUTS_ARE_THE_POINT,
        print_blob=True,
    )
else:
    FUZZ = settings(
        max_examples=SHORT_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=_SLOW_INPUTS_ARE_THE_POINT,
    )

# How many fuzzers this session runs (set at collection by tests/fuzz/conftest.py).
fuzzers_selected = 1


def keep_fuzzing(fuzzer: Callable[[], None]) -> None:
    """Run a `@given` function once (short budget) or until its share of FUZZ_SECONDS."""
    if not LONG_SECONDS:
        fuzzer()
        return
    share = LONG_SECONDS / max(fuzzers_selected, 1)
    stop = time.monotonic() + share
    while time.monotonic() < stop:
        fuzzer()
