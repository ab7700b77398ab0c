"""OpenSSH's sshd on loopback, set up like a school-data drop.

One `SftpDrop` holds the system accounts, their chroots, keys and authorized keys under a
root-owned directory in /srv (sshd refuses a chroot with any parent that is not root-owned
or is group/world-writable, so /tmp is out). Several sshd instances can serve one drop:
the ordinary one, one without SFTP, and a legacy one offering only SHA-1 key exchange and
ssh-rsa host keys.

Needs root: accounts, chroot and password logins all do.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers.need import ipv6_loopback_works, need_program, need_root
from tests.servers.netns import NetNamespace
from tests.servers.processes import free_port, stop_process_tree, wait_for_line

SSHD = "/usr/sbin/sshd"
BASE = Path("/srv/sftpcheck-tests")
# Written into each test account's GECOS field, so a later run can remove what a killed
# run left behind (and never touch an account that is not ours).
MARKER = "sftpcheck-tests pid="
SFTP_SERVER = "internal-sftp -P setstat,fsetstat"
# What the no-SFTP sshd says before the login, as vendors' servers often do.
LOGIN_BANNER = "Authorized users only. Uploads are scanned. Questions: helpdesk@vendor.test"
# readonly lands in a folder it may read but not write; inbox_below too, but a folder below
# its landing folder (inbox) takes files, as on drops with one folder per feed.
ROLES = ("district", "keyonly", "twofactor", "readonly", "openroot", "inbox_below")


@dataclass(frozen=True)
class Account:
    """One login on the test sshd, and where its uploads land on this machine's disk (for
    inbox_below, the writable folder below the one the login lands in)."""

    role: str
    username: str
    password: str | None
    key_path: Path | None
    encrypted_key_path: Path | None
    passphrase: str | None
    upload_dir_on_disk: Path
    chroot_on_disk: Path


@dataclass(frozen=True)
class SshServer:
    """A running sshd: where it listens, its host key, and its accounts by role."""

    host: str
    port: int
    fingerprint: str
    host_key_line: str
    accounts: Mapping[str, Account] = field(hash=False)
    host_key_type: str = "ssh-ed25519"
    log_path: Path | None = None

    def write_known_hosts(self, path: Path) -> Path:
        """A known_hosts file that trusts this server's real host key."""
        path.write_text(self.host_key_line + "\n")
        return path

    def write_wrong_known_hosts(self, path: Path) -> Path:
        """A known_hosts file holding a different key of the same type for this host and port:
        what a client sees after the vendor rebuilt the server (or a man in the middle)."""
        path.write_text(f"{self.known_hosts_name} {other_public_key(self.host_key_type)}\n")
        return path

    @property
    def known_hosts_name(self) -> str:
        return self.host if self.port == 22 else f"[{self.host}]:{self.port}"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""


@dataclass(frozen=True)
class SftpDrop:
    """The accounts and directories several sshd instances share."""

    root: Path
    accounts: Mapping[str, Account] = field(hash=False)

    @property
    def usernames(self) -> tuple[str, ...]:
        return tuple(account.username for account in self.accounts.values())

    def empty_upload_dirs(self) -> None:
        """Remove what tests left in the upload directories (not the directories)."""
        for account in self.accounts.values():
            for entry in account.upload_dir_on_disk.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()


