"""Messages for a connection that opens but does not speak SSH-2: the protocol step's codes
(and an FTP client pointed at the SFTP port, client.protocol).

Data, as the package's docstring says: grouped here by the step of the first code."""

from __future__ import annotations

from sftpcheck.explain.messages.client_message import ClientMessage
from sftpcheck.explain.messages.clients import (
    CURL,
    FILEZILLA,
    JSCH,
    LFTP,
    OPENSSH,
    OPENSSH_WIN,
    PARAMIKO,
    POSH_SSH,
    PUTTY,
    SSHJ,
    WINSCP,
)
from sftpcheck.explain.messages.sources import (
    CURL_REPO,
    JSCH_SOURCE,
    LFTP_SOURCE,
    OPENSSH_REPO,
    OPENSSH_WINDOWS,
    PARAMIKO_SOURCE,
    PUTTY_NET,
    PUTTY_SSH,
    SEEN,
    SSHJ_SOURCE,
    SSHNET,
    WINDOWS_SAME,
    WINSCP_TEXTS,
    WINSOCK_DOCS,
)
from sftpcheck.explain.messages.stages import (
    HANG_UP_BY_STEP,
    THROTTLED,
    WAIT_BEFORE_LOGIN_BY_STEP,
    WAIT_CAUSES,
)

# paramiko's bare EOFError by the step its traceback shows (the "EOFError" entry below):
# never the login, whose wait turns it into an AuthenticationException; in the key
# exchange, a close and paramiko's handshake_timeout raise it alike (packet.py read_all).
_PARAMIKO_EOF_BY_STEP: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("upload", ("upload.incomplete",)),
    ("login", ("remote_dir.no_sftp",)),
    ("ssh", ("ssh.interrupted", "ssh.handshake_failed")),
    ("tcp", ("protocol.closed", "protocol.not_ssh", THROTTLED)),
)

# PuTTY's hang-up, and WinSCP's words for it: the connection ended when PuTTY did not
# expect it, at whatever step (see the entries below for where in PuTTY's source).
_PUTTY_HANG_UP = (
    "protocol.closed",
    "protocol.not_ssh",
    THROTTLED,
    "protocol.ftp",
    "ssh.interrupted",
    "auth.dropped",
    "remote_dir.no_sftp",
)

# A reset as PuTTY reports it: at any step of the connection, opening SFTP included.
_PUTTY_RESET = (
    "protocol.closed",
    "protocol.not_ssh",
    THROTTLED,
    "ssh.interrupted",
    "auth.dropped",
    "remote_dir.no_sftp",
    "upload.incomplete",
)

