"""Words a client prints at several steps are listed as equals; words that pin a step name it.

Each case is a message as the client's own source writes it (the comment beside its
entry in sftpcheck/explain/messages/ cites where), not a recorded run: these rules must
hold for failures the harness never staged.
"""

from __future__ import annotations

import pytest

from tests.explain.helpers import run_explain

WAITS = {
    "protocol.no_banner",
    "protocol.ftp",
    "ssh.handshake_failed",
    "auth.timeout",
    "remote_dir.timeout",
    "upload.timeout",
}

# (the text a user pastes, the causes it must list as equals first)
SEVERAL_STEPS = {
    # paramiko packet.py write_all/read_all and transport.py open_channel: a bare
    # EOFError at the version line, the key exchange, opening SFTP and mid-upload.
    "paramiko-bare-eof": (
        "EOFError",
        {
            "protocol.closed",
            "ssh.interrupted",
            "ssh.handshake_failed",
            "remote_dir.no_sftp",
            "upload.incomplete",
        },
    ),
    # paramiko transport.py run: a socket error kept and raised again where paramiko
    # waits (the key exchange, the login, opening SFTP), or from sock.connect.
    "paramiko-reset": (
        "ConnectionResetError: [Errno 104] Connection reset by peer",
        {"ssh.interrupted", "auth.dropped", "remote_dir.no_sftp", "protocol.closed"},
    ),
    # paramiko transport.py start_client: the server ended the key exchange (DISCONNECT).
    "paramiko-negotiation-failed": (
        "paramiko.ssh_exception.SSHException: Negotiation failed.",
        {"ssh.no_common_algorithm", "ssh.interrupted"},
    ),
    # paramiko channel.py _send: a write on a closed channel, after SFTP began.
    "paramiko-socket-closed": (
        "OSError: Socket is closed",
        {"upload.incomplete", "remote_dir.no_sftp"},
    ),
    # paramiko client.py connect: refused and "no route to host" in one error, no errno.
    "paramiko-no-valid-connections": (
        "paramiko.ssh_exception.NoValidConnectionsError: [Errno None] Unable to connect to "
        "port 22 on 203.0.113.7",
        {"tcp.refused", "tcp.unreachable"},
    ),
    # JSch Session.java connect: the read timeout holds from the version line to the
    # first login request.
    "jsch-read-timed-out": (
        "com.jcraft.jsch.JSchException: Session.connect: java.net.SocketTimeoutException: "
        "Read timed out",
        {"protocol.no_banner", "protocol.ftp", "ssh.handshake_failed", "auth.timeout"},
    ),
    "jsch-connection-reset": (
        "com.jcraft.jsch.JSchException: Session.connect: java.net.SocketException: "
        "Connection reset",
        {"protocol.closed", "protocol.not_ssh", "ssh.interrupted", "auth.dropped"},
    ),
    # JSch IO.java: a packet read, so after the server's version line.
    "jsch-end-of-stream": (
        "com.jcraft.jsch.JSchException: Session.connect: java.io.IOException: End of IO "
        "Stream Read",
        {"ssh.interrupted", "auth.dropped"},
    ),
    # JSch Session.java: an exception in a login method after "none" ends as Auth fail.
    "jsch-auth-fail": (
        "com.jcraft.jsch.JSchException: Auth fail",
        {"auth.rejected", "auth.timeout", "auth.dropped", "auth.password_expired"},
    ),
    # JSch UserAuthKeyboardInteractive.java: any prompt it cannot answer is cancelled.
    "jsch-auth-cancel": (
        "com.jcraft.jsch.JSchException: Auth cancel",
        {"auth.partial", "auth.password_expired", "auth.no_credentials"},
    ),
    # lftp NetAccess.cc CheckRetries: lftp's own timer, whatever ssh waited for.
    "lftp-max-retries": (
        "put: students.csv: Fatal error: max-retries exceeded",
        {*WAITS, "auth.partial"},
    ),
    # OpenSSH packet.c sshpkt_vfatal: from the banner exchange, the key exchange and the
    # login alike.
    "openssh-closed-by": (
        "Connection closed by 203.0.113.7 port 22",
        {"protocol.closed", "ssh.interrupted", "auth.dropped"},
    ),
    "openssh-reset-by": (
        "Connection reset by 203.0.113.7 port 22",
        {"protocol.closed", "ssh.interrupted", "auth.dropped"},
    ),
    # PuTTY ssh.c ssh_closing: a socket error is reported as it is, at any step.
    "putty-reset": (
        "FATAL ERROR: Network error: Connection reset by peer",
        {"protocol.closed", "ssh.interrupted", "auth.dropped", "upload.incomplete"},
    ),
    # PuTTY ssh2bpp.c: any packet read after the version line ends so.
    "putty-remote-side-closed": (
        "FATAL ERROR: Remote side unexpectedly closed network connection",
        {"protocol.closed", "ssh.interrupted", "auth.dropped", "remote_dir.no_sftp"},
    ),
    # OpenSSH clientloop.c and sftp-client.c: the connection ended after the login.
    "openssh-closed-by-remote-host": (
        "Connection to sftp.vendor-example.com closed by remote host.",
        {"remote_dir.no_sftp", "upload.incomplete"},
    ),
    "sftp-could-not-send": (
        "Couldn't send packet: Broken pipe",
        {"remote_dir.no_sftp", "upload.incomplete"},
    ),
    # JSch Channel.java sendChannelOpen: no confirmation in time, or a refusal.
    "jsch-channel-not-opened": (
        "com.jcraft.jsch.JSchException: channel is not opened.",
        {"remote_dir.timeout", "remote_dir.no_sftp"},
    ),
    # libssh2 1.10.0 kex.c: -8 is an agreed exchange that failed or was cut.
    "curl-key-exchange-failed": (
        "curl: (2) Failure establishing ssh session: -8, Unable to exchange encryption keys",
        {"ssh.interrupted", "ssh.handshake_failed"},
    ),
    # curl 7.88.1 libssh2_session_error_to_CURLE: libssh2's errors without curl's words.
    "curl-ssh-layer": (
        "curl: (79) Error in the SSH layer",
        {"upload.incomplete", "upload.denied", "auth.dropped"},
    ),
    "curl-send-error": (
        "curl: (55) Failed sending data to the peer",
        {"upload.incomplete", "auth.dropped"},
    ),
    # lftp SSH_Access.cc: a second password prompt, after a wrong password or for an
    # expired one's change.
    "lftp-login-incorrect": (
        "put: students.csv: Login failed: Login incorrect",
        {"auth.rejected", "auth.password_expired"},
    ),
    # PuTTY cmdline.c: -pw answers one lone prompt, once; every other prompt reaches
    # the console, which batch mode refuses.
    "psftp-batch-prompt": (
        "FATAL ERROR: Cannot answer interactive prompts in batch mode",
        {"auth.partial", "auth.no_credentials", "auth.password_expired"},
    ),
    # FileZilla sftpcontrolsocket.cpp: a prompt other than the last, after the password.
    "filezilla-additional-prompt": (
        "Error:\tServer sent an additional login prompt. You need to use the interactive "
        "login type.",
        {"auth.partial", "auth.password_expired"},
    ),
    # PuTTY psftp.c psftp_eof: the SFTP channel ended, so after the login.
    "psftp-sftp-eof": (
        "FATAL ERROR: Received unexpected end-of-file from SFTP server",
        {"remote_dir.no_sftp", "upload.incomplete"},
    ),
    # paramiko sftp_client.py _read_response: the SFTP channel ended after SFTP began.
    "paramiko-sftp-dropped": (
        "paramiko.ssh_exception.SSHException: Server connection dropped: ",
        {"remote_dir.no_sftp", "upload.incomplete"},
    ),
    # OpenSSH sftp-server.c errno_to_portable: "Failure" for a full disk or quota and a
    # read-only file system alike, in each client's words.
    "paramiko-failure": ("OSError: Failure", {"upload.incomplete", "upload.denied"}),
    "jsch-failure": (
        'Exception in thread "main" 4: Failure',
        {"upload.incomplete", "upload.denied"},
    ),
    "lftp-failure": (
        "put: Access failed: Failure (students.csv)",
        {"upload.incomplete", "upload.denied"},
    ),
    "curl-failure": (
        "curl: (9) Upload failed: Operation failed (4/-31)",
        {"upload.incomplete", "upload.denied"},
    ),
    "psftp-failure": (
        "/upload/students.csv: open for write: failure",
        {"upload.incomplete", "upload.denied"},
    ),
    # OpenSSH sftp-server.c process_open: EACCES is "Permission denied" for a read-only
    # folder and a folder the account may not enter alike.
    "openssh-dest-open": (
        'dest open "/upload/archive/students.csv": Permission denied',
        {"upload.denied", "remote_dir.denied"},
    ),
    "psftp-open-for-write": (
        "students.csv: open for write: permission denied",
        {"upload.denied", "remote_dir.denied"},
    ),
    # libssh2 1.10.0 kex.c: a bare -1 when the server's KEXINIT never comes (closed,
    # reset, or 60 s of nothing) once the versions were exchanged.
    "curl-kex-minus-one": (
        "curl: (2) Failure establishing ssh session: -1, Unable to exchange encryption keys",
        {"ssh.interrupted", "ssh.handshake_failed"},
    ),
    # OpenSSH session.c do_child runs do_pwchange instead of the SFTP subsystem when the
    # password has expired: the SFTP channel ends as it starts, as with no SFTP at all.
    "paramiko-eof-negotiation": (
        "paramiko.ssh_exception.SSHException: EOF during negotiation",
        {"remote_dir.no_sftp", "auth.password_expired"},
    ),
    "fzsftp-sftp-eof": (
        "Error:\tFATAL ERROR: Received unexpected end-of-file from SFTP server",
        {"remote_dir.no_sftp", "auth.password_expired", "upload.incomplete"},
    ),
    # curl's kbd_callback answers every prompt with the password, an expired password's
    # "New password:" too, until curl's own timer ends the login.
    "curl-timeout": (
        "curl: (28) Operation timed out after 30000 milliseconds with 0 bytes received",
        {*WAITS, "auth.password_expired"},
    ),
    # OpenSSH clientloop.c: the DISCONNECT sent as the session ends, after the server
    # went: SFTP never started (a chroot sshd refuses) or a transfer was cut.
    "openssh-broken-pipe": (
        "client_loop: send disconnect: Broken pipe",
        {"upload.incomplete", "remote_dir.no_sftp"},
    ),
    # A server past sshd's MaxStartups (sshd.c drop_connection) hangs up before its
    # version: every client's early hang-up or reset words fit it too.
    "psftp-reset": (
        "FATAL ERROR: Connection reset by peer",
        {
            "protocol.closed",
            "protocol.not_ssh",
            "protocol.throttled",
            "ssh.interrupted",
            "auth.dropped",
            "remote_dir.no_sftp",
        },
    ),
    "jsch-reset": (
        'Exception in thread "main" com.jcraft.jsch.JSchException: Session.connect: '
        "java.net.SocketException: Connection reset",
        {"protocol.closed", "protocol.throttled", "ssh.interrupted", "auth.dropped"},
    ),
    # lftp SSH_Access.cc keeps only ssh's last line: no kex_exchange_identification
    # line above it to tell a reset before the version from a later one.
    "lftp-reset": (
        "put: students.csv: Fatal error: max-retries exceeded (Connection reset by "
        "203.0.113.7 port 22)",
        {"protocol.closed", "protocol.throttled", "ssh.interrupted", "auth.dropped"},
    ),
}


