"""Messages for a server name that does not resolve: the dns step's codes.

Data, as the package's docstring says: grouped here by the step of the first code."""

from __future__ import annotations

from sftpcheck.explain.messages.client_message import ClientMessage
from sftpcheck.explain.messages.clients import (
    CURL,
    CYBERDUCK,
    JSCH,
    OPENSSH,
    OPENSSH_MAC,
    OPENSSH_WIN,
    PARAMIKO,
    POSH_SSH,
    PUTTY,
    WINSCP,
)
from sftpcheck.explain.messages.sources import (
    CURL_REPO,
    CYBERDUCK_EXCEPTIONS,
    GLIBC,
    JSCH_SOURCE,
    OPENSSH_REPO,
    OPENSSH_WINDOWS,
    PUTTY_NET,
    SEEN,
    WINSCP_TEXTS,
    WINSOCK_DOCS,
)

MESSAGES = (
    ClientMessage(
        OPENSSH,
        "ssh: Could not resolve hostname %s: Name or service not known",
        f'{OPENSSH_REPO} ssh.c ("%s: Could not resolve hostname %.100s: %s"); the tail is '
        "glibc's text for EAI_NONAME",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: Could not resolve hostname %s: Temporary failure in name resolution",
        f"{OPENSSH_REPO} ssh.c; the tail is glibc's text for EAI_AGAIN",
        ("dns.timeout", "dns.servfail"),
        equal=True,
    ),
    ClientMessage(
        OPENSSH_MAC,
        "ssh: Could not resolve hostname %s: nodename nor servname provided, or not known",
        f"{OPENSSH_REPO} ssh.c; the tail is the macOS getaddrinfo text for EAI_NONAME",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        OPENSSH_WIN,
        "ssh: Could not resolve hostname %s: No such host is known.",
        f"{OPENSSH_REPO} ssh.c; the tail is the Windows text for WSAHOST_NOT_FOUND",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        PUTTY,
        "Host does not exist",
        f"{PUTTY_NET} (namelookup_strerror, WSAHOST_NOT_FOUND)",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        PUTTY,
        "Host not found",
        f"{PUTTY_NET} (namelookup_strerror, WSATRY_AGAIN)",
        ("dns.timeout", "dns.servfail"),
        equal=True,
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        'Host "%HOST%" does not exist.',
        f"{WINSCP_TEXTS} (NET_TRANSL_HOST_NOT_EXIST2)",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        CYBERDUCK,
        "DNS is the network service that translates a server name to its Internet address. "
        "This error is most often caused by having no connection to the Internet or a "
        "misconfigured network. It can also be caused by an unresponsive DNS server or a "
        "firewall preventing access to the network.",
        f"{CYBERDUCK_EXCEPTIONS}ResolveFailedException.java",
        ("dns.nxdomain", "dns.no_address", "dns.servfail", "dns.timeout"),
        equal=True,
        note="Cyberduck says this for every name it cannot look up.",
    ),
    ClientMessage(
        POSH_SSH,
        "No such host is known",
        f"{WINSOCK_DOCS} (WSAHOST_NOT_FOUND, 11001)",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        JSCH,
        "java.net.UnknownHostException: %s",
        f"{JSCH_SOURCE}Util.java (wraps the Java error's text)",
        ("dns.nxdomain", "dns.no_address", "dns.servfail", "dns.timeout"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (6) Could not resolve host: %s",
        f'{CURL_REPO} lib/vdns/hostip.c ("Could not resolve %s: %s")',
        ("dns.nxdomain", "dns.no_address", "dns.servfail", "dns.timeout"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (28) Resolving timed out after %d milliseconds",
        f"{CURL_REPO} lib/multi.c",
        ("dns.timeout",),
    ),
    ClientMessage(
        PUTTY,
        "ssh_init: Name or service not known",
        f"PuTTY unix/network.c (ssh_init: and {GLIBC} for EAI_NONAME); {SEEN}",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        PUTTY,
        "ssh_init: Temporary failure in name resolution",
        f"PuTTY unix/network.c ({GLIBC} for EAI_AGAIN); {SEEN}",
        ("dns.timeout", "dns.servfail"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "socket.gaierror: [Errno -2] Name or service not known",
        f"Python's socket module ({GLIBC} for EAI_NONAME); {SEEN}",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        PARAMIKO,
        "socket.gaierror: [Errno -3] Temporary failure in name resolution",
        f"Python's socket module ({GLIBC} for EAI_AGAIN); {SEEN}",
        ("dns.timeout", "dns.servfail"),
        equal=True,
    ),
    ClientMessage(
        OPENSSH,
        "ssh: Could not resolve hostname %s: No address associated with hostname",
        f"{OPENSSH_REPO} ssh.c; the tail is glibc's text for EAI_NODATA: the name exists but "
        f"has no address record ({SEEN})",
        ("dns.no_address",),
    ),
    ClientMessage(
        PUTTY,
        "ssh_init: No address associated with hostname",
        f"PuTTY unix/network.c ({GLIBC} for EAI_NODATA); FileZilla's engine prints the same "
        f"({SEEN})",
        ("dns.no_address",),
    ),
    ClientMessage(
        PARAMIKO,
        "socket.gaierror: [Errno -5] No address associated with hostname",
        f"Python's socket module ({GLIBC} for EAI_NODATA); {SEEN}",
        ("dns.no_address",),
    ),
    ClientMessage(
        OPENSSH_WIN,
        "ssh: Could not resolve hostname %s: %s",
        f"{OPENSSH_WINDOWS} ssh.c (resolve_host); the tail is Windows' text for the lookup's "
        "error, which the other messages here name",
        ("dns.nxdomain", "dns.no_address", "dns.servfail", "dns.timeout"),
        equal=True,
    ),
    ClientMessage(
        WINSCP,
        "The requested name is valid, but no data of the requested type was found.",
        f"{WINSOCK_DOCS} (WSANO_DATA, 11004), as PuTTY's windows/network.c (namelookup_strerror) "
        "inside WinSCP passes it on",
        ("dns.no_address",),
    ),
)
