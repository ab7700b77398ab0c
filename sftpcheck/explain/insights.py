"""Facts a paste gives away beyond its reason code, spelled out for the reader."""

from __future__ import annotations

import re

# WinSCP reads the first four bytes the SFTP server sends as a packet length; when a login
# script prints text instead, those four bytes are that text's first letters.
_TOO_LARGE = re.compile(r"received too large \((\d{1,10}) b\) sftp packet", re.IGNORECASE)


def insights(text: str) -> tuple[str, ...]:
    """Sentences that say what the paste itself shows (for now: the text a login script
    printed, decoded from WinSCP's packet size)."""
    found = _TOO_LARGE.search(text)
    if found is None:
        return ()
    size = int(found.group(1))
    if size >= 2**32:
        return ()
    letters = size.to_bytes(4, "big")
    if not all(32 <= byte < 127 for byte in letters):
        return ()
    shown = letters.decode()
    return (
        "The server sent text where SFTP data should be. "
        f'The text starts with "{shown}". A login script on the server (such as .bashrc '
        "or .profile) prints it. Ask the vendor to stop that script from printing for SFTP "
        "logins.",
    )
