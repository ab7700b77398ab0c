"""The protocol check: what answers on the port when it is not an SSH server."""

from __future__ import annotations

import pytest

from tests.check.run import Runner, assert_passes, assert_stops_at
from tests.servers.faults import FaultServer
from tests.servers.ftp import FtpServer

TIMEOUT = 2


def test_ftp_server_is_named_as_ftp(sftpcheck: Runner, ftp_server: FtpServer) -> None:
    run = sftpcheck("127.0.0.1", "--port", str(ftp_server.port), "--timeout", str(TIMEOUT))
    assert_passes(run, "dns", "tcp")
    assert_stops_at(run, "protocol", "protocol.ftp")
    summary = run.summary("protocol")
    assert "FTP" in summary
    assert "SFTP" in summary
    assert "22" in summary


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("silent", "protocol.no_banner"),
        ("close", "protocol.closed"),
        ("reset", "protocol.closed"),
        ("http", "protocol.not_ssh"),
        ("tls", "protocol.not_ssh"),
        ("smtp", "protocol.not_ssh"),
        ("ssh1", "protocol.old_ssh"),
    ],
)
def test_what_answers_decides_the_code(
    sftpcheck: Runner,
    fault_server,
    kind: str,
    code: str,
) -> None:
    server: FaultServer = fault_server(kind)
    run = sftpcheck("127.0.0.1", "--port", str(server.port), "--timeout", str(TIMEOUT))
    assert_passes(run, "dns", "tcp")
    assert_stops_at(run, "protocol", code)


def test_http_is_named_as_a_web_server(sftpcheck: Runner, fault_server) -> None:
    server: FaultServer = fault_server("http")
    run = sftpcheck("127.0.0.1", "--port", str(server.port), "--timeout", str(TIMEOUT))
    assert_stops_at(run, "protocol", "protocol.not_ssh")
    assert "HTTP" in run.summary("protocol")


def test_smtp_is_named_as_a_mail_server(sftpcheck: Runner, fault_server) -> None:
    server: FaultServer = fault_server("smtp")
    run = sftpcheck("127.0.0.1", "--port", str(server.port), "--timeout", str(TIMEOUT))
    assert_stops_at(run, "protocol", "protocol.not_ssh")
    assert "A mail (SMTP) server answered" in run.summary("protocol"), run.describe()
    assert "'220 mail.example.org ESMTP'" in run.summary("protocol")


def test_ssh1_summary_says_version_1(sftpcheck: Runner, fault_server) -> None:
    server: FaultServer = fault_server("ssh1")
    run = sftpcheck("127.0.0.1", "--port", str(server.port), "--timeout", str(TIMEOUT))
    assert_stops_at(run, "protocol", "protocol.old_ssh")
    assert "SSH-1.5-OldServer" in run.summary("protocol")


@pytest.mark.parametrize(
    ("kind", "code", "words"),
    [
        # A greeting that begins as SSH ('S', 'SS', ...) and never ends: no banner, not
        # "something other than SSH".
        ("trickle", "protocol.no_banner", "a full SSH greeting never arrived"),
        ("huge_banner", "protocol.not_ssh", "'Notice 0000001: authorized use only"),
    ],
)
def test_slow_or_endless_greeting_fails_within_the_timeout(
    sftpcheck: Runner, fault_server, kind: str, code: str, words: str
) -> None:
    server: FaultServer = fault_server(kind)
    run = sftpcheck("127.0.0.1", "--port", str(server.port), "--timeout", str(TIMEOUT))
    assert_stops_at(run, "protocol", code)
    assert words in run.summary("protocol"), run.describe()
