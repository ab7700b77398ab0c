"""Runs the checks in order: skips what lacks its prerequisite, times each, catches the rest."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from sftpcheck import __version__
from sftpcheck.check.options import CheckOptions
from sftpcheck.check.pipeline import Check, load_checks
from sftpcheck.check.session import Session
from sftpcheck.model import CheckResult, Outcome, Report, Status, TargetInfo
from sftpcheck.outside import quoted_error, register_secrets
from sftpcheck.reasons.unexpected import unexpected_error

StartListener = Callable[[Check, int, int], None]
ResultListener = Callable[[CheckResult, int, int], None]


def run_checks(
    options: CheckOptions,
    checks: Sequence[Check] | None = None,
    on_start: StartListener | None = None,
    on_result: ResultListener | None = None,
) -> Report:
    """Run every check in order against the target in `options` and build the report."""
    if checks is None:
        checks = load_checks()
    started_at = datetime.now(timezone.utc)
    started = time.monotonic()
    # Before anything is read: every outside text of the run is masked where it enters.
    proxy_user = options.proxy.username if options.proxy else None
    register_secrets(options.secrets, users=(options.username, proxy_user))
    session = Session(options=options)
    results: dict[str, CheckResult] = {}
    try:
        for position, check in enumerate(checks, start=1):
            if on_start is not None:
                on_start(check, position, len(checks))
            result = _run_one(check, session, results)
            results[check.id] = result
            if on_result is not None:
                on_result(result, position, len(checks))
    finally:
        session.close()
    return Report(
        tool_version=__version__,
        started_at=started_at,
        duration_ms=_elapsed_ms(started),
        target=TargetInfo(host=options.host, port=options.port, username=options.username),
        checks=tuple(results.values()),
    )


def _run_one(check: Check, session: Session, earlier: dict[str, CheckResult]) -> CheckResult:
    started = time.monotonic()
    outcome = _blocked_by(check, earlier)
    if outcome is None:
        try:
            outcome = check.run(session)
        except Exception as error:  # noqa: BLE001 - any fault becomes a reported result
            outcome = Outcome(
                status=Status.FAIL,
                summary=f"Stopped on an unexpected error: {quoted_error(error)}",
                reason=unexpected_error(check.id),
                details={"error": quoted_error(error)},
            )
    return CheckResult(
        id=check.id,
        title=check.title,
        status=outcome.status,
        summary=outcome.summary,
        reason=outcome.reason,
        details=outcome.details,
        facts=outcome.facts,
        duration_ms=_elapsed_ms(started),
        blocks_later=outcome.blocks_later,
    )


def _blocked_by(check: Check, earlier: dict[str, CheckResult]) -> Outcome | None:
    """A skip outcome when a prerequisite did not succeed, else None."""
    for required in check.requires:
        result = earlier.get(required)
        if result is None or (
            result.status in (Status.PASS, Status.WARN) and not result.blocks_later
        ):
            continue
        # Name the step that really stopped the run, not the skipped step in between.
        root = earlier.get(str(result.details.get("blocked_by", "")), result)
        verb = {Status.FAIL: "failed", Status.WARN: "was not tested"}.get(
            root.status, "was skipped"
        )
        return Outcome(
            status=Status.SKIP,
            summary=f"Not run: the '{root.title}' step {verb}.",
            details={"blocked_by": root.id},
        )
    return None


def _elapsed_ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
