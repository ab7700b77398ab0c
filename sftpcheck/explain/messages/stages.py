"""What a hang-up or a wait means at each step of the connection: shared by many messages.

Clients say "timed out" or "connection closed" in the same words whatever they were
waiting for. The cause is the step the connection had reached, which a client's log
often shows (explain/reading.py reads it: PHASES). Each tuple is a message's `after`:
the codes to give once the paste shows the connection got that far, the furthest first.
"""

from __future__ import annotations

# The server stopped answering, and the client's own timer ended the wait.
WAIT_CAUSES = (
    "protocol.no_banner",
    "protocol.ftp",
    "ssh.handshake_failed",
    "auth.timeout",
    "remote_dir.timeout",
    "upload.timeout",
)
WAIT_BY_STEP: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("upload", ("upload.timeout",)),
    ("login", ("remote_dir.timeout",)),
    ("auth", ("auth.timeout",)),
    ("ssh", ("ssh.handshake_failed",)),
    # Connected, and no SSH version came: a silent server, or an FTP server whose
    # greeting the client read past.
    ("tcp", ("protocol.no_banner", "protocol.ftp")),
)

# A server past its limit of connections not yet logged in hangs up before its SSH
# version, in the words every client has for any early hang-up: OpenSSH's sshd.c
# (drop_connection, MaxStartups, as of 9.2p1) writes "Exceeded MaxStartups" and closes,
# with the client's version line unread, so the close often arrives as a reset. Tools
# that block an address after failed logins (fail2ban, sshguard) end it at the same step.
THROTTLED = "protocol.throttled"

# The server (or something on the way) closed or reset the connection.
HANG_UP_BY_STEP: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("upload", ("upload.incomplete",)),
    ("login", ("remote_dir.no_sftp",)),
    ("auth", ("auth.dropped",)),
    ("ssh", ("ssh.interrupted",)),
    # Before any SSH version: a server that hangs up at once, or a service that is not
    # SSH and hangs up on the client's SSH line (a web or TLS server), or a busy server
    # turning connections away (THROTTLED).
    ("tcp", ("protocol.closed", "protocol.not_ssh", "protocol.throttled")),
)
# OpenSSH's own timer (ConnectTimeout) ends only the setup and the login; after login a
# server that stops answering gets "Timeout, server not responding" instead.
WAIT_BEFORE_LOGIN_BY_STEP = tuple(
    (step, codes) for step, codes in WAIT_BY_STEP if step in {"auth", "ssh", "tcp"}
)
