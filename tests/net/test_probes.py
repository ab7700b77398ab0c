"""Judging what a server says first, from canned bytes."""

from __future__ import annotations

import socket

import pytest

from sftpcheck.net.probes import Connect, Heard, judge, probe_addresses, ssh_software


@pytest.mark.parametrize(
    ("data", "heard"),
    [
        (b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", Heard.SSH),
        (b"SSH-1.99-Cisco-1.25\r\n", Heard.SSH),
        (b"Welcome, authorised users only\r\nSSH-2.0-Foo\r\n", Heard.SSH),
        (b"SSH-1.5-OldServer\r\n", Heard.OLD_SSH),
        (b"220 ProFTPD Server (Debian) [::ffff:10.0.0.1]\r\n", Heard.FTP),
        (b"220-FileZilla Server 1.8\r\n220 Please visit\r\n", Heard.FTP),
        (b"220 mail.example.org ESMTP Postfix\r\n", Heard.SMTP),
        (b"HTTP/1.1 400 Bad Request\r\n", Heard.HTTP),
        (b"<!DOCTYPE HTML>\n<html>", Heard.HTTP),
        (b"\x15\x03\x03\x00\x02\x02\x46", Heard.TLS),
        (b"\x16\x03\x01\x00\x50", Heard.TLS),
        (b"\x00\x01\x02\xff\xfe garbage\n", Heard.OTHER),
    ],
)
def test_judge(data: bytes, heard: Heard) -> None:
    assert judge(data) is heard


def test_judge_waits_for_a_whole_line() -> None:
    assert judge(b"SSH-2.0-Trick") is None


def test_ssh_software() -> None:
    assert ssh_software("SSH-2.0-OpenSSH_9.2p1 Debian-2") == "OpenSSH_9.2p1 Debian-2"


def test_the_banner_is_found_after_other_lines_and_before_the_first_packet() -> None:
    from sftpcheck.net.probes import _split_at_banner

    data = b"Authorised use only\r\nSSH-2.0-Vendor_1.0\r\n\x00\x00\x01\x0c\x0a\x14"
    before, banner, after = _split_at_banner(data)
    assert before == b"Authorised use only\r\n"
    assert banner == b"SSH-2.0-Vendor_1.0"
    assert after == b"\x00\x00\x01\x0c\x0a\x14"


def test_a_refused_connection_names_its_error() -> None:
    """The tcp step tells 'no IPv6 route' from a failure by the error's name."""
    with socket.socket() as bound:  # bound but not listening: the kernel refuses at once
        bound.bind(("127.0.0.1", 0))
        port = bound.getsockname()[1]
        results, opened = probe_addresses(("127.0.0.1",), port, 5.0)
    assert not opened
    assert results[0].outcome is Connect.REFUSED
    assert results[0].error_text.startswith("ECONNREFUSED: "), results[0].error_text
