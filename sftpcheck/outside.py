"""Text from outside sftpcheck, quoted once where it enters: secrets masked, controls shown.

A server's banner, disconnect text and SFTP status messages, a proxy's answer, an error's
text, a file name a server returns, a value read from a user's file: any of them may hold
the run's password (a server that echoes it), a terminal's control codes (a hostile banner
that retitles the terminal or writes the clipboard), or a megabyte of text. Where net/, the
steps, sites/ and files/ take such a text in, `quoted` makes it safe to show:

- every secret of the run is replaced by `********` wherever it appears, as a substring
  (`xxS3cretPwyy`); a secret of one or two characters only where it stands as a word of its
  own, or a password `a` would shred every sentence of the server's. Each form sftpcheck
  sends a secret in counts: as typed, URL-encoded, and HTTP Basic's base64 of `user:password`;
- a control or invisible format character is shown as an escape such as `\\x1b`;
- a text longer than `LIMIT` characters is cut, with an ellipsis and its whole length.

sftpcheck's own words never pass through here, so they are never masked: a password
`upload` leaves "Uploaded 4096 bytes" whole. The secrets are registered once per run
(`register_secrets`), before anything is read from the network.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

MASK = "********"
# The most characters of one outside text a report shows, the note on a cut included.
LIMIT = 400
# A secret this short is masked only where it stands alone (see the module's docstring).
_SHORT = 2
# Controls that a terminal acts on or that hide text; a newline and a tab stay.
_KEPT = frozenset("\n\t")
_HIDING_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})

# Every form of every secret of the run, longest first: a base64 form is masked before a
# shorter form inside it could break it into pieces that no longer match.
_forms: tuple[str, ...] = ()


def register_secrets(secrets: Iterable[str], users: Iterable[str | None] = ()) -> None:
    """The run's secrets, in every form sftpcheck sends them; they replace an earlier run's.

    `users` are the names sent with them (the login's, the proxy's): HTTP Basic sends
    base64 of `user:password`.
    """
    global _forms  # noqa: PLW0603 - one run's secrets, set once before it reads anything
    names = {name for name in users if name}
    forms = {form for secret in secrets if secret for form in secret_forms(secret, names)}
    _forms = tuple(sorted(forms, key=len, reverse=True))


def secret_forms(secret: str, users: Iterable[str]) -> set[str]:
    """The secret as typed, URL-encoded, and as HTTP Basic carries it after each user."""
    forms = {secret, quote(secret), quote(secret, safe=""), quote_plus(secret)}
    for user in users:
        for encoding in ("latin-1", "utf-8"):
            try:
                credentials = f"{user}:{secret}".encode(encoding)
            except UnicodeEncodeError:
                continue
            encoded = base64.b64encode(credentials).decode("ascii")
            forms |= {encoded, encoded.rstrip("=")}
    return {form for form in forms if form}


def quoted(text: str | bytes, limit: int = LIMIT, encoding: str = "utf-8") -> str:
    """Outside text as a report may show it: no secret, no control character, not too long.

    Bytes are decoded with `encoding` (bad bytes replaced) after their secrets are masked,
    so a secret sent in UTF-8 is found whatever the decoding makes of it. Quoting a quoted
    text changes nothing.
    """
    if isinstance(text, bytes):
        text = masked_bytes(text).decode(encoding, errors="replace")
    # Masked again once escaped: an escape must not spell a secret out either.
    shown = _mask(printable(_mask(text)))
    if len(shown) <= limit:
        return shown
    # The length the sender sent, unless escapes alone made the text too long.
    return _cut(shown, limit, len(text) if len(text) > limit else len(shown))


def quoted_error(error: BaseException) -> str:
    """`TypeName: text` for an exception, whose text may carry a server's or a proxy's words."""
    return f"{type(error).__name__}: {quoted(str(error))}"


def masked_bytes(data: bytes) -> bytes:
    """Bytes with each secret (as UTF-8) masked: for raw answers shown as hex."""
    for form in _forms:
        encoded = form.encode("utf-8")
        if encoded not in data:
            continue
        mask = MASK.encode("ascii")
        if len(form) <= _SHORT:
            data = re.sub(rb"(?<!\w)" + re.escape(encoded) + rb"(?!\w)", mask, data)
        else:
            data = data.replace(encoded, mask)
    return data


def masked(text: str) -> str:
    """`text` with the run's secrets masked, and nothing else changed: for a reader that
    shows a value in its own way (files/values.show names each hidden character)."""
    return _mask(text)


def _mask(text: str) -> str:
    if not _forms or not any(form in text for form in _forms):
        return text
    # A mask already there stays as it is: quoting a quoted text changes nothing.
    return MASK.join(_mask_piece(piece) for piece in text.split(MASK))


def _mask_piece(text: str) -> str:
    for form in _forms:
        if form not in text:
            continue
        if len(form) <= _SHORT:
            text = re.sub(r"(?<!\w)" + re.escape(form) + r"(?!\w)", MASK, text)
        else:
            text = text.replace(form, MASK)
    return text


def printable(text: str) -> str:
    """Text with every control or invisible format character shown as an escape."""
    if text.isprintable():
        return text
    return "".join(_escape(char) for char in text)


def one_line(text: str, limit: int = 4 * LIMIT) -> str:
    """A sentence for stderr: one line (a newline shown as an escape), no control character,
    at most about `limit` characters. A long one loses its middle, where the quoted input
    is, so that its start and its verdict at the end stay."""
    shown = printable(text).replace("\n", "\\n").replace("\t", " ")
    if len(shown) <= limit:
        return shown
    head, tail = limit * 2 // 3, limit // 3
    left_out = len(shown) - head - tail
    return f"{shown[:head]}… ({left_out:,} characters left out) …{shown[-tail:]}"


def _escape(char: str) -> str:
    if char in _KEPT or unicodedata.category(char) not in _HIDING_CATEGORIES:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _cut(text: str, limit: int, length: int) -> str:
    """At most `limit` characters, the note on the cut (with the whole `length`) included."""
    note = f"… ({length:,} characters)"
    return text[: max(limit - len(note), 0)].rstrip() + note


@dataclass(frozen=True, repr=False)
class Outside:
    """An outside text kept as it came, for judging its words (`raw`: a quota, an expired
    password); shown only quoted: `str()`, an f-string and `repr()` all give `quoted(raw)`."""

    raw: str

    def __str__(self) -> str:
        return quoted(self.raw)

    def __repr__(self) -> str:
        return f"Outside({quoted(self.raw)!r})"

    def __bool__(self) -> bool:
        return bool(self.raw)
