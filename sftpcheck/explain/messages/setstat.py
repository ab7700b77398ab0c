"""Messages for a file whose time or permissions cannot be set: the setstat step's codes.

Data, as the package's docstring says: grouped here by the step of the first code."""

from __future__ import annotations

from sftpcheck.explain.messages.client_message import ClientMessage
from sftpcheck.explain.messages.clients import (
    CURL,
    CYBERDUCK,
    FILEZILLA,
    OPENSSH,
    PARAMIKO,
    WINSCP,
)
from sftpcheck.explain.messages.sources import (
    CURL_REPO,
    CYBERDUCK_SOURCE,
    FILEZILLA_SOURCE,
    OPENSSH_REPO,
    PARAMIKO_SOURCE,
    SEEN,
    WINDOWS_SAME,
    WINSCP_TEXTS,
)

MESSAGES = (
    ClientMessage(
        PARAMIKO,
        "OSError: Operation unsupported",
        # sftp_client.py _convert_status: SSH_FX_OP_UNSUPPORTED as a bare IOError with
        # the server's text; of what an upload asks, servers refuse setting a file's
        # time or mode so (utime, chmod).
        f"{PARAMIKO_SOURCE}sftp_client.py (_convert_status)",
        ("setstat.unsupported",),
        whole_line=True,
    ),
    ClientMessage(
        OPENSSH,
        "remote fsetstat: %s",
        f"{OPENSSH_REPO} sftp-client.c{WINDOWS_SAME}sftp-client.c)",
        ("setstat.unsupported",),
        note="Shown after 'put -p' when the server will not set times or permissions.",
    ),
    ClientMessage(
        OPENSSH,
        'remote setstat "%s": %s',
        f"{OPENSSH_REPO} sftp-client.c",
        ("setstat.unsupported",),
    ),
    ClientMessage(
        WINSCP,
        "The server does not support the operation.\nError code: 8",
        f"{WINSCP_TEXTS} (SFTP_STATUS_OP_UNSUPPORTED, SFTP_ERROR_FORMAT3)",
        ("setstat.unsupported",),
    ),
    ClientMessage(
        WINSCP,
        "Upload of file '%s' was successful, but error occurred while setting the "
        "permissions and/or timestamp.\n\nIf the problem persists, turn off setting "
        "permissions or preserving timestamp. Alternatively you can turn on 'Ignore permission "
        "errors' option.",
        f"{WINSCP_TEXTS} (PRESERVE_TIME_PERM_ERROR3)",
        ("setstat.unsupported",),
    ),
    ClientMessage(
        FILEZILLA,
        "set attrs for %s: %s",
        f"{FILEZILLA_SOURCE} src/putty/psftp.c (fzsftp, chmtime)",
        ("setstat.unsupported",),
        note="FileZilla tried to keep the file's time ('Preserve timestamps').",
    ),
    ClientMessage(
        OPENSSH,
        "remote fsetstat: Permission denied",
        f'{OPENSSH_REPO} sftp-client.c ("remote fsetstat: %s"); {SEEN}',
        ("setstat.unsupported",),
        note="The upload worked; 'put -p' could not set the file's time.",
    ),
    ClientMessage(
        CURL,
        "curl: (21) Attempt to set SFTP stats failed: Permission denied",
        f"{CURL_REPO} lib/vssh/libssh2.c; {SEEN}",
        ("setstat.unsupported",),
    ),
    ClientMessage(
        WINSCP,
        "Error message from server%s: SETSTAT unsupported",
        f"{WINSCP_TEXTS} (the server's text after 'Error message from server'); AWS Transfer "
        "Family's words, https://docs.aws.amazon.com/transfer/latest/userguide/transfer-file.html",
        ("setstat.unsupported",),
        note="AWS Transfer Family keeps files in S3, which cannot set a file's time.",
    ),
    ClientMessage(
        CYBERDUCK,
        "Cannot change timestamp of %s",
        f"{CYBERDUCK_SOURCE}ssh/src/main/java/ch/cyberduck/core/sftp/SFTPTimestampFeature.java "
        '("Cannot change timestamp of {0}", then the server\'s reason)',
        ("setstat.unsupported",),
        note="Cyberduck keeps the file's time by default (Preferences, Transfers, Timestamps).",
    ),
    ClientMessage(
        CYBERDUCK,
        "Cannot change permissions of %s",
        f"{CYBERDUCK_SOURCE}ssh/src/main/java/ch/cyberduck/core/sftp/"
        'SFTPUnixPermissionFeature.java ("Cannot change permissions of {0}")',
        ("setstat.unsupported",),
    ),
)
