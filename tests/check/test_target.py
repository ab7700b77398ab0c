"""TARGET in every form users paste, and the sentences for the ones that cannot work."""

from __future__ import annotations

import pytest

from sftpcheck.check.target import Target, parse_resolver, parse_target
from sftpcheck.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sftp.vendor.org", Target("sftp.vendor.org")),
        ("sftp.vendor.org:2222", Target("sftp.vendor.org", 2222)),
        ("district42@sftp.vendor.org", Target("sftp.vendor.org", None, "district42")),
        ("d@x@sftp.vendor.org", Target("sftp.vendor.org", None, "d@x")),
        ("[::1]:2222", Target("::1", 2222)),
        ("[2001:db8::7]", Target("2001:db8::7")),
        ("2001:db8::7", Target("2001:db8::7")),
        ("203.0.113.7:22", Target("203.0.113.7", 22)),
        (
            "sftp://district42@sftp.vendor.org:2222/upload",
            Target("sftp.vendor.org", 2222, "district42", "/upload"),
        ),
        ("sftp://district42@sftp.vendor.org/", Target("sftp.vendor.org", None, "district42")),
        (
            "sftp://district42;fingerprint=ssh-ed25519-uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"
            "@sftp.vendor.org/",
            Target(
                "sftp.vendor.org",
                None,
                "district42",
                fingerprint="SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",
            ),
        ),
        ("SFTP://sftp.vendor.org", Target("sftp.vendor.org")),
    ],
)
def test_target_forms(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("sftp.vendor.org:0", "out of range"),
        ("sftp.vendor.org:99999", "out of range"),
        ("sftp.vendor.org:ssh", "not a number"),
        ("ftp://sftp.vendor.org", "FTP is not SFTP"),
        ("https://sftp.vendor.org", "sftp:// only"),
        ("sftp://u:hunter2@sftp.vendor.org", "holds a password"),
        ("u:hunter2@sftp.vendor.org", "holds a password"),
        ("u:hun@ter2@sftp.vendor.org", "holds a password"),
        ("my server", "not a valid server name"),
        ("@sftp.vendor.org", "no user name"),
        ("[::1", "[IPv6 address]"),
    ],
)
def test_bad_targets_get_one_sentence(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as caught:
        parse_target(text)
    assert "\n" not in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_resolver_forms() -> None:
    assert parse_resolver("1.1.1.1") == ("1.1.1.1", 53)
    assert parse_resolver("127.0.0.1:5353") == ("127.0.0.1", 5353)
    assert parse_resolver("[::1]:5353") == ("::1", 5353)
    with pytest.raises(InputError, match="must be an IP address"):
        parse_resolver("dns.google")


@pytest.mark.parametrize(
    "written",
    [
        "ssh-ed25519-uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",  # WinSCP's URL form
        "ssh-ed25519-255-uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s",  # with the bit count
        "ssh-ed25519-uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s=",  # base64 padding kept
        "ssh-ed25519-uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s%3D",  # padding %-encoded
    ],
)
def test_url_fingerprint_forms(written: str) -> None:
    target = parse_target(f"sftp://d;fingerprint={written}@sftp.vendor.org/")
    assert target.fingerprint == "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"


def test_url_fingerprint_base64url_is_standard_base64() -> None:
    body = "ztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"  # 39 of the 43 characters
    url = f"sftp://d;fingerprint=ecdsa-sha2-nistp256-256-a-b_{body}@sftp.vendor.org/"
    assert parse_target(url).fingerprint == f"SHA256:a+b/{body}"
