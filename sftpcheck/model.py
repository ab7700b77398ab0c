"""The values that flow through sftpcheck: statuses, reasons, check results and the report."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class Secret:
    """A password or passphrase. Its repr and str never show the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__


class Status(str, enum.Enum):
    """The outcome of one check."""

    PASS = "pass"  # noqa: S105 - a status, not a password
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True)
class Reason:
    """One reason code: what it means in plain words and what to change.

    The report, `sftpcheck explain` and the pages in docs/codes/ all read these objects,
    so each wording lives in exactly one place.
    """

    code: str
    status: Status
    title: str
    explanation: str
    fix: tuple[str, ...]
    causes: tuple[str, ...] = ()
    confirm: str = ""
    ask_vendor: str = ""


@dataclass(frozen=True)
class Fact:
    """A labelled value worth showing to a person (an address to allow, a fingerprint)."""

    label: str
    value: str


# A check's details may hold an alert: one sentence about something on the server that the
# reader must act on at once (a broken copy of the district's file that this run could not
# remove). The text and markdown reports put it first, above everything else.
ALERT = "alert"


@dataclass(frozen=True)
class Outcome:
    """What a check function returns; the runner adds id, title and timing."""

    status: Status
    summary: str
    reason: Reason | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()
    # A warning that leaves nothing for later steps to build on (the login was not tried):
    # the runner skips the steps that require this one, as after a failure.
    blocks_later: bool = False

    def __post_init__(self) -> None:
        needs_reason = self.status in (Status.WARN, Status.FAIL)
        if needs_reason != (self.reason is not None):
            raise ValueError(f"a {self.status.value} outcome must carry a reason iff warn/fail")


def fail(
    reason: Reason,
    summary: str,
    details: Mapping[str, Any] | None = None,
    facts: tuple[Fact, ...] = (),
) -> Outcome:
    """A failed outcome: the shorthand of the steps with many ways to fail."""
    return Outcome(
        status=Status.FAIL, summary=summary, reason=reason, details=details or {}, facts=facts
    )


@dataclass(frozen=True)
class CheckResult:
    """The finished result of one check, as it appears in the report."""

    id: str
    title: str
    status: Status
    summary: str
    reason: Reason | None
    details: Mapping[str, Any]
    facts: tuple[Fact, ...]
    duration_ms: int
    blocks_later: bool = False

    @property
    def code(self) -> str | None:
        return self.reason.code if self.reason else None


@dataclass(frozen=True)
class TargetInfo:
    """Who was checked, as the report names it."""

    host: str
    port: int
    username: str | None


@dataclass(frozen=True)
class Report:
    """Everything one run of `check` found."""

    tool_version: str
    started_at: datetime
    duration_ms: int
    target: TargetInfo
    checks: tuple[CheckResult, ...]

    @property
    def verdict(self) -> Status:
        statuses = {check.status for check in self.checks}
        if Status.FAIL in statuses:
            return Status.FAIL
        if Status.WARN in statuses:
            return Status.WARN
        return Status.PASS

    @property
    def alerts(self) -> tuple[str, ...]:
        """What the reader must act on first: each check's alert (see ALERT)."""
        return tuple(str(c.details[ALERT]) for c in self.checks if c.details.get(ALERT))

    @property
    def problems(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if c.status in (Status.WARN, Status.FAIL))
