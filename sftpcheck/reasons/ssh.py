"""Reasons raised by the ssh and auth checks."""

from __future__ import annotations

from sftpcheck.model import Reason, Status

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

AUTH_REJECTED = Reason(
    code="auth.rejected",
    status=Status.FAIL,
    title="The login was refused",
    explanation=(
        "The server refused this user name with this password or key. Servers do not "
        "say which one is wrong. Most often the password has a typo or has expired."
    ),
    fix=(
        "Type the user name and password again. Check Caps Lock.",
        "Paste the password from the vendor's message with no space at the end.",
        "If you use a key, check that the vendor has your public key for this user.",
        "Ask the vendor to reset the password or unlock the account.",
    ),
    causes=(
        "A typo in the user name or password.",
        "An expired or changed password.",
        "An account that is locked after too many tries.",
        "A key that the vendor does not have on file.",
    ),
    confirm="The auth check tries the password or key once and the server says no.",
    ask_vendor="Is the account active and not locked? Can you reset the password?",
)

AUTH_METHOD_NOT_OFFERED = Reason(
    code="auth.method_not_offered",
    status=Status.FAIL,
    title="The server does not take this kind of login",
    explanation=(
        "You gave a password, but the server only takes a key, or the other way around. "
        "The report lists what the server takes."
    ),
    fix=(
        "Log in the way the server takes: with a key file, or with a password.",
        "If you need a key, make one and send the public half to the vendor.",
        "Ask the vendor which kind of login your account should use.",
    ),
    causes=(
        "The account is set up for key logins only.",
        "The client is set to use a key, but the account uses a password.",
    ),
    confirm="The auth check asks the server which login methods it offers.",
    ask_vendor="Should our account log in with a password or with a key?",
)

AUTH_PARTIAL = Reason(
    code="auth.partial",
    status=Status.FAIL,
    title="The server wants a second step to log in",
    explanation=(
        "The first step of the login worked, but the server wants one more: a second "
        "password, a code, or a key. This is called two-factor login."
    ),
    fix=(
        "Give both a key (--key) and the password, if the vendor set up both.",
        "Ask the vendor what the second step is. Nightly uploads cannot answer a code.",
    ),
    causes=("The account needs a key and a password, or a one-time code.",),
    confirm="The auth check sees the server accept the first step and ask for more.",
    ask_vendor="Does our account need two steps to log in? Which ones?",
)

AUTH_TIMEOUT = Reason(
    code="auth.timeout",
    status=Status.FAIL,
    title="The server did not answer the login in time",
    explanation=(
        "The server took too long to answer the login. Some servers do this on purpose "
        "after failed logins. Others are slow when they look up the account."
    ),
    fix=(
        "Wait a few minutes and try again, with a longer --timeout.",
        "Ask the vendor if their login service is slow or if your address is slowed down.",
    ),
    causes=("A slow login service.", "A server that slows down an address after failures."),
    confirm="The auth check waits for the login answer until the timeout.",
)

REASONS = (
    SSH_HOSTKEY_MISMATCH,
    SSH_NO_COMMON_ALGORITHM,
    SSH_HANDSHAKE_FAILED,
    AUTH_REJECTED,
    AUTH_METHOD_NOT_OFFERED,
    AUTH_PARTIAL,
    AUTH_TIMEOUT,
)
