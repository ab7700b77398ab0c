"""The credentials of a run: the password (environment, stdin or a prompt), and the private
key with its passphrase, with one clear sentence for every way a key can go wrong.

No credential is ever an option value: a command line is seen by every user of the computer.
"""

from __future__ import annotations

import dataclasses
import getpass
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sftpcheck.check.options import CheckOptions
from sftpcheck.errors import InputError
from sftpcheck.local_files import KEY, read_input
from sftpcheck.model import Secret
from sftpcheck.reasons.auth import AUTH_KEY_UNUSABLE

if TYPE_CHECKING:
    import paramiko

PASSWORD_ENV = "SFTPCHECK_PASSWORD"  # noqa: S105 - the variable's name, not a password
PASSPHRASE_ENV = "SFTPCHECK_PASSPHRASE"  # noqa: S105 - likewise

PassphraseSource = Callable[[], "Secret | None"]
# No password is this long; a stream without a line end (/dev/zero) stops here.
PASSWORD_LIMIT = 8192


def environment_secret(name: str, what: str) -> Secret | None:
    """The secret in the variable `name`; None when it is unset.

    Set but empty is a mistake, never "no password": a nightly job whose secret store
    came back empty would otherwise check nothing and pass (exit 0).
    """
    value = os.environ.get(name)
    if value is None:
        return None
    if not value:
        raise InputError(
            f"{name} is set but empty; set it to {what}, or remove the variable to run without one."
        )
    return Secret(value)


# A key file no SSH client could use is refused before connecting (exit 2), in the words
# `explain` gives a client's own message for it, so the two name the same thing.
_UNUSABLE = f"{AUTH_KEY_UNUSABLE.title} ({AUTH_KEY_UNUSABLE.code}): "


def add_credentials(options: CheckOptions, password_stdin: bool) -> CheckOptions:
    """`options` with the password and the loaded key, each read or asked for once."""
    password = _read_password(options, password_stdin)
    key = None
    asked: list[Secret] = []
    if options.key_path is not None:
        from_environment = environment_secret(PASSPHRASE_ENV, "the key's passphrase")
        source = _passphrase_source(options.key_path, from_environment, asked)
        key = load_private_key(options.key_path, source)
    passphrase = asked[0] if asked else None
    return dataclasses.replace(options, password=password, private_key=key, passphrase=passphrase)


def _read_password(options: CheckOptions, from_stdin: bool) -> Secret | None:
    if from_stdin:
        return _password_from(sys.stdin)
    password = environment_secret(PASSWORD_ENV, "the password")
    if password is not None:
        return password
    if options.username and options.key_path is None and sys.stdin.isatty():
        prompt = f"Password for {options.username}@{options.host} (not shown): "
        typed = getpass.getpass(prompt)
        return Secret(typed) if typed else None
    return None


def _password_from(stream: TextIO) -> Secret:
    line = stream.readline(PASSWORD_LIMIT + 1)
    if len(line) > PASSWORD_LIMIT:
        raise InputError(
            "--password-stdin was given, but standard input holds no line end in its first "
            f"{PASSWORD_LIMIT} characters; give the password on one line."
        )
    password = line.rstrip("\r\n")
    if not password:
        raise InputError("--password-stdin was given, but standard input held no password.")
    return Secret(password)


def _passphrase_source(
    path: Path, from_environment: Secret | None, asked: list[Secret]
) -> PassphraseSource:
    """The passphrase, from the environment or asked for; kept in `asked` once read."""

    def ask() -> Secret | None:
        secret = from_environment
        if secret is None and sys.stdin.isatty():
            secret = Secret(getpass.getpass(f"Passphrase for the key {path} (not shown): "))
        if secret is not None:
            asked.append(secret)
        return secret

    return ask


