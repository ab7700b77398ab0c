"""The report's last guard: whatever a check's result holds is shown as printable text.

Text from outside sftpcheck (a server's banner or status message, a proxy's answer, an
error's text, a file name) is quoted where it enters, by `sftpcheck.outside.quoted`: the
run's secrets masked, control characters escaped, a long text cut. Nothing here masks:
sftpcheck's own words never hold a secret, so a password `a` or `upload` leaves the report
whole. This guard only escapes a control character that reached a value some other way
(a check's summary, its details and its facts; the target's user and host), so a hostile
text cannot retitle the terminal or hide words, in any format.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from sftpcheck.model import CheckResult, Fact, Report
from sftpcheck.outside import printable

__all__ = ["printable", "safe_report", "safe_result"]


def safe_result(result: CheckResult) -> CheckResult:
    """A check result whose values are printable."""
    return dataclasses.replace(
        result,
        summary=printable(result.summary),
        details=_clean_value(result.details, printable),
        facts=tuple(Fact(fact.label, printable(fact.value)) for fact in result.facts),
    )


def safe_report(report: Report) -> Report:
    """The report with every check's values, and the target's names, printable."""
    target = report.target
    return dataclasses.replace(
        report,
        target=dataclasses.replace(
            target,
            host=printable(target.host),
            username=printable(target.username) if target.username else None,
        ),
        checks=tuple(safe_result(check) for check in report.checks),
    )


def _clean_value(value: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, Mapping):
        return {clean(str(key)): _clean_value(item, clean) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_value(item, clean) for item in value]
    return value
