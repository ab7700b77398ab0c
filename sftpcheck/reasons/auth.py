"""Reasons raised by the auth check: the login."""

from __future__ import annotations

from sftpcheck.model import Reason, Status
from sftpcheck.reasons.unexpected import unexpected_error

AUTH_UNEXPECTED_ERROR = unexpected_error("auth")

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
        "A wrong key, tried first, that used up the few tries the server allows on one "
        "connection before the password was sent.",
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

AUTH_NO_CREDENTIALS = Reason(
    code="auth.no_credentials",
    status=Status.WARN,
    title="The login was not tested",
    explanation=(
        "sftpcheck had no password or key, so it did not try to log in. The steps before "
        "the login were tested. The login and the upload were not."
    ),
    fix=(
        "Put the password in SFTPCHECK_PASSWORD. Or pipe it in with --password-stdin.",
        "Or give a key file with --key.",
        "Then run the check again.",
    ),
    causes=(
        "No password in the environment, or an empty one.",
        "No user name was given.",
    ),
    confirm="The auth check finds no password and no key to try.",
)

AUTH_THROTTLED = Reason(
    code="auth.throttled",
    status=Status.FAIL,
    title="The server is refusing this address for now",
    explanation=(
        "The server stopped this login because of too many tries or too many connections "
        "from your address. Tools like fail2ban block an address for a while. Your whole "
        "district shares one address, so the nightly upload is blocked too."
    ),
    fix=(
        "Wait at least 15 minutes before you try again. Do not retry in a loop: each try "
        "can make the block last longer.",
        "Stop any script or client that keeps trying with a wrong password.",
        "If it lasts, ask the vendor to unblock your district's public address.",
    ),
    causes=(
        "A script or client that retried a wrong password many times.",
        "fail2ban or a similar tool on the server.",
        "A limit on connections at the same time.",
    ),
    confirm=(
        "The auth check sees the server end the login with words like 'try again later' "
        "or 'blocked', or cut a connection that worked a moment before. OpenSSH's 'Too "
        "many authentication failures' is not one of them: it counts the tries of one "
        "connection, and the check reports the refused key or password instead."
    ),
    ask_vendor="Is our district's public address blocked on your server? For how long?",
)

AUTH_DROPPED = Reason(
    code="auth.dropped",
    status=Status.FAIL,
    title="The server hung up during the login without a yes or no",
    explanation=(
        "The server closed the connection during the login. It did not say that the "
        "password or key was wrong. This is not a wrong password. The server may be "
        "strict about the login steps, or it may have hit a fault."
    ),
    fix=(
        "Try your own client once. If it logs in, send this report to the sftpcheck team.",
        "If your client fails too, send this report to the vendor. Their server log will "
        "say why it hung up.",
    ),
    causes=(
        "A server that ends the connection on a step it does not expect.",
        "A server fault or restart.",
        "A block on your address that starts during the login.",
    ),
    confirm="The auth check sees the connection close before the server answers the login.",
)

AUTH_PASSWORD_EXPIRED = Reason(
    code="auth.password_expired",
    status=Status.FAIL,
    title="The password must be changed before the login can be used",
    explanation=(
        "The password is right, but the server demands a new one before anything else. "
        "sftpcheck never answers that, so your password is not changed. The nightly upload "
        "cannot log in until a person sets a new password."
    ),
    fix=(
        "Log in once by hand with WinSCP, PuTTY or ssh, and set a new password when the "
        "server asks.",
        "Or ask the vendor to reset the password.",
        "Then put the new password in the export job, and run sftpcheck again.",
    ),
    causes=(
        "The password is too old: the server makes you change it every few months.",
        "The vendor set the account so that the first login must change the password.",
    ),
    confirm=(
        "The auth check sees the server ask for a new password, or say the password "
        "has expired, once the password was accepted. It sends no answer."
    ),
    ask_vendor="Does our account have to change its password? Can you reset it for us?",
)

AUTH_KEY_UNUSABLE = Reason(
    code="auth.key_unusable",
    status=Status.FAIL,
    title="The key file cannot be used",
    explanation=(
        "The client could not use the key file it was given, so the server never saw the "
        "key. It may be the public half of the key, or a key saved by another program, "
        "such as a PuTTY .ppk file given to OpenSSH."
    ),
    fix=(
        "Give the client the private key file, not the one that ends in .pub.",
        "Save the key in the client's own format. PuTTYgen opens either kind and can "
        "save it as a .ppk file or as an OpenSSH key.",
        "If the key file was damaged, copy it again from where it was made.",
        "If OpenSSH says the key's permissions are too open, let only you read the file: "
        "chmod 600 on Linux and macOS.",
    ),
    causes=(
        "The public key (.pub) given where the private key belongs.",
        "A PuTTY .ppk key given to OpenSSH, curl or a Java program, or an OpenSSH key "
        "given to PuTTY's psftp or plink.",
        "A key file that was cut short or changed when it was copied.",
        "A private key file that other users may read: OpenSSH will not use it.",
    ),
    confirm=(
        "sftpcheck reads the key file given to --key before it connects. If it cannot use "
        "it, it stops at once with one sentence that says why."
    ),
)

REASONS = (
    AUTH_UNEXPECTED_ERROR,
    AUTH_REJECTED,
    AUTH_METHOD_NOT_OFFERED,
    AUTH_PARTIAL,
    AUTH_TIMEOUT,
    AUTH_NO_CREDENTIALS,
    AUTH_THROTTLED,
    AUTH_DROPPED,
    AUTH_PASSWORD_EXPIRED,
    AUTH_KEY_UNUSABLE,
)
