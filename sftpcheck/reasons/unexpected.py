"""The reason for a step that stopped on an error sftpcheck did not foresee.

The runner gives it to any step; each reason family lists the codes of its own steps
(`dns.unexpected_error` among the network reasons), so the catalog holds them all.
"""

from __future__ import annotations

from sftpcheck.model import Reason, Status


def unexpected_error(check_id: str) -> Reason:
    """The reason for a check that stopped on an error sftpcheck did not foresee."""
    return Reason(
        code=f"{check_id}.unexpected_error",
        status=Status.FAIL,
        title="sftpcheck met an error it did not expect",
        explanation=(
            "This step stopped on an error that sftpcheck does not know how to explain. "
            "The report shows the error's own words."
        ),
        fix=(
            "Run the check again to see if it happens every time.",
            "Send this report to the sftpcheck team so they can add an explanation.",
        ),
        confirm="The runner catches the error and records its text in the details.",
    )
