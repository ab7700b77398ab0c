"""The error messages that SFTP clients really print, each mapped to the reason codes it means.

This is data, not code. Each entry keeps the client's exact wording, with its variable parts
written the way the client's own source writes them (`%s`, `%d`, `{0}`, `%HOST%`), and where
that wording comes from. `sftpcheck explain` matches pasted text against these entries, and
the pages in docs/codes/ list them. Only facts (strings and error numbers) were taken from
the cited sources; no code.

Codes are best first: the first code is what the message most often means. One module per
step family holds the messages whose first code is that step's (dns.py ... setstat.py);
clients.py names the clients, sources.py the places their words were read.
"""

from __future__ import annotations

from sftpcheck.explain.messages import (
    auth,
    dns,
    protocol,
    remote_dir,
    setstat,
    ssh,
    tcp,
    upload,
)
from sftpcheck.explain.messages.client_message import ClientMessage
from sftpcheck.explain.messages.clients import (
    AZURE_BLOB,
    CURL,
    CYBERDUCK,
    FILEZILLA,
    JSCH,
    LFTP,
    LINUX_PAM,
    OPENSSH,
    OPENSSH_MAC,
    OPENSSH_WIN,
    PARAMIKO,
    POSH_SSH,
    PUTTY,
    SSHJ,
    TEST_NETCONNECTION,
    WINSCP,
)

MESSAGES: tuple[ClientMessage, ...] = (
    *dns.MESSAGES,
    *tcp.MESSAGES,
    *protocol.MESSAGES,
    *ssh.MESSAGES,
    *auth.MESSAGES,
    *remote_dir.MESSAGES,
    *upload.MESSAGES,
    *setstat.MESSAGES,
)

__all__ = [
    "AZURE_BLOB",
    "CURL",
    "CYBERDUCK",
    "FILEZILLA",
    "JSCH",
    "LFTP",
    "LINUX_PAM",
    "MESSAGES",
    "OPENSSH",
    "OPENSSH_MAC",
    "OPENSSH_WIN",
    "PARAMIKO",
    "POSH_SSH",
    "PUTTY",
    "SSHJ",
    "TEST_NETCONNECTION",
    "WINSCP",
    "ClientMessage",
]
