"""The catalog of reason codes: one object per code, shared by report, explain and docs.

This package imports nothing heavy, so `sftpcheck explain` starts fast.
"""

from __future__ import annotations

from sftpcheck.model import Reason, Status
from sftpcheck.reasons import auth, client, files, network, proxy, sftp, ssh

CHECK_IDS = (
    "client",
    "dns",
    "tcp",
    "protocol",
    "ssh",
    "auth",
    "remote_dir",
    "upload",
    "setstat",
)


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


UNEXPECTED = tuple(unexpected_error(check_id) for check_id in CHECK_IDS)

CATALOG: dict[str, Reason] = {
    reason.code: reason
    for reason in (
        *network.REASONS,
        *proxy.REASONS,
        *ssh.REASONS,
        *auth.REASONS,
        *sftp.REASONS,
        *client.REASONS,
        *UNEXPECTED,
        *files.REASONS,
    )
}