MESSAGES = (
    ClientMessage(
        OPENSSH,
        "kex_exchange_identification: Connection closed by remote host",
        f"{OPENSSH_REPO} kex.c (kex_exchange_identification); a web server on the port, which "
        f"hangs up on ssh's version line, gives the same ({SEEN})"
        f"{WINDOWS_SAME}kex.c)",
        ("protocol.closed", "protocol.not_ssh", "protocol.ftp", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        OPENSSH,
        "kex_exchange_identification: read: Connection reset by peer",
        f'{OPENSSH_REPO} kex.c ("read: %.100s", strerror(ECONNRESET)); a TLS service on the '
        f"port, which resets on ssh's version line, gives the same ({SEEN})",
        ("protocol.closed", "protocol.not_ssh", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        OPENSSH,
        "Connection closed by %s port %d",
        f'{OPENSSH_REPO} packet.c ("Connection closed by %s", the address and port); the same '
        f"for a server that hangs up at once, a web server and a close during the key exchange "
        f"({SEEN})",
        # packet.c sshpkt_vfatal prints it for SSH_ERR_CONN_CLOSED from every step that
        # reads packets before the session: sshconnect.c's banner exchange, the key
        # exchange, and the login (sshconnect2.c ssh_userauth2, ssh_dispatch_run_fatal).
        # After login, clientloop.c says "Connection to %s closed by remote host." instead.
        (
            "ssh.interrupted",
            "protocol.closed",
            "protocol.not_ssh",
            "protocol.ftp",
            THROTTLED,
            "auth.dropped",
        ),
        equal=True,
        after=HANG_UP_BY_STEP,
        note="OpenSSH writes 'kex_exchange_identification: ...' above it when the server "
        "hung up before its SSH version; alone, it hung up later, during the key exchange.",
    ),
    ClientMessage(
        OPENSSH,
        "Connection reset by %s port %d",
        # packet.c sshpkt_vfatal, SSH_ERR_SYSTEM_ERROR with ECONNRESET, from every step
        # before the session as "Connection closed by" above: the version line (which
        # kex_exchange_identification's own line above it shows: sshconnect.c ssh_login
        # calls sshpkt_fatal "banner exchange" after kex.c printed it), the key exchange
        # and the login. So, as for the close, alone it is most likely a later step.
        f'{OPENSSH_REPO} packet.c ("Connection reset by %s"); the same for a server that '
        f"resets at once and a TLS service ({SEEN})",
        ("ssh.interrupted", "protocol.closed", "protocol.not_ssh", THROTTLED, "auth.dropped"),
        equal=True,
        after=HANG_UP_BY_STEP,
        note="OpenSSH writes 'kex_exchange_identification: ...' above it when the server "
        "reset before its SSH version; alone, it reset later, during the key exchange.",
    ),
    ClientMessage(
        OPENSSH,
        "Exceeded MaxStartups",
        # sshd.c drop_connection (9.2p1): the server's own line, written before it closes
        # a connection past MaxStartups; ssh -v shows it as "kex_exchange_identification:
        # banner line 0: Exceeded MaxStartups", and any client that shows what it read
        # before the SSH version may.
        f"{OPENSSH_REPO} sshd.c (drop_connection), the server's words",
        (THROTTLED,),
        in_debug=True,
        note="The server has too many connections that have not logged in yet.",
    ),
    ClientMessage(
        OPENSSH,
        "Connection timed out during banner exchange",
        f"{OPENSSH_REPO} kex.c; an FTP server on the port gives the same, since ssh reads "
        f"past lines that are not SSH's ({SEEN})"
        f"{WINDOWS_SAME}kex.c)",
        ("protocol.no_banner", "protocol.ftp"),
        equal=True,
    ),
    ClientMessage(
        OPENSSH,
        "Bad remote protocol version identification: '%s'",
        f"{OPENSSH_REPO} kex.c",
        ("protocol.not_ssh", "protocol.ftp"),
    ),
    ClientMessage(
        OPENSSH,
        "banner exchange: Connection to %s port %d: invalid format",
        f'{OPENSSH_REPO} sshconnect.c (sshpkt_fatal "banner exchange") and ssherr.c',
        ("protocol.not_ssh", "protocol.ftp"),
    ),
    ClientMessage(
        PUTTY,
        "Network error: Connection reset by peer",
        # ssh.c ssh_closing (read at github.com/github/putty): any socket error during
        # the connection's life is reported as it is (ssh_remote_error), whatever step
        # it was at: before the version line, the key exchange, the login, or the
        # transfer.
        f"{PUTTY_NET} (WSAECONNRESET)",
        _PUTTY_RESET,
        equal=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        PUTTY,
        "Server unexpectedly closed network connection",
        # ssh.c ssh_closing: the socket closed while close_expected was unset, at any
        # step: before the version line, in the key exchange, the login, or opening SFTP.
        "PuTTY 0.70 and older ssh.c (read at github.com/basvodde/filezilla src/putty/ssh.c)",
        _PUTTY_HANG_UP,
        equal=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        PUTTY,
        "Remote side unexpectedly closed network connection",
        # sshverstring.c raises it for an end before the version line; ssh2bpp.c (the
        # packet layer, read at github.com/github/putty) for an end of any later packet
        # read that PuTTY did not ask for (expect_close unset): the key exchange, the
        # login, and opening the SFTP channel alike.
        f"{PUTTY_SSH} verstring.c, bpp2.c; an FTP or web server that hangs up on PuTTY's SSH "
        f"line, and a close during the key exchange, give the same ({SEEN})",
        _PUTTY_HANG_UP,
        equal=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        WINSCP,
        "Network error: Connection reset by peer.",
        # WinSCP's SecureShell.cpp (TranslateErrorMessage) puts this for PuTTY's own words.
        f"{WINSCP_TEXTS} (NET_TRANSL_RESET)",
        _PUTTY_RESET,
        equal=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        WINSCP,
        "Server unexpectedly closed network connection.",
        # WinSCP's SecureShell.cpp (TranslateErrorMessage) puts this for PuTTY's own words.
        f"{WINSCP_TEXTS} (UNEXPECTED_CLOSE_ERROR)",
        _PUTTY_HANG_UP,
        equal=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        POSH_SSH,
        "The server response does not contain an SSH identification string.",
        f"{SSHNET} Connection/ProtocolVersionExchange.cs",
        ("protocol.closed", "protocol.not_ssh", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        POSH_SSH,
        "An established connection was aborted by the server.",
        f"{SSHNET} Session.cs",
        (
            "protocol.closed",
            "protocol.not_ssh",
            "protocol.ftp",
            THROTTLED,
            "ssh.interrupted",
            "upload.incomplete",
        ),
        equal=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        POSH_SSH,
        "Server version '%s' is not supported.",
        f"{SSHNET} Session.cs",
        ("protocol.old_ssh",),
    ),
    ClientMessage(
        JSCH,
        "connection is closed by foreign host",
        f"{JSCH_SOURCE}Session.java (the server closed before an SSH version line; JSch "
        f"reads past lines that are not one, as a web server's answer); {SEEN}",
        ("protocol.not_ssh", "protocol.closed", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        JSCH,
        "invalid server's version string",
        f"{JSCH_SOURCE}Session.java (a line that starts 'SSH-' but is neither 2.0 nor 1.99, "
        f"as an SSH-1 server's; JSch reads past lines that do not start so); {SEEN}",
        ("protocol.old_ssh", "protocol.not_ssh"),
    ),
    ClientMessage(
        SSHJ,
        "Broken transport; encountered EOF",
        f"{SSHJ_SOURCE}transport/Reader.java",
        ("protocol.closed", "ssh.handshake_failed"),
    ),
    ClientMessage(
        SSHJ,
        "Incorrect identification: line too long: %s",
        "github.com/hierynomus/sshj src/main/java/com/hierynomus/sshj/transport/"
        "IdentificationStringParser.java",
        ("protocol.not_ssh",),
    ),
    ClientMessage(
        LFTP,
        "Peer closed connection",
        f"{LFTP_SOURCE}SFtp.cc",
        ("protocol.closed", "remote_dir.no_sftp"),
    ),
    ClientMessage(
        OPENSSH,
        "Connection to %s port %d timed out",
        f'{OPENSSH_REPO} packet.c (sshpkt_fatal: "Connection to %s port %d timed out"), the '
        "same whether the server stopped before its SSH version, during the key exchange "
        f"or after the password ({SEEN})",
        ("protocol.no_banner", "protocol.ftp", "ssh.handshake_failed", "auth.timeout"),
        equal=True,
        after=WAIT_BEFORE_LOGIN_BY_STEP,
    ),
    ClientMessage(
        OPENSSH,
        "kex_exchange_identification: banner line %d: 220%s",
        f"{OPENSSH_REPO} kex.c (debug line of each text line before the SSH version); {SEEN}",
        ("protocol.ftp",),
        note="A line starting 220 is an FTP server's greeting.",
        in_debug=True,
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: Connection reset by peer",
        f"{OPENSSH_REPO} sshconnect.c (strerror(ECONNRESET)); {SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Connection reset by peer",
        # ssh.c ssh_closing (read at github.com/github/putty): any socket error during
        # the connection's life is reported as it is (ssh_remote_error), whatever step
        # it was at: before the version line, the key exchange, the login, or the
        # transfer.
        f"{PUTTY_SSH} (ssh.c); the same for a server that resets at once and a TLS service "
        f"({SEEN})",
        _PUTTY_RESET,
        equal=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        FILEZILLA,
        "Cannot establish FTP connection to an SFTP server. Please select proper protocol.",
        "FileZilla 3 source src/engine/ftp/ftpcontrolsocket.cpp (WinSCP's FTP engine is "
        "FileZilla's and prints it too)",
        ("client.protocol",),
    ),
    ClientMessage(
        CURL,
        "curl: (28) Operation timed out after %d milliseconds with %d bytes received",
        f"{CURL_REPO} lib/multi.c: curl's own timer, the same wherever the server stopped "
        f"answering, and for an SSH-1 server, whose version libssh2 waits past ({SEEN})",
        # lib/vssh/libssh2.c kbd_callback answers every one-question prompt of a
        # keyboard-interactive login with the password, whatever it asks: an expired
        # password's "Current password:", "New password:" and "Retype new password:"
        # (Linux-PAM pam_unix_passwd.c) are all answered with the old one, the change is
        # refused and asked again, and the login goes on until curl's own timer ends it.
        (*WAIT_CAUSES, "protocol.old_ssh", "auth.password_expired"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure establishing ssh session: %d, Failed getting banner",
        f"{CURL_REPO} lib/vssh/libssh2.c and libssh2's text; -43 (LIBSSH2_ERROR_SOCKET_RECV) or "
        f"-13 (LIBSSH2_ERROR_SOCKET_DISCONNECT), as the close or the reset came first; the "
        f"same for a TLS service ({SEEN})",
        ("protocol.closed", "protocol.not_ssh", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        JSCH,
        "Session.connect: java.net.SocketException: Connection reset",
        # Session.java connect wraps every exception that is not JSch's own in
        # "Session.connect: " from the version exchange through the first login request
        # (userauth "none", read outside the try that turns later login errors into
        # "Auth fail"): a reset at any of those steps prints these words.
        f"{JSCH_SOURCE}Session.java (connect, JSch 0.1.5x as in the first commit 635c0bcf); "
        f"the same for a server that closes at once and a TLS service ({SEEN})",
        ("protocol.closed", "protocol.not_ssh", THROTTLED, "ssh.interrupted", "auth.dropped"),
        equal=True,
    ),
    ClientMessage(
        JSCH,
        "Session.connect: java.net.SocketTimeoutException: Read timed out",
        # Session.java connect sets the socket's read timeout to the connect timeout
        # before the version exchange and restores it only after the login; a read that
        # waits longer is wrapped in "Session.connect: " up to the first login request
        # (userauth "none"); later login steps end in "Auth fail" instead. So: no SSH
        # version (a silent server, or an FTP greeting JSch skips as it waits for
        # "SSH-"), a stalled key exchange, or a stalled start of the login.
        f"{JSCH_SOURCE}Session.java (connect, JSch 0.1.5x as in the first commit 635c0bcf); {SEEN}",
        ("protocol.no_banner", "protocol.ftp", "ssh.handshake_failed", "auth.timeout"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Error reading SSH protocol banner",
        f"{PARAMIKO_SOURCE}transport.py; {SEEN}",
        ("protocol.closed", "protocol.no_banner", "protocol.ftp", "protocol.not_ssh", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "TimeoutError",
        f"{PARAMIKO_SOURCE}packet.py (a bare socket.timeout while it waits for the server's SSH "
        f"line; a connect timeout carries its words, '[Errno 110] Connection timed out'); {SEEN}",
        ("protocol.no_banner", "protocol.ftp"),
        whole_line=True,
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "EOFError",
        # Where paramiko lets a bare EOFError out (github.com/paramiko/paramiko):
        # packet.py write_all turns any failed write into one, so a server that resets
        # as paramiko sends its version line and a connection cut mid-upload both end
        # so; packet.py read_all raises it when the server closes after its version
        # (the key exchange) and when handshake_timeout runs out; transport.py
        # open_channel re-raises it when the connection dies as SFTP is opened. Where
        # paramiko wraps it, the words differ: transport.py _check_banner ("Error reading
        # SSH protocol banner"), auth_handler.py wait_for_response ("Authentication
        # failed: transport shut down or saw EOF"), sftp_client.py ("EOF during
        # negotiation", "Server connection dropped"). So the login step is not a cause.
        f"{PARAMIKO_SOURCE}packet.py (write_all, read_all) and transport.py (open_channel); "
        f"the traceback's frames show the step; {SEEN}",
        (
            "protocol.closed",
            "protocol.not_ssh",
            THROTTLED,
            "ssh.interrupted",
            "ssh.handshake_failed",
            "remote_dir.no_sftp",
            "upload.incomplete",
        ),
        whole_line=True,
        equal=True,
        after=_PARAMIKO_EOF_BY_STEP,
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Error reading SSH protocol banner[Errno 104] Connection reset by peer",
        f"{PARAMIKO_SOURCE}transport.py: a reset while paramiko waits for the SSH version it "
        f"asked for with its own, as a TLS service resets on it (a server that resets at once "
        f"ends paramiko's first write instead: EOFError); {SEEN}",
        ("protocol.not_ssh", "protocol.closed", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: No existing session",
        f"{PARAMIKO_SOURCE}client.py: the SSH setup never finished. It logs 'Error reading SSH "
        f"protocol banner' above it when no SSH version came; without that line the server "
        f"stopped during the key exchange ({SEEN})",
        ("ssh.handshake_failed", "protocol.no_banner"),
        equal=True,
    ),
    ClientMessage(
        LFTP,
        "Fatal error: max-retries exceeded (Connection reset by %s port %d)",
        # SSH_Access.cc keeps only the last line ssh printed (last_ssh_message) and puts
        # it in brackets, so the kex_exchange_identification line that tells OpenSSH's
        # reset before the version from a later one never shows: every step is alike.
        f"{LFTP_SOURCE}SSH_Access.cc (last_ssh_message) and {OPENSSH_REPO} packet.c",
        ("protocol.closed", "protocol.not_ssh", THROTTLED, "ssh.interrupted", "auth.dropped"),
        equal=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        LFTP,
        "%s: Fatal error: max-retries exceeded",
        f"{LFTP_SOURCE}NetAccess.cc and FileAccess.cc. Alone, with no ssh message in brackets, "
        f"it means ssh was still waiting when lftp gave up: for an SSH version that did not "
        f"come, or at a login prompt lftp cannot answer, as a one-time code's ({SEEN})",
        # NetAccess.cc CheckRetries prints the words alone when the last try ended with
        # no message from ssh: lftp's own timer ran out (HandleTimeout, "Timeout -
        # reconnecting", Disconnect() with no cause), whatever ssh was waiting for: the
        # server's version, the key exchange, the login's answer, or the SFTP service's
        # first reply (SFtp.cc waits for SSH_FXP_VERSION under the same timer), or an
        # upload's. SSH_Access.cc answers only a password or passphrase prompt and a
        # yes/no question; any other prompt (a one-time code) is left waiting too.
        ("protocol.no_banner", "protocol.ftp", "auth.partial", *WAIT_CAUSES[2:]),
        equal=True,
        whole_line=True,
    ),
    ClientMessage(
        OPENSSH,
        "Protocol major versions differ: %d vs. %d",
        f"{OPENSSH_REPO} kex.c (kex_exchange_identification: the server's version is SSH-1); "
        f"{SEEN}"
        f"{WINDOWS_SAME}kex.c)",
        ("protocol.old_ssh",),
    ),
    ClientMessage(
        OPENSSH,
        "banner exchange: Connection to %s port %d: could not read protocol version",
        f'{OPENSSH_REPO} sshconnect.c (sshpkt_fatal "banner exchange") and ssherr.c '
        f"(SSH_ERR_NO_PROTOCOL_VERSION), after 'Protocol major versions differ' ({SEEN})",
        ("protocol.old_ssh", "protocol.not_ssh"),
    ),
    ClientMessage(
        PUTTY,
        "SSH protocol version 2 required by our configuration but remote only provides (old, "
        "insecure) SSH-1",
        f"{PUTTY_SSH} (ssh.c); FileZilla's and WinSCP's engines print the same ({SEEN})",
        ("protocol.old_ssh",),
    ),
    ClientMessage(
        PARAMIKO,
        "IncompatiblePeer: Incompatible version (%s instead of 2.0)",
        f"{PARAMIKO_SOURCE}transport.py (_check_banner); {SEEN}",
        ("protocol.old_ssh",),
    ),
    ClientMessage(
        PARAMIKO,
        "Exception (client): Error reading SSH protocol banner",
        f"{PARAMIKO_SOURCE}transport.py (run: its log line for the error that ended the "
        f"transport), above 'No existing session' when no SSH version came ({SEEN})",
        ("protocol.closed", "protocol.no_banner", "protocol.ftp", "protocol.not_ssh", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        OPENSSH_WIN,
        "Connection closed by %s",
        # The same packet.c as the OpenSSH entry "Connection closed by %s port %d": every
        # step before the session, the login included.
        f"{OPENSSH_WINDOWS} packet.c (sshpkt_vfatal: the address and port follow 'by')",
        (
            "ssh.interrupted",
            "protocol.closed",
            "protocol.not_ssh",
            "protocol.ftp",
            THROTTLED,
            "auth.dropped",
        ),
        equal=True,
        whole_line=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        OPENSSH_WIN,
        "Connection reset by %s",
        # As the OpenSSH entry "Connection reset by %s port %d": every step before the
        # session.
        f"{OPENSSH_WINDOWS} packet.c (sshpkt_vfatal)",
        ("protocol.closed", "protocol.not_ssh", THROTTLED, "ssh.interrupted", "auth.dropped"),
        equal=True,
        whole_line=True,
        after=HANG_UP_BY_STEP,
    ),
    ClientMessage(
        OPENSSH_WIN,
        "Connection %s %s timed out",
        f"{OPENSSH_WINDOWS} packet.c (sshpkt_vfatal: 'to' and the address and port)",
        ("protocol.no_banner", "protocol.ftp", "ssh.handshake_failed", "auth.timeout"),
        equal=True,
        whole_line=True,
        after=WAIT_BEFORE_LOGIN_BY_STEP,
    ),
    ClientMessage(
        POSH_SSH,
        "The connection was closed by the remote host.",
        f"{SSHNET} Connection/ProtocolVersionExchange.cs (SshConnectionException): closed "
        "before an SSH version line ended",
        ("protocol.closed", "protocol.not_ssh", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        POSH_SSH,
        "An existing connection was forcibly closed by the remote host.",
        f"{WINSOCK_DOCS} (WSAECONNRESET, 10054), which SSH.NET lets through",
        ("protocol.closed", "protocol.not_ssh", THROTTLED),
        equal=True,
    ),
    ClientMessage(
        POSH_SSH,
        "Socket read operation has timed out after {0:F0} milliseconds.",
        f"{SSHNET} Abstractions/SocketAbstraction.cs (SshOperationTimeoutException): SSH.NET's "
        "own timer, the same wherever the server stopped answering",
        WAIT_CAUSES,
        equal=True,
    ),
    ClientMessage(
        POSH_SSH,
        "Session operation has timed out",
        f"{SSHNET} Session.cs (SshOperationTimeoutException), during the setup or the login",
        ("protocol.no_banner", "ssh.handshake_failed", "auth.timeout"),
        equal=True,
    ),
    ClientMessage(
        WINSCP,
        "Host is not communicating for %d seconds.\n\nWait for another %0:d seconds?",
        f"{WINSCP_TEXTS} (CONFIRM_PROLONG_TIMEOUT3): WinSCP's own timer, the same wherever "
        "the server stopped answering",
        WAIT_CAUSES,
        equal=True,
    ),
    ClientMessage(
        WINSCP,
        "Timeout waiting for server to respond.",
        f"{WINSCP_TEXTS} (TIMEOUT_ERROR), the same wherever the server stopped answering",
        WAIT_CAUSES,
        equal=True,
    ),
)
