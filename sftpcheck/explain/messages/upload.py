"""Messages for a file that cannot be written whole: the upload step's codes.

Data, as the package's docstring says: grouped here by the step of the first code."""

from __future__ import annotations

from sftpcheck.explain.messages.client_message import ClientMessage
from sftpcheck.explain.messages.clients import (
    CURL,
    CYBERDUCK,
    FILEZILLA,
    JSCH,
    LFTP,
    OPENSSH,
    PARAMIKO,
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
    SEEN,
    WINDOWS_SAME,
    WINSCP_TEXTS,
)

# A connection that ended after the login: the step the log shows decides.
_AFTER_LOGIN_BY_STEP: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("upload", ("upload.incomplete",)),
    ("login", ("remote_dir.no_sftp",)),
)

# SSH_FX_FAILURE on an upload: OpenSSH's sftp-server.c (errno_to_portable) sends it, with
# the text "Failure", for every errno it has no status for: a full disk or quota
# (ENOSPC, EDQUOT), and a read-only file system (EROFS) alike.
_UPLOAD_FAILURE = ("upload.incomplete", "upload.denied")
_FAILURE_WHY = f'{OPENSSH_REPO} sftp-server.c (errno_to_portable: SSH2_FX_FAILURE, "Failure")'

MESSAGES = (
    ClientMessage(
        PARAMIKO,
        "OSError: Failure",
        # sftp_client.py _convert_status raises a bare IOError with the server's text
        # for every status but EOF, no such file and permission denied.
        f"{PARAMIKO_SOURCE}sftp_client.py (_convert_status); {_FAILURE_WHY}",
        _UPLOAD_FAILURE,
        equal=True,
        whole_line=True,
    ),
    ClientMessage(
        JSCH,
        "4: Failure",
        # ChannelSftp.java throwStatusError: SftpException(status, the server's text),
        # printed as "4: Failure".
        f"{JSCH_SOURCE}ChannelSftp.java (throwStatusError); {_FAILURE_WHY}",
        _UPLOAD_FAILURE,
        equal=True,
    ),
    ClientMessage(
        LFTP,
        "Access failed: Failure",
        # SFtp.cc SetError(NO_FILE, reply) keeps the server's text; FileAccess.cc
        # StrError puts "Access failed: " before it.
        f"{LFTP_SOURCE}SFtp.cc (SetError) and FileAccess.cc (StrError); {_FAILURE_WHY}",
        _UPLOAD_FAILURE,
        equal=True,
    ),
    ClientMessage(
        CURL,
        "Upload failed: Operation failed (%d/%d)",
        # lib/vssh/libssh2.c (curl 7.88.1): the upload's open refused, with
        # sftp_libssh2_strerror's words for LIBSSH2_FX_FAILURE (4).
        f"{CURL_REPO} lib/vssh/libssh2.c (SSH_SFTP_UPLOAD_INIT, sftp_libssh2_strerror); "
        f"{_FAILURE_WHY}",
        _UPLOAD_FAILURE,
        equal=True,
    ),
    ClientMessage(
        PUTTY,
        "%s: open for write: failure",
        # psftp.c sftp_put_file: "%s: open for write: %s" with fxp_error(), whose text
        # for SSH_FX_FAILURE is "failure" (sftp.c).
        f"PuTTY psftp.c and sftp.c (read at github.com/github/putty); {_FAILURE_WHY}",
        _UPLOAD_FAILURE,
        equal=True,
    ),
    ClientMessage(
        FILEZILLA,
        "%s: open for write: failure",
        f"{FILEZILLA_SOURCE} src/putty/psftp.c (fzsftp), as PuTTY's psftp; {_FAILURE_WHY}",
        _UPLOAD_FAILURE,
        equal=True,
    ),
    ClientMessage(
        OPENSSH,
        'remote open("%s"): Permission denied',
        # OpenSSH's sftp-server.c (process_open, errno_to_portable) answers an open that
        # open(2) refused with EACCES as SSH2_FX_PERMISSION_DENIED, "Permission denied":
        # the same for a folder that may not be written and one the account may not
        # enter, so the words cannot tell upload.denied from remote_dir.denied (the
        # remote_dir step of `check` can). As OPERATION_CODES["upload"] in matching.py.
        f'{OPENSSH_REPO} sftp-client.c ("remote open(\\"%s\\")" and fx2txt in sftp-common.c)',
        ("upload.denied", "remote_dir.denied"),
        equal=True,
    ),
    ClientMessage(
        OPENSSH,
        'write remote "%s": Failure',
        f"{OPENSSH_REPO} sftp-client.c and sftp-common.c",
        ("upload.incomplete", "upload.denied"),
        note="A write that fails part way often means a full disk or quota.",
    ),
    ClientMessage(
        WINSCP,
        "Permission denied.\nError code: 3",
        f"{WINSCP_TEXTS} (SFTP_STATUS_PERMISSION_DENIED, SFTP_ERROR_FORMAT3: the line "
        "after them is 'Error message from server: ...', the server's own words); the "
        "operation it hit decides which refusal it is",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        by_operation=True,
    ),
    ClientMessage(
        WINSCP,
        "General failure (server should provide error description).\nError code: 4",
        f"{WINSCP_TEXTS} (SFTP_STATUS_FAILURE, SFTP_ERROR_FORMAT3)",
        ("upload.incomplete", "upload.denied"),
        note="WinSCP's own hint for code 4 names a full disk or quota.",
    ),
    ClientMessage(
        WINSCP,
        "Cannot create remote file '%s'.",
        f"{WINSCP_TEXTS} (SFTP_CREATE_FILE_ERROR)",
        ("upload.denied",),
    ),
    ClientMessage(
        WINSCP,
        "Cannot overwrite remote file '%s'.",
        f"{WINSCP_TEXTS} (SFTP_OVERWRITE_FILE_ERROR2)",
        ("upload.denied", "upload.exists"),
    ),
    ClientMessage(
        WINSCP,
        "Transfer was successfully finished, but temporary transfer file '%s' could not be "
        "renamed to target file name '%s'.",
        f"{WINSCP_TEXTS} (RENAME_AFTER_RESUME_ERROR)",
        ("upload.rename_denied",),
        note="The file is on the server under its temporary .filepart name, not its own.",
    ),
    ClientMessage(
        WINSCP,
        "Error deleting file '%s'. After resumable file upload the existing destination file "
        "must be deleted.",
        f"{WINSCP_TEXTS} (DELETE_ON_RESUME_ERROR)",
        ("upload.rename_denied", "upload.exists"),
        note="Yesterday's file is still there and the account may not delete it.",
    ),
    ClientMessage(
        FILEZILLA,
        "%s: open for write: permission denied",
        # OpenSSH's sftp-server.c (process_open, errno_to_portable) answers an open that
        # open(2) refused with EACCES as SSH2_FX_PERMISSION_DENIED, "Permission denied":
        # the same for a folder that may not be written and one the account may not
        # enter, so the words cannot tell upload.denied from remote_dir.denied (the
        # remote_dir step of `check` can). As OPERATION_CODES["upload"] in matching.py.
        f"{FILEZILLA_SOURCE} src/putty/psftp.c (fzsftp) and src/putty/sftp.c",
        ("upload.denied", "remote_dir.denied"),
        equal=True,
    ),
    ClientMessage(
        CYBERDUCK,
        "Insufficient disk space",
        f"{CYBERDUCK_EXCEPTIONS}QuotaException.java",
        ("upload.incomplete", "upload.denied"),
    ),
    ClientMessage(
        JSCH,
        "3: Permission denied",
        f"{JSCH_SOURCE}SftpException.java (prints the status number, 3, then the server's text)",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        by_operation=True,
    ),
    ClientMessage(
        CURL,
        "Upload failed: Permission denied (%d/%d)",
        f"{CURL_REPO} lib/vssh/libssh2.c; the same for a read-only folder and a folder the "
        f"account may not open ({SEEN})",
        ("upload.denied", "remote_dir.denied"),
        equal=True,
    ),
    ClientMessage(
        LFTP,
        "Access failed: Permission denied",
        f"{LFTP_SOURCE}FileAccess.cc and SFtp.cc",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        by_operation=True,
    ),
    ClientMessage(
        OPENSSH,
        'dest open "%s": Permission denied',
        # OpenSSH's sftp-server.c (process_open, errno_to_portable) answers an open that
        # open(2) refused with EACCES as SSH2_FX_PERMISSION_DENIED, "Permission denied":
        # the same for a folder that may not be written and one the account may not
        # enter, so the words cannot tell upload.denied from remote_dir.denied (the
        # remote_dir step of `check` can). As OPERATION_CODES["upload"] in matching.py.
        f'{OPENSSH_REPO} sftp-client.c ("dest open \\"%s\\": %s"); {SEEN}',
        ("upload.denied", "remote_dir.denied"),
        equal=True,
    ),
    ClientMessage(
        PUTTY,
        "%s: open for write: permission denied",
        # OpenSSH's sftp-server.c (process_open, errno_to_portable) answers an open that
        # open(2) refused with EACCES as SSH2_FX_PERMISSION_DENIED, "Permission denied":
        # the same for a folder that may not be written and one the account may not
        # enter, so the words cannot tell upload.denied from remote_dir.denied (the
        # remote_dir step of `check` can). As OPERATION_CODES["upload"] in matching.py.
        f'PuTTY psftp.c (sftp_put_file: "%s: open for write: %s", the server\'s '
        f"status text); {SEEN}",
        ("upload.denied", "remote_dir.denied"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "PermissionError: [Errno 13] Permission denied",
        f"{PARAMIKO_SOURCE}sftp_client.py (_convert_status); {SEEN}",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        by_operation=True,
    ),
    ClientMessage(
        WINSCP,
        "Error message from server%s: No space left on device",
        f"{WINSCP_TEXTS}; the server's text is strerror(ENOSPC), as servers such as ProFTPD "
        "mod_sftp send it with status 4",
        ("upload.incomplete", "upload.denied"),
        note="The vendor's disk or the account's quota is full.",
    ),
    ClientMessage(
        WINSCP,
        "Error code: 14",
        f"{WINSCP_TEXTS} ('Error code: %d') and draft-ietf-secsh-filexfer-13 section 9.1 "
        "(SSH_FX_NO_SPACE_ON_FILESYSTEM)",
        ("upload.incomplete", "upload.denied"),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "Error code: 15",
        f"{WINSCP_TEXTS} and draft-ietf-secsh-filexfer-13 section 9.1 (SSH_FX_QUOTA_EXCEEDED)",
        ("upload.incomplete", "upload.denied"),
        whole_line=True,
    ),
    ClientMessage(
        CURL,
        "curl: (79) Error in the SSH layer",
        f"{CURL_REPO} lib/strerror.c (CURLE_SSH) and lib/vssh/libssh2.c, which gives it for an "
        f"SFTP status it has no other word for: the generic failure a server sends when its "
        f"disk is full ({SEEN})",
        # curl 7.88.1 lib/vssh/libssh2.c libssh2_session_error_to_CURLE makes CURLE_SSH of
        # every libssh2 error it has no other code for, with no words of its own: in
        # sftp_send, a write the server refused (LIBSSH2_ERROR_SFTP_PROTOCOL: a full disk,
        # a refusal) or a connection cut (SOCKET_DISCONNECT, SOCKET_RECV); in SSH_AUTHLIST,
        # the connection lost as the login began. The key exchange has words of its own
        # ("Failure establishing ssh session").
        ("upload.incomplete", "upload.denied", "auth.dropped"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (55) Failed sending data to the peer",
        # curl 7.88.1 lib/vssh/libssh2.c libssh2_session_error_to_CURLE: a libssh2 send
        # error (LIBSSH2_ERROR_SOCKET_SEND) where curl has no words of its own: in
        # sftp_send, the upload cut; in SSH_AUTHLIST, the connection lost as the login
        # began.
        f"{CURL_REPO} lib/strerror.c (CURLE_SEND_ERROR) and lib/vssh/libssh2.c "
        f"(libssh2_session_error_to_CURLE)",
        ("upload.incomplete", "auth.dropped"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (70) Disk full or allocation exceeded",
        f"{CURL_REPO} lib/strerror.c (CURLE_REMOTE_DISK_FULL), for the SFTP statuses 'no space' "
        "and 'quota exceeded'",
        ("upload.incomplete",),
    ),
    ClientMessage(
        FILEZILLA,
        "error while writing: received failure with description '%s'",
        f"fzsftp, FileZilla's engine (sftp_put_file and the server's status text); {SEEN}",
        ("upload.incomplete", "upload.denied"),
        note="A write that fails part way often means a full disk or quota.",
    ),
    ClientMessage(
        FILEZILLA,
        "File transfer failed",
        f"{FILEZILLA_SOURCE} src/engine/ (the transfer's summary line, after its real error); "
        f"the same for a file refused, cut off, stalled or on a full disk ({SEEN})",
        ("upload.denied", "upload.incomplete", "upload.timeout"),
        equal=True,
        generic=True,
    ),
    ClientMessage(
        PARAMIKO,
        "OSError: size mismatch in put!  %d != %d",
        f"{PARAMIKO_SOURCE}sftp_client.py (putfo compares the size the server reports with the "
        f"size sent); {SEEN}",
        ("upload.incomplete",),
    ),
    ClientMessage(
        JSCH,
        "4: java.net.SocketException: %s",
        f"{JSCH_SOURCE}ChannelSftp.java (status 4, failure, around the Java socket error "
        f"that cut the transfer); {SEEN}",
        ("upload.incomplete",),
    ),
    ClientMessage(
        OPENSSH,
        "client_loop: send disconnect: Broken pipe",
        f"{OPENSSH_REPO} clientloop.c: the connection broke after login, while the session ran "
        f"({SEEN})",
        # clientloop.c client_loop (9.2p1) sends its DISCONNECT as the session ends and
        # stops with "send disconnect" when the server has gone: the same whether SFTP
        # never started (sshd refused the session: a chroot it will not enter, no SFTP
        # subsystem) or the connection broke during a transfer.
        ("upload.incomplete", "remote_dir.no_sftp"),
        equal=True,
        after=_AFTER_LOGIN_BY_STEP,
        note="If it broke during an upload, the file on the server is not whole.",
    ),
    ClientMessage(
        OPENSSH,
        "Connection to %s closed by remote host.",
        # clientloop.c client_process_net_input: the server closed the connection while
        # the session ran, so after the login; before it, packet.c prints "Connection
        # closed by %s port %d" instead. Right after login (a server that drops SFTP
        # sessions) or during the transfer alike.
        f"{OPENSSH_REPO} clientloop.c (client_process_net_input)",
        ("upload.incomplete", "remote_dir.no_sftp"),
        equal=True,
        after=_AFTER_LOGIN_BY_STEP,
    ),
    ClientMessage(
        OPENSSH,
        "Read from remote host %s: %s",
        # clientloop.c client_process_net_input: any other read error while the session
        # ran (a reset, a timeout of the network): after the login only.
        f"{OPENSSH_REPO} clientloop.c (client_process_net_input)",
        ("upload.incomplete", "remote_dir.no_sftp"),
        equal=True,
        after=_AFTER_LOGIN_BY_STEP,
    ),
    ClientMessage(
        OPENSSH,
        "Couldn't send packet: %s",
        # sftp-client.c send_msg: sftp could not write to its ssh, which had ended: the
        # connection was gone after the login, as sftp opened or sent a request.
        f"{OPENSSH_REPO} sftp-client.c (send_msg)",
        ("upload.incomplete", "remote_dir.no_sftp"),
        equal=True,
        after=_AFTER_LOGIN_BY_STEP,
    ),
    ClientMessage(
        PARAMIKO,
        "OSError: Socket is closed",
        # channel.py _send: a write on a channel that has closed (the connection gone)
        # after SFTP began: a request, or the data of an upload.
        f"{PARAMIKO_SOURCE}channel.py (_send)",
        ("upload.incomplete", "remote_dir.no_sftp"),
        equal=True,
        after=_AFTER_LOGIN_BY_STEP,
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Server connection dropped: %s",
        # sftp_client.py _read_response: the SFTP channel ended while paramiko waited
        # for a reply, after SFTP had started: a listing, a change of folder, an upload.
        f"{PARAMIKO_SOURCE}sftp_client.py (_read_response)",
        ("upload.incomplete", "remote_dir.no_sftp"),
        equal=True,
        after=_AFTER_LOGIN_BY_STEP,
    ),
    ClientMessage(
        OPENSSH,
        "sftp> put %s",
        f"{OPENSSH_REPO} sftp.c (batch mode echoes each command). The last line of a log "
        f"stopped while it waited: the server stopped answering during the upload ({SEEN})",
        ("upload.timeout", "upload.incomplete"),
        whole_line=True,
    ),
    ClientMessage(
        PUTTY,
        "local:%s => remote:%s",
        f"PuTTY psftp.c (sftp_put_file, before the transfer). The last line of a log: the "
        f"transfer began and did not finish ({SEEN})",
        ("upload.incomplete", "upload.timeout"),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "Error code: %d\nError message from server%s: %s",
        f"{WINSCP_TEXTS} (SFTP_ERROR_FORMAT3, the end of every SFTP error WinSCP shows; "
        "the line above it names the status): alone it fits every refusal and failure",
        (
            "upload.denied",
            "remote_dir.denied",
            "remote_dir.root_denied",
            "setstat.unsupported",
            "upload.incomplete",
            "remote_dir.not_found",
        ),
        equal=True,
        generic=True,
    ),
    ClientMessage(
        WINSCP,
        "Permission denied.",
        f"{WINSCP_TEXTS} (SFTP_STATUS_PERMISSION_DENIED); the operation it hit decides which "
        "refusal it is",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        whole_line=True,
        by_operation=True,
    ),
    ClientMessage(
        WINSCP,
        "General failure (server should provide error description).",
        f"{WINSCP_TEXTS} (SFTP_STATUS_FAILURE)",
        ("upload.incomplete", "upload.denied"),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "Common reasons for the Error code 4 are:\n"
        "- Renaming a file to a name of already existing file.\n"
        "- Creating a directory that already exists.\n"
        "- Moving a remote file to a different filesystem (HDD).\n"
        "- Uploading a file to a full filesystem (HDD).\n"
        "- Exceeding a user disk quota.",
        f"{WINSCP_TEXTS} (SFTP_STATUS_4), under every 'General failure'",
        ("upload.incomplete", "upload.denied"),
    ),
    ClientMessage(
        WINSCP,
        "Copying files to remote side failed.",
        f"{WINSCP_TEXTS} (TOREMOTE_COPY_ERROR), over an upload's error: a full disk or a "
        "cut connection",
        ("upload.incomplete",),
    ),
    ClientMessage(
        OPENSSH,
        'write remote "%s": %s',
        f'{OPENSSH_REPO} sftp-client.c (sftp_upload: "write remote \\"%s\\": %s")'
        f"{WINDOWS_SAME}sftp-client.c)",
        ("upload.incomplete", "upload.denied"),
    ),
    ClientMessage(
        CYBERDUCK,
        "Access denied",
        f"{CYBERDUCK_EXCEPTIONS}AccessDeniedException.java, the alert's title for the SFTP "
        "status 'permission denied'; the operation it hit decides which refusal it is",
        ("upload.denied", "remote_dir.denied", "remote_dir.root_denied", "setstat.unsupported"),
        whole_line=True,
        by_operation=True,
    ),
    ClientMessage(
        CYBERDUCK,
        "Interoperability failure",
        f"{CYBERDUCK_EXCEPTIONS}InteroperabilityException.java, the alert's title for the SFTP "
        "status 'failure' (a full disk on OpenSSH) and for other replies Cyberduck does not "
        "expect",
        ("upload.incomplete", "remote_dir.no_sftp", "protocol.old_ssh"),
        whole_line=True,
        equal=True,
    ),
)
