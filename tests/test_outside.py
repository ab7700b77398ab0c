"""`quoted`, the one gate of outside text: canned inputs for each rule (the command-line
tests in tests/check/test_echoed_secrets.py drive it through real servers and a proxy)."""

from __future__ import annotations

import base64
from collections.abc import Callable

from sftpcheck.outside import LIMIT, MASK, Outside, masked_bytes, quoted


def test_every_form_sent_is_masked(run_secrets: Callable[..., None]) -> None:
    run_secrets("Kiwi S3cret/Pw+", users=("district42",))
    basic = base64.b64encode(b"district42:Kiwi S3cret/Pw+").decode()
    said = f"Basic {basic}; url Kiwi%20S3cret%2FPw%2B; form Kiwi+S3cret%2FPw%2B; {basic[:-1]}"
    assert quoted(said) == f"Basic {MASK}; url {MASK}; form {MASK}; {MASK}"


def test_a_secret_in_bytes_is_masked_before_they_are_decoded(
    run_secrets: Callable[..., None],
) -> None:
    run_secrets("Grüße-42")
    # Sent in UTF-8, read back as Latin-1 (an HTTP proxy's status line): masked all the same.
    assert quoted("bad Grüße-42!".encode(), encoding="latin-1") == f"bad {MASK}!"
    # Shown in hex, cut to its first bytes: masked before the cut, so no first bytes show.
    packet = b"\x01\x0adistrict42\x0aGr\xc3\xbc\xc3\x9fe-42"
    assert b"Gr" not in masked_bytes(packet)[:16]


def test_control_characters_are_shown_as_escapes() -> None:
    assert (
        quoted("OpenSSH\x1b]52;c;aGk=\x07\x00\u202e") == "OpenSSH\\x1b]52;c;aGk=\\x07\\x00\\u202e"
    )
    assert quoted("two\nlines\tand a tab") == "two\nlines\tand a tab"


def test_a_long_text_is_cut_with_its_length() -> None:
    shown = quoted("x" * 1_048_576)
    assert len(shown) <= LIMIT
    assert shown.endswith("… (1,048,576 characters)")
    assert quoted(shown) == shown  # quoting twice changes nothing


def test_a_short_secret_only_as_a_word(run_secrets: Callable[..., None]) -> None:
    run_secrets("22", "a")
    assert (
        quoted("port 22, a key, 2222, a_b, xxayy") == f"port {MASK}, {MASK} key, 2222, a_b, xxayy"
    )
    assert quoted(quoted("port 22")) == f"port {MASK}"


def test_outside_text_is_judged_as_it_came_and_shown_quoted(
    run_secrets: Callable[..., None],
) -> None:
    run_secrets("expired")
    said = Outside("Your password expired\x07")
    assert "expired" in said.raw
    assert str(said) == f"Your password {MASK}\\x07" == f"{said}"
    assert "expired" not in repr(said)


def test_a_value_of_the_districts_file_is_masked_before_it_is_cut(
    run_secrets: Callable[..., None],
) -> None:
    """`check --upload` checks the file during the run: files' own quoting masks too."""
    from sftpcheck.files.values import show

    run_secrets("S3cretPw")
    assert show("xxS3cretPwyy ") == f'"xx{MASK}yy "'
    # At the cut too: no first letters of it are left.
    assert show("x" * 36 + "S3cretPw") == f'"{"x" * 36}****..."'