@pytest.mark.parametrize(("text", "causes"), SEVERAL_STEPS.values(), ids=SEVERAL_STEPS.keys())
def test_words_printed_at_several_steps_list_those_causes_as_equals(
    capsys: pytest.CaptureFixture[str], text: str, causes: set[str]
) -> None:
    document = run_explain(capsys, text, "--format", "json").json()
    assert causes <= set(document["equals"]), document["equals"]
    assert document["matches"][0]["code"] in causes


def test_paramiko_never_lets_a_bare_eof_out_of_the_login(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """auth_handler.py wraps it: "Authentication failed: transport shut down or saw EOF"."""
    equals = run_explain(capsys, "EOFError", "--format", "json").json()["equals"]
    assert "auth.dropped" not in equals
    wrapped = (
        "paramiko.ssh_exception.AuthenticationException: Authentication failed: "
        "transport shut down or saw EOF"
    )
    assert run_explain(capsys, wrapped, "--format", "json").codes()[0] == "auth.dropped"


def test_a_bare_eof_in_an_upload_traceback_names_the_cut_upload(
    capsys: pytest.CaptureFixture[str],
) -> None:
    traceback = "\n".join(
        [
            "Traceback (most recent call last):",
            '  File "/opt/sis/upload.py", line 31, in <module>',
            '    sftp.put("students.csv", "students.csv")',
            '  File "/usr/lib/python3/dist-packages/paramiko/sftp_client.py", line 784, in put',
            "    return self.putfo(fl, remotepath, file_size, callback, confirm)",
            '  File "/usr/lib/python3/dist-packages/paramiko/sftp_client.py", line 740, in putfo',
            "    fr.write(data)",
            '  File "/usr/lib/python3/dist-packages/paramiko/packet.py", line 382, in write_all',
            "    raise EOFError()",
            "EOFError",
        ]
    )
    assert run_explain(capsys, traceback, "--format", "json").codes()[0] == "upload.incomplete"


def test_network_unreachable_from_paramiko_is_its_own_cause(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """client.py connect re-raises ENETUNREACH as it is, outside NoValidConnectionsError."""
    text = "OSError: [Errno 101] Network is unreachable"
    document = run_explain(capsys, text, "--format", "json").json()
    assert document["matches"][0]["code"] == "tcp.unreachable"
    assert not document["equals"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # JSch Request.java: no answer to the "sftp" subsystem request in time.
        ("com.jcraft.jsch.JSchException: channel request: timeout", "remote_dir.timeout"),
        # JSch Channel.java: the connection ended as SFTP's channel was opened.
        ("com.jcraft.jsch.JSchException: session is down", "remote_dir.no_sftp"),
        # libssh2 1.10.0 kex.c kex_agree_methods: -5, nothing in common.
        (
            "curl: (2) Failure establishing ssh session: -5, Unable to exchange encryption keys",
            "ssh.no_common_algorithm",
        ),
        # paramiko transport.py open_channel, sftp_client.py __init__ and _convert_status.
        ("paramiko.ssh_exception.SSHException: Timeout opening channel.", "remote_dir.timeout"),
        ("FileNotFoundError: [Errno 2] No such file", "remote_dir.not_found"),
        ("paramiko.ssh_exception.SSHException: SSH session not active", "remote_dir.no_sftp"),
        # paramiko client.py _auth: nothing to try; pkey.py: a key without its passphrase.
        (
            "paramiko.ssh_exception.SSHException: No authentication methods available",
            "auth.no_credentials",
        ),
        (
            "paramiko.ssh_exception.PasswordRequiredException: Private key file is encrypted",
            "auth.key_unusable",
        ),
        # paramiko _convert_status: SSH_FX_OP_UNSUPPORTED, as for a file's time.
        ("OSError: Operation unsupported", "setstat.unsupported"),
        # JSch Session.java checkHost: a key it may not ask about.
        (
            "com.jcraft.jsch.JSchException: reject HostKey: sftp.vendor-example.com",
            "ssh.hostkey_mismatch",
        ),
        # libssh2 sftp.c sftp_init: SFTP's channel could not be opened.
        (
            "curl: (2) Failure initializing sftp session: Unable to startup channel",
            "remote_dir.no_sftp",
        ),
        # paramiko client.py RejectPolicy: an unknown host key; it matched an SFTP
        # message's words before it had an entry of its own.
        (
            "paramiko.ssh_exception.SSHException: Server 'sftp.vendor-example.com' not "
            "found in known_hosts",
            "ssh.hostkey_mismatch",
        ),
        # lftp SSH_Access.cc: ssh asked for a password and lftp had none.
        ("ls: Login failed: Password required", "auth.no_credentials"),
        # The folder set in the client is a file: each client's cd stats it (OpenSSH
        # sftp.c I_CHDIR, JSch ChannelSftp.java cd, paramiko sftp_client.py chdir, lftp
        # SFtp.cc Expect::CWD).
        ('Can\'t change directory: "/sis/outbox" is not a directory', "remote_dir.not_found"),
        (
            'Exception in thread "main" 4: Can\'t change directory: /sis/outbox',
            "remote_dir.not_found",
        ),
        ("paramiko.sftp.SFTPError: (20, 'Not a directory: /sis/outbox')", "remote_dir.not_found"),
        ("cd: Access failed: Not a directory (/sis/outbox)", "remote_dir.not_found"),
        # sshd.c drop_connection writes it before closing a connection past MaxStartups.
        (
            "debug1: kex_exchange_identification: banner line 0: Exceeded MaxStartups",
            "protocol.throttled",
        ),
    ],
)
def test_words_that_pin_one_step_name_its_cause(
    capsys: pytest.CaptureFixture[str], text: str, code: str
) -> None:
    assert run_explain(capsys, text, "--format", "json").codes()[0] == code


def test_a_hang_up_after_login_in_an_upload_names_the_cut_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = "\n".join(
        [
            "Connected to sftp.vendor-example.com.",
            "sftp> put students.csv",
            "Connection to sftp.vendor-example.com closed by remote host.",
            "Connection closed",
        ]
    )
    assert run_explain(capsys, log, "--format", "json").codes()[0] == "upload.incomplete"


def test_openssh_reset_alone_came_after_the_version_exchange(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """sshconnect.c ssh_login: a reset while the versions are exchanged gets kex.c's own
    line above packet.c's; without it, the reset came later (the key exchange first)."""
    later = "Connection reset by 203.0.113.7 port 22\nConnection closed"
    assert run_explain(capsys, later, "--format", "json").codes()[0] == "ssh.interrupted"
    early = f"kex_exchange_identification: read: Connection reset by peer\n{later}"
    document = run_explain(capsys, early, "--format", "json").json()
    assert document["matches"][0]["code"] == "protocol.closed"
    assert {"protocol.closed", "protocol.not_ssh", "protocol.throttled"} <= set(document["equals"])


def test_paramiko_sending_its_kexinit_had_read_the_servers_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """transport.py run sends KEXINIT only after _check_banner: an EOFError there is a
    hang-up during the key exchange, not before the version."""
    traceback = "\n".join(
        [
            "Traceback (most recent call last):",
            '  File "/opt/sis/upload.py", line 18, in <module>',
            "    client.connect(host, username=user, password=password)",
            '  File "/usr/lib/python3/dist-packages/paramiko/transport.py", line 2052, in run',
            "    self._send_kex_init()",
            '  File "/usr/lib/python3/dist-packages/paramiko/transport.py", line 2329, in '
            "_send_kex_init",
            "    self._send_message(m)",
            '  File "/usr/lib/python3/dist-packages/paramiko/packet.py", line 382, in write_all',
            "    raise EOFError()",
            "EOFError",
        ]
    )
    document = run_explain(capsys, traceback, "--format", "json").json()
    assert document["matches"][0]["code"] == "ssh.interrupted"
    assert "protocol.closed" not in document["equals"]
