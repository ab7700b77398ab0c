"""The diagnosis, step by step: the one ordered list of checks.

Each check names the earlier checks it needs; the runner, not the check, skips a check
whose prerequisite did not succeed. Importing this module imports paramiko.
"""

from __future__ import annotations

from sftpcheck.checks import _skip_invoke  # noqa: F401 - must run before paramiko loads
from sftpcheck.checks.auth import check_auth
from sftpcheck.checks.base import Check
from sftpcheck.checks.client import check_client
from sftpcheck.checks.connect import check_tcp
from sftpcheck.checks.greeting import check_protocol
from sftpcheck.checks.lookup import check_dns
from sftpcheck.checks.remote_dir import check_remote_dir
from sftpcheck.checks.setstat import check_setstat
from sftpcheck.checks.ssh import check_ssh
from sftpcheck.checks.upload import check_upload

CHECKS: tuple[Check, ...] = (
    Check("client", "Client settings", (), check_client),
    Check("dns", "DNS lookup", (), check_dns),
    Check("tcp", "TCP connection", ("dns",), check_tcp),
    Check("protocol", "Protocol", ("tcp",), check_protocol),
    Check("ssh", "SSH handshake", ("protocol",), check_ssh),
    Check("auth", "Login", ("ssh",), check_auth),
    Check("remote_dir", "Remote directory", ("auth",), check_remote_dir),
    Check("upload", "Upload", ("remote_dir",), check_upload),
    Check("setstat", "Set time and permissions", ("upload",), check_setstat),
)
