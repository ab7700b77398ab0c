"""OpenSSH's sshd with PAM (`UsePAM yes`), serving an account whose password must be changed.

`chage -d 0` marks the password as one to change at the next login. PAM's account step
then answers "new password required": over keyboard-interactive, sshd goes on in the same
login to PAM's password change ("Current password:", "New password:", "Retype new
password:"); over a plain password login it sends pam_unix's "You are required to change
your password immediately" as a banner and ends every session that has no terminal.

sshd names its PAM service after the name it was started as, so each instance runs as a
link named `sftpcheck-tests-<token>` to /usr/sbin/sshd, with its own /etc/pam.d file (plain
pam_unix, no session modules that need systemd). The file is removed afterwards, and a
killed run's file is removed by the next run. LogLevel DEBUG2 makes sshd log each answer a
client sends to PAM ("PAM: sshpam_respond entering, N responses").
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers.need import need_program, need_root, unavailable
from tests.servers.processes import free_port, stop_process_tree, wait_for_line
from tests.servers.sshd import (
    SFTP_SERVER,
    SSHD,
    Account,
    SftpDrop,
    delete_user,
    fingerprint_of,
    make_account,
    make_root_dir,
)

PAM_DIR = Path("/etc/pam.d")
SERVICE_PREFIX = "sftpcheck-tests-"
OWNER_LINE = "# sftpcheck tests, removed when the test run ends: pid="
PAM_SERVICE = """\
auth     required pam_unix.so
account  required pam_unix.so
password required pam_unix.so
session  required pam_permit.so
"""
_RESPONSES = re.compile(r"sshpam_respond entering, (\d+) responses")


@dataclass(frozen=True)
class PamSshServer:
    """A running sshd with PAM: where it listens, and its accounts (`expired`, `district`)."""

    host: str
    port: int
    fingerprint: str
    host_key_line: str
    accounts: dict[str, Account] = field(hash=False)
    log_path: Path

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def answers_to_pam(self) -> list[int]:
        """How many answers the client sent in each keyboard-interactive round, in order."""
        return [int(count) for count in _RESPONSES.findall(self.log_text())]


def expire_password(account: Account) -> None:
    """Give the account its own password again, marked as one to change at the next login."""
    assert account.password is not None
    subprocess.run(
        ["chpasswd"],
        input=f"{account.username}:{account.password}\n".encode(),
        check=True,
        capture_output=True,
    )
    subprocess.run(["chage", "-d", "0", account.username], check=True, capture_output=True)


def shadow_entry(username: str) -> str:
    """The account's line in /etc/shadow: its password hash and the date of its last change."""
    for line in Path("/etc/shadow").read_text().splitlines():
        if line.startswith(f"{username}:"):
            return line
    raise AssertionError(f"{username} is not in /etc/shadow")


def must_change_password(username: str) -> bool:
    """`chage -l` says the password must be changed at the next login."""
    listing = subprocess.run(
        ["chage", "-l", username], capture_output=True, text=True, check=True
    ).stdout
    return "password must be changed" in listing.splitlines()[0]


@contextlib.contextmanager
def run_pam_sshd(drop: SftpDrop, login: str, use_pam: bool = True) -> Iterator[PamSshServer]:
    """An sshd with PAM taking `login` ("keyboard-interactive" or "password") for the drop's
    `district` account and a new `expired` one; everything is removed afterwards. Without
    `use_pam` sshd reads the shadow file itself (`UsePAM no`, password login only)."""
    need_root("an sshd with its own PAM service")
    need_program(SSHD, "openssh-server")
    need_program("chage", "passwd")
    if not _has_pam_unix():
        unavailable("pam_unix.so is missing (libpam-modules)")
    remove_leftover_services()
    token = drop.root.name.removeprefix("run-")
    short = ("pw" if login == "password" else "kbd") + ("" if use_pam else "np")
    service = f"{SERVICE_PREFIX}{token}-{short}"
    instance = drop.root / f"sshd-pam-{short}"
    make_root_dir(instance, 0o700)
    created: list[str] = []
    pam_file = PAM_DIR / service
    try:
        expired = make_account(drop.root, token, f"expired_{short}", created)
        expire_password(expired)
        accounts = {"district": drop.accounts["district"], "expired": expired}
        pam_file.write_text(f"{OWNER_LINE}{os.getpid()}\n{PAM_SERVICE}")
        program = instance / service
        program.symlink_to(SSHD)
        config = _config(instance, login, accounts, use_pam)
        with _sshd(program, instance, config) as (port, public_line, log):
            yield PamSshServer(
                host="127.0.0.1",
                port=port,
                fingerprint=fingerprint_of(public_line),
                host_key_line=f"[127.0.0.1]:{port} {' '.join(public_line.split()[:2])}",
                accounts=accounts,
                log_path=log,
            )
    finally:
        pam_file.unlink(missing_ok=True)
        for username in created:
            delete_user(username)


