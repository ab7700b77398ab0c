"""What one benchmark found: its pairs, its goals and whether each was met."""

from __future__ import annotations

from dataclasses import dataclass

from bench.measure import PairResult


@dataclass(frozen=True)
class Goal:
    """A target from issue 6 and what this run measured against it."""

    text: str
    measured: str
    met: bool


@dataclass(frozen=True)
class BenchmarkResult:
    """One benchmark: how it was set up, its measured pairs, its goals (or why it broke)."""

    key: str
    title: str
    setup: str
    pairs: tuple[PairResult, ...] = ()
    goals: tuple[Goal, ...] = ()
    facts: tuple[str, ...] = ()
    error: str | None = None

    @property
    def all_met(self) -> bool:
        return self.error is None and all(goal.met for goal in self.goals)