def load_private_key(path: Path, passphrase: PassphraseSource) -> paramiko.PKey:
    """Read an OpenSSH or PEM private key. `passphrase` is asked only when the key needs one."""
    data = read_input(path, KEY)
    head = data[:4096].lstrip()
    if head.startswith(b"PuTTY-User-Key-File-"):
        raise InputError(
            f"{_UNUSABLE}{path} is a PuTTY .ppk key, which sftpcheck cannot read; "
            f"convert it with 'puttygen {path} -O private-openssh -o {path.with_suffix('')}' "
            "(or PuTTYgen, Conversions, Export OpenSSH key) and give that file to --key."
        )
    if head.startswith((b"ssh-", b"ecdsa-")) or b"PUBLIC KEY" in head:
        raise InputError(
            f"{_UNUSABLE}{path} is a public key; give --key the private key file instead."
        )
    import paramiko
    from cryptography.exceptions import UnsupportedAlgorithm

    # What a damaged key raises: cryptography says UnsupportedAlgorithm for a type name read
    # from the wrong bytes, and NotImplementedError for an EC point not marked uncompressed.
    damaged = (paramiko.SSHException, ValueError, UnsupportedAlgorithm, NotImplementedError)
    try:
        return _key_from_bytes(path, data, None)
    except paramiko.PasswordRequiredException:
        pass
    except TypeError:
        # paramiko 5 raises a bare TypeError for some encrypted keys read without a passphrase.
        pass
    except damaged:
        raise InputError(_unreadable_key(path, head)) from None
    secret = passphrase()
    if secret is None:
        raise InputError(
            f"The key {path} is protected by a passphrase; set SFTPCHECK_PASSPHRASE or run "
            "sftpcheck in a terminal to be asked for it."
        )
    try:
        return _key_from_bytes(path, data, secret.reveal().encode())
    except (*damaged, TypeError):
        raise InputError(f"The passphrase for the key {path} is wrong.") from None


def _unreadable_key(path: Path, head: bytes) -> str:
    """Why a key file cannot be read, in the user's words, not the crypto library's."""
    if b"---- BEGIN SSH2" in head:
        return (
            f"{_UNUSABLE}{path} is an SSH2 (ssh.com) key, which sftpcheck cannot read; "
            f"convert it with 'ssh-keygen -i -f {path} > {path}.openssh' and give that file "
            "to --key."
        )
    if b"-----BEGIN" in head and b"PRIVATE KEY-----" in head:
        return (
            f"{_UNUSABLE}{path} looks like a private key, but its contents are damaged or cut "
            "short; copy the key file again from where it was made."
        )
    return (
        f"{_UNUSABLE}{path} is not a private key file: it has no "
        "'-----BEGIN ... PRIVATE KEY-----' line. Give --key the private key (OpenSSH or PEM)."
    )


def _key_from_bytes(path: Path, data: bytes, password: bytes | None) -> paramiko.PKey:
    """paramiko's PKey.from_path, from the bytes already read (it would read the path
    again, without a limit): the key's type, then the key, then its `-cert.pub` if any."""
    import paramiko
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    loaded: object
    try:
        loaded = serialization.load_ssh_private_key(data, password)
    except ValueError:
        loaded = serialization.load_pem_private_key(data, password)
    key_class: type[paramiko.PKey]
    if isinstance(loaded, rsa.RSAPrivateKey):
        key_class = paramiko.RSAKey
    elif isinstance(loaded, ed25519.Ed25519PrivateKey):
        key_class = paramiko.Ed25519Key
    elif isinstance(loaded, ec.EllipticCurvePrivateKey):
        key_class = paramiko.ECDSAKey
    else:
        raise paramiko.SSHException(f"unknown key type {type(loaded).__name__}")
    # paramiko 5 wants bytes for the password; its type stubs still say str.
    key = key_class.from_private_key(
        io.StringIO(data.decode("utf-8", "replace")),
        password=password,  # type: ignore[arg-type]
    )
    certificate = path.with_name(path.name + "-cert.pub")
    if certificate.is_file():
        key.load_certificate(read_input(certificate, KEY).decode("ascii", "replace"))
    return key
