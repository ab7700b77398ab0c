"""Messages for a login that fails: the auth step's codes.

Data, as the package's docstring says: grouped here by the step of the first code."""

from __future__ import annotations

from sftpcheck.explain.messages.client_message import ClientMessage
from sftpcheck.explain.messages.clients import (
    CURL,
    CYBERDUCK,
    FILEZILLA,
    JSCH,
    LFTP,
    LINUX_PAM,
    OPENSSH,
    PARAMIKO,
    POSH_SSH,
    PUTTY,
    SSHJ,
    WINSCP,
)
from sftpcheck.explain.messages.sources import (
    CURL_REPO,
    CYBERDUCK_EXCEPTIONS,
    FILEZILLA_SOURCE,
    JSCH_SOURCE,
    LFTP_SOURCE,
    LINUX_PAM_REPO,
    OPENSSH_REPO,
    PARAMIKO_SOURCE,
    PUTTY_SSH,
    SEEN,
    SSHJ_SOURCE,
    SSHNET,
    WINDOWS_SAME,
    WINSCP_TEXTS,
)

_CHANGE_IT_BY_HAND = (
    "The password works but must be changed first: log in once by hand and set a new one, or "
    "ask the vendor to reset it."
)


MESSAGES = (
    ClientMessage(
        OPENSSH,
        "%s@%s: Permission denied (%s).",
        f"{OPENSSH_REPO} sshconnect2.c{WINDOWS_SAME}sshconnect2.c)",
        ("auth.rejected", "auth.method_not_offered", "auth.key_unusable"),
        equal=True,
        note="The list in brackets is what the server accepts, such as (publickey,password).",
    ),
    ClientMessage(
        OPENSSH,
        "%s@%s: Permission denied (publickey).",
        f"{OPENSSH_REPO} sshconnect2.c; the same for a password given to an account that "
        f"takes keys only and for a key file ssh could not use ({SEEN})",
        ("auth.method_not_offered", "auth.key_unusable", "auth.rejected"),
        equal=True,
        note="The server takes keys only; a password is never tried.",
    ),
    ClientMessage(
        OPENSSH,
        "Permission denied, please try again.",
        f"{OPENSSH_REPO} sshconnect2.c{WINDOWS_SAME}sshconnect2.c)",
        ("auth.rejected",),
    ),
    ClientMessage(
        OPENSSH,
        "Received disconnect from %s port %d:2: Too many authentication failures",
        f'{OPENSSH_REPO} packet.c ("Received disconnect from %s port %d:%u: %.400s") and auth.c',
        ("auth.rejected", "auth.throttled"),
        note="Often the client offered many keys from an agent before the right one.",
    ),
    ClientMessage(
        PUTTY,
        "Server requested password change",
        f"{PUTTY_SSH}userauth2-client.c (SSH2_MSG_USERAUTH_PASSWD_CHANGEREQ); WinSCP, which "
        "bundles it, writes the same line to its log",
        ("auth.password_expired",),
        note=_CHANGE_IT_BY_HAND,
    ),
    ClientMessage(
        PUTTY,
        "Current password (blank for previously entered password):",
        f"{PUTTY_SSH}userauth2-client.c, the first prompt after 'Server requested password "
        "change', before 'Enter new password:' and 'Confirm new password:'",
        ("auth.password_expired",),
    ),
    ClientMessage(
        PUTTY,
        "No supported authentication methods available (server sent: %s)",
        f"{PUTTY_SSH} userauth2-client.c",
        ("auth.method_not_offered", "auth.key_unusable"),
        equal=True,
        note="Also when PuTTY could not use the key file it was given: it says so above.",
    ),
    ClientMessage(
        PUTTY,
        "Server refused our key",
        f"{PUTTY_SSH} userauth2-client.c",
        ("auth.rejected", "auth.method_not_offered"),
    ),
    ClientMessage(
        PUTTY,
        "Access denied",
        f"{PUTTY_SSH} userauth2-client.c"
        f"; WinSCP's translation of it is the same ({WINSCP_TEXTS}, AUTH_TRANSL_ACCESS_DENIED)",
        ("auth.rejected",),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "Confirm new password:",
        f"{WINSCP_TEXTS} (NEW_PASSWORD_CONFIRM_PROMPT), in its 'New password' dialog after "
        "'Current password:' and 'New password:'",
        ("auth.password_expired",),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "Authentication failed.",
        f"{WINSCP_TEXTS} (AUTHENTICATION_FAILED), WinSCP's last line for every login that "
        "fails, a key file it cannot use among them",
        ("auth.rejected", "auth.method_not_offered", "auth.partial", "auth.key_unusable"),
        whole_line=True,
        equal=True,
    ),
    ClientMessage(
        FILEZILLA,
        "Authentication failed.",
        f"{FILEZILLA_SOURCE} src/engine/sftp/sftpcontrolsocket.cpp; the last line for a wrong "
        f"password and for a second factor alike ({SEEN})",
        ("auth.rejected", "auth.method_not_offered", "auth.partial", "auth.key_unusable"),
        whole_line=True,
        equal=True,
    ),
    ClientMessage(
        CYBERDUCK,
        "Login failed",
        f"{CYBERDUCK_EXCEPTIONS}LoginFailureException.java, the alert's title for every "
        "login that fails",
        ("auth.rejected", "auth.method_not_offered", "auth.partial", "auth.key_unusable"),
        whole_line=True,
        equal=True,
    ),
    ClientMessage(
        POSH_SSH,
        "Permission denied ({0}).",
        f"{SSHNET} ClientAuthentication.cs (SshAuthenticationException); PowerShell puts the "
        "command's name before it ('New-SFTPSession : ...'). A whole line: OpenSSH's "
        "'user@host: Permission denied (...).' is another client's. The brackets name the "
        "method refused",
        ("auth.rejected", "auth.method_not_offered", "auth.key_unusable"),
        whole_line=True,
        equal=True,
    ),
    ClientMessage(
        POSH_SSH,
        "No suitable authentication method found to complete authentication (%s).",
        f"{SSHNET} ClientAuthentication.cs: no method left that it was given the means for, "
        "whether the server wants another kind or a second step",
        ("auth.method_not_offered", "auth.partial"),
        equal=True,
    ),
    ClientMessage(
        JSCH,
        "Auth fail",
        "JCraft JSch 0.1.x Session.java (github.com/mwiede/jsch, first commit 635c0bcf); the "
        f"same when the server never answers the password, as JSch's timer ends the login "
        f"({SEEN})",
        # Session.java connect: every login method tried and none succeeded, or an
        # exception in a method after "none" (a read timeout, the connection closed)
        # caught as "an exception during authentication" and ended the same way.
        # UserAuthPassword.java also gives up (returns false) with no password and no
        # UserInfo to ask, and on the server's password-change request
        # (SSH_MSG_USERAUTH_PASSWD_CHANGEREQ) when no UIKeyboardInteractive can answer it.
        (
            "auth.rejected",
            "auth.method_not_offered",
            "auth.partial",
            "auth.timeout",
            "auth.dropped",
            "auth.password_expired",
            "auth.no_credentials",
        ),
        equal=True,
        note="Printed as com.jcraft.jsch.JSchException: Auth fail.",
    ),
    ClientMessage(
        JSCH,
        "Auth fail for methods '%s'",
        f"{JSCH_SOURCE}Session.java",
        ("auth.rejected", "auth.method_not_offered"),
    ),
    ClientMessage(
        SSHJ,
        "Exhausted available authentication methods",
        f"{SSHJ_SOURCE}SSHClient.java (UserAuthException)",
        ("auth.rejected", "auth.method_not_offered"),
    ),
    ClientMessage(
        CURL,
        "curl: (67) Login denied",
        f"{CURL_REPO} lib/strerror.c (CURLE_LOGIN_DENIED) and src/tool_operate.c",
        # curl 7.88.1 lib/vssh/libssh2.c (SSH_AUTH_DONE) fails so once every method it
        # tried failed; libssh2 1.10.0 src/userauth.c ends the password method with the
        # error LIBSSH2_ERROR_PASSWORD_EXPIRED, whose text is "Password Expired, and no
        # callback specified", when the server asks for a new password: curl gives none.
        (
            "auth.rejected",
            "auth.method_not_offered",
            "auth.partial",
            "auth.key_unusable",
            "auth.password_expired",
        ),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (67) Authentication failure",
        f"{CURL_REPO} lib/vssh/libssh2.c; the same for a wrong password, a server that takes "
        f"keys only, a second step, and a key file libssh2 cannot read ({SEEN})",
        # curl 7.88.1 lib/vssh/libssh2.c (SSH_AUTH_DONE) fails so once every method it
        # tried failed; libssh2 1.10.0 src/userauth.c ends the password method with the
        # error LIBSSH2_ERROR_PASSWORD_EXPIRED, whose text is "Password Expired, and no
        # callback specified", when the server asks for a new password: curl gives none.
        (
            "auth.rejected",
            "auth.method_not_offered",
            "auth.partial",
            "auth.key_unusable",
            "auth.password_expired",
        ),
        equal=True,
    ),
    ClientMessage(
        LFTP,
        "Login failed: Login incorrect",
        # SSH_Access.cc HandleSSHMessage says it when ssh shows a second prompt that ends
        # in ':' and holds "password" after lftp sent the password once: ssh asking
        # again after a wrong one, and an expired password alike, whose change ssh asks
        # for as "Enter %s@%s's old password: " (OpenSSH sshconnect2.c
        # input_userauth_passwd_changereq) or PAM as "Current password:".
        f"{LFTP_SOURCE}SSH_Access.cc (HandleSSHMessage) and FileAccess.cc",
        ("auth.rejected", "auth.password_expired"),
        equal=True,
    ),
    ClientMessage(
        LFTP,
        "Login failed: Password required",
        # SSH_Access.cc HandleSSHMessage: ssh asked for a password and lftp was given
        # none, so the login was never tried with one.
        f"{LFTP_SOURCE}SSH_Access.cc (HandleSSHMessage) and FileAccess.cc",
        ("auth.no_credentials",),
    ),
    ClientMessage(
        OPENSSH,
        "%s@%s: Permission denied (password).",
        f'{OPENSSH_REPO} sshconnect2.c ("Permission denied (%s).", the methods the server '
        "still takes): a server that takes passwords only says it after a wrong one; after a "
        f"key it accepted, a server that wants the password too ({SEEN})",
        ("auth.rejected", "auth.partial"),
        note='Most often a wrong password. With ssh -v, \'Authenticated using "publickey" '
        "with partial success' above it means the server wants the password as a second step.",
    ),
    ClientMessage(
        OPENSSH,
        'Authenticated using "publickey" with partial success.',
        f"{OPENSSH_REPO} sshconnect2.c (debug1 line); {SEEN}",
        ("auth.partial",),
        in_debug=True,
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Configured password was not accepted",
        f"{PUTTY_SSH} (userauth2-client.c); {SEEN}",
        ("auth.rejected",),
    ),
    ClientMessage(
        PUTTY,
        "Further authentication required",
        f"{PUTTY_SSH} (userauth2-client.c, after a partial success); {SEEN}",
        ("auth.partial",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Cannot answer interactive prompts in batch mode",
        # Every prompt that -pw does not answer ends here in batch mode. PuTTY's
        # cmdline.c (cmdline_get_passwd_input, read at github.com/github/putty) answers
        # one prompt, once, and only a lone prompt that does not echo: a second step
        # after the password or key, a password asked for when none was given (or
        # after the key was refused), and the prompts of an expired password's change
        # all reach the console, which refuses them.
        f"{PUTTY_SSH} (console.c); {SEEN}",
        ("auth.partial", "auth.no_credentials", "auth.password_expired", "auth.method_not_offered"),
        equal=True,
    ),
    ClientMessage(
        FILEZILLA,
        "Server sent an additional login prompt. You need to use the interactive login type.",
        # sftpcontrolsocket.cpp (the interactive-login event): with the normal logon type
        # FileZilla answers each prompt with the password; a later prompt that differs
        # from the last ends here (the same prompt again is "Authentication failed."): a
        # second step such as a one-time code, or the "Current password:" / "New
        # password:" of an expired password's change.
        f"{FILEZILLA_SOURCE} src/engine/sftp/sftpcontrolsocket.cpp",
        ("auth.partial", "auth.password_expired"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "paramiko.ssh_exception.AuthenticationException: Authentication failed.",
        f"{PARAMIKO_SOURCE}auth_handler.py; {SEEN}",
        ("auth.rejected",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: No authentication methods available",
        # client.py _auth: no password, no key file, no agent key and no key found on
        # disk, so nothing was tried.
        f"{PARAMIKO_SOURCE}client.py (_auth)",
        ("auth.no_credentials",),
    ),
    ClientMessage(
        PARAMIKO,
        "PasswordRequiredException: Private key file is encrypted",
        # pkey.py: the key file needs its passphrase and none was given.
        f"{PARAMIKO_SOURCE}pkey.py",
        ("auth.key_unusable",),
    ),
    ClientMessage(
        PARAMIKO,
        "AuthenticationException: Authentication failed: transport shut down or saw EOF",
        # auth_handler.py wait_for_response: the connection ended while paramiko waited
        # for the answer to a login request, with no exception of its own (a server's
        # DISCONNECT, "Too many authentication failures" among them, is only logged:
        # transport.py _parse_disconnect), or with a bare EOFError. Only the login step.
        f"{PARAMIKO_SOURCE}auth_handler.py (wait_for_response)",
        ("auth.dropped",),
    ),
    ClientMessage(
        PARAMIKO,
        "BadAuthenticationType: Bad authentication type; allowed types: ['publickey']",
        f"{PARAMIKO_SOURCE}ssh_exception.py; {SEEN}",
        ("auth.method_not_offered",),
    ),
    ClientMessage(
        PARAMIKO,
        "BadAuthenticationType: Bad authentication type; allowed types: ['password']",
        f"{PARAMIKO_SOURCE}ssh_exception.py; {SEEN}",
        ("auth.partial", "auth.method_not_offered"),
        equal=True,
    ),
    ClientMessage(
        OPENSSH,
        "Password change required but no TTY available.",
        f"{OPENSSH_REPO} session.c (do_pwchange): the server's words after 'WARNING: Your "
        "password has expired.', in a session with no terminal (sftp, scp, a script)",
        ("auth.password_expired",),
        note=_CHANGE_IT_BY_HAND,
    ),
    ClientMessage(
        OPENSSH,
        "WARNING: Your password has expired.",
        f"{OPENSSH_REPO} session.c (do_pwchange), the server's words",
        ("auth.password_expired",),
        note=_CHANGE_IT_BY_HAND,
    ),
    ClientMessage(
        OPENSSH,
        "You must change your password now and login again!",
        f"{OPENSSH_REPO} session.c (do_pwchange), in a session with a terminal",
        ("auth.password_expired",),
    ),
    ClientMessage(
        LINUX_PAM,
        "You are required to change your password immediately (%s)",
        f"{LINUX_PAM_REPO} modules/pam_unix/pam_unix_acct.c; the brackets say why: 'administrator "
        "enforced' (Debian, after chage -d 0), 'root enforced', 'password aged'",
        ("auth.password_expired",),
        note=_CHANGE_IT_BY_HAND,
    ),
    ClientMessage(
        LINUX_PAM,
        "Changing password for %s.",
        f"{LINUX_PAM_REPO} modules/pam_unix/pam_unix_passwd.c, before 'Current password:'",
        ("auth.password_expired",),
    ),
    ClientMessage(
        LINUX_PAM,
        "Current password:",
        f"{LINUX_PAM_REPO} modules/pam_unix/pam_unix_passwd.c, the first question of a "
        "password change",
        ("auth.password_expired",),
        whole_line=True,
    ),
    ClientMessage(
        LINUX_PAM,
        "Retype new %s%spassword:",
        f"{LINUX_PAM_REPO} libpam/pam_get_authtok.c; the gap names the service (older pam_unix: "
        "'Retype new UNIX password:')",
        ("auth.password_expired",),
        whole_line=True,
    ),
    ClientMessage(
        JSCH,
        "Auth cancel",
        f"{JSCH_SOURCE}Session.java: the server asked a question (keyboard-interactive, as "
        f"for a one-time code) that the program has no answer for ({SEEN})",
        # UserAuthKeyboardInteractive.java answers only one prompt holding "password:",
        # once, with the password it was given; any other prompt (a one-time code, the
        # "Current password:" of an expired password's change), or that prompt with no
        # password given and no UserInfo, is cancelled: JSchAuthCancelException, which
        # Session.java turns into "Auth cancel".
        ("auth.partial", "auth.password_expired", "auth.no_credentials", "auth.method_not_offered"),
        equal=True,
    ),
    ClientMessage(
        PARAMIKO,
        "AuthenticationException: Authentication timeout.",
        f"{PARAMIKO_SOURCE}auth_handler.py (wait_for_response); {SEEN}",
        ("auth.timeout",),
    ),
    ClientMessage(
        PARAMIKO,
        "BadAuthenticationType: Bad authentication type; allowed types: ['keyboard-interactive']",
        f"{PARAMIKO_SOURCE}ssh_exception.py: the server asks questions (a one-time code) "
        f"instead of taking the password ({SEEN})",
        ("auth.partial", "auth.method_not_offered"),
    ),
    ClientMessage(
        OPENSSH,
        "Next authentication method: keyboard-interactive",
        f"{OPENSSH_REPO} sshconnect2.c (debug1 line). The last line of a log stopped while "
        f"it waited: the server asked a question, such as a one-time code, that a script "
        f"cannot answer ({SEEN})",
        ("auth.partial", "auth.method_not_offered"),
    ),
    ClientMessage(
        OPENSSH,
        'Load key "%s": invalid format',
        f'{OPENSSH_REPO} sshconnect2.c (load_identity_file: "Load key \\"%s\\"" and '
        "ssherr.c's SSH_ERR_INVALID_FORMAT): a .ppk or other key ssh cannot read",
        ("auth.key_unusable",),
    ),
    ClientMessage(
        OPENSSH,
        'Load key "%s": bad permissions',
        f"{OPENSSH_REPO} sshconnect2.c and authfile.c (sshkey_perm_ok); {SEEN}",
        ("auth.key_unusable",),
        note="Other users may read the key file, so ssh ignores it: chmod 600 the file.",
    ),
    ClientMessage(
        OPENSSH,
        "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @",
        f"{OPENSSH_REPO} authfile.c (sshkey_perm_ok); {SEEN}{WINDOWS_SAME}authfile.c)",
        ("auth.key_unusable",),
    ),
    ClientMessage(
        PUTTY,
        'Unable to use key file "%s" (%s)',
        f"{PUTTY_SSH} userauth2-client.c (the brackets name the key's format, such as "
        f"'OpenSSH SSH-2 private key (new format)'); {SEEN}",
        ("auth.key_unusable",),
    ),
    ClientMessage(
        JSCH,
        "invalid privatekey: %s",
        f"{JSCH_SOURCE}KeyPair.java (JSch 0.1.x; the bytes' Java name follows, as [B@5ef60048); "
        f"{SEEN}",
        ("auth.key_unusable",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: not a valid %s private key file",
        f"{PARAMIKO_SOURCE}pkey.py (_read_private_key); {SEEN}",
        ("auth.key_unusable",),
    ),
    ClientMessage(
        WINSCP,
        "Private key file '%s' contains key in %s format. WinSCP supports only PuTTY format.",
        f"{WINSCP_TEXTS} (KEY_TYPE_UNSUPPORTED2)",
        ("auth.key_unusable",),
        note="WinSCP's own PuTTYgen converts an OpenSSH key to a .ppk file.",
    ),
    ClientMessage(
        WINSCP,
        "Do you want to convert %s private key to PuTTY format?",
        f"{WINSCP_TEXTS} (KEY_TYPE_CONVERT4), what WinSCP's dialogs offer for such a key",
        ("auth.key_unusable",),
    ),
    ClientMessage(
        WINSCP,
        "File '%s' does not contain private key in known format.",
        f"{WINSCP_TEXTS} (KEY_TYPE_UNKNOWN2), as for a .pub file given as the key",
        ("auth.key_unusable",),
    ),
    ClientMessage(
        POSH_SSH,
        "Invalid private key file.",
        f"{SSHNET} PrivateKeyFile.cs (SshException): no key header it knows, as in a .pub file",
        ("auth.key_unusable",),
    ),
)
