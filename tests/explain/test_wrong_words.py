"""Issue 21's wrong words in explain, each on the message as the client really prints it."""

from __future__ import annotations

import subprocess

import pytest

from tests.explain.helpers import run_explain
from tests.servers.sshd import SshServer

# OpenSSH's last line when the server still takes only a password (tests/clients/fixtures/
# two_factor/openssh.txt): after a wrong password on a server that takes passwords only,
# or after a key it accepted when it wants the password as well.
PASSWORD_ONLY = "district_twofactor@127.0.0.1: Permission denied (password)."


def test_a_password_refused_is_named_before_a_second_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    codes = run_explain(capsys, PASSWORD_ONLY, "--format", "json").codes()
    assert codes[0] == "auth.rejected"
    assert "auth.partial" in codes[:3]


def test_ssh_v_showing_the_partial_success_names_the_second_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = "\n".join(
        [
            "debug1: Offering public key: /home/district/.ssh/id_ed25519 ED25519 SHA256:x",
            "debug1: Server accepts key: /home/district/.ssh/id_ed25519 ED25519 SHA256:x",
            'Authenticated using "publickey" with partial success.',
            "debug1: Authentications that can continue: password",
            PASSWORD_ONLY,
        ]
    )
    assert run_explain(capsys, log, "--format", "json").codes()[0] == "auth.partial"


def test_too_many_authentication_failures_names_the_keys_offered_and_the_fix(
    capsys: pytest.CaptureFixture[str], sshd_throttling: SshServer
) -> None:
    """Real ssh -v offers two keys the account does not know to a real sshd that allows one
    failed try (MaxAuthTries 1): the server ends the login before any password."""
    server = sshd_throttling
    keys = [server.accounts[role].key_path for role in ("keyonly", "twofactor")]
    assert all(keys)
    done = subprocess.run(
        [
            "ssh", "-v", "-F", "/dev/null", "-p", str(server.port),
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentityAgent=none",
            "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10",
            *(argument for key in keys for argument in ("-i", str(key))),
            f"{server.accounts['district'].username}@{server.host}", "true",
        ],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert "Too many authentication failures" in done.stderr, done.stderr[-2000:]
    document = run_explain(capsys, done.stderr, "--format", "json").json()
    assert document["notes"], document
    assert document["notes"][0].startswith("ssh offered 2 keys")
    assert "IdentitiesOnly yes" in document["notes"][0]
    text = run_explain(capsys, done.stderr).out
    assert text.index("IdentitiesOnly yes") < text.index("1. auth.")


def test_winscps_whole_dialog_for_the_top_folder_is_root_denied(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The dialog WinSCP shows when the site opens '/' and the account may not list it,
    pasted whole: its title line, the status, its code and the server's words."""
    dialog = (
        "Error listing directory '/'.\n"
        "Permission denied.\n"
        "Error code: 3\n"
        "Error message from server: Permission denied"
    )
    document = run_explain(capsys, dialog, "--format", "json").json()
    assert document["matches"][0]["code"] == "remote_dir.root_denied"
    assert document["client"] == "WinSCP"


def test_cyberducks_timestamp_alert_is_setstat_and_named_cyberduck(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Cyberduck's alert after an upload whose time the server will not set (its
    SFTPTimestampFeature: "Cannot change timestamp of {0}", then the server's reason)."""
    alert = (
        "Access denied\n"
        "Cannot change timestamp of students.csv. Permission denied. Please contact your "
        "web hosting service provider for assistance."
    )
    document = run_explain(capsys, alert, "--format", "json").json()
    assert document["matches"][0]["code"] == "setstat.unsupported"
    assert document["client"] == "Cyberduck"
    assert "That is a Cyberduck message." in run_explain(capsys, alert).out
