"""Messages for the SFTP service or the folder after a good login: the remote_dir step's codes.

Data, as the package's docstring says: grouped here by the step of the first code."""

from __future__ import annotations

from sftpcheck.explain.messages.client_message import ClientMessage
from sftpcheck.explain.messages.clients import (
    AZURE_BLOB,
    CURL,
    CYBERDUCK,
    FILEZILLA,
    JSCH,
    LFTP,
    OPENSSH,
    PARAMIKO,
    POSH_SSH,
    PUTTY,
    WINSCP,
)
from sftpcheck.explain.messages.sources import (
    CURL_REPO,
    CYBERDUCK_EXCEPTIONS,
    FILEZILLA_SOURCE,
    JSCH_SOURCE,
    LFTP_SOURCE,
    OPENSSH_REPO,
    PARAMIKO_SOURCE,
    POSH_SSH_SOURCE,
    SEEN,
    SSHNET,
    WINDOWS_SAME,
    WINSCP_TEXTS,
)

MESSAGES = (
    ClientMessage(
        OPENSSH,
        "%s request failed on channel %d",
        f'{OPENSSH_REPO} clientloop.c ("%s request failed on channel %d")'
        f"{WINDOWS_SAME}clientloop.c)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        OPENSSH,
        "Connection closed",
        f"{OPENSSH_REPO} sftp-client.c: sftp's last line whenever its ssh ends, after ssh's own "
        f"error if it had one ({SEEN})",
        ("remote_dir.no_sftp",),
        note="sftp prints this alone when the SFTP service ends right after login.",
        whole_line=True,
        generic=True,
    ),
    ClientMessage(
        OPENSSH,
        'remote open("%s"): No such file or directory',
        f"{OPENSSH_REPO} sftp-client.c and sftp-common.c",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        OPENSSH,
        "Couldn't read directory: Permission denied",
        f"{OPENSSH_REPO} sftp-client.c and sftp-common.c",
        ("remote_dir.root_denied", "remote_dir.denied"),
    ),
    ClientMessage(
        WINSCP,
        "Connection has been unexpectedly closed.",
        f"{WINSCP_TEXTS} (NOT_CONNECTED)",
        ("remote_dir.no_sftp", "protocol.closed"),
        note="After a good login it means the account has no SFTP service.",
    ),
    ClientMessage(
        WINSCP,
        "Cannot initialize SFTP protocol. Is the host running an SFTP server?",
        f"{WINSCP_TEXTS} (SFTP_INITIALIZE_ERROR)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        WINSCP,
        "Error listing directory '%s'.",
        f"{WINSCP_TEXTS} (LIST_DIR_ERROR)",
        ("remote_dir.not_found", "remote_dir.denied", "remote_dir.root_denied"),
        equal=True,
    ),
    ClientMessage(
        WINSCP,
        "Error listing directory '/'.",
        f"{WINSCP_TEXTS} (LIST_DIR_ERROR, for the top folder)",
        ("remote_dir.root_denied",),
    ),
    ClientMessage(
        WINSCP,
        "Error changing directory to '%s'.",
        f"{WINSCP_TEXTS} (CHANGE_DIR_ERROR)",
        ("remote_dir.not_found", "remote_dir.denied"),
    ),
    ClientMessage(
        WINSCP,
        "No such file or directory.\nError code: 2",
        f"{WINSCP_TEXTS} (SFTP_STATUS_NO_SUCH_FILE, SFTP_ERROR_FORMAT3)",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        FILEZILLA,
        "Failed to retrieve directory listing",
        f"{FILEZILLA_SOURCE} src/engine/controlsocket.cpp",
        ("remote_dir.denied", "remote_dir.root_denied", "remote_dir.not_found"),
        generic=True,
    ),
    ClientMessage(
        FILEZILLA,
        "Directory %s: permission denied",
        f"{FILEZILLA_SOURCE} src/putty/psftp.c (fzsftp) and src/putty/sftp.c",
        ("remote_dir.denied",),
    ),
    ClientMessage(
        FILEZILLA,
        "Directory /: permission denied",
        f"{FILEZILLA_SOURCE} src/putty/psftp.c (fzsftp), for the top folder",
        ("remote_dir.root_denied",),
    ),
    ClientMessage(
        FILEZILLA,
        "Received unexpected end-of-file from SFTP server",
        # psftp.c psftp_eof (read at github.com/github/putty): the server ended the SFTP
        # channel before psftp did, so after the login: as SFTP starts (no SFTP
        # service, a shell that exits) or in the middle of a transfer. Never before the
        # login, when there is no channel yet.
        # An expired password ends SFTP as it starts: OpenSSH's session.c do_child (9.2p1)
        # runs do_pwchange instead of the subsystem when PAM asked for a new password
        # (force_pwchange), which says "Password change required but no TTY available."
        # on stderr and exits.
        f"{FILEZILLA_SOURCE} src/putty/psftp.c (fzsftp); PuTTY's psftp says the same; "
        f"{OPENSSH_REPO} session.c (do_child, do_pwchange)",
        ("remote_dir.no_sftp", "auth.password_expired", "upload.incomplete"),
        equal=True,
        after=(
            ("upload", ("upload.incomplete",)),
            ("login", ("remote_dir.no_sftp", "auth.password_expired")),
        ),
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure initializing sftp session: Unable to startup channel",
        # libssh2 src/sftp.c (sftp_init, at libssh2-1.10.0): the session channel for
        # SFTP could not be opened after the login (refused, or the connection gone).
        f"{CURL_REPO} lib/vssh/libssh2.c and github.com/libssh2/libssh2 src/sftp.c",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        JSCH,
        "failed to send channel request",
        f"{JSCH_SOURCE}Request.java",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        JSCH,
        "channel request: timeout",
        # Request.java write: the server did not answer the "sftp" subsystem request
        # within the channel's connect timeout (a refusal says "failed to send channel
        # request" instead).
        f"{JSCH_SOURCE}Request.java (write, JSch 0.1.5x as in the first commit 635c0bcf)",
        ("remote_dir.timeout",),
    ),
    ClientMessage(
        JSCH,
        "channel is not opened.",
        # Channel.java sendChannelOpen: after login, the server neither confirmed the
        # session channel within the connect timeout, or refused to open it
        # (SSH_MSG_CHANNEL_OPEN_FAILURE): the same words for both.
        f"{JSCH_SOURCE}Channel.java (sendChannelOpen, JSch 0.1.5x as in the first commit 635c0bcf)",
        ("remote_dir.timeout", "remote_dir.no_sftp"),
        equal=True,
    ),
    ClientMessage(
        JSCH,
        "session is down",
        # Channel.java sendChannelOpen: the connection ended after the login, as the
        # channel for SFTP was being opened.
        f"{JSCH_SOURCE}Channel.java (sendChannelOpen, JSch 0.1.5x as in the first commit 635c0bcf)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        JSCH,
        "Received message is too long: %d",
        f"{JSCH_SOURCE}ChannelSftp.java",
        ("remote_dir.no_sftp",),
        note="A login script on the server prints text where SFTP data should be.",
    ),
    ClientMessage(
        JSCH,
        "2: No such file",
        f"{JSCH_SOURCE}SftpException.java (status 2 and the server's text)",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        CURL,
        "Upload failed: No such file or directory (%d/%d)",
        f"{CURL_REPO} lib/vssh/libssh2.c",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        LFTP,
        "Access failed: No such file",
        f"{LFTP_SOURCE}FileAccess.cc and SFtp.cc",
        ("remote_dir.not_found",),
    ),
    # The folder set in the client is a file: each client's cd stats it and refuses.
    ClientMessage(
        LFTP,
        "Access failed: Not a directory (%s)",
        # SFtp.cc (Expect::CWD): a stat whose type is not a directory is NO_FILE with
        # strerror(ENOTDIR).
        f"{LFTP_SOURCE}SFtp.cc (Expect::CWD) and FileAccess.cc",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        OPENSSH,
        'Can\'t change directory: "%s" is not a directory',
        f"{OPENSSH_REPO} sftp.c (parse_dispatch_command, I_CHDIR)",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        JSCH,
        "4: Can't change directory: %s",
        # ChannelSftp.java cd (JSch 0.1.54): the stat shows no directory, or no
        # permissions at all, and JSch throws status 4 (failure) with these words.
        f"{JSCH_SOURCE}ChannelSftp.java (cd)",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        PARAMIKO,
        "SFTPError: (20, 'Not a directory: %s')",
        # sftp_client.py chdir: the stat is not a directory; errno.ENOTDIR and its text.
        f"{PARAMIKO_SOURCE}sftp_client.py (chdir)",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        OPENSSH,
        'remote readdir("%s"): Permission denied',
        f'{OPENSSH_REPO} sftp-client.c ("remote readdir(\\"%s\\")"); {SEEN}',
        ("remote_dir.denied", "remote_dir.root_denied"),
    ),
    ClientMessage(
        OPENSSH,
        'remote readdir("/"): Permission denied',
        f"{OPENSSH_REPO} sftp-client.c; {SEEN}",
        ("remote_dir.root_denied",),
    ),
    ClientMessage(
        PUTTY,
        "Fatal: unable to initialise SFTP: could not connect",
        f"PuTTY psftp.c (as bundled in github.com/winscp/winscp source/putty/); {SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        FILEZILLA,
        "Fatal: unable to initialise SFTP on server: could not connect",
        f"fzsftp, FileZilla's engine built on PuTTY's psftp; {SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        PUTTY,
        "Directory %s: permission denied",
        f"PuTTY psftp.c (sftp_cmd_ls); {SEEN}",
        ("remote_dir.denied",),
    ),
    ClientMessage(
        PUTTY,
        "Directory /: permission denied",
        f"PuTTY psftp.c (sftp_cmd_ls); {SEEN}",
        ("remote_dir.root_denied",),
    ),
    ClientMessage(
        WINSCP,
        "Received too large (%d B) SFTP packet. Max supported packet size is %d B.",
        f"{WINSCP_TEXTS} (SFTP_PACKET_TOO_BIG)",
        ("remote_dir.no_sftp",),
        note="A login script prints text; the size's four bytes are that text's first letters.",
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure initializing sftp session: Unable to request SFTP subsystem",
        f"{CURL_REPO} lib/vssh/libssh2.c; {SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        CURL,
        "curl: (9) Could not open directory for reading: Permission denied",
        f"{CURL_REPO} lib/vssh/libssh2.c; {SEEN}",
        ("remote_dir.root_denied", "remote_dir.denied"),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Channel closed.",
        # channel.py _wait_for_event: the channel closed while paramiko waited for the
        # answer to a channel request, here invoke_subsystem("sftp"): refused.
        f"{PARAMIKO_SOURCE}channel.py (_wait_for_event) and sftp_client.py; {SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: EOF during negotiation",
        # sftp_client.py SFTPClient.__init__: the SFTP channel ended before the server's
        # SSH_FXP_VERSION, as SFTP started: no SFTP service, or an expired password, for
        # which OpenSSH's session.c do_child runs do_pwchange instead of the subsystem.
        f"{PARAMIKO_SOURCE}sftp_client.py (SFTPClient.__init__); {OPENSSH_REPO} session.c "
        f"(do_child, do_pwchange)",
        ("remote_dir.no_sftp", "auth.password_expired"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: SSH session not active",
        # transport.py open_session / open_channel: the connection had already ended
        # when SFTP's channel was to be opened, after the login.
        f"{PARAMIKO_SOURCE}transport.py (open_channel)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Timeout opening channel.",
        # transport.py open_channel: no answer to the channel open within its timeout
        # (SSHClient.open_sftp waits channel_timeout, an hour unless set).
        f"{PARAMIKO_SOURCE}transport.py (open_channel)",
        ("remote_dir.timeout",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Unable to open channel.",
        # transport.py open_channel: the server refused the channel, or the connection
        # ended with no error of its own while paramiko waited: after the login.
        f"{PARAMIKO_SOURCE}transport.py (open_channel)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        PARAMIKO,
        "FileNotFoundError: [Errno 2] No such file",
        # sftp_client.py _convert_status maps SSH_FX_NO_SUCH_FILE to ENOENT with the
        # server's text ("No such file" from OpenSSH's sftp-server).
        f"{PARAMIKO_SOURCE}sftp_client.py (_convert_status)",
        ("remote_dir.not_found",),
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
        PUTTY,
        "Directory %s: no such file or directory",
        f"PuTTY psftp.c (sftp_cmd_cd and sftp_cmd_ls); FileZilla's engine prints the same ({SEEN})",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        OPENSSH,
        "Received message too long %u",
        f"{OPENSSH_REPO} sftp-client.c (get_msg_extended): the 'length' is the first four "
        f"letters of text the server's login printed where SFTP data belongs ({SEEN})"
        f"{WINDOWS_SAME}sftp-client.c)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        OPENSSH,
        "Ensure the remote shell produces no output for non-interactive sessions.",
        f"{OPENSSH_REPO} sftp-client.c, after 'Received message too long'; {SEEN}"
        f"{WINDOWS_SAME}sftp-client.c)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        JSCH,
        "java.io.IOException: Pipe closed",
        f"{JSCH_SOURCE}ChannelSftp.java (start: the SFTP channel ended before its first "
        f"answer); {SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        PARAMIKO,
        "SFTPError: Garbage packet received",
        f"{PARAMIKO_SOURCE}sftp.py (_read_packet: text where the SFTP server's first answer "
        f"belongs); {SEEN}",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure initializing sftp session: Timeout waiting for response from SFTP "
        "subsystem",
        f"{CURL_REPO} lib/vssh/libssh2.c and libssh2's sftp.c: no SFTP answer came, as when a "
        f"login shell prints text or refuses SFTP ({SEEN})",
        ("remote_dir.no_sftp", "remote_dir.timeout"),
    ),
    ClientMessage(
        LFTP,
        "%s's password: XXXX)",
        f"{LFTP_SOURCE}SSH_Access.cc, which shows the last line ssh printed, the password "
        f"hidden: the login went through and no SFTP service answered after it ({SEEN})",
        ("remote_dir.no_sftp",),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "The error is typically caused by message printed from startup script (like "
        ".profile). The message may start with %s.",
        f"{WINSCP_TEXTS} (SFTP_PACKET_TOO_BIG_INIT_EXPLAIN), under 'Received too large ... "
        "SFTP packet'",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        WINSCP,
        "No such file or directory.",
        f"{WINSCP_TEXTS} (SFTP_STATUS_NO_SUCH_FILE)",
        ("remote_dir.not_found",),
        whole_line=True,
    ),
    ClientMessage(
        OPENSSH,
        'remote readdir("%s")',
        f'{OPENSSH_REPO} sftp-client.c (sftp_lsreaddir: "remote readdir(\\"%s\\")" and '
        "the server's status); the folder it names tells '/' from another"
        f"{WINDOWS_SAME}sftp-client.c)",
        ("remote_dir.root_denied", "remote_dir.denied"),
        by_operation=True,
    ),
    ClientMessage(
        OPENSSH,
        "stat remote: %s",
        f"{OPENSSH_REPO} sftp-client.c (sftp_stat, for the folder sftp changes to); {SEEN}"
        f"{WINDOWS_SAME}sftp-client.c)",
        ("remote_dir.not_found", "remote_dir.denied"),
    ),
    ClientMessage(
        OPENSSH,
        "Timeout, server %s not responding.",
        f"{OPENSSH_REPO} clientloop.c (server_alive_check, with ServerAliveInterval): after "
        "login, as the SFTP service or an upload waits"
        f"{WINDOWS_SAME}clientloop.c)",
        ("remote_dir.timeout", "upload.timeout"),
        equal=True,
        after=(("upload", ("upload.timeout",)),),
    ),
    ClientMessage(
        POSH_SSH,
        "Subsystem '{0}' could not be executed.",
        f"{SSHNET} SubsystemSession.cs (SshException; {{0}} is sftp)",
        ("remote_dir.no_sftp",),
    ),
    ClientMessage(
        POSH_SSH,
        "Directory {0} does not exist.",
        f"{POSH_SSH_SOURCE}SetSftpFile.cs (SftpPathNotFoundException)",
        ("remote_dir.not_found",),
    ),
    ClientMessage(
        CYBERDUCK,
        "File not found",
        f"{CYBERDUCK_EXCEPTIONS}NotfoundException.java, the alert's title for the SFTP "
        "status 'no such file'",
        ("remote_dir.not_found",),
        whole_line=True,
    ),
)
