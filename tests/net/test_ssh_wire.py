"""Parsing a server's KEXINIT and finding what a client shares with it."""

from __future__ import annotations

import struct

from sftpcheck.net.ssh_wire import ServerAlgorithms, agree, is_legacy, parse_kexinit


def _kexinit(*lists: str) -> bytes:
    body = bytes([20]) + b"\x00" * 16
    for names in lists:
        body += struct.pack(">I", len(names)) + names.encode()
    return body + b"\x00" + b"\x00\x00\x00\x00"


LEGACY = _kexinit(
    "diffie-hellman-group14-sha1,kex-strict-s-v00@openssh.com",
    "ssh-rsa",
    "aes128-cbc,3des-cbc",
    "aes128-cbc,3des-cbc",
    "hmac-sha1",
    "hmac-sha1",
    "none",
    "none",
    "",
    "",
)


def test_parse_kexinit_reads_the_lists_and_drops_pseudo_algorithms() -> None:
    server = parse_kexinit(LEGACY)
    assert server == ServerAlgorithms(
        kex=("diffie-hellman-group14-sha1",),
        host_key=("ssh-rsa",),
        ciphers=("aes128-cbc", "3des-cbc"),
        macs=("hmac-sha1",),
        compression=("none",),
    )


def test_parse_kexinit_rejects_other_messages_and_truncation() -> None:
    assert parse_kexinit(b"\x15abc") is None
    assert parse_kexinit(LEGACY[:30]) is None


def test_agreement_names_what_is_missing() -> None:
    server = parse_kexinit(LEGACY)
    assert server is not None
    modern = agree(
        ("curve25519-sha256", "diffie-hellman-group16-sha512"),
        ("ssh-ed25519", "rsa-sha2-512"),
        ("aes256-gcm@openssh.com", "aes128-ctr"),
        ("hmac-sha2-256",),
        server,
    )
    assert modern.missing() == ["key exchange", "host key type", "cipher", "MAC"]
    assert all(is_legacy(name) for name in server.kex + server.host_key)
    assert not is_legacy("curve25519-sha256")


def test_aead_cipher_needs_no_mac() -> None:
    server = ServerAlgorithms(
        ("curve25519-sha256",),
        ("ssh-ed25519",),
        ("chacha20-poly1305@openssh.com",),
        ("umac-64@openssh.com",),
        (),
    )
    shared = agree(
        ("curve25519-sha256",),
        ("ssh-ed25519",),
        ("chacha20-poly1305@openssh.com",),
        ("hmac-sha2-256",),
        server,
    )
    assert shared.missing() == []
