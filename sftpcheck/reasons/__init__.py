"""The catalog of reason codes: one object per code, shared by report, explain and docs.

This package imports nothing heavy, so `sftpcheck explain` starts fast.
"""

from __future__ import annotations

from sftpcheck.model import Reason
from sftpcheck.reasons import auth, client, files, network, proxy, sftp, ssh
from sftpcheck.reasons.unexpected import unexpected_error

__all__ = ["CATALOG", "unexpected_error"]

CATALOG: dict[str, Reason] = {
    reason.code: reason
    for reason in (
        *network.REASONS,
        *proxy.REASONS,
        *ssh.REASONS,
        *auth.REASONS,
        *sftp.REASONS,
        *client.REASONS,
        *files.REASONS,
    )
}