def fingerprint_of(public_line: str) -> str:
    """OpenSSH's SHA256 fingerprint of a public key line `type base64 [comment]`."""
    blob = base64.b64decode(public_line.split()[1])
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def other_public_key(key_type: str) -> str:
    """A fresh public key of the given type, matching no server."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    if key_type == "ssh-ed25519":
        public = ed25519.Ed25519PrivateKey.generate().public_key()
    else:
        public = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    return public.public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    ).decode()


# --- the drop: accounts, chroots, keys ---------------------------------------------------


@contextlib.contextmanager
def sftp_drop() -> Iterator[SftpDrop]:
    """Create the accounts and chroots; remove them all afterwards, whatever happened."""
    need_root("the OpenSSH test server (system accounts, chroot)")
    need_program(SSHD, "openssh-server")
    need_program("ssh-keygen", "openssh-client")
    need_program("useradd", "passwd")
    remove_leftovers()
    token = secrets.token_hex(3)
    make_root_dir(BASE, 0o755)
    root = BASE / f"run-{token}"
    make_root_dir(root, 0o755)
    (root / "owner.pid").write_text(str(os.getpid()))
    created: list[str] = []
    try:
        accounts = {role: make_account(root, token, role, created) for role in ROLES}
        yield SftpDrop(root=root, accounts=accounts)
    finally:
        for username in created:
            delete_user(username)
        shutil.rmtree(root, ignore_errors=True)


def make_root_dir(path: Path, mode: int) -> None:
    path.mkdir(exist_ok=True)
    os.chown(path, 0, 0)
    path.chmod(mode)


def make_account(root: Path, token: str, role: str, created: list[str]) -> Account:
    username = f"sfc{token}_{role}"
    password = None if role == "keyonly" else f"Pw-{role}-{secrets.token_hex(8)}"
    subprocess.run(
        [
            "useradd",
            "-M",
            "-d",
            "/upload",
            "-s",
            "/usr/sbin/nologin",
            "-c",
            MARKER + str(os.getpid()),
            username,
        ],
        check=True,
        capture_output=True,
    )
    created.append(username)
    if password is None:
        # '*' allows key logins; '!' would lock the account even for keys.
        subprocess.run(["usermod", "-p", "*", username], check=True, capture_output=True)
    else:
        subprocess.run(
            ["chpasswd"], input=f"{username}:{password}\n".encode(), check=True, capture_output=True
        )
    user = pwd.getpwnam(username)

    chroot = root / "chroots" / username
    make_root_dir(chroot.parent, 0o755)
    # 0711: the user may pass through / to /upload but not list /; openroot may list it.
    make_root_dir(chroot, 0o755 if role == "openroot" else 0o711)
    upload = chroot / "upload"
    upload.mkdir()
    if role in ("readonly", "inbox_below"):
        os.chown(upload, 0, 0)  # lands in a directory it can read but not write
        upload.chmod(0o755)
    else:
        os.chown(upload, user.pw_uid, user.pw_gid)
        upload.chmod(0o755)
    private = chroot / "private"  # exists, but this user may not open it
    make_root_dir(private, 0o700)
    lands_in = upload
    if role == "inbox_below":
        make_root_dir(upload / "archive", 0o755)  # listed first, and not writable either
        lands_in = upload / "inbox"  # the one folder that takes its files
        lands_in.mkdir()
        os.chown(lands_in, user.pw_uid, user.pw_gid)

    key_path, encrypted_path, passphrase = _make_client_keys(root, username, role)
    keys_dir = root / "authorized_keys"
    make_root_dir(keys_dir, 0o755)
    authorized = keys_dir / username
    authorized.write_text(Path(f"{key_path}.pub").read_text())
    authorized.chmod(0o644)
    return Account(
        role=role,
        username=username,
        password=password,
        key_path=key_path,
        encrypted_key_path=encrypted_path,
        passphrase=passphrase,
        upload_dir_on_disk=lands_in,
        chroot_on_disk=chroot,
    )


def _make_client_keys(root: Path, username: str, role: str) -> tuple[Path, Path | None, str | None]:
    keys = root / "client-keys"
    keys.mkdir(mode=0o700, exist_ok=True)
    key_path = keys / f"{role}_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", username, "-f", str(key_path)],
        check=True,
        capture_output=True,
    )
    if role != "keyonly":
        return key_path, None, None
    # The same key, protected by a passphrase: both open the same account.
    passphrase = f"Pass-{secrets.token_hex(8)}"
    encrypted = keys / f"{role}_ed25519_encrypted"
    shutil.copyfile(key_path, encrypted)
    encrypted.chmod(0o600)
    subprocess.run(
        ["ssh-keygen", "-q", "-p", "-P", "", "-N", passphrase, "-f", str(encrypted)],
        check=True,
        capture_output=True,
    )
    return key_path, encrypted, passphrase


def delete_user(username: str) -> None:
    for _ in range(20):
        done = subprocess.run(["userdel", username], capture_output=True, check=False)
        if done.returncode in (0, 6):  # 6: no such user
            return
        time.sleep(0.1)  # 8: a session process of the user is still exiting


def _stop_leftover_sshd(run: Path) -> None:
    """Stop the sshd instances a killed run left, by the pid in their PidFile, if that
    process really is an sshd reading a config file from this run's directory."""
    for pid_file in run.glob("sshd-*/sshd.pid"):
        pid = pid_file.read_text().strip()
        try:
            command_line = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (OSError, ValueError):
            continue
        if pid.isdigit() and "sshd" in command_line and f"{run}/" in command_line:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGTERM)


