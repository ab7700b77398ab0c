"""Merging TARGET, profile and options: options win over the URL, the URL over the profile."""

from __future__ import annotations

from pathlib import Path

from sftpcheck.check.layer import Layer
from sftpcheck.check.profile import read_profile
from sftpcheck.check.settings import settle_options


def test_explicit_options_win_over_url_and_profile(tmp_path: Path) -> None:
    profile_path = tmp_path / "vendor.toml"
    profile_path.write_text(
        'host = "sftp.vendor.org"\nport = 2222\nuser = "from-profile"\ntimeout = 5\n'
        'expect-ip = ["203.0.113.7"]\nfile_names = ["roster.csv"]\n'
    )
    profile = read_profile(profile_path)
    only_profile = settle_options(None, Layer(), profile).options
    assert (only_profile.host, only_profile.port, only_profile.username) == (
        "sftp.vendor.org",
        2222,
        "from-profile",
    )
    assert only_profile.timeout == 5
    assert only_profile.expect_ips == ("203.0.113.7",)
    assert only_profile.file_names == ("roster.csv",)

    url = settle_options("sftp://url-user@other.vendor.org:2200/in", Layer(), profile).options
    assert (url.host, url.port, url.username, url.remote_dir) == (
        "other.vendor.org",
        2200,
        "url-user",
        "/in",
    )

    flags = settle_options(
        "sftp://url-user@other.vendor.org:2200/in",
        Layer(port=22, user="flag-user", remote_dir="/x"),
        profile,
    ).options
    assert (flags.port, flags.username, flags.remote_dir) == (22, "flag-user", "/x")


def test_defaults() -> None:
    options = settle_options("vendor.org", Layer(), None).options
    assert options.port == 22
    assert options.timeout == 10
    assert not options.setstat
    assert options.file_names[0] == "schools.csv"


def test_a_profile_urls_fingerprint_survives_a_command_line_target(tmp_path: Path) -> None:
    profile_path = tmp_path / "vendor.toml"
    body = "uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"
    profile_path.write_text(
        f'target = "sftp://district42;fingerprint=ssh-ed25519-{body}@sftp.vendor.org/"\n'
    )
    options = settle_options("sftp.vendor.org:2222", Layer(), read_profile(profile_path)).options
    assert options.expect_fingerprint == f"SHA256:{body}"
    assert options.username == "district42"
    assert options.port == 2222
