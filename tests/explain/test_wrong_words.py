"""Issue 21's wrong words in explain, each on the message as the client really prints it."""

from __future__ import annotations

import pytest

from tests.explain.helpers import run_explain

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
