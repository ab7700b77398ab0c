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
    PARAMIKO_SOURCE,
    PUTTY_NET,
    PUTTY_SSH,
    SEEN,
    SSHJ_SOURCE,
    SSHNET,
    WINSCP_TEXTS,
)

MESSAGES = (
    ClientMessage(
        OPENSSH,
        "kex_exchange_identification: Connection closed by remote host",
        f"{OPENSSH_REPO} kex.c (kex_exchange_identification)",
        ("protocol.closed",),
    ),
    ClientMessage(
        OPENSSH,
        "kex_exchange_identification: read: Connection reset by peer",
        f'{OPENSSH_REPO} kex.c ("read: %.100s", strerror(ECONNRESET))',
        ("protocol.closed",),
    ),
    ClientMessage(
        OPENSSH,
        "Connection closed by %s port %d",
        f'{OPENSSH_REPO} packet.c ("Connection closed by %s", the address and port)',
        ("protocol.closed", "ssh.handshake_failed"),
    ),
    ClientMessage(
        OPENSSH,
        "Connection reset by %s port %d",
        f'{OPENSSH_REPO} packet.c ("Connection reset by %s")',
        ("protocol.closed",),
    ),
    ClientMessage(
        OPENSSH,
        "Connection timed out during banner exchange",
        f"{OPENSSH_REPO} kex.c; an FTP server on the port gives the same, since ssh reads "
        f"past lines that are not SSH's ({SEEN})",
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
        f"{PUTTY_NET} (WSAECONNRESET)",
        ("protocol.closed",),
    ),
    ClientMessage(
        PUTTY,
        "Server unexpectedly closed network connection",
        "PuTTY 0.70 and older ssh.c (read at github.com/basvodde/filezilla src/putty/ssh.c)",
        ("protocol.closed",),
    ),
    ClientMessage(
        PUTTY,
        "Remote side unexpectedly closed network connection",
        f"{PUTTY_SSH} verstring.c, bpp2.c; an FTP server that hangs up on PuTTY's SSH line "
        f"gives the same ({SEEN})",
        ("protocol.closed", "protocol.ftp"),
        equal=True,
    ),
    ClientMessage(
        WINSCP,
        "Network error: Connection reset by peer.",
        f"{WINSCP_TEXTS} (NET_TRANSL_RESET)",
        ("protocol.closed",),
    ),
    ClientMessage(
        WINSCP,
        "Server unexpectedly closed network connection.",
        f"{WINSCP_TEXTS} (UNEXPECTED_CLOSE_ERROR)",
        ("protocol.closed",),
    ),
    ClientMessage(
        POSH_SSH,
        "The server response does not contain an SSH identification string.",
        f"{SSHNET} Connection/ProtocolVersionExchange.cs",
        ("protocol.closed", "protocol.not_ssh"),
    ),
    ClientMessage(
        POSH_SSH,
        "An established connection was aborted by the server.",
        f"{SSHNET} Session.cs",
        ("protocol.closed",),
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
        f"{JSCH_SOURCE}Session.java",
        ("protocol.closed",),
    ),
    ClientMessage(
        JSCH,
        "invalid server's version string",
        f"{JSCH_SOURCE}Session.java",
        ("protocol.not_ssh", "protocol.ftp"),
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
        f'{OPENSSH_REPO} sshconnect.c/kex.c (sshpkt_fatal: "Connection to %s port %d timed out"); {SEEN}',  # noqa: E501
        ("protocol.no_banner", "protocol.ftp"),
        equal=True,
        note="Something accepted the connection but never spoke SSH.",
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
        f"{PUTTY_SSH} (ssh.c); {SEEN}",
        ("protocol.closed",),
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
        f"{CURL_REPO} lib/multi.c; {SEEN}",
        ("protocol.no_banner", "protocol.ftp"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure establishing ssh session: %d, Failed getting banner",
        f"{CURL_REPO} lib/vssh/libssh2.c and libssh2's text; -43 (LIBSSH2_ERROR_SOCKET_RECV) or "
        f"-13 (LIBSSH2_ERROR_SOCKET_DISCONNECT), as the close or the reset came first; {SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        JSCH,
        "Session.connect: java.net.SocketException: Connection reset",
        f"{JSCH_SOURCE}Session.java; {SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        JSCH,
        "Session.connect: java.net.SocketTimeoutException: Read timed out",
        f"{JSCH_SOURCE}Session.java; {SEEN}",
        ("protocol.no_banner", "protocol.ftp"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Error reading SSH protocol banner",
        f"{PARAMIKO_SOURCE}transport.py; {SEEN}",
        ("protocol.closed", "protocol.no_banner", "protocol.ftp", "protocol.not_ssh"),
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
        f"{PARAMIKO_SOURCE}packet.py (raises a bare EOFError when the server closes); {SEEN}",
        ("protocol.closed", "ssh.interrupted", "auth.dropped"),
        whole_line=True,
        after=(("ssh", ("ssh.interrupted", "auth.dropped", "protocol.closed")),),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Error reading SSH protocol banner[Errno 104] Connection reset by peer",
        f"{PARAMIKO_SOURCE}transport.py; {SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: No existing session",
        f"{PARAMIKO_SOURCE}client.py; {SEEN}",
        ("protocol.no_banner", "protocol.closed"),
        note="paramiko's words after the server never sent its SSH version.",
    ),
)
