"""The diagnosis, step by step: the one ordered list of checks.

Each check names the earlier checks it needs; the runner, not the check, skips a check
whose prerequisite did not succeed. Importing this module imports paramiko.
"""

from __future__ import annotations

from sftpcheck.check.session import Check
from sftpcheck.check.steps.auth import check_auth
from sftpcheck.check.steps.client import check_client
from sftpcheck.check.steps.dns import check_dns
from sftpcheck.check.steps.protocol import check_protocol
from sftpcheck.check.steps.remote_dir import check_remote_dir
from sftpcheck.check.steps.setstat import check_setstat
from sftpcheck.check.steps.ssh import check_ssh
from sftpcheck.check.steps.tcp import check_tcp
from sftpcheck.check.steps.upload import check_upload

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