def remove_leftovers() -> None:
    """Remove what earlier runs left when they were killed before their teardown: their
    sshd instances, run directories and accounts (only those whose test process is gone)."""
    if BASE.is_dir():
        for run in BASE.glob("run-*"):
            owner = run / "owner.pid"
            pid = owner.read_text().strip() if owner.exists() else ""
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                _stop_leftover_sshd(run)
                shutil.rmtree(run, ignore_errors=True)
    for entry in pwd.getpwall():
        if entry.pw_gecos.startswith(MARKER) and entry.pw_name.startswith("sfc"):
            pid = entry.pw_gecos.removeprefix(MARKER)
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                delete_user(entry.pw_name)


# --- sshd instances -----------------------------------------------------------------------


def drop_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """The ordinary drop: chrooted internal-sftp that refuses setstat, per-role auth rules."""
    accounts = drop.accounts
    return "\n".join(
        [
            *_common_lines(drop, instance, port, listen),
            "HostKey " + str(instance / "host_ed25519"),
            f"Subsystem sftp {SFTP_SERVER}",
            f"ChrootDirectory {drop.root}/chroots/%u",
            f"ForceCommand {SFTP_SERVER}",
            f"Match User {accounts['keyonly'].username}",
            "    PasswordAuthentication no",
            f"Match User {accounts['twofactor'].username}",
            "    AuthenticationMethods publickey,password",
            "",
        ]
    )


def no_sftp_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """Logins work, but there is no SFTP subsystem and every session runs /bin/false.
    Its login banner is a vendor's usual warning (Banner in sshd_config)."""
    banner = instance / "banner.txt"
    banner.write_text(LOGIN_BANNER + "\n")
    return "\n".join(
        [
            *_common_lines(drop, instance, port, listen),
            "HostKey " + str(instance / "host_ed25519"),
            f"Banner {banner}",
            "ForceCommand /bin/false",
            "",
        ]
    )


def legacy_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """An old appliance: SHA-1 Diffie-Hellman and ssh-rsa host keys only (paramiko 5 refuses)."""
    return "\n".join(
        [
            *_common_lines(drop, instance, port, listen),
            "HostKey " + str(instance / "host_rsa"),
            "KexAlgorithms diffie-hellman-group14-sha1",
            "HostKeyAlgorithms ssh-rsa",
            f"Subsystem sftp {SFTP_SERVER}",
            f"ChrootDirectory {drop.root}/chroots/%u",
            f"ForceCommand {SFTP_SERVER}",
            "",
        ]
    )


