"""System accounts for the servers that take only the machine's own users (dropbear,
tinysshd): each lands in its home directory, which is its whole world (no chroot).

Each account is marked in its GECOS field with the test process's pid, so a later run
removes what a killed run left (and never touches an account that is not ours).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from tests.servers.matrix_accounts import (
    INBOX,
    MatrixAccount,
    RunDirectory,
    make_key,
    make_root_dir,
    new_password,
)
from tests.servers.need import need_program

MARKER = "sftpcheck-matrix pid="
PREFIX = "sfm"


@contextlib.contextmanager
def system_accounts(
    run: RunDirectory, roles: Sequence[str], with_passwords: bool = True
) -> Iterator[dict[str, MatrixAccount]]:
    """One system account per role, with a home under `run`; all deleted afterwards."""
    need_program("useradd", "passwd")
    remove_leftover_accounts()
    token = secrets.token_hex(3)
    keys = run.sub("client-keys", 0o700)
    homes = run.sub("homes")
    created: list[str] = []
    try:
        accounts = {}
        for role in roles:
            username = f"{PREFIX}{token}_{role}"
            home = homes / username
            subprocess.run(
                [
                    "useradd",
                    "-M",
                    "-d",
                    str(home),
                    "-s",
                    "/bin/sh",
                    "-c",
                    MARKER + str(os.getpid()),
                    username,
                ],
                check=True,
                capture_output=True,
            )
            created.append(username)
            password = new_password(role) if with_passwords and role != "keyonly" else None
            if password is None:
                # '*' allows key logins; '!' would lock the account even for keys.
                subprocess.run(["usermod", "-p", "*", username], check=True, capture_output=True)
            else:
                subprocess.run(
                    ["chpasswd"],
                    input=f"{username}:{password}\n".encode(),
                    check=True,
                    capture_output=True,
                )
            key_path, public = make_key(keys, role, username)
            _make_home(home, username, role, public)
            accounts[role] = MatrixAccount(
                role=role,
                username=username,
                password=password,
                key_path=key_path,
                public_key_line=public,
                root_on_disk=Path("/"),  # no chroot: the machine's own root
                landing=str(home),
                landing_on_disk=home,
                root_listable=True,
            )
        yield accounts
    finally:
        for username in created:
            _delete_user(username)


def _make_home(home: Path, username: str, role: str, public_key: str) -> None:
    user = pwd.getpwnam(username)
    owner = (user.pw_uid, user.pw_gid)
    if role == "readonly":
        make_root_dir(home, 0o755)  # lands in a directory it can read but not write
    else:
        home.mkdir()
        os.chown(home, *owner)
        home.chmod(0o755)
    ssh = home / ".ssh"
    ssh.mkdir(mode=0o700)
    (ssh / "authorized_keys").write_text(public_key + "\n")
    (ssh / "authorized_keys").chmod(0o600)
    for path in (ssh, ssh / "authorized_keys"):
        os.chown(path, *owner)
    inbox = home / INBOX
    inbox.mkdir()
    inbox.chmod(0o300)  # write and enter, not read
    os.chown(inbox, *owner)


def _delete_user(username: str) -> None:
    for _ in range(20):
        done = subprocess.run(["userdel", username], capture_output=True, check=False)
        if done.returncode in (0, 6):  # 6: no such user
            return
        time.sleep(0.1)  # 8: a session process of the user is still exiting


def remove_leftover_accounts() -> None:
    for entry in pwd.getpwall():
        if entry.pw_gecos.startswith(MARKER) and entry.pw_name.startswith(PREFIX):
            pid = entry.pw_gecos.removeprefix(MARKER)
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                _delete_user(entry.pw_name)
