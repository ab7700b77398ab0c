"""Reasons raised by the ssh check: the handshake, the host key, the algorithms."""

from __future__ import annotations

from sftpcheck.model import Reason, Status
from sftpcheck.reasons.unexpected import unexpected_error

SSH_UNEXPECTED_ERROR = unexpected_error("ssh")

SSH_HOSTKEY_MISMATCH = Reason(
    code="ssh.hostkey_mismatch",
    status=Status.FAIL,
    title="The server's host key is not the one expected",
    explanation=(
        "Every SFTP server has a host key, like an ID card. This server showed a "
        "different one than the one saved or published. The vendor may have changed "
        "servers, or someone may be in the middle. sftpcheck sent no password."
    ),
    fix=(
        "Do not accept the new key in your client yet.",
        "Ask the vendor if they changed their server or its host key, and for the new fingerprint.",
        "If the vendor confirms the fingerprint in this report, update the saved key in "
        "your client. WinSCP, FileZilla and ssh all keep a list of known keys.",
    ),
    causes=(
        "The vendor moved to a new server.",
        "The vendor made a new host key.",
        "A device in the middle is reading the traffic.",
    ),
    confirm=(
        "The ssh check compares the key with --expect-fingerprint and with the "
        "known_hosts file, before any login."
    ),
    ask_vendor="Did you change your SFTP server's host key? What is its SHA256 fingerprint?",
)

SSH_NO_COMMON_ALGORITHM = Reason(
    code="ssh.no_common_algorithm",
    status=Status.FAIL,
    title="The client and the server share no way to encrypt",
    explanation=(
        "To connect, the client and the server must agree on how to encrypt. They have "
        "no method in common. Most often the server only offers old methods, such as "
        "SHA-1, that new clients turned off because they are no longer safe."
    ),
    fix=(
        "Send this report to the vendor. It lists the methods their server offers.",
        "Ask the vendor to turn on modern methods (for example curve25519-sha256 and "
        "ssh-ed25519 or rsa-sha2-256).",
        "Do not turn on old methods in your client unless the vendor says there is no other way.",
    ),
    causes=(
        "An old server that offers only SHA-1 methods.",
        "A client that is very old and lacks the new methods.",
    ),
    confirm=(
        "The ssh check reads the list of methods the server offers and compares it with "
        "what the client supports."
    ),
    ask_vendor="Can your server offer modern SSH algorithms? Here is what it offers now.",
)

SSH_HANDSHAKE_FAILED = Reason(
    code="ssh.handshake_failed",
    status=Status.FAIL,
    title="The secure connection could not be set up",
    explanation=(
        "The server said it speaks SSH, but the setup of the secure connection broke off. "
        "This can be a fault on the server, a slow link, or a device in the middle."
    ),
    fix=(
        "Try again in a few minutes.",
        "Ask your network team if a proxy or security device looks inside SSH traffic.",
        "Send this report to the vendor.",
    ),
    causes=(
        "A server fault.",
        "A firewall or proxy that breaks SSH.",
        "A very slow or lossy network.",
    ),
    confirm="The ssh check runs the full SSH setup and records where it stopped.",
)

SSH_ENGINE_LIMIT = Reason(
    code="ssh.engine_limit",
    status=Status.FAIL,
    title="sftpcheck's own SSH engine lacks the methods this server uses",
    explanation=(
        "The server offers only encryption methods that sftpcheck's own SSH engine does "
        "not have. They are good, modern methods. WinSCP, FileZilla and OpenSSH have them, "
        "so your client may well connect. sftpcheck cannot test the later steps."
    ),
    fix=(
        "The vendor does not need to change anything for this.",
        "Test the login with your own client, or with OpenSSH: sftp -P PORT user@host.",
        "If your client fails too, send its exact error to the vendor with this report.",
    ),
    causes=(
        "The server offers only chacha20-poly1305, which sftpcheck's engine lacks.",
        "The server offers only post-quantum key exchange, such as sntrup761x25519.",
    ),
    confirm=(
        "The ssh check reads the methods the server offers and finds none that "
        "sftpcheck's engine (paramiko) has, though each is one that common clients have."
    ),
)

SSH_PATH_MTU = Reason(
    code="ssh.path_mtu",
    status=Status.FAIL,
    title="Large packets are lost on the way to the server",
    explanation=(
        "The server's first words arrived, but the setup stalled once bigger packets were "
        "sent. With smaller packets it worked. A device on the path drops big packets "
        "without telling anyone. This is called an MTU black hole. Your client will hang "
        "the same way."
    ),
    fix=(
        "Send this report to your network team.",
        "Ask them to let ICMP 'fragmentation needed' messages through the firewall.",
        "Or ask them to turn on TCP MSS clamping on the firewall or VPN.",
        "The vendor's server is not at fault.",
    ),
    causes=(
        "A VPN or tunnel that lowers the packet size.",
        "A firewall that blocks all ICMP messages.",
    ),
    confirm=(
        "The ssh check stalls with normal packets, then gets through on a second "
        "connection with small packets and a short proposal."
    ),
)

SSH_INTERRUPTED = Reason(
    code="ssh.interrupted",
    status=Status.FAIL,
    title="Something on the path cut the connection during the setup",
    explanation=(
        "The SSH server answered, but the connection was cut while the client and server "
        "set up encryption. Most often a firewall that inspects traffic does this, such as "
        "an app control or SSH rule."
    ),
    fix=(
        "Send this report to your network team.",
        "Ask them to allow SSH (or SFTP) to the vendor's address in the firewall's app "
        "rules, not only TCP port 22.",
        "If the firewall decrypts SSH, ask them to exempt the vendor's address.",
    ),
    causes=(
        "A firewall with app control that blocks SSH.",
        "A security device that decrypts and checks SSH.",
        "Less often, a server fault.",
    ),
    confirm=(
        "The ssh check sees the server's SSH banner, then a reset or close during the key exchange."
    ),
)

SSH_PQ_STALL = Reason(
    code="ssh.pq_stall",
    status=Status.FAIL,
    title="The server does not finish the post-quantum key exchange it offers",
    explanation=(
        "The server offers a new post-quantum way to agree on keys, but the setup stalls "
        "when a client picks it. Without it, the setup works. New clients pick it first, "
        "so your client may hang the same way."
    ),
    fix=(
        "WinSCP or PuTTY: open SSH, then Key exchange. Move the post-quantum entries below "
        "the line that says warn below here.",
        "OpenSSH: add -o KexAlgorithms=-mlkem768x25519-sha256 to the command.",
        "Send this report to the vendor, so they can fix or turn off that method.",
    ),
    causes=(
        "A server bug in the new method.",
        "A device on the path that drops the bigger packets this method uses.",
    ),
    confirm=(
        "The ssh check stalls with the server's first choice, then gets through on a "
        "second connection that leaves the post-quantum methods out."
    ),
    ask_vendor="Does your server finish the mlkem768x25519 or sntrup761x25519 key exchange?",
)

REASONS = (
    SSH_UNEXPECTED_ERROR,
    SSH_HOSTKEY_MISMATCH,
    SSH_NO_COMMON_ALGORITHM,
    SSH_HANDSHAKE_FAILED,
    SSH_ENGINE_LIMIT,
    SSH_PATH_MTU,
    SSH_INTERRUPTED,
    SSH_PQ_STALL,
)
