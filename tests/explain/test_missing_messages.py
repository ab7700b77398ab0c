"""Messages the issue named as missing: each found, with its right code first."""

from __future__ import annotations

import pytest

from tests.explain.helpers import run_explain


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        (
            "Error:\tCannot establish FTP connection to an SFTP server. Please select proper "
            "protocol.\nError:\tCritical error: Could not connect to server",
            "client.protocol",
        ),
        ("remote fsetstat: Permission denied", "setstat.unsupported"),
        ('remote setstat "/upload/students.csv": Permission denied', "setstat.unsupported"),
        (
            "Error:\tServer sent an additional login prompt. You need to use the interactive "
            "login type.",
            "auth.partial",
        ),
        ("Further authentication required", "auth.partial"),
        (
            "The server does not support the operation.\nError code: 8\n"
            "Error message from server (US-ASCII): SETSTAT unsupported",
            "setstat.unsupported",
        ),
        ("Received disconnect from 203.0.113.7 port 22:2: Too many authentication failures",
         "auth.rejected"),
        ("WARNING: Your password has expired.\nPassword change required but no TTY available.",
         "auth.password_expired"),
        ("General failure (server should provide error description).\nError code: 4\n"
         "Error message from server: No space left on device", "upload.incomplete"),
        ("Error code: 15", "upload.incomplete"),
        ("Received disconnect from 203.0.113.7 port 22:11: Home Directory not accessible error.",
         "remote_dir.denied"),
        ("Transfer was successfully finished, but temporary transfer file 'students.csv.filepart' "
         "could not be renamed to target file name 'students.csv'. If the problem persists, you "
         "may try to turn off transfer resume support.", "upload.rename_denied"),
        ("Error deleting file 'students.csv'. After resumable file upload the existing "
         "destination file must be deleted. If you do not have permissions to delete the "
         "destination file, you need to disable resumable file transfers.",
         "upload.rename_denied"),
        ("Proxy authentication failed.", "tcp.proxy_auth"),
    ],
)  # fmt: skip
def test_each_missing_message_is_found(
    pasted: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_explain(capsys, pasted, "--format", "json")
    assert run.exit_code == 0, run.out
    assert run.codes()[0] == expected


def test_winscp_packet_size_is_decoded_to_the_text_a_login_script_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = "Received too large (1349281121 B) SFTP packet. Max supported packet size is 1024000 B."
    document = run_explain(capsys, line, "--format", "json").json()
    assert document["matches"][0]["code"] == "remote_dir.no_sftp"
    assert any('starts with "Plea"' in note for note in document["notes"])
    assert 'starts with "Plea"' in run_explain(capsys, line).out


@pytest.mark.parametrize(
    "pasted",
    [
        "You are required to change your password immediately (administrator enforced).",
        "You are required to change your password immediately (root enforced)\n"
        "Changing password for district42.\nCurrent password:",
        "WARNING: Your password has expired.",
        "Your password has expired.",
        "Password change required but no TTY available.",
        "You must change your password now and login again!",
        "Server requested password change",
        "Current password (blank for previously entered password):",
        "Retype new password:",
        "Confirm new password:",
    ],
)
def test_a_password_that_must_be_changed_is_named_first(
    pasted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """OpenSSH's, PAM's, PuTTY's and WinSCP's words for a password that works but must be
    changed first: not a wrong password (auth.rejected), which sends people to retype it."""
    run = run_explain(capsys, pasted, "--format", "json")
    assert run.exit_code == 0, run.out
    assert run.codes()[0] == "auth.password_expired"


def test_openssh_message_length_is_decoded_too(capsys: pytest.CaptureFixture[str]) -> None:
    """sftp against an account whose shell is nologin (tests/clients/fixtures/nologin_shell):
    the 'length' is "This", the start of "This account is currently not available"."""
    paste = (
        "Received message too long 1416128883\n"
        "Ensure the remote shell produces no output for non-interactive sessions."
    )
    document = run_explain(capsys, paste, "--format", "json").json()
    assert document["matches"][0]["code"] == "remote_dir.no_sftp"
    assert any('starts with "This"' in note for note in document["notes"])
