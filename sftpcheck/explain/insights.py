"""Facts a paste gives away beyond its reason code, spelled out for the reader."""

from __future__ import annotations

import re

# An SFTP client reads the first four bytes the server sends as a packet's length; when a
# login script (or a shell of nologin) prints text instead, those four bytes are that
# text's first letters. WinSCP, OpenSSH's sftp and JSch print the "length" they read.
_TOO_LARGE = re.compile(
    r"received too large \((\d{1,10}) b\) sftp packet"
    r"|received message too long (\d{1,10})"
    r"|received message is too long: (\d{1,10})",
    re.IGNORECASE,
)
# OpenSSH's words when the server's limit on tries (MaxAuthTries) ends the login.
_TOO_MANY = re.compile(r"too many authentication failures", re.IGNORECASE)
# ssh -v's line for each key it offers; an agent's keys say "agent" on it.
_OFFERED = re.compile(r"^debug1: (?:offering public key|will attempt key): (.*)$", re.I | re.M)


def insights(text: str) -> tuple[str, ...]:
    """Sentences that say what the paste itself shows: the text a login script printed
    where SFTP data belongs, and keys offered until the server's limit on tries."""
    return tuple(note for note in (_login_script_text(text), _too_many_keys(text)) if note)


def _login_script_text(text: str) -> str:
    found = _TOO_LARGE.search(text)
    if found is None:
        return ""
    size = int(next(group for group in found.groups() if group))
    if size >= 2**32:
        return ""
    letters = size.to_bytes(4, "big")
    if not all(32 <= byte < 127 for byte in letters):
        return ""
    shown = letters.decode()
    return (
        "The server sent text where SFTP data should be. "
        f'The text starts with "{shown}". A login script on the server (such as .bashrc '
        "or .profile) prints it, or the account's shell does not allow logins. Ask the vendor "
        "to stop that script from printing for SFTP logins, or to give the account SFTP."
    )


def _too_many_keys(text: str) -> str:
    """OpenSSH offers every key it has (an agent's, ~/.ssh's) before the password; the
    server counts each as a failed try and stops at its limit, often before the password
    or the right key is tried. Waiting does not help: the limit is per connection."""
    if _TOO_MANY.search(text) is None:
        return ""
    offered = {key.strip() for key in _OFFERED.findall(text)}
    if len(offered) >= 2:
        start = f"ssh offered {len(offered)} keys, and the server counted each one as a failed try."
    else:
        start = (
            "Most often ssh offered several keys (from an agent or ~/.ssh), and the server "
            "counted each one as a failed try."
        )
    return (
        f"{start} It stopped at its limit before the right key or the password was tried. "
        "Tell ssh to use only the key you name: add 'IdentitiesOnly yes' and 'IdentityFile' "
        "for this server in ~/.ssh/config, or run ssh -o IdentitiesOnly=yes -i KEYFILE. To "
        "log in with the password alone, add -o PubkeyAuthentication=no."
    )
