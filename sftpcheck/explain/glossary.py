"""The few technical words that must stay, each said in plain words.

docs/glossary.md is made from this list, and a test checks that any of these words used in
the reason catalog is defined here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A word a reader may not know, and what it means here."""

    name: str
    definition: str


GLOSSARY: tuple[Term, ...] = (
    Term(
        "allowlist",
        "A list of addresses that a firewall lets through. Traffic from or to any other "
        "address is blocked. Vendors ask for your address to put on their allowlist.",
    ),
    Term(
        "DNS",
        "The service that turns a server name, such as sftp.example.org, into an address "
        "a computer can connect to.",
    ),
    Term(
        "firewall",
        "A device or program that decides which network traffic may pass. Your district "
        "has one, and so does the vendor.",
    ),
    Term(
        "host key",
        "The server's ID card. The server shows it each time a client connects, so the "
        "client can tell it is the same server as last time.",
    ),
    Term(
        "fingerprint",
        "A short code made from a host key, such as SHA256:abc... The vendor can read it to "
        "you, so you can check that the key is theirs.",
    ),
    Term(
        "known_hosts",
        "The file where ssh saves the host keys of servers it has met. WinSCP and "
        "FileZilla keep a list like it.",
    ),
    Term(
        "port",
        "A number that picks one service on a server. SFTP uses port 22 unless the "
        "vendor says another.",
    ),
    Term(
        "SFTP",
        "A safe way to send files. It runs over SSH. It is not the same as FTP or FTPS.",
    ),
    Term(
        "SSH",
        "A safe way for two computers to talk. It locks the traffic so no one in the "
        "middle can read it.",
    ),
    Term(
        "public key",
        "The half of a key pair that you may share. You send it to the vendor. The other "
        "half, the private key, stays on your computer.",
    ),
    Term(
        "two-factor login",
        "A login that needs two things, such as a password and a key, or a password and a code.",
    ),
    Term(
        "UTF-8",
        "The usual way to store letters as bytes. Most importers expect it. Excel may save "
        "files another way.",
    ),
)
