"""Item 18: the words a user sees carry no library jargon and no doubled punctuation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.check.run import Runner
from tests.hardening.cli import Cli, assert_one_sentence
from tests.servers.dns import DnsServer


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (os.urandom(300), ["not a private key file", "BEGIN"]),
        (b"hello\n", ["not a private key file"]),
        (
            b"-----BEGIN OPENSSH PRIVATE KEY-----\nnot base64\n-----END OPENSSH PRIVATE KEY-----\n",
            ["damaged or cut short"],
        ),
        (b"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nx\n", ["SSH2", "ssh-keygen -i"]),
    ],
    ids=["random-bytes", "text", "damaged", "ssh2"],
)
def test_a_key_that_cannot_be_read_is_said_in_plain_words(
    cli: Cli, tmp_path: Path, content: bytes, words: list[str]
) -> None:
    key = tmp_path / "id_vendor"
    key.write_bytes(content)
    line = assert_one_sentence(
        cli("check", "127.0.0.1", "--user", "x", "--key", str(key)), *words, "auth.key_unusable"
    )
    for jargon in ("http", "cryptography", "MalformedFraming", "InvalidData", "PEM file"):
        assert jargon not in line, line


def test_a_suggestion_ends_with_its_question_mark(cli: Cli) -> None:
    line = assert_one_sentence(cli("chek"), "Did you mean 'check'")
    assert line.endswith("?"), line


def test_a_dns_answer_names_the_server_as_the_user_wrote_it(
    sftpcheck: Runner, dns_server: DnsServer
) -> None:
    run = sftpcheck("missing.sftp.test", "--resolver", dns_server.resolver_option, "--timeout", "3")
    summary = run.summary("dns")
    assert "Do53" not in summary, run.describe()
    assert f"{dns_server.host}:{dns_server.port}" in summary, run.describe()
