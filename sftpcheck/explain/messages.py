"""The error messages that SFTP clients really print, each mapped to the reason codes it means.

This is data, not code. Each entry keeps the client's exact wording, with its variable parts
written the way the client's own source writes them (`%s`, `%d`, `{0}`, `%HOST%`), and where
that wording comes from. `sftpcheck explain` matches pasted text against these entries, and
the pages in docs/codes/ list them. Only facts (strings and error numbers) were taken from
the cited sources; no code.

Codes are best first: the first code is what the message most often means.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClientMessage:
    """One message as a client prints it, where the wording comes from, and what it means."""

    client: str
    text: str
    source: str
    codes: tuple[str, ...]
    note: str = ""
    # A short, generic message ("Access denied") only counts when it is a whole line.
    whole_line: bool = False
    # The codes fit equally: the words alone cannot tell them apart.
    equal: bool = False
    # A bare refusal ("Permission denied"): the operation it hit decides the code
    # (upload, listing, setting a file's time), when the paste shows it.
    by_operation: bool = False
    # Codes to use instead once the paste shows the connection got this far:
    # ("tcp" | "ssh" | "login", codes), the furthest phase first.
    after: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Counts in full even on a debug line (a line that settles the question by itself).
    in_debug: bool = False
    # A summary a client prints after its real error ("Could not connect to server"):
    # it counts for half, so the line that says why wins.
    generic: bool = False


OPENSSH = "OpenSSH ssh/sftp/scp"
OPENSSH_MAC = "OpenSSH ssh/sftp/scp (macOS)"
OPENSSH_WIN = "OpenSSH ssh/sftp/scp (Windows)"
PUTTY = "PuTTY / psftp / plink"
WINSCP = "WinSCP"
FILEZILLA = "FileZilla"
CYBERDUCK = "Cyberduck"
TEST_NETCONNECTION = "PowerShell Test-NetConnection"
POSH_SSH = "PowerShell Posh-SSH (SSH.NET)"
JSCH = "JSch (Java)"
SSHJ = "SSHJ (Java)"
CURL = "curl"
LFTP = "lftp"
PARAMIKO = "paramiko (Python)"
# A server's own words, which any client passes on.
AZURE_BLOB = "Azure Blob Storage SFTP"
LINUX_PAM = "Linux-PAM (the server's login system)"

_OPENSSH_REPO = "github.com/openssh/openssh-portable"
_WINSCP_TEXTS = "github.com/winscp/winscp source/resource/TextsCore1.rc"
_PUTTY_NET = "PuTTY windows/network.c (as bundled in github.com/winscp/winscp source/putty/)"
_PUTTY_SSH = "PuTTY ssh/ (as bundled in github.com/winscp/winscp source/putty/ssh/)"
_FILEZILLA = "FileZilla 3 source (read at github.com/FreezeTwist/FileZilla-noupdate)"
_CYBERDUCK = "github.com/iterate-ch/cyberduck core/src/main/java/ch/cyberduck/core/exception/"
_SSHNET = "github.com/sshnet/SSH.NET src/Renci.SshNet/ (the library inside Posh-SSH)"
_WINSOCK_DOCS = (
    "Windows system message for a Winsock error, listed at "
    "https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2"
)
_TNC_DOCS = "https://learn.microsoft.com/en-us/powershell/module/nettcpip/test-netconnection"
_JSCH = "github.com/mwiede/jsch src/main/java/com/jcraft/jsch/"
_SSHJ = "github.com/hierynomus/sshj src/main/java/net/schmizz/sshj/"
_CURL = "github.com/curl/curl"
_LFTP = "github.com/lavv17/lftp src/"
_PARAMIKO = "github.com/paramiko/paramiko paramiko/"
_SEEN = "printed in the harness's run, tests/clients/fixtures/"
_GLIBC = "glibc's gai_strerror text"
_LINUX_PAM = "github.com/linux-pam/linux-pam"
_CHANGE_IT_BY_HAND = (
    "The password works but must be changed first: log in once by hand and set a new one, or "
    "ask the vendor to reset it."
)

_OPENSSH_MESSAGES = (
    ClientMessage(
        OPENSSH,
        "ssh: Could not resolve hostname %s: Name or service not known",
        f'{_OPENSSH_REPO} ssh.c ("%s: Could not resolve hostname %.100s: %s"); the tail is '
        "glibc's text for EAI_NONAME",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: Could not resolve hostname %s: Temporary failure in name resolution",
        f"{_OPENSSH_REPO} ssh.c; the tail is glibc's text for EAI_AGAIN",
        ("dns.timeout", "dns.servfail"),
        equal=True,
    ),
    ClientMessage(
        OPENSSH_MAC,
        "ssh: Could not resolve hostname %s: nodename nor servname provided, or not known",
        f"{_OPENSSH_REPO} ssh.c; the tail is the macOS getaddrinfo text for EAI_NONAME",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        OPENSSH_WIN,
        "ssh: Could not resolve hostname %s: No such host is known.",
        f"{_OPENSSH_REPO} ssh.c; the tail is the Windows text for WSAHOST_NOT_FOUND",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: Connection timed out",
        f'{_OPENSSH_REPO} sshconnect.c ("ssh: connect to host %s port %s: %s", strerror)',
        ("tcp.timeout",),
    ),
    ClientMessage(
        OPENSSH_MAC,
        "ssh: connect to host %s port %s: Operation timed out",
        f"{_OPENSSH_REPO} sshconnect.c; macOS names ETIMEDOUT 'Operation timed out'",
        ("tcp.timeout",),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: Connection refused",
        f"{_OPENSSH_REPO} sshconnect.c",
        ("tcp.refused",),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: No route to host",
        f"{_OPENSSH_REPO} sshconnect.c",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: Network is unreachable",
        f"{_OPENSSH_REPO} sshconnect.c",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        OPENSSH,
        "kex_exchange_identification: Connection closed by remote host",
        f"{_OPENSSH_REPO} kex.c (kex_exchange_identification)",
        ("protocol.closed",),
    ),
    ClientMessage(
        OPENSSH,
        "kex_exchange_identification: read: Connection reset by peer",
        f'{_OPENSSH_REPO} kex.c ("read: %.100s", strerror(ECONNRESET))',
        ("protocol.closed",),
    ),
    ClientMessage(
        OPENSSH,
        "Connection closed by %s port %d",
        f'{_OPENSSH_REPO} packet.c ("Connection closed by %s", the address and port)',
        ("protocol.closed", "ssh.handshake_failed"),
    ),
    ClientMessage(
        OPENSSH,
        "Connection reset by %s port %d",
        f'{_OPENSSH_REPO} packet.c ("Connection reset by %s")',
        ("protocol.closed",),
    ),
    ClientMessage(
        OPENSSH,
        "Connection timed out during banner exchange",
        f"{_OPENSSH_REPO} kex.c; an FTP server on the port gives the same, since ssh reads "
        f"past lines that are not SSH's ({_SEEN})",
        ("protocol.no_banner", "protocol.ftp"),
        equal=True,
    ),
    ClientMessage(
        OPENSSH,
        "Bad remote protocol version identification: '%s'",
        f"{_OPENSSH_REPO} kex.c",
        ("protocol.not_ssh", "protocol.ftp"),
    ),
    ClientMessage(
        OPENSSH,
        "banner exchange: Connection to %s port %d: invalid format",
        f'{_OPENSSH_REPO} sshconnect.c (sshpkt_fatal "banner exchange") and ssherr.c',
        ("protocol.not_ssh", "protocol.ftp"),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s port %d: no matching key exchange method found. "
        "Their offer: %s",
        f'{_OPENSSH_REPO} packet.c ("Unable to negotiate with %s: %s. Their offer: %s") '
        "and ssherr.c",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s port %d: no matching host key type found. Their offer: %s",
        f"{_OPENSSH_REPO} packet.c and ssherr.c",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s port %d: no matching cipher found. Their offer: %s",
        f"{_OPENSSH_REPO} packet.c and ssherr.c",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s port %d: no matching MAC found. Their offer: %s",
        f"{_OPENSSH_REPO} packet.c and ssherr.c",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Host key verification failed.",
        f"{_OPENSSH_REPO} sshconnect2.c",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        OPENSSH,
        "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @",
        f"{_OPENSSH_REPO} sshconnect.c",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        OPENSSH,
        "Host key for %s has changed and you have requested strict checking.",
        f"{_OPENSSH_REPO} sshconnect.c",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        OPENSSH,
        "%s@%s: Permission denied (%s).",
        f"{_OPENSSH_REPO} sshconnect2.c",
        ("auth.rejected", "auth.method_not_offered"),
        note="The list in brackets is what the server accepts, such as (publickey,password).",
    ),
    ClientMessage(
        OPENSSH,
        "%s@%s: Permission denied (publickey).",
        f"{_OPENSSH_REPO} sshconnect2.c",
        ("auth.method_not_offered", "auth.rejected"),
        note="The server takes keys only; a password is never tried.",
    ),
    ClientMessage(
        OPENSSH,
        "Permission denied, please try again.",
        f"{_OPENSSH_REPO} sshconnect2.c",
        ("auth.rejected",),
    ),
    ClientMessage(
        OPENSSH,
        "Received disconnect from %s port %d:2: Too many authentication failures",
        f'{_OPENSSH_REPO} packet.c ("Received disconnect from %s port %d:%u: %.400s") and auth.c',
        ("auth.rejected", "auth.throttled"),
        note="Often the client offered many keys from an agent before the right one.",
    ),
    ClientMessage(
        OPENSSH,
        "subsystem request failed on channel 0",
        f'{_OPENSSH_REPO} clientloop.c ("%s request failed on channel %d")',
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        OPENSSH,
        "Connection closed",
        f"{_OPENSSH_REPO} sftp-client.c",
        ("remote_dir.no_sftp", "protocol.closed"),
        note="sftp prints this alone when the SFTP service ends right after login.",
        whole_line=True,
    ),
    ClientMessage(
        OPENSSH,
        'remote open("%s"): Permission denied',
        f'{_OPENSSH_REPO} sftp-client.c ("remote open(\\"%s\\")" and fx2txt in sftp-common.c)',
        ("upload.denied", "remote_dir.denied"),
    ),
    ClientMessage(
        OPENSSH,
        'remote open("%s"): No such file or directory',
        f"{_OPENSSH_REPO} sftp-client.c and sftp-common.c",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        OPENSSH,
        "Couldn't read directory: Permission denied",
        f"{_OPENSSH_REPO} sftp-client.c and sftp-common.c",
        ("remote_dir.root_denied", "remote_dir.denied"),
    ),
    ClientMessage(
        OPENSSH,
        "remote fsetstat: %s",
        f"{_OPENSSH_REPO} sftp-client.c",
        ("setstat.unsupported",),
        note="Shown after 'put -p' when the server will not set times or permissions.",
    ),
    ClientMessage(
        OPENSSH,
        'remote setstat "%s": %s',
        f"{_OPENSSH_REPO} sftp-client.c",
        ("setstat.unsupported",),
    ),
    ClientMessage(
        OPENSSH,
        'write remote "%s": Failure',
        f"{_OPENSSH_REPO} sftp-client.c and sftp-common.c",
        ("upload.incomplete", "upload.denied"),
        note="A write that fails part way often means a full disk or quota.",
    ),
)

_PUTTY_MESSAGES = (
    ClientMessage(
        PUTTY,
        "Server requested password change",
        f"{_PUTTY_SSH}userauth2-client.c (SSH2_MSG_USERAUTH_PASSWD_CHANGEREQ); WinSCP, which "
        "bundles it, writes the same line to its log",
        ("auth.password_expired",),
        note=_CHANGE_IT_BY_HAND,
    ),
    ClientMessage(
        PUTTY,
        "Current password (blank for previously entered password):",
        f"{_PUTTY_SSH}userauth2-client.c, the first prompt after 'Server requested password "
        "change', before 'Enter new password:' and 'Confirm new password:'",
        ("auth.password_expired",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: Connection timed out",
        f"{_PUTTY_NET} (WSAETIMEDOUT)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: Connection refused",
        f"{_PUTTY_NET} (WSAECONNREFUSED)",
        ("tcp.refused",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: Connection reset by peer",
        f"{_PUTTY_NET} (WSAECONNRESET)",
        ("protocol.closed",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: No route to host",
        f"{_PUTTY_NET} (WSAEHOSTUNREACH)",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        PUTTY,
        "Network error: Network is unreachable",
        f"{_PUTTY_NET} (WSAENETUNREACH)",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        PUTTY,
        "Host does not exist",
        f"{_PUTTY_NET} (namelookup_strerror, WSAHOST_NOT_FOUND)",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        PUTTY,
        "Host not found",
        f"{_PUTTY_NET} (namelookup_strerror, WSATRY_AGAIN)",
        ("dns.timeout", "dns.servfail"),
        whole_line=True,
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
        f"{_PUTTY_SSH} verstring.c, bpp2.c; an FTP server that hangs up on PuTTY's SSH line "
        f"gives the same ({_SEEN})",
        ("protocol.closed", "protocol.ftp"),
        equal=True,
    ),
    ClientMessage(
        PUTTY,
        "No supported authentication methods available (server sent: %s)",
        f"{_PUTTY_SSH} userauth2-client.c",
        ("auth.method_not_offered",),
    ),
    ClientMessage(
        PUTTY,
        "Server refused our key",
        f"{_PUTTY_SSH} userauth2-client.c",
        ("auth.rejected", "auth.method_not_offered"),
    ),
    ClientMessage(
        PUTTY,
        "Access denied",
        f"{_PUTTY_SSH} userauth2-client.c",
        ("auth.rejected",),
        whole_line=True,
    ),
    ClientMessage(
        PUTTY,
        "Couldn't agree a %s (available: %s)",
        f"{_PUTTY_SSH} transport2.c",
        ("ssh.no_common_algorithm",),
        note="The first part names what failed, such as 'key-exchange algorithm'.",
    ),
    ClientMessage(
        PUTTY,
        "WARNING - POTENTIAL SECURITY BREACH!",
        f"{_PUTTY_SSH} common_p.c",
        ("ssh.hostkey_mismatch",),
    ),
)

_WINSCP_MESSAGES = (
    ClientMessage(
        WINSCP,
        "Confirm new password:",
        f"{_WINSCP_TEXTS} (NEW_PASSWORD_CONFIRM_PROMPT), in its 'New password' dialog after "
        "'Current password:' and 'New password:'",
        ("auth.password_expired",),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        'Network error: Connection to "%HOST%" timed out.',
        f"{_WINSCP_TEXTS} (NET_TRANSL_TIMEOUT2)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        WINSCP,
        'Network error: Connection to "%HOST%" refused.',
        f"{_WINSCP_TEXTS} (NET_TRANSL_REFUSED2)",
        ("tcp.refused",),
    ),
    ClientMessage(
        WINSCP,
        'Network error: No route to host "%HOST%".',
        f"{_WINSCP_TEXTS} (NET_TRANSL_NO_ROUTE2)",
        ("tcp.unreachable",),
    ),
    ClientMessage(
        WINSCP,
        'Host "%HOST%" does not exist.',
        f"{_WINSCP_TEXTS} (NET_TRANSL_HOST_NOT_EXIST2)",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        WINSCP,
        "Network error: Connection reset by peer.",
        f"{_WINSCP_TEXTS} (NET_TRANSL_RESET)",
        ("protocol.closed",),
    ),
    ClientMessage(
        WINSCP,
        "Server unexpectedly closed network connection.",
        f"{_WINSCP_TEXTS} (UNEXPECTED_CLOSE_ERROR)",
        ("protocol.closed",),
    ),
    ClientMessage(
        WINSCP,
        "Connection has been unexpectedly closed.",
        f"{_WINSCP_TEXTS} (NOT_CONNECTED)",
        ("remote_dir.no_sftp", "protocol.closed"),
        note="After a good login it means the account has no SFTP service.",
    ),
    ClientMessage(
        WINSCP,
        "Authentication failed.",
        f"{_WINSCP_TEXTS} (AUTHENTICATION_FAILED)",
        ("auth.rejected", "auth.method_not_offered", "auth.partial"),
        whole_line=True,
        equal=True,
    ),
    ClientMessage(
        WINSCP,
        "Host key wasn't verified!",
        f"{_WINSCP_TEXTS} (KEY_NOT_VERIFIED)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        WINSCP,
        'Host key does not match configured key fingerprint "%s"!',
        f"{_WINSCP_TEXTS} (CONFIGURED_KEY_NOT_MATCH)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        WINSCP,
        "The host key does not match the one WinSCP has cached for this server:",
        f"{_WINSCP_TEXTS} (HOSTKEY_DOESNT_MATCH)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        WINSCP,
        "Cannot initialize SFTP protocol. Is the host running an SFTP server?",
        f"{_WINSCP_TEXTS} (SFTP_INITIALIZE_ERROR)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        WINSCP,
        "Error listing directory '%s'.",
        f"{_WINSCP_TEXTS} (LIST_DIR_ERROR)",
        ("remote_dir.not_found", "remote_dir.denied"),
    ),
    ClientMessage(
        WINSCP,
        "Error listing directory '/'.",
        f"{_WINSCP_TEXTS} (LIST_DIR_ERROR, for the top folder)",
        ("remote_dir.root_denied",),
    ),
    ClientMessage(
        WINSCP,
        "Error changing directory to '%s'.",
        f"{_WINSCP_TEXTS} (CHANGE_DIR_ERROR)",
        ("remote_dir.not_found", "remote_dir.denied"),
    ),
    ClientMessage(
        WINSCP,
        "Permission denied.\nError code: 3\nError message from server%s: %s",
        f"{_WINSCP_TEXTS} (SFTP_STATUS_PERMISSION_DENIED, SFTP_ERROR_FORMAT3)",
        ("upload.denied", "remote_dir.denied"),
    ),
    ClientMessage(
        WINSCP,
        "No such file or directory.\nError code: 2\nError message from server%s: %s",
        f"{_WINSCP_TEXTS} (SFTP_STATUS_NO_SUCH_FILE, SFTP_ERROR_FORMAT3)",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        WINSCP,
        "General failure (server should provide error description).\nError code: 4\n"
        "Error message from server%s: %s",
        f"{_WINSCP_TEXTS} (SFTP_STATUS_FAILURE, SFTP_ERROR_FORMAT3)",
        ("upload.incomplete", "upload.denied"),
        note="WinSCP's own hint for code 4 names a full disk or quota.",
    ),
    ClientMessage(
        WINSCP,
        "The server does not support the operation.\nError code: 8\n"
        "Error message from server%s: %s",
        f"{_WINSCP_TEXTS} (SFTP_STATUS_OP_UNSUPPORTED, SFTP_ERROR_FORMAT3)",
        ("setstat.unsupported",),
    ),
    ClientMessage(
        WINSCP,
        "Upload of file '%s' was successful, but error occurred while setting the "
        "permissions and/or timestamp.",
        f"{_WINSCP_TEXTS} (PRESERVE_TIME_PERM_ERROR3)",
        ("setstat.unsupported",),
    ),
    ClientMessage(
        WINSCP,
        "Cannot create remote file '%s'.",
        f"{_WINSCP_TEXTS} (SFTP_CREATE_FILE_ERROR)",
        ("upload.denied",),
    ),
    ClientMessage(
        WINSCP,
        "Cannot overwrite remote file '%s'.",
        f"{_WINSCP_TEXTS} (SFTP_OVERWRITE_FILE_ERROR2)",
        ("upload.denied", "upload.exists"),
    ),
    ClientMessage(
        WINSCP,
        "Transfer was successfully finished, but temporary transfer file '%s' could not be "
        "renamed to target file name '%s'.",
        f"{_WINSCP_TEXTS} (RENAME_AFTER_RESUME_ERROR)",
        ("upload.rename_denied",),
        note="The file is on the server under its temporary .filepart name, not its own.",
    ),
    ClientMessage(
        WINSCP,
        "Error deleting file '%s'. After resumable file upload the existing destination file "
        "must be deleted.",
        f"{_WINSCP_TEXTS} (DELETE_ON_RESUME_ERROR)",
        ("upload.rename_denied", "upload.exists"),
        note="Yesterday's file is still there and the account may not delete it.",
    ),
    ClientMessage(
        WINSCP,
        "Proxy authentication failed.",
        f"{_WINSCP_TEXTS} (PROXY_AUTHENTICATION_FAILED)",
        ("tcp.proxy_auth",),
        whole_line=True,
    ),
)

_FILEZILLA_MESSAGES = (
    ClientMessage(
        FILEZILLA,
        "Connection timed out after %d seconds of inactivity",
        f"{_FILEZILLA} src/engine/controlsocket.cpp",
        ("tcp.timeout", "protocol.no_banner", "protocol.ftp"),
        equal=True,
        after=(("tcp", ("protocol.no_banner", "protocol.ftp")),),
    ),
    ClientMessage(
        FILEZILLA,
        "Could not connect to server",
        f"{_FILEZILLA} src/engine/controlsocket.cpp",
        ("tcp.timeout", "tcp.refused", "dns.nxdomain"),
        note="FileZilla's summary line; the line above it says why.",
        generic=True,
    ),
    ClientMessage(
        FILEZILLA,
        "Failed to retrieve directory listing",
        f"{_FILEZILLA} src/engine/controlsocket.cpp",
        ("remote_dir.denied", "remote_dir.root_denied", "remote_dir.not_found"),
        generic=True,
    ),
    ClientMessage(
        FILEZILLA,
        "Directory %s: permission denied",
        f"{_FILEZILLA} src/putty/psftp.c (fzsftp) and src/putty/sftp.c",
        ("remote_dir.denied",),
    ),
    ClientMessage(
        FILEZILLA,
        "Directory /: permission denied",
        f"{_FILEZILLA} src/putty/psftp.c (fzsftp), for the top folder",
        ("remote_dir.root_denied",),
    ),
    ClientMessage(
        FILEZILLA,
        "%s: open for write: permission denied",
        f"{_FILEZILLA} src/putty/psftp.c (fzsftp) and src/putty/sftp.c",
        ("upload.denied",),
    ),
    ClientMessage(
        FILEZILLA,
        "set attrs for %s: %s",
        f"{_FILEZILLA} src/putty/psftp.c (fzsftp, chmtime)",
        ("setstat.unsupported",),
        note="FileZilla tried to keep the file's time ('Preserve timestamps').",
    ),
    ClientMessage(
        FILEZILLA,
        "Received unexpected end-of-file from SFTP server",
        f"{_FILEZILLA} src/putty/psftp.c (fzsftp); PuTTY's psftp says the same",
        ("remote_dir.no_sftp", "protocol.closed"),
    ),
    ClientMessage(
        FILEZILLA,
        "Authentication failed.",
        f"{_FILEZILLA} src/engine/sftp/sftpcontrolsocket.cpp; the last line for a wrong "
        f"password and for a second factor alike ({_SEEN})",
        ("auth.rejected", "auth.method_not_offered", "auth.partial"),
        whole_line=True,
        equal=True,
    ),
    ClientMessage(
        FILEZILLA,
        "The server's host key does not match the key that has been cached. This means that "
        "either the administrator has changed the host key, or you are actually trying to "
        "connect to another computer pretending to be the server.",
        f"{_FILEZILLA} src/interface/resources/xrc/dialogs.xrc",
        ("ssh.hostkey_mismatch",),
    ),
)

_CYBERDUCK_MESSAGES = (
    ClientMessage(
        CYBERDUCK,
        "The connection attempt was rejected. The server may be down, or your network may "
        "not be properly configured.",
        f"{_CYBERDUCK}ConnectionRefusedException.java",
        ("tcp.refused", "protocol.closed"),
    ),
    ClientMessage(
        CYBERDUCK,
        "The connection attempt timed out. The server may be down, or your network may not "
        "be properly configured.",
        f"{_CYBERDUCK}ConnectionTimeoutException.java",
        ("tcp.timeout",),
    ),
    ClientMessage(
        CYBERDUCK,
        "DNS is the network service that translates a server name to its Internet address. "
        "This error is most often caused by having no connection to the Internet or a "
        "misconfigured network.",
        f"{_CYBERDUCK}ResolveFailedException.java",
        ("dns.nxdomain", "dns.timeout"),
    ),
    ClientMessage(
        CYBERDUCK,
        "Login failed",
        f"{_CYBERDUCK}LoginFailureException.java",
        ("auth.rejected", "auth.method_not_offered"),
        whole_line=True,
    ),
    ClientMessage(
        CYBERDUCK,
        "Insufficient disk space",
        f"{_CYBERDUCK}QuotaException.java",
        ("upload.incomplete", "upload.denied"),
    ),
    ClientMessage(
        CYBERDUCK,
        "Host key mismatch for %s",
        "Cyberduck's host key alert (older releases), found with the find_string index",
        ("ssh.hostkey_mismatch",),
    ),
)

_POWERSHELL_MESSAGES = (
    ClientMessage(
        TEST_NETCONNECTION,
        "WARNING: TCP connect to (%s : %d) failed",
        f"{_TNC_DOCS} (the NetTCPIP module that ships with Windows prints it)",
        ("tcp.timeout", "tcp.refused"),
    ),
    ClientMessage(
        TEST_NETCONNECTION,
        "TcpTestSucceeded : False",
        _TNC_DOCS,
        ("tcp.timeout", "tcp.refused"),
    ),
    ClientMessage(
        POSH_SSH,
        "Permission denied (%s).",
        f"{_SSHNET} ClientAuthentication.cs",
        ("auth.rejected",),
    ),
    ClientMessage(
        POSH_SSH,
        "No suitable authentication method found to complete authentication (%s).",
        f"{_SSHNET} ClientAuthentication.cs",
        ("auth.method_not_offered", "auth.partial"),
    ),
    ClientMessage(
        POSH_SSH,
        "Key exchange negotiation failed.",
        f"{_SSHNET} Security/KeyExchange.cs",
        ("ssh.hostkey_mismatch", "ssh.no_common_algorithm"),
        note="SSH.NET raises it when the host key is not trusted, too.",
    ),
    ClientMessage(
        POSH_SSH,
        "The server response does not contain an SSH identification string.",
        f"{_SSHNET} Connection/ProtocolVersionExchange.cs",
        ("protocol.closed", "protocol.not_ssh"),
    ),
    ClientMessage(
        POSH_SSH,
        "An established connection was aborted by the server.",
        f"{_SSHNET} Session.cs",
        ("protocol.closed",),
    ),
    ClientMessage(
        POSH_SSH,
        "Server version '%s' is not supported.",
        f"{_SSHNET} Session.cs",
        ("protocol.old_ssh",),
    ),
    ClientMessage(
        POSH_SSH,
        "A connection attempt failed because the connected party did not properly respond "
        "after a period of time, or established connection failed because connected host "
        "has failed to respond.",
        f"{_WINSOCK_DOCS} (WSAETIMEDOUT, 10060)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        POSH_SSH,
        "No connection could be made because the target machine actively refused it.",
        f"{_WINSOCK_DOCS} (WSAECONNREFUSED, 10061)",
        ("tcp.refused",),
    ),
    ClientMessage(
        POSH_SSH,
        "No such host is known",
        f"{_WINSOCK_DOCS} (WSAHOST_NOT_FOUND, 11001)",
        ("dns.nxdomain", "dns.no_address"),
    ),
)

_JAVA_MESSAGES = (
    ClientMessage(
        JSCH,
        "Auth fail",
        "JCraft JSch 0.1.x Session.java (github.com/mwiede/jsch, first commit 635c0bcf)",
        ("auth.rejected", "auth.method_not_offered", "auth.partial"),
        equal=True,
        note="Printed as com.jcraft.jsch.JSchException: Auth fail.",
    ),
    ClientMessage(
        JSCH,
        "Auth fail for methods '%s'",
        f"{_JSCH}Session.java",
        ("auth.rejected", "auth.method_not_offered"),
    ),
    ClientMessage(
        JSCH,
        "UnknownHostKey: %s. %s key fingerprint is %s",
        f"{_JSCH}Session.java",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        JSCH,
        "HostKey has been changed: %s",
        f"{_JSCH}Session.java",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        JSCH,
        "Algorithm negotiation fail",
        f"{_JSCH}JSchAlgoNegoFailException.java (older JSch prints only these words)",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        JSCH,
        "timeout: socket is not established",
        f"{_JSCH}Util.java",
        ("tcp.timeout",),
    ),
    ClientMessage(
        JSCH,
        "java.net.ConnectException: Connection refused",
        f"{_JSCH}Util.java (wraps the Java error's text)",
        ("tcp.refused",),
    ),
    ClientMessage(
        JSCH,
        "java.net.UnknownHostException: %s",
        f"{_JSCH}Util.java (wraps the Java error's text)",
        ("dns.nxdomain", "dns.no_address", "dns.servfail", "dns.timeout"),
        equal=True,
    ),
    ClientMessage(
        JSCH,
        "connection is closed by foreign host",
        f"{_JSCH}Session.java",
        ("protocol.closed",),
    ),
    ClientMessage(
        JSCH,
        "invalid server's version string",
        f"{_JSCH}Session.java",
        ("protocol.not_ssh", "protocol.ftp"),
    ),
    ClientMessage(
        JSCH,
        "failed to send channel request",
        f"{_JSCH}Request.java",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        JSCH,
        "Received message is too long: %d",
        f"{_JSCH}ChannelSftp.java",
        ("remote_dir.no_sftp",),
        note="A login script on the server prints text where SFTP data should be.",
    ),
    ClientMessage(
        JSCH,
        "3: Permission denied",
        f"{_JSCH}SftpException.java (prints the status number, 3, then the server's text)",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        by_operation=True,
    ),
    ClientMessage(
        JSCH,
        "2: No such file",
        f"{_JSCH}SftpException.java (status 2 and the server's text)",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        SSHJ,
        "Exhausted available authentication methods",
        f"{_SSHJ}SSHClient.java (UserAuthException)",
        ("auth.rejected", "auth.method_not_offered"),
    ),
    ClientMessage(
        SSHJ,
        "Could not verify `%s` host key with fingerprint `%s` for `%s` on port %d",
        f"{_SSHJ}transport/KeyExchanger.java",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        SSHJ,
        "Unable to reach a settlement of %s: %s and %s",
        f"{_SSHJ}transport/Proposal.java",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        SSHJ,
        "Broken transport; encountered EOF",
        f"{_SSHJ}transport/Reader.java",
        ("protocol.closed", "ssh.handshake_failed"),
    ),
    ClientMessage(
        SSHJ,
        "Incorrect identification: line too long: %s",
        "github.com/hierynomus/sshj src/main/java/com/hierynomus/sshj/transport/"
        "IdentificationStringParser.java",
        ("protocol.not_ssh",),
    ),
)

_CURL_MESSAGES = (
    ClientMessage(
        CURL,
        "curl: (67) Login denied",
        f"{_CURL} lib/strerror.c (CURLE_LOGIN_DENIED) and src/tool_operate.c",
        ("auth.rejected", "auth.method_not_offered", "auth.partial"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (67) Authentication failure",
        f"{_CURL} lib/vssh/libssh2.c",
        ("auth.rejected", "auth.method_not_offered", "auth.partial"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (6) Could not resolve host: %s",
        f'{_CURL} lib/vdns/hostip.c ("Could not resolve %s: %s")',
        ("dns.nxdomain", "dns.no_address", "dns.servfail", "dns.timeout"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (7) Failed to connect to %s:%d after %d ms: Could not connect to server",
        f"{_CURL} lib/cf-ip-happy.c and lib/strerror.c",
        ("tcp.refused", "tcp.unreachable"),
    ),
    ClientMessage(
        CURL,
        "curl: (28) Failed to connect to %s:%d after %d ms: Could not connect to server",
        f"{_CURL} lib/cf-ip-happy.c (a socket timeout turns the code into 28)",
        ("tcp.timeout",),
    ),
    ClientMessage(
        CURL,
        "curl: (28) Connection timed out after %d milliseconds",
        f"{_CURL} lib/multi.c",
        ("tcp.timeout", "protocol.no_banner"),
    ),
    ClientMessage(
        CURL,
        "curl: (28) Resolving timed out after %d milliseconds",
        f"{_CURL} lib/multi.c",
        ("dns.timeout",),
    ),
    ClientMessage(
        CURL,
        "curl: (60) SSL peer certificate or SSH remote key was not OK",
        f"{_CURL} lib/strerror.c (CURLE_PEER_FAILED_VERIFICATION)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        CURL,
        "Denied establishing ssh session: mismatch SHA256 fingerprint. Remote %s is not equal "
        "to %s",
        f"{_CURL} lib/vssh/libssh2.c",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure establishing ssh session: %d, %s",
        f"{_CURL} lib/vssh/libssh2.c",
        ("ssh.handshake_failed", "ssh.no_common_algorithm"),
        note="The text after the number comes from libssh2.",
    ),
    ClientMessage(
        CURL,
        "Upload failed: Permission denied (%d/%d)",
        f"{_CURL} lib/vssh/libssh2.c",
        ("upload.denied",),
    ),
    ClientMessage(
        CURL,
        "Upload failed: No such file or directory (%d/%d)",
        f"{_CURL} lib/vssh/libssh2.c",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        CURL,
        "curl: (79) Error in the SSH layer",
        f"{_CURL} lib/strerror.c (CURLE_SSH)",
        ("ssh.handshake_failed",),
    ),
)

_LFTP_MESSAGES = (
    ClientMessage(
        LFTP,
        "Fatal error: Host key verification failed.",
        f"{_LFTP}SSH_Access.cc and FileAccess.cc",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        LFTP,
        "Login failed: Login incorrect",
        f"{_LFTP}SSH_Access.cc and FileAccess.cc",
        ("auth.rejected",),
    ),
    ClientMessage(
        LFTP,
        "Fatal error: max-retries exceeded",
        f"{_LFTP}NetAccess.cc and FileAccess.cc",
        ("tcp.timeout", "tcp.refused", "protocol.closed", "protocol.no_banner", "protocol.ftp"),
        equal=True,
        generic=True,
    ),
    ClientMessage(
        LFTP,
        "Access failed: Permission denied",
        f"{_LFTP}FileAccess.cc and SFtp.cc",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        by_operation=True,
    ),
    ClientMessage(
        LFTP,
        "Access failed: No such file",
        f"{_LFTP}FileAccess.cc and SFtp.cc",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        LFTP,
        "Peer closed connection",
        f"{_LFTP}SFtp.cc",
        ("protocol.closed", "remote_dir.no_sftp"),
    ),
)

_SEEN_MESSAGES = (
    # What the harness's clients printed, each checked against the client's source.
    ClientMessage(
        OPENSSH,
        "Connection to %s port %d timed out",
        f'{_OPENSSH_REPO} sshconnect.c/kex.c (sshpkt_fatal: "Connection to %s port %d timed out"); {_SEEN}',  # noqa: E501
        ("protocol.no_banner", "protocol.ftp"),
        equal=True,
        note="Something accepted the connection but never spoke SSH.",
    ),
    ClientMessage(
        OPENSSH,
        "kex_exchange_identification: banner line %d: 220%s",
        f"{_OPENSSH_REPO} kex.c (debug line of each text line before the SSH version); {_SEEN}",
        ("protocol.ftp",),
        note="A line starting 220 is an FTP server's greeting.",
        in_debug=True,
    ),
    ClientMessage(
        OPENSSH,
        "ssh: connect to host %s port %s: Connection reset by peer",
        f"{_OPENSSH_REPO} sshconnect.c (strerror(ECONNRESET)); {_SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        OPENSSH,
        "%s@%s: Permission denied (password).",
        f'{_OPENSSH_REPO} sshconnect2.c ("Permission denied (%s)."); {_SEEN}',
        ("auth.partial", "auth.rejected"),
        note="After a key was accepted, the server still wants a password.",
    ),
    ClientMessage(
        OPENSSH,
        'Authenticated using "publickey" with partial success.',
        f"{_OPENSSH_REPO} sshconnect2.c (debug1 line); {_SEEN}",
        ("auth.partial",),
        in_debug=True,
    ),
    ClientMessage(
        OPENSSH,
        'dest open "%s": Permission denied',
        f'{_OPENSSH_REPO} sftp-client.c ("dest open \\"%s\\": %s"); {_SEEN}',
        ("upload.denied",),
    ),
    ClientMessage(
        OPENSSH,
        'remote readdir("%s"): Permission denied',
        f'{_OPENSSH_REPO} sftp-client.c ("remote readdir(\\"%s\\")"); {_SEEN}',
        ("remote_dir.denied", "remote_dir.root_denied"),
    ),
    ClientMessage(
        OPENSSH,
        'remote readdir("/"): Permission denied',
        f"{_OPENSSH_REPO} sftp-client.c; {_SEEN}",
        ("remote_dir.root_denied",),
    ),
    ClientMessage(
        OPENSSH,
        "remote fsetstat: Permission denied",
        f'{_OPENSSH_REPO} sftp-client.c ("remote fsetstat: %s"); {_SEEN}',
        ("setstat.unsupported",),
        note="The upload worked; 'put -p' could not set the file's time.",
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Connection timed out",
        f"{_PUTTY_SSH} (ssh.c: the socket's error as 'FATAL ERROR: %s', Unix strerror); {_SEEN}",
        ("tcp.timeout",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Connection refused",
        f"{_PUTTY_SSH} (ssh.c); {_SEEN}",
        ("tcp.refused",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Connection reset by peer",
        f"{_PUTTY_SSH} (ssh.c); {_SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Configured password was not accepted",
        f"{_PUTTY_SSH} (userauth2-client.c); {_SEEN}",
        ("auth.rejected",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Cannot confirm a host key in batch mode",
        f"{_PUTTY_SSH} (console.c, after the host key warning); {_SEEN}",
        ("ssh.hostkey_mismatch",),
        note="The key is new or changed; in batch mode PuTTY cannot ask.",
    ),
    ClientMessage(
        PUTTY,
        "Further authentication required",
        f"{_PUTTY_SSH} (userauth2-client.c, after a partial success); {_SEEN}",
        ("auth.partial",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Cannot answer interactive prompts in batch mode",
        f"{_PUTTY_SSH} (console.c); {_SEEN}",
        ("auth.partial", "auth.method_not_offered"),
    ),
    ClientMessage(
        PUTTY,
        "Fatal: unable to initialise SFTP: could not connect",
        f"PuTTY psftp.c (as bundled in github.com/winscp/winscp source/putty/); {_SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        FILEZILLA,
        "Fatal: unable to initialise SFTP on server: could not connect",
        f"fzsftp, FileZilla's engine built on PuTTY's psftp; {_SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        PUTTY,
        "%s: open for write: permission denied",
        f"PuTTY psftp.c (sftp_put_file); {_SEEN}",
        ("upload.denied",),
    ),
    ClientMessage(
        PUTTY,
        "Directory %s: permission denied",
        f"PuTTY psftp.c (sftp_cmd_ls); {_SEEN}",
        ("remote_dir.denied",),
    ),
    ClientMessage(
        PUTTY,
        "Directory /: permission denied",
        f"PuTTY psftp.c (sftp_cmd_ls); {_SEEN}",
        ("remote_dir.root_denied",),
    ),
    ClientMessage(
        PUTTY,
        "ssh_init: Name or service not known",
        f"PuTTY unix/network.c (ssh_init: and {_GLIBC} for EAI_NONAME); {_SEEN}",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        PUTTY,
        "ssh_init: Temporary failure in name resolution",
        f"PuTTY unix/network.c ({_GLIBC} for EAI_AGAIN); {_SEEN}",
        ("dns.timeout", "dns.servfail"),
        equal=True,
    ),
    ClientMessage(
        FILEZILLA,
        "Cannot establish FTP connection to an SFTP server. Please select proper protocol.",
        "FileZilla 3 source src/engine/ftp/ftpcontrolsocket.cpp (WinSCP's FTP engine is "
        "FileZilla's and prints it too)",
        ("client.protocol",),
    ),
    ClientMessage(
        FILEZILLA,
        "Server sent an additional login prompt. You need to use the interactive login type.",
        "FileZilla 3 source src/engine/sftp/sftpcontrolsocket.cpp",
        ("auth.partial", "auth.method_not_offered"),
    ),
    ClientMessage(
        WINSCP,
        "Received too large (%d B) SFTP packet. Max supported packet size is %d B.",
        f"{_WINSCP_TEXTS} (SFTP_PACKET_TOO_BIG)",
        ("remote_dir.no_sftp",),
        note="A login script prints text; the size's four bytes are that text's first letters.",
    ),
    ClientMessage(
        CURL,
        "curl: (7) Failed to connect to %s port %d after %d ms: Couldn't connect to server",
        f"{_CURL} lib/connect.c; {_SEEN}",
        ("tcp.refused", "tcp.unreachable"),
    ),
    ClientMessage(
        CURL,
        "curl: (28) Failed to connect to %s port %d after %d ms: Couldn't connect to server",
        f"{_CURL} lib/connect.c; {_SEEN}",
        ("tcp.timeout",),
    ),
    ClientMessage(
        CURL,
        "curl: (28) Operation timed out after %d milliseconds with %d bytes received",
        f"{_CURL} lib/multi.c; {_SEEN}",
        ("protocol.no_banner", "protocol.ftp"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure establishing ssh session: %d, Failed getting banner",
        f"{_CURL} lib/vssh/libssh2.c and libssh2's text; -43 (LIBSSH2_ERROR_SOCKET_RECV) or "
        f"-13 (LIBSSH2_ERROR_SOCKET_DISCONNECT), as the close or the reset came first; {_SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure initializing sftp session: Unable to request SFTP subsystem",
        f"{_CURL} lib/vssh/libssh2.c; {_SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        CURL,
        "curl: (9) Could not open directory for reading: Permission denied",
        f"{_CURL} lib/vssh/libssh2.c; {_SEEN}",
        ("remote_dir.root_denied", "remote_dir.denied"),
    ),
    ClientMessage(
        CURL,
        "curl: (21) Attempt to set SFTP stats failed: Permission denied",
        f"{_CURL} lib/vssh/libssh2.c; {_SEEN}",
        ("setstat.unsupported",),
    ),
    ClientMessage(
        JSCH,
        "java.net.ConnectException: Connection timed out",
        f"the Java runtime's socket error, wrapped by {_JSCH}Util.java; {_SEEN}",
        ("tcp.timeout",),
    ),
    ClientMessage(
        JSCH,
        "Session.connect: java.net.SocketException: Connection reset",
        f"{_JSCH}Session.java; {_SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        JSCH,
        "Session.connect: java.net.SocketTimeoutException: Read timed out",
        f"{_JSCH}Session.java; {_SEEN}",
        ("protocol.no_banner", "protocol.ftp"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "paramiko.ssh_exception.AuthenticationException: Authentication failed.",
        f"{_PARAMIKO}auth_handler.py; {_SEEN}",
        ("auth.rejected",),
    ),
    ClientMessage(
        PARAMIKO,
        "BadAuthenticationType: Bad authentication type; allowed types: ['publickey']",
        f"{_PARAMIKO}ssh_exception.py; {_SEEN}",
        ("auth.method_not_offered",),
    ),
    ClientMessage(
        PARAMIKO,
        "BadAuthenticationType: Bad authentication type; allowed types: ['password']",
        f"{_PARAMIKO}ssh_exception.py; {_SEEN}",
        ("auth.partial", "auth.method_not_offered"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "BadHostKeyException: Host key for server %s does not match: got %s, expected %s",
        f"{_PARAMIKO}ssh_exception.py; {_SEEN}",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        PARAMIKO,
        "NoValidConnectionsError: [Errno None] Unable to connect to port %d on %s",
        f"{_PARAMIKO}ssh_exception.py; {_SEEN}",
        ("tcp.refused",),
    ),
    ClientMessage(
        PARAMIKO,
        "TimeoutError: [Errno 110] Connection timed out",
        f"Python's socket module (strerror(ETIMEDOUT)); {_SEEN}",
        ("tcp.timeout",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Error reading SSH protocol banner",
        f"{_PARAMIKO}transport.py; {_SEEN}",
        ("protocol.closed", "protocol.no_banner", "protocol.ftp", "protocol.not_ssh"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "TimeoutError",
        f"{_PARAMIKO}packet.py (a bare socket.timeout while it waits for the server's SSH "
        f"line; a connect timeout carries its words, '[Errno 110] Connection timed out'); {_SEEN}",
        ("protocol.no_banner", "protocol.ftp"),
        whole_line=True,
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "EOFError",
        f"{_PARAMIKO}packet.py (raises a bare EOFError when the server closes); {_SEEN}",
        ("protocol.closed", "ssh.interrupted", "auth.dropped"),
        whole_line=True,
        after=(("ssh", ("ssh.interrupted", "auth.dropped", "protocol.closed")),),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Error reading SSH protocol banner[Errno 104] Connection reset by peer",
        f"{_PARAMIKO}transport.py; {_SEEN}",
        ("protocol.closed",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: No existing session",
        f"{_PARAMIKO}client.py; {_SEEN}",
        ("protocol.no_banner", "protocol.closed"),
        note="paramiko's words after the server never sent its SSH version.",
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Channel closed.",
        f"{_PARAMIKO}sftp_client.py; {_SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        PARAMIKO,
        "socket.gaierror: [Errno -2] Name or service not known",
        f"Python's socket module ({_GLIBC} for EAI_NONAME); {_SEEN}",
        ("dns.nxdomain", "dns.no_address"),
    ),
    ClientMessage(
        PARAMIKO,
        "socket.gaierror: [Errno -3] Temporary failure in name resolution",
        f"Python's socket module ({_GLIBC} for EAI_AGAIN); {_SEEN}",
        ("dns.timeout", "dns.servfail"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "PermissionError: [Errno 13] Permission denied",
        f"{_PARAMIKO}sftp_client.py (_convert_status); {_SEEN}",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        by_operation=True,
    ),
    ClientMessage(
        OPENSSH,
        "Password change required but no TTY available.",
        f"{_OPENSSH_REPO} session.c (do_pwchange): the server's words after 'WARNING: Your "
        "password has expired.', in a session with no terminal (sftp, scp, a script)",
        ("auth.password_expired",),
        note=_CHANGE_IT_BY_HAND,
    ),
    ClientMessage(
        OPENSSH,
        "WARNING: Your password has expired.",
        f"{_OPENSSH_REPO} session.c (do_pwchange), the server's words",
        ("auth.password_expired",),
        note=_CHANGE_IT_BY_HAND,
    ),
    ClientMessage(
        OPENSSH,
        "You must change your password now and login again!",
        f"{_OPENSSH_REPO} session.c (do_pwchange), in a session with a terminal",
        ("auth.password_expired",),
    ),
    ClientMessage(
        LINUX_PAM,
        "You are required to change your password immediately (%s)",
        f"{_LINUX_PAM} modules/pam_unix/pam_unix_acct.c; the brackets say why: 'administrator "
        "enforced' (Debian, after chage -d 0), 'root enforced', 'password aged'",
        ("auth.password_expired",),
        note=_CHANGE_IT_BY_HAND,
    ),
    ClientMessage(
        LINUX_PAM,
        "Changing password for %s.",
        f"{_LINUX_PAM} modules/pam_unix/pam_unix_passwd.c, before 'Current password:'",
        ("auth.password_expired",),
    ),
    ClientMessage(
        LINUX_PAM,
        "Current password:",
        f"{_LINUX_PAM} modules/pam_unix/pam_unix_passwd.c, the first question of a password change",
        ("auth.password_expired",),
        whole_line=True,
    ),
    ClientMessage(
        LINUX_PAM,
        "Retype new %s%spassword:",
        f"{_LINUX_PAM} libpam/pam_get_authtok.c; the gap names the service (older pam_unix: "
        "'Retype new UNIX password:')",
        ("auth.password_expired",),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "Error message from server%s: SETSTAT unsupported",
        f"{_WINSCP_TEXTS} (the server's text after 'Error message from server'); AWS Transfer "
        "Family's words, https://docs.aws.amazon.com/transfer/latest/userguide/transfer-file.html",
        ("setstat.unsupported",),
        note="AWS Transfer Family keeps files in S3, which cannot set a file's time.",
    ),
    ClientMessage(
        AZURE_BLOB,
        "Home Directory not accessible",
        "Microsoft's 'Limitations and known issues with SFTP in Azure Blob Storage', "
        "Troubleshooting (github.com/MicrosoftDocs/azure-docs articles/storage/blobs/"
        "secure-file-transfer-protocol-known-issues.md): the local user lacks permission on "
        "the container, or has no home directory and the container is not in the user name",
        ("remote_dir.denied", "remote_dir.not_found"),
        equal=True,
        note="Ask the vendor to give the local user rights on the container, or to set its "
        "home directory; without one, the user name must name the container.",
    ),
    ClientMessage(
        WINSCP,
        "Error message from server%s: No space left on device",
        f"{_WINSCP_TEXTS}; the server's text is strerror(ENOSPC), as servers such as ProFTPD "
        "mod_sftp send it with status 4",
        ("upload.incomplete", "upload.denied"),
        note="The vendor's disk or the account's quota is full.",
    ),
    ClientMessage(
        WINSCP,
        "Error code: 14",
        f"{_WINSCP_TEXTS} ('Error code: %d') and draft-ietf-secsh-filexfer-13 section 9.1 "
        "(SSH_FX_NO_SPACE_ON_FILESYSTEM)",
        ("upload.incomplete", "upload.denied"),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "Error code: 15",
        f"{_WINSCP_TEXTS} and draft-ietf-secsh-filexfer-13 section 9.1 (SSH_FX_QUOTA_EXCEEDED)",
        ("upload.incomplete", "upload.denied"),
        whole_line=True,
    ),
)


MESSAGES: tuple[ClientMessage, ...] = (
    *_OPENSSH_MESSAGES,
    *_PUTTY_MESSAGES,
    *_WINSCP_MESSAGES,
    *_FILEZILLA_MESSAGES,
    *_CYBERDUCK_MESSAGES,
    *_POWERSHELL_MESSAGES,
    *_JAVA_MESSAGES,
    *_CURL_MESSAGES,
    *_LFTP_MESSAGES,
    *_SEEN_MESSAGES,
)