def remove_leftover_services() -> None:
    """Remove the PAM service files of runs that were killed before their teardown."""
    for path in PAM_DIR.glob(f"{SERVICE_PREFIX}*"):
        first = path.read_text(errors="replace").splitlines()[:1]
        pid = first[0].removeprefix(OWNER_LINE) if first else ""
        if first and first[0].startswith(OWNER_LINE) and not Path(f"/proc/{pid}").exists():
            path.unlink(missing_ok=True)


def _has_pam_unix() -> bool:
    patterns = ("lib*/security/pam_unix.so", "usr/lib*/security/pam_unix.so")
    patterns += ("lib*/*/security/pam_unix.so", "usr/lib*/*/security/pam_unix.so")
    return any(next(Path("/").glob(pattern), None) for pattern in patterns)


@contextlib.contextmanager
def _sshd(
    program: Path, instance: Path, config: Callable[[int], str]
) -> Iterator[tuple[int, str, Path]]:
    key_file = instance / "host_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-f", str(key_file)],
        check=True,
        capture_output=True,
    )
    public_line = Path(f"{key_file}.pub").read_text().strip()
    config_path = instance / "sshd_config"
    log = instance / "sshd.log"
    for _ in range(5):  # another program may take the port between our probe and sshd's bind
        port = free_port()
        config_path.write_text(config(port))
        log.write_bytes(b"")
        with log.open("ab") as log_file:
            # The absolute path of the link: sshd re-executes itself by it, keeping its name.
            process = subprocess.Popen(
                [str(program), "-D", "-e", "-f", str(config_path)],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=log_file,
            )
        try:
            wait_for_line(log, f"Server listening on 127.0.0.1 port {port}.", process, 10)
        except RuntimeError:
            stop_process_tree(process)
            continue
        try:
            yield port, public_line, log
        finally:
            stop_process_tree(process)
        return
    raise RuntimeError(f"sshd with PAM did not start:\n{log.read_text(errors='replace')}")


def _config(
    instance: Path, login: str, accounts: dict[str, Account], use_pam: bool
) -> Callable[[int], str]:
    def config(port: int) -> str:
        return _config_text(instance, port, login, accounts, use_pam)

    return config


def _config_text(
    instance: Path, port: int, login: str, accounts: dict[str, Account], use_pam: bool
) -> str:
    password = "yes" if login == "password" else "no"
    chroots = accounts["district"].chroot_on_disk.parent
    return "\n".join(
        [
            f"Port {port}",
            "ListenAddress 127.0.0.1",
            f"PidFile {instance}/sshd.pid",
            "HostKey " + str(instance / "host_ed25519"),
            f"UsePAM {'yes' if use_pam else 'no'}",
            f"PasswordAuthentication {password}",
            f"KbdInteractiveAuthentication {'no' if login == 'password' else 'yes'}",
            "PubkeyAuthentication no",
            "PermitRootLogin no",
            "AllowUsers " + " ".join(account.username for account in accounts.values()),
            f"Subsystem sftp {SFTP_SERVER}",
            f"ChrootDirectory {chroots}/%u",
            f"ForceCommand {SFTP_SERVER}",
            "AllowTcpForwarding no",
            "X11Forwarding no",
            "UseDNS no",
            "LogLevel DEBUG2",
            "MaxStartups 200",
            "LoginGraceTime 30",
            "",
        ]
    )
