"""Messages for a connection that cannot be opened: the tcp step's codes (and a proxy's).

Data, as the package's docstring says: grouped here by the step of the first code."""

from __future__ import annotations

from sftpcheck.explain.messages.client_message import ClientMessage
from sftpcheck.explain.messages.clients import (
    CURL,
    CYBERDUCK,
    FILEZILLA,
    JSCH,
    OPENSSH,
    OPENSSH_MAC,
    OPENSSH_WIN,
    PARAMIKO,
    POSH_SSH,
    PUTTY,
    TEST_NETCONNECTION,
    WINSCP,
)
from sftpcheck.explain.messages.sources import (
    CURL_REPO,
    CYBERDUCK_EXCEPTIONS,
    FILEZILLA_SOURCE,
    JSCH_SOURCE,
    OPENSSH_REPO,
    OPENSSH_WINDOWS,
    PARAMIKO_SOURCE,
    PUTTY_NET,
    PUTTY_SSH,
    SEEN,
    SSHNET,
    TNC_DOCS,
    WINDOWS_SAME,
    WINSCP_TEXTS,
    WINSOCK_DOCS,
)
from sftpcheck.explain.messages.stages import WAIT_BY_STEP, WAIT_CAUSES

MESSAGES = (
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: Connection timed out",
        f'{OPENSSH_REPO} sshconnect.c ("ssh: connect to host %s port %s: %s", strerror)'
        f"{WINDOWS_SAME}sshconnect.c)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        OPENSSH_MAC,
        "ssh: connect to host %s port %s: Operation timed out",
        f"{OPENSSH_REPO} sshconnect.c; macOS names ETIMEDOUT 'Operation timed out'",
        ("tcp.timeout",),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: Connection refused",
        f"{OPENSSH_REPO} sshconnect.c{WINDOWS_SAME}sshconnect.c)",
        ("tcp.refused",),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: No route to host",
        f"{OPENSSH_REPO} sshconnect.c",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: Network is unreachable",
        f"{OPENSSH_REPO} sshconnect.c",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: Connection timed out",
        f"{PUTTY_NET} (WSAETIMEDOUT)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: Connection refused",
        f"{PUTTY_NET} (WSAECONNREFUSED)",
        ("tcp.refused",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: No route to host",
        f"{PUTTY_NET} (WSAEHOSTUNREACH)",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: Network is unreachable",
        f"{PUTTY_NET} (WSAENETUNREACH)",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        WINSCP,
        'Network error: Connection to "%HOST%" timed out.',
        f"{WINSCP_TEXTS} (NET_TRANSL_TIMEOUT2)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        WINSCP,
        'Network error: Connection to "%HOST%" refused.',
        f"{WINSCP_TEXTS} (NET_TRANSL_REFUSED2)",
        ("tcp.refused",),
    ),
    ClientMessage(
        WINSCP,
        'Network error: No route to host "%HOST%".',
        f"{WINSCP_TEXTS} (NET_TRANSL_NO_ROUTE2)",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        WINSCP,
        "Proxy authentication failed.",
        f"{WINSCP_TEXTS} (PROXY_AUTHENTICATION_FAILED)",
        ("tcp.proxy_auth",),
        whole_line=True,
    ),
    ClientMessage(
        FILEZILLA,
        "Could not connect to server",
        f"{FILEZILLA_SOURCE} src/engine/controlsocket.cpp",
        ("tcp.timeout", "tcp.refused", "dns.nxdomain"),
        note="FileZilla's summary line; the line above it says why.",
        generic=True,
    ),
    ClientMessage(
        CYBERDUCK,
        "The connection attempt was rejected. The server may be down, or your network may "
        "not be properly configured.",
        f"{CYBERDUCK_EXCEPTIONS}ConnectionRefusedException.java",
        (
            "tcp.refused",
            "protocol.closed",
            "protocol.not_ssh",
            "protocol.throttled",
            "ssh.interrupted",
        ),
        equal=True,
    ),
    ClientMessage(
        CYBERDUCK,
        "The connection attempt timed out. The server may be down, or your network may not "
        "be properly configured.",
        f"{CYBERDUCK_EXCEPTIONS}ConnectionTimeoutException.java",
        ("tcp.timeout", *WAIT_CAUSES),
        equal=True,
    ),
    ClientMessage(
        TEST_NETCONNECTION,
        "WARNING: TCP connect to (%s : %d) failed",
        f"{TNC_DOCS} (the NetTCPIP module that ships with Windows prints it)",
        ("tcp.timeout", "tcp.refused"),
    ),
    ClientMessage(
        TEST_NETCONNECTION,
        "TcpTestSucceeded : False",
        TNC_DOCS,
        ("tcp.timeout", "tcp.refused"),
    ),
    ClientMessage(
        POSH_SSH,
        "A connection attempt failed because the connected party did not properly respond "
        "after a period of time, or established connection failed because connected host "
        "has failed to respond.",
        f"{WINSOCK_DOCS} (WSAETIMEDOUT, 10060)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        POSH_SSH,
        "No connection could be made because the target machine actively refused it.",
        f"{WINSOCK_DOCS} (WSAECONNREFUSED, 10061)",
        ("tcp.refused",),
    ),
    ClientMessage(
        JSCH,
        "timeout: socket is not established",
        f"{JSCH_SOURCE}Util.java",
        ("tcp.timeout",),
    ),
    ClientMessage(
        JSCH,
        "java.net.ConnectException: Connection refused",
        f"{JSCH_SOURCE}Util.java (wraps the Java error's text)",
        ("tcp.refused",),
    ),
    ClientMessage(
        CURL,
        "curl: (7) Failed to connect to %s:%d after %d ms: Could not connect to server",
        f"{CURL_REPO} lib/cf-ip-happy.c and lib/strerror.c",
        ("tcp.refused", "tcp.unreachable"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (28) Failed to connect to %s:%d after %d ms: Could not connect to server",
        f"{CURL_REPO} lib/cf-ip-happy.c (a socket timeout turns the code into 28)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        CURL,
        "curl: (28) Connection timed out after %d milliseconds",
        f"{CURL_REPO} lib/multi.c",
        ("tcp.timeout", "protocol.no_banner"),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Connection timed out",
        f"{PUTTY_SSH} (ssh.c: the socket's error as 'FATAL ERROR: %s', Unix strerror); {SEEN}",
        ("tcp.timeout",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Connection refused",
        f"{PUTTY_SSH} (ssh.c); {SEEN}",
        ("tcp.refused",),
    ),
    ClientMessage(
        CURL,
        "curl: (7) Failed to connect to %s port %d after %d ms: Couldn't connect to server",
        f"{CURL_REPO} lib/connect.c: the same for a port refused and a host a router says "
        f"cannot be reached ({SEEN})",
        ("tcp.refused", "tcp.unreachable"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (28) Failed to connect to %s port %d after %d ms: Couldn't connect to server",
        f"{CURL_REPO} lib/connect.c; {SEEN}",
        ("tcp.timeout",),
    ),
    ClientMessage(
        JSCH,
        "java.net.ConnectException: Connection timed out",
        f"the Java runtime's socket error, wrapped by {JSCH_SOURCE}Util.java; {SEEN}",
        ("tcp.timeout",),
    ),
    ClientMessage(
        PARAMIKO,
        "NoValidConnectionsError: [Errno None] Unable to connect to port %d on %s",
        # client.py connect gathers only ECONNREFUSED and EHOSTUNREACH into this error
        # (every other socket error is raised as it is), and its text keeps neither
        # errno: a refusal and "no route to host" print the same words.
        f"{PARAMIKO_SOURCE}ssh_exception.py (NoValidConnectionsError) and client.py "
        f"(connect); {SEEN}",
        ("tcp.refused", "tcp.unreachable"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "OSError: [Errno 101] Network is unreachable",
        # client.py connect re-raises any socket error other than ECONNREFUSED and
        # EHOSTUNREACH as it is: ENETUNREACH keeps its own words.
        f"{PARAMIKO_SOURCE}client.py (connect); Python's socket module (strerror(ENETUNREACH))",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        PARAMIKO,
        "TimeoutError: [Errno 110] Connection timed out",
        f"Python's socket module (strerror(ETIMEDOUT)); {SEEN}",
        ("tcp.timeout",),
    ),
    ClientMessage(
        FILEZILLA,
        "Connection timed out after %d seconds of inactivity",
        f"{FILEZILLA_SOURCE} src/engine/controlsocket.cpp: FileZilla's own timer, the same "
        f"wherever the server stopped answering; its log shows where ({SEEN})",
        ("tcp.timeout", *WAIT_CAUSES),
        equal=True,
        after=WAIT_BY_STEP,
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: No route to host",
        f"{PUTTY_SSH} (ssh.c: the socket's error, Unix strerror(EHOSTUNREACH)); FileZilla's "
        f"engine prints the same ({SEEN})",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Network is unreachable",
        f"{PUTTY_SSH} (ssh.c: Unix strerror(ENETUNREACH))",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        OPENSSH_WIN,
        "ssh: connect to host %s port %s: Unknown error",
        f'{OPENSSH_WINDOWS} sshconnect.c ("ssh: connect to host %s port %s: %s"): Windows '
        "OpenSSH's strerror has no words of its own for WSAEHOSTUNREACH (reasoned, not seen)",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        POSH_SSH,
        "Connection failed to establish within {0:F0} milliseconds.",
        f"{SSHNET} Abstractions/SocketAbstraction.cs (SshOperationTimeoutException)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        POSH_SSH,
        "A socket operation was attempted to an unreachable host.",
        f"{WINSOCK_DOCS} (WSAEHOSTUNREACH, 10065), which SSH.NET lets through",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        CYBERDUCK,
        "Connection failed",
        f"{CYBERDUCK_EXCEPTIONS}ConnectionRefusedException.java and "
        "ConnectionTimeoutException.java: the alert's title for a connection refused, "
        "closed, reset or timed out, and for an SFTP service that does not start; the text "
        "under it says more",
        (
            "tcp.refused",
            "tcp.timeout",
            "protocol.closed",
            "protocol.not_ssh",
            "protocol.throttled",
            "ssh.interrupted",
            "remote_dir.no_sftp",
            "upload.incomplete",
        ),
        whole_line=True,
        equal=True,
        generic=True,
    ),
    ClientMessage(
        FILEZILLA,
        "Connection timed out",
        f"fzsftp, FileZilla's engine: its trace line for the socket's error (strerror of "
        f"ETIMEDOUT), before 'FATAL ERROR: Connection timed out' ({SEEN})",
        ("tcp.timeout",),
        whole_line=True,
    ),
)
