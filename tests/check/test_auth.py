"""The auth check, and the key-file input errors that stop a run before it starts."""

from __future__ import annotations

import re
from pathlib import Path

from tests.check.run import (
    Runner,
    assert_input_error,
    assert_passes,
    assert_stops_at,
    login_args,
    login_tries_in_log,
)
from tests.servers.sshd import SshServer


def _failed_passwords(server: SshServer, username: str) -> int:
    return server.log_text().count(f"Failed password for {username} from")


def test_wrong_password_is_rejected_after_one_try(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    username = sshd.accounts["district"].username
    failed_before = _failed_passwords(sshd, username)
    run = sftpcheck(*login_args(sshd, "district", known_hosts), password="Wrong-Password-9431")
    assert_passes(run, "dns", "tcp", "protocol", "ssh")
    assert_stops_at(run, "auth", "auth.rejected")
    assert username in run.summary("auth")
    # One try, never a retry loop: vendor servers lock accounts after a few failures.
    assert _failed_passwords(sshd, username) == failed_before + 1, sshd.log_text()[-2000:]


def test_a_login_that_worked_at_once_does_not_claim_the_server_named_no_methods(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    """The password went first and worked: the server was never asked what it takes."""
    account = sshd.accounts["district"]
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts), "--no-upload", password=account.password
    )
    assert_passes(run, "auth")
    facts = run.check("auth")["facts"]
    assert facts["Login methods offered"] == "not asked: the login worked at once"
    text = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--no-upload",
        password=account.password,
        output_format="text",
    )
    assert "nothing it names" not in text.stdout
    assert re.search(r"Login methods offered: +not asked: the login worked at once", text.stdout)


def test_a_refusal_names_the_methods_the_server_offers(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    run = sftpcheck(*login_args(sshd, "district", known_hosts), password="Wrong-Password-9431")
    assert_stops_at(run, "auth", "auth.rejected")
    assert run.check("auth")["facts"]["Login methods offered"] == "publickey, password"


def test_password_to_a_key_only_account_is_not_offered(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    run = sftpcheck(*login_args(sshd, "keyonly", known_hosts), password="Some-Password-1234")
    assert_stops_at(run, "auth", "auth.method_not_offered")
    assert "publickey" in run.summary("auth")
    assert run.check("auth")["details"]["offered"] == ["publickey"]


def test_key_alone_to_a_two_factor_account_is_partial(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["twofactor"]
    assert account.key_path is not None
    run = sftpcheck(*login_args(sshd, "twofactor", known_hosts), "--key", str(account.key_path))
    assert_stops_at(run, "auth", "auth.partial")
    assert "password" in run.summary("auth")


def test_key_and_password_to_a_two_factor_account_pass(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["twofactor"]
    assert account.key_path is not None
    run = sftpcheck(
        *login_args(sshd, "twofactor", known_hosts),
        "--key",
        str(account.key_path),
        password=account.password,
    )
    assert_passes(run, "auth", "remote_dir", "upload")
    assert run.exit_code == 0, run.describe()


def test_key_to_a_key_only_account_passes(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["keyonly"]
    assert account.key_path is not None
    run = sftpcheck(*login_args(sshd, "keyonly", known_hosts), "--key", str(account.key_path))
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir", "upload")
    assert run.report is not None
    assert run.report["verdict"] == "pass"
    assert run.exit_code == 0, run.describe()


def test_encrypted_key_with_passphrase_from_env_passes(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["keyonly"]
    assert account.encrypted_key_path is not None
    run = sftpcheck(
        *login_args(sshd, "keyonly", known_hosts),
        "--key",
        str(account.encrypted_key_path),
        passphrase=account.passphrase,
    )
    assert_passes(run, "auth", "remote_dir", "upload")
    assert run.exit_code == 0, run.describe()


def test_encrypted_key_without_passphrase_is_an_input_error(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["keyonly"]
    assert account.encrypted_key_path is not None
    run = sftpcheck(
        *login_args(sshd, "keyonly", known_hosts), "--key", str(account.encrypted_key_path)
    )
    assert_input_error(run, "passphrase", "SFTPCHECK_PASSPHRASE")


def test_putty_key_is_an_input_error_naming_puttygen(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    ppk = tmp_path / "district.ppk"
    ppk.write_text(
        "PuTTY-User-Key-File-3: ssh-ed25519\n"
        "Encryption: none\n"
        "Comment: district\n"
        "Public-Lines: 2\n"
        "AAAAC3NzaC1lZDI1NTE5AAAAIJ3tGcVsZtQbzOc4ou2UOgtbRyZfE8YuV9Pnlug\n"
        "6lMA\n"
        "Private-Lines: 1\n"
        "AAAAIEJ1aGdsS0cK2WxHcyS2pc6dsVFBBxE8k8Fe0bD3uN8e\n"
        "Private-MAC: 8a0e6a3bd7e23a1a1bd4d2f7c8a1a7b9c0c3e1f2a4b5c6d7e8f9a0b1c2d3e4f5\n"
    )
    run = sftpcheck(*login_args(sshd, "district", known_hosts), "--key", str(ppk))
    assert_input_error(run, "puttygen", "ppk", "The key file cannot be used (auth.key_unusable)")


def test_the_public_key_given_as_key_is_an_input_error_in_explains_words(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    """The harness's public_key_given scenario: check stops before it connects (exit 2), and
    its sentence names the code explain gives a client's own words for the same mistake."""
    account = sshd.accounts["keyonly"]
    assert account.key_path is not None
    public = Path(f"{account.key_path}.pub")
    run = sftpcheck(*login_args(sshd, "keyonly", known_hosts), "--key", str(public))
    assert_input_error(run, "is a public key", "The key file cannot be used (auth.key_unusable)")


def test_no_password_is_not_a_pass_and_the_verdict_says_the_login_was_not_tested(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    run = sftpcheck(*login_args(sshd, "district", known_hosts))
    assert run.status("auth") == "warn", run.describe()
    assert run.code("auth") == "auth.no_credentials"
    assert "not tested" in run.summary("auth")
    assert "publickey, password" in run.summary("auth")  # what the server offers
    for later in ("remote_dir", "upload", "setstat"):
        assert run.status(later) == "skip", run.describe()
    assert run.report is not None
    assert run.report["verdict"] == "warn"
    text = sftpcheck(*login_args(sshd, "district", known_hosts), output_format="text")
    assert "Verdict: WARN: 'Login' and the steps after it were not tested" in text.stdout


def test_an_empty_password_variable_is_one_sentence_and_nothing_is_tried(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    """Set but empty is a mistake (a secret store that came back empty), not "no password":
    a nightly job would check nothing and exit 0 (issue 21)."""
    username = sshd.accounts["district"].username
    tries_before = login_tries_in_log(sshd, username)
    run = sftpcheck(*login_args(sshd, "district", known_hosts), password="")
    assert_input_error(run, "SFTPCHECK_PASSWORD is set but empty")
    assert login_tries_in_log(sshd, username) == tries_before


def test_no_user_name_is_not_a_pass(sftpcheck: Runner, sshd: SshServer, known_hosts: Path) -> None:
    run = sftpcheck(
        "127.0.0.1",
        "--port",
        str(sshd.port),
        "--known-hosts",
        str(known_hosts),
        password="Some-Password-1",
    )
    assert run.code("auth") == "auth.no_credentials", run.describe()
    assert "no user name" in run.summary("auth")
    assert run.report is not None
    assert run.report["verdict"] == "warn"