def _common_lines(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> list[str]:
    return [
        f"Port {port}",
        *(f"ListenAddress {address}" for address in listen),
        f"PidFile {instance}/sshd.pid",
        "UsePAM no",
        "PermitRootLogin no",
        "PasswordAuthentication yes",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        f"AuthorizedKeysFile {drop.root}/authorized_keys/%u",
        "StrictModes yes",
        "AllowUsers " + " ".join(drop.usernames),
        "AllowTcpForwarding no",
        "X11Forwarding no",
        "PermitTunnel no",
        "UseDNS no",
        "LogLevel VERBOSE",
        # Many short test connections from one address must not be throttled.
        "MaxStartups 200",
        "LoginGraceTime 30",
    ]


def throttling_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """The drop, strict about how much one address may try: one unauthenticated connection
    at a time (MaxStartups 1) and one failed login per connection (MaxAuthTries 1)."""
    lines = drop_config(drop, instance, port, listen).replace("MaxStartups 200", "MaxStartups 1")
    first_match = lines.index("Match User")
    return lines[:first_match] + "MaxAuthTries 1\n" + lines[first_match:]


def two_keys_config(drop: SftpDrop, instance: Path, port: int, listen: tuple[str, ...]) -> str:
    """The drop with an RSA host key beside the Ed25519 one (`host_rsa` in its directory),
    as most servers have: a client shows whichever type it asks for first."""
    rsa = instance / "host_rsa"
    if not rsa.exists():
        subprocess.run(
            ["ssh-keygen", "-q", "-N", "", "-t", "rsa", "-b", "2048", "-f", str(rsa)],
            check=True,
            capture_output=True,
        )
    lines = drop_config(drop, instance, port, listen)
    first_match = lines.index("Match User")
    return lines[:first_match] + f"HostKey {rsa}\n" + lines[first_match:]


CONFIGS = {
    "drop": drop_config,
    "two_keys": two_keys_config,
    "no_sftp": no_sftp_config,
    "legacy": legacy_config,
    "throttling": throttling_config,
}


@contextlib.contextmanager
def run_sshd(
    drop: SftpDrop, kind: str = "drop", namespace: NetNamespace | None = None
) -> Iterator[SshServer]:
    """Start one sshd instance of `kind` serving `drop`; stop it and its sessions afterwards.

    With `namespace`, sshd runs inside that network namespace (on its own loopback).
    """
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation directory
    suffix = "" if namespace is None else f"-{namespace.name}"
    instance = drop.root / f"sshd-{kind}{suffix}"
    make_root_dir(instance, 0o700)
    key_type = "ssh-rsa" if kind == "legacy" else "ssh-ed25519"
    key_file = instance / ("host_rsa" if kind == "legacy" else "host_ed25519")
    keygen = ["ssh-keygen", "-q", "-N", "", "-f", str(key_file)]
    keygen += ["-t", "rsa", "-b", "2048"] if kind == "legacy" else ["-t", "ed25519"]
    subprocess.run(keygen, check=True, capture_output=True)
    public_line = Path(f"{key_file}.pub").read_text().strip()
    ipv6 = namespace is None and kind == "drop" and ipv6_loopback_works()
    listen = ("127.0.0.1", "::1") if ipv6 else ("127.0.0.1",)
    prefix = namespace.command([]) if namespace is not None else []
    process, port, log = _start_with_free_port(drop, instance, kind, listen, prefix)
    server = SshServer(
        host="127.0.0.1",
        port=port,
        fingerprint=fingerprint_of(public_line),
        host_key_line=f"[127.0.0.1]:{port} {' '.join(public_line.split()[:2])}",
        accounts=drop.accounts,
        host_key_type=key_type,
        log_path=log,
    )
    try:
        yield server
    finally:
        stop_process_tree(process)


def _start_with_free_port(
    drop: SftpDrop, instance: Path, kind: str, listen: tuple[str, ...], prefix: list[str]
) -> tuple[subprocess.Popen[bytes], int, Path]:
    config_path = instance / "sshd_config"
    log = instance / "sshd.log"
    last_error: Exception | None = None
    for _ in range(5):  # another program may take the port between our probe and sshd's bind
        port = free_port(listen)
        config_path.write_text(CONFIGS[kind](drop, instance, port, listen))
        checked = subprocess.run(
            [SSHD, "-t", "-f", str(config_path)], capture_output=True, text=True, check=False
        )
        if checked.returncode != 0:
            raise RuntimeError(f"sshd -t rejects the {kind} config:\n{checked.stderr}")
        log.write_bytes(b"")
        with log.open("ab") as log_file:
            process = subprocess.Popen(
                [*prefix, SSHD, "-D", "-e", "-f", str(config_path)],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=log_file,
            )
        try:
            for address in listen:
                wait_for_line(log, f"Server listening on {address} port {port}.", process, 10)
        except RuntimeError as error:
            stop_process_tree(process)
            last_error = error
            continue
        return process, port, log
    raise RuntimeError(f"sshd ({kind}) did not start: {last_error}")
