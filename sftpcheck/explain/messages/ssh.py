"""Messages for an SSH handshake that fails: host keys, algorithms, a cut during the setup.

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
    POSH_SSH,
    PUTTY,
    SSHJ,
    WINSCP,
)
from sftpcheck.explain.messages.sources import (
    CURL_REPO,
    CYBERDUCK_SOURCE,
    FILEZILLA_SOURCE,
    JSCH_SOURCE,
    LFTP_SOURCE,
    OPENSSH_REPO,
    PARAMIKO_SOURCE,
    POSH_SSH_SOURCE,
    PUTTY_SSH,
    SEEN,
    SSHJ_SOURCE,
    SSHNET,
    WINDOWS_SAME,
    WINSCP_TEXTS,
)

MESSAGES = (
    ClientMessage(
        PARAMIKO,
        "ConnectionResetError: [Errno 104] Connection reset by peer",
        # transport.py run keeps a socket error from its thread (saved_exception) and
        # it is raised again where paramiko waits: start_client (the key exchange),
        # auth_handler.py wait_for_response (the login: only an EOFError is wrapped),
        # open_channel (opening SFTP). Before the server's version, _check_banner wraps
        # it as "Error reading SSH protocol banner[Errno 104] ..." instead. client.py
        # connect also lets it out of sock.connect, a reset as TCP connects.
        f"{PARAMIKO_SOURCE}transport.py (run, start_client, open_channel), "
        f"auth_handler.py (wait_for_response) and client.py (connect)",
        (
            "ssh.interrupted",
            "auth.dropped",
            "remote_dir.no_sftp",
            "protocol.closed",
            "protocol.throttled",
        ),
        equal=True,
        after=(
            ("login", ("remote_dir.no_sftp",)),
            ("auth", ("auth.dropped",)),
            ("ssh", ("ssh.interrupted",)),
            # Before the version line: as TCP connects, or the cause chained above
            # _check_banner's own words.
            ("tcp", ("protocol.closed", "protocol.not_ssh", "protocol.throttled")),
        ),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s port %d: no matching key exchange method found. "
        "Their offer: %s",
        f'{OPENSSH_REPO} packet.c ("Unable to negotiate with %s: %s. Their offer: %s") '
        "and ssherr.c",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s port %d: no matching host key type found. Their offer: %s",
        f"{OPENSSH_REPO} packet.c and ssherr.c",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s port %d: no matching cipher found. Their offer: %s",
        f"{OPENSSH_REPO} packet.c and ssherr.c",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s port %d: no matching MAC found. Their offer: %s",
        f"{OPENSSH_REPO} packet.c and ssherr.c",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Host key verification failed.",
        f"{OPENSSH_REPO} sshconnect2.c{WINDOWS_SAME}sshconnect2.c)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        OPENSSH,
        "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @",
        f"{OPENSSH_REPO} sshconnect.c{WINDOWS_SAME}sshconnect.c)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        OPENSSH,
        "Host key for %s has changed and you have requested strict checking.",
        f"{OPENSSH_REPO} sshconnect.c",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        PUTTY,
        "Couldn't agree a %s (available: %s)",
        f"{PUTTY_SSH} transport2.c",
        ("ssh.no_common_algorithm",),
        note="The first part names what failed, such as 'key-exchange algorithm'.",
    ),
    ClientMessage(
        PUTTY,
        "WARNING - POTENTIAL SECURITY BREACH!",
        f"{PUTTY_SSH} common_p.c",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        WINSCP,
        "Host key wasn't verified!",
        f"{WINSCP_TEXTS} (KEY_NOT_VERIFIED)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        WINSCP,
        'Host key does not match configured key fingerprint "%s"!',
        f"{WINSCP_TEXTS} (CONFIGURED_KEY_NOT_MATCH)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        WINSCP,
        "The host key does not match the one WinSCP has cached for this server:",
        f"{WINSCP_TEXTS} (HOSTKEY_DOESNT_MATCH)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        FILEZILLA,
        "The server's host key does not match the key that has been cached. This means that "
        "either the administrator has changed the host key, or you are actually trying to "
        "connect to another computer pretending to be the server.",
        f"{FILEZILLA_SOURCE} src/interface/resources/xrc/dialogs.xrc",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        CYBERDUCK,
        "Host key mismatch for %s",
        "Cyberduck's host key alert (older releases), found with the find_string index",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        POSH_SSH,
        "Key exchange negotiation failed.",
        f"{SSHNET} Security/KeyExchange.cs",
        ("ssh.hostkey_mismatch", "ssh.no_common_algorithm"),
        note="SSH.NET raises it when the host key is not trusted, too.",
    ),
    ClientMessage(
        JSCH,
        "UnknownHostKey: %s. %s key fingerprint is %s",
        f"{JSCH_SOURCE}Session.java",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Server %s not found in known_hosts",
        # client.py RejectPolicy.missing_host_key (SSHClient's default policy): the
        # server's key is not in the known_hosts paramiko loaded, new or never saved.
        f"{PARAMIKO_SOURCE}client.py (RejectPolicy)",
        ("ssh.hostkey_mismatch",),
        note="The key is new to this client, or was never saved: paramiko cannot ask.",
    ),
    ClientMessage(
        PARAMIKO,
        "SSHException: Negotiation failed.",
        # transport.py start_client: the connection ended during the key exchange with
        # no error of paramiko's own, as when the server sends DISCONNECT (run only logs
        # it: _parse_disconnect), most often refusing what paramiko offered.
        f"{PARAMIKO_SOURCE}transport.py (start_client, run, _parse_disconnect)",
        ("ssh.no_common_algorithm", "ssh.interrupted"),
        equal=True,
    ),
    ClientMessage(
        JSCH,
        "reject HostKey: %s",
        # Session.java checkHost: an unknown (or changed) key with StrictHostKeyChecking
        # "ask" and no UserInfo to ask, or the user said no.
        f"{JSCH_SOURCE}Session.java (checkHost, JSch 0.1.5x as in the first commit 635c0bcf)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        JSCH,
        "HostKey has been changed: %s",
        f"{JSCH_SOURCE}Session.java",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        JSCH,
        "Algorithm negotiation fail",
        f"{JSCH_SOURCE}JSchAlgoNegoFailException.java (older JSch prints only these words)",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        SSHJ,
        "Could not verify `%s` host key with fingerprint `%s` for `%s` on port %d",
        f"{SSHJ_SOURCE}transport/KeyExchanger.java",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        SSHJ,
        "Unable to reach a settlement of %s: %s and %s",
        f"{SSHJ_SOURCE}transport/Proposal.java",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        CURL,
        "curl: (60) SSL peer certificate or SSH remote key was not OK",
        f"{CURL_REPO} lib/strerror.c (CURLE_PEER_FAILED_VERIFICATION)",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        CURL,
        "Denied establishing ssh session: mismatch SHA256 fingerprint. Remote %s is not equal "
        "to %s",
        f"{CURL_REPO} lib/vssh/libssh2.c",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure establishing ssh session: %d, %s",
        # libssh2's session_startup (src/session.c at libssh2-1.10.0) fails this way in
        # the key exchange for a failed exchange, no common algorithm, and a connection
        # cut (-1 before the server's KEXINIT, -8 during the exchange) alike.
        f"{CURL_REPO} lib/vssh/libssh2.c",
        ("ssh.handshake_failed", "ssh.no_common_algorithm", "ssh.interrupted"),
        note="The text after the number comes from libssh2.",
    ),
    ClientMessage(
        LFTP,
        "Fatal error: Host key verification failed.",
        f"{LFTP_SOURCE}SSH_Access.cc and FileAccess.cc",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Cannot confirm a host key in batch mode",
        f"{PUTTY_SSH} (console.c, after the host key warning); {SEEN}",
        ("ssh.hostkey_mismatch",),
        note="The key is new or changed; in batch mode PuTTY cannot ask.",
    ),
    ClientMessage(
        PARAMIKO,
        "BadHostKeyException: Host key for server %s does not match: got %s, expected %s",
        f"{PARAMIKO_SOURCE}ssh_exception.py; {SEEN}",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure establishing ssh session: -8, Unable to exchange encryption keys",
        # libssh2 1.10.0 (Debian 12's) session.c session_startup puts "Unable to exchange
        # encryption keys" over the code kex.c _libssh2_kex_exchange returned: -8
        # (LIBSSH2_ERROR_KEY_EXCHANGE_FAILURE) only when the agreed exchange itself
        # failed (exchange_keys: the connection cut, or the exchange gone wrong); no
        # common algorithm is -5 (kex_agree_methods), an entry of its own.
        f'{CURL_REPO} lib/vssh/libssh2.c ("Failure establishing ssh session: %d, %s") and '
        f"github.com/libssh2/libssh2 src/session.c and src/kex.c at libssh2-1.10.0 ({SEEN})",
        ("ssh.interrupted", "ssh.handshake_failed"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure establishing ssh session: -1, Unable to exchange encryption keys",
        # libssh2 1.10.0 kex.c _libssh2_kex_exchange returns a bare -1 when sending its
        # KEXINIT fails or when the server's KEXINIT never comes (_libssh2_packet_require:
        # the connection closed or reset after the versions were exchanged, or nothing
        # for LIBSSH2_READ_TIMEOUT, 60 s); session.c session_startup adds the words.
        f"{CURL_REPO} lib/vssh/libssh2.c and github.com/libssh2/libssh2 src/kex.c "
        f"(_libssh2_kex_exchange) and src/packet.c (_libssh2_packet_require) at libssh2-1.10.0",
        ("ssh.interrupted", "ssh.handshake_failed"),
        equal=True,
    ),
    ClientMessage(
        CURL,
        "curl: (2) Failure establishing ssh session: -5, Unable to exchange encryption keys",
        # libssh2 kex.c _libssh2_kex_exchange: kex_agree_methods found no key exchange,
        # host key, cipher, MAC or compression method both sides have
        # (LIBSSH2_ERROR_KEX_FAILURE, -5).
        f"{CURL_REPO} lib/vssh/libssh2.c and github.com/libssh2/libssh2 src/kex.c "
        f"(kex_agree_methods) at libssh2-1.10.0",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        JSCH,
        "Session.connect: java.io.IOException: End of IO Stream Read",
        # IO.java getByte(byte[]...) raises it when a packet read finds the stream closed;
        # the version line is read byte by byte and ends in "connection is closed by
        # foreign host" instead. Session.java connect wraps it from the key exchange
        # through the first login request (userauth "none"); later login steps say
        # "Auth fail". So never before the server's version.
        f"{JSCH_SOURCE}IO.java and Session.java (connect, JSch 0.1.5x as in the first commit "
        f"635c0bcf): the connection ended once the SSH versions were exchanged ({SEEN})",
        ("ssh.interrupted", "auth.dropped"),
        equal=True,
    ),
    ClientMessage(
        PUTTY,
        "The first %s supported by the server is %s, which is below the configured warning "
        "threshold.",
        f"{PUTTY_SSH} (the weak crypto warning, console.c and the algorithm lists of "
        f"transport2.c): the server offers only algorithms PuTTY no longer trusts ({SEEN})",
        ("ssh.no_common_algorithm",),
        note="An old appliance: group1 key exchange, ssh-rsa with SHA-1, CBC ciphers.",
    ),
    ClientMessage(
        PUTTY,
        "FATAL ERROR: Cannot confirm a weak crypto primitive in batch mode",
        f"{PUTTY_SSH} (console.c, after the weak crypto warning); {SEEN}",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        FILEZILLA,
        "The first %s supported by the server is %s, which is no longer secure. Aborting "
        "connection.",
        f"fzsftp, FileZilla's engine built on PuTTY's psftp, which refuses a weak algorithm "
        f"outright; {SEEN}",
        ("ssh.no_common_algorithm",),
        note="An old appliance: group1 key exchange, ssh-rsa with SHA-1, CBC ciphers.",
    ),
    ClientMessage(
        PARAMIKO,
        "IncompatiblePeer: Incompatible ssh peer (no acceptable %s)",
        f"{PARAMIKO_SOURCE}transport.py (_parse_kex_init: 'no acceptable kex algorithm', 'host "
        f"key', 'ciphers', 'macs'); {SEEN}",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        OPENSSH,
        "Unable to negotiate with %s: %s. Their offer: %s",
        f'{OPENSSH_REPO} packet.c (sshpkt_vfatal: "Unable to negotiate with %s: %s. Their '
        'offer: %s", what has no match in the middle)'
        f"{WINDOWS_SAME}packet.c)",
        ("ssh.no_common_algorithm",),
    ),
    ClientMessage(
        WINSCP,
        "key-exchange algorithm",
        f"{WINSCP_TEXTS} (KEY_EXCHANGE_ALG, the name WinSCP fills into its weak-algorithm warning)",
        ("ssh.no_common_algorithm",),
        whole_line=True,
    ),
    ClientMessage(
        WINSCP,
        "Warning \u2013 Potential security breach!",  # an en dash, as WinSCP writes it
        f"{WINSCP_TEXTS} (HOSTKEY_SECURITY_BREACH), the title over a changed host key",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        WINSCP,
        "Expected host key was not configured, use -hostkey switch.",
        f"{WINSCP_TEXTS} (HOSTKEY_NOT_CONFIGURED): a script (winscp.com) met a host key it was "
        "not told to expect",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        POSH_SSH,
        "Fingerprint {0}matched trusted {1} fingerprint for host {2}",
        f"{POSH_SSH_SOURCE}NewSessionBase.cs (its -Verbose line, 'Fingerprint not matched "
        "trusted ... fingerprint for host ...')",
        ("ssh.hostkey_mismatch",),
    ),
    ClientMessage(
        CYBERDUCK,
        "Changed fingerprint",
        f"{CYBERDUCK_SOURCE}osx/src/main/java/ch/cyberduck/ui/cocoa/controller/"
        "ChangedHostKeyAlertController.java (the alert's text; the English strings file was "
        "not found, so the wording is the source's key)",
        ("ssh.hostkey_mismatch",),
        whole_line=True,
    ),
    ClientMessage(
        CYBERDUCK,
        "The fingerprint for the {1} key sent by the server is {0}.",
        f"{CYBERDUCK_SOURCE}osx/src/main/java/ch/cyberduck/ui/cocoa/controller/"
        "ChangedHostKeyAlertController.java (the alert's informative text)",
        ("ssh.hostkey_mismatch",),
    ),
)
