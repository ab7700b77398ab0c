"""Unusable input: one clear sentence on stderr, exit code 2, no traceback, no secret."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "Hunter2-never-shown"


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sftpcheck", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={"PATH": "/usr/bin:/bin", "SFTPCHECK_PASSWORD": SECRET, **(env or {})},
        timeout=60,
        check=False,
    )


def assert_one_sentence(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sftpcheck: ")
    for word in words:
        assert word in lines[0]
    assert SECRET not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "127.0.0.1", "--port", "0"], ["out of range"]),
        (["check", "127.0.0.1", "--port", "seventy"], ["--port"]),
        (["check", "127.0.0.1", "--format", "xml"], ["xml"]),
        (["check", "127.0.0.1", "--key", "/nonexistent/key", "--user", "x"], ["does not exist"]),
        (["check", "127.0.0.1", "--timeout", "0"], ["timeout"]),
        (["check", "127.0.0.1", "--expect-fingerprint", "abc"], ["SHA256"]),
        (["check", "127.0.0.1", "--expect-ip", "vendor.org"], ["not an IP address"]),
        (["check", "127.0.0.1", "--resolver", "dns.google"], ["IP address"]),
        (["check", "127.0.0.1", "--upload", "/nonexistent.csv"], ["does not exist"]),
        (["check", "127.0.0.1", "--profile", "/nonexistent.toml"], ["does not exist"]),
        (["check", "127.0.0.1", "--bogus"], ["--bogus"]),
        (["check", "sftp://u:pw@127.0.0.1"], ["password"]),
        (["check"], ["No target"]),
        (["check", "ftp://vendor.org"], ["FTP is not SFTP"]),
    ],
)
def test_bad_input(args: list[str], words: list[str]) -> None:
    assert_one_sentence(run(*args), *words)


def test_putty_key_names_the_puttygen_command(tmp_path: Path) -> None:
    key = tmp_path / "district.ppk"
    key.write_text("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n")
    result = run("check", "127.0.0.1", "--user", "x", "--key", str(key))
    assert_one_sentence(result, "PuTTY", f"puttygen {key} -O private-openssh")


def test_public_key_instead_of_private(tmp_path: Path) -> None:
    key = tmp_path / "id.pub"
    key.write_text("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG district@example\n")
    assert_one_sentence(run("check", "127.0.0.1", "--user", "x", "--key", str(key)), "public key")


def test_encrypted_key_without_passphrase(tmp_path: Path) -> None:
    key = tmp_path / "id_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "right-phrase", "-f", str(key)], check=True
    )
    result = run("check", "127.0.0.1", "--user", "x", "--key", str(key))
    assert_one_sentence(result, "passphrase", "SFTPCHECK_PASSPHRASE")
    wrong = run(
        "check", "127.0.0.1", "--user", "x", "--key", str(key), env={"SFTPCHECK_PASSPHRASE": "nope"}
    )
    assert_one_sentence(wrong, "passphrase", "wrong")


def test_bad_profile(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("port = [\n")
    assert_one_sentence(run("check", "--profile", str(broken)), "not valid TOML")
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('host = "127.0.0.1"\npasword = "x"\n')
    assert_one_sentence(run("check", "--profile", str(unknown)), "unknown setting 'pasword'")
    typed = tmp_path / "typed.toml"
    typed.write_text('host = "127.0.0.1"\nport = "22"\n')
    assert_one_sentence(run("check", "--profile", str(typed)), "'port'", "a whole number")


def test_empty_password_stdin() -> None:
    assert_one_sentence(run("check", "127.0.0.1", "--password-stdin", stdin=""), "--password-stdin")


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "sftpcheck 0.1.0"
