"""What a report may never do: run a server's terminal codes, or corrupt text to hide a secret.

Issue 10, items 1 and 3: the mask goes only where a secret could really appear (a server's
words), never into sftpcheck's own words or the user name; every text a server supplied is
shown with its control characters escaped, in every format.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sftpcheck.outside import MASK, quoted
from tests.hardening.cli import Cli
from tests.servers.faults import FaultServer
from tests.servers.sshd import SshServer

FORMATS = ["text", "markdown", "json"]
# What a terminal would act on: ESC, BEL, the right-to-left override, a carriage return.
CONTROLS = ("\x1b", "\x07", "\u202e", "\r")


@pytest.mark.parametrize("output_format", FORMATS)
def test_terminal_codes_from_the_server_are_escaped(
    cli: Cli, fault_server: Callable[[str], FaultServer], tmp_path: Path, output_format: str
) -> None:
    server = fault_server("hostile_banner")
    report_file = tmp_path / "report"
    done = cli(
        "check", "127.0.0.1", "--port", str(server.port), "--timeout", "2",
        "--format", output_format, "--output", str(report_file),
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    for text in (done.stdout, report_file.read_text(), done.stderr):
        for control in CONTROLS:
            assert control not in text, (control, text[-3000:])
    # The reader still sees what the server sent, as escapes they can quote to the vendor.
    shown = done.stdout.replace("\\\\", "\\")  # JSON doubles the backslash
    assert "OpenSSH_9.9\\x1b]0;PWNED\\x07" in shown, done.stdout[-3000:]


def _wrong_login(cli: Cli, sshd: SshServer, known_hosts: Path, password: str) -> str:
    username = sshd.accounts["district"].username
    done = cli(
        "check", f"{username}@127.0.0.1", "--port", str(sshd.port),
        "--known-hosts", str(known_hosts), "--timeout", "5", "--no-upload",
        env={"SFTPCHECK_PASSWORD": password},
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "auth.rejected" in done.stdout, done.stdout
    return done.stdout


def test_a_password_inside_sftpcheck_words_is_not_masked(
    cli: Cli, sshd: SshServer, known_hosts: Path
) -> None:
    report = _wrong_login(cli, sshd, known_hosts, "sftp")
    assert MASK not in report, report
    assert "sftpcheck 0.1.0: SFTP connection report" in report
    assert "sftpcheck explain auth.rejected" in report


def test_a_password_equal_to_the_user_name_leaves_the_name(
    cli: Cli, sshd: SshServer, known_hosts: Path
) -> None:
    username = sshd.accounts["district"].username
    report = _wrong_login(cli, sshd, known_hosts, username)
    assert MASK not in report, report
    assert f"The server refused the password for {username}." in report


def test_a_one_letter_password_shreds_no_word(cli: Cli, sshd: SshServer, known_hosts: Path) -> None:
    report = _wrong_login(cli, sshd, known_hosts, "e")
    assert MASK not in report, report
    assert "The server refused the password" in report


def test_a_secret_in_a_servers_words_is_masked_as_a_substring_or_a_short_word(
    run_secrets: Callable[..., None],
) -> None:
    """The rule for outside text (sftpcheck/outside.py); sftpcheck's own words never pass
    through it, which the command-line tests above prove."""
    run_secrets("Kiwi-7Q2x", "sftp", "a")
    assert (
        quoted("Login failed: bad password 'Kiwi-7Q2x'.") == f"Login failed: bad password '{MASK}'."
    )
    assert quoted("/upload/Kiwi-7Q2x.csv: no such file") == f"/upload/{MASK}.csv: no such file"
    # Glued to other letters: still the password.
    assert quoted("xxKiwi-7Q2xyy") == f"xx{MASK}yy"
    assert quoted("sftpcheck opened; SFTP works") == f"{MASK}check opened; SFTP works"
    # A password of one or two characters only where it stands alone.
    assert quoted("The server refused a key.") == f"The server refused {MASK} key."
    assert quoted("probe-1a2b.tmp, a_b") == "probe-1a2b.tmp, a_b"


def test_a_profile_with_terminal_codes_is_quoted_escaped(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "vendor.toml"
    profile.write_text('host = "sftp\\u001b]0;PWNED\\u0007.vendor.test"\n')
    done = cli("check", "--profile", str(profile))
    assert done.returncode == 2, done.stderr
    for control in CONTROLS:
        assert control not in done.stderr, done.stderr
    assert "\\x1b]0;PWNED\\x07" in done.stderr


def test_what_the_user_typed_is_shown_even_when_it_equals_the_password(
    cli: Cli, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["district"]
    password = str(account.password)
    done = cli(
        "check", f"{account.username}@127.0.0.1", "--port", str(sshd.port),
        "--known-hosts", str(known_hosts), "--remote-dir", f"/{password}", "--timeout", "5",
        env={"SFTPCHECK_PASSWORD": password},
    )  # fmt: skip
    assert "remote_dir.not_found" in done.stdout, done.stdout
    assert f"/{password}" in done.stdout
    assert MASK not in done.stdout


def test_a_password_that_is_a_word_of_a_summary_leaves_the_summary(
    cli: Cli, sshd: SshServer, known_hosts: Path
) -> None:
    # "completed" is in no reason's text, only in the ssh check's own summary.
    report = _wrong_login(cli, sshd, known_hosts, "completed")
    assert MASK not in report, report
    assert "SSH handshake completed" in report
