"""ProFTPD's mod_sftp on loopback, with virtual users (no system accounts).

The accounts come from an AuthUserFile; each is chrooted (DefaultRoot) to a root-owned
directory of mode 0711 it may not list, and lands in `/upload` inside it. Settings that
mod_sftp only takes server-wide run as more instances of the same server on other ports:

| instance | roles | what differs |
|---|---|---|
| main | district, readonly, nosetstat, nochmod | DenyAll: SETSTAT, SITE_CHMOD (per account) |
| keyonly | keyonly | `SFTPAuthMethods publickey` |
| twofactor | twofactor | `SFTPAuthMethods publickey+password` |
| ignore | ignoresetstat | `SFTPOptions IgnoreSFTPSetTimes IgnoreSFTPSetPerms`: OK, no change |

The write-only folder is the file system's own: mode 0300 for the account. One more role
than the other servers have, nochmod: a server that refuses permissions a client sends in
its OPEN request, as OpenSSH's `put` does (the open fails, after the file was created).
"""

from __future__ import annotations

import contextlib
import pwd
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.servers.matrix_accounts import (
    LANDING,
    ROLES,
    MatrixAccount,
    MatrixServer,
    RunDirectory,
    make_key,
    make_tree,
    new_password,
    run_directory,
    wait_until_listening,
)
from tests.servers.need import need_program
from tests.servers.processes import free_port, stop_process_tree, wait_for_line

PROFTPD = "/usr/sbin/proftpd"
MOD_SFTP = Path("/usr/lib/proftpd/mod_sftp.so")
FIRST_UID = 47100  # virtual users take the first ids from here that no system account has
INSTANCES: dict[str, tuple[str, ...]] = {
    "main": ("district", "readonly", "nosetstat", "nochmod"),
    "keyonly": ("keyonly",),
    "twofactor": ("twofactor",),
    "ignore": ("ignoresetstat",),
}
INSTANCE_LINES: dict[str, list[str]] = {
    "main": ["SFTPAuthMethods publickey password"],
    "keyonly": ["SFTPAuthMethods publickey"],
    "twofactor": ["SFTPAuthMethods publickey+password"],
    "ignore": [
        "SFTPAuthMethods publickey password",
        "SFTPOptions IgnoreSFTPSetTimes IgnoreSFTPSetPerms",
    ],
}


def _hash_password(password: str) -> str:
    done = subprocess.run(
        ["openssl", "passwd", "-6", "-stdin"],
        input=password,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _rfc4716(public_key_path: Path) -> str:
    """mod_sftp reads authorized keys in RFC 4716 form, not OpenSSH's one-line form."""
    done = subprocess.run(
        ["ssh-keygen", "-e", "-f", str(public_key_path)], capture_output=True, text=True, check=True
    )
    return done.stdout


def _accounts(run: RunDirectory) -> tuple[dict[str, MatrixAccount], list[str]]:
    """The accounts and their AuthUserFile lines; authorized keys written beside them."""
    keys = run.sub("client-keys", 0o700)
    authorized = run.sub("authorized")
    accounts: dict[str, MatrixAccount] = {}
    passwd_lines = []
    taken = {entry.pw_uid for entry in pwd.getpwall()}
    uids = (uid for uid in range(FIRST_UID, FIRST_UID + 1000) if uid not in taken)
    roles = (*(role for role in ROLES if role != "quota"), "nochmod")
    for role, uid in zip(roles, uids, strict=False):
        username = f"proftpd_{role}"
        key_path, public = make_key(keys, role, username)
        (authorized / username).write_text(_rfc4716(Path(f"{key_path}.pub")))
        root = run.path / "roots" / username
        landing = root / LANDING.lstrip("/")
        make_tree(root, landing, (uid, uid), role)
        password = None if role == "keyonly" else new_password(role)
        hashed = _hash_password(password) if password else "*"
        passwd_lines.append(f"{username}:{hashed}:{uid}:{uid}::{landing}:/bin/false")
        accounts[role] = MatrixAccount(
            role=role,
            username=username,
            password=password,
            key_path=key_path,
            public_key_line=public,
            root_on_disk=root,
            landing=LANDING,
            landing_on_disk=landing,
        )
    return accounts, passwd_lines


def _config(run: RunDirectory, instance: str, port: int, accounts: dict[str, MatrixAccount]) -> str:
    state = run.path / instance
    lines = [
        "LoadModule mod_sftp.c",
        "ServerType standalone",
        "ServerName sftpcheck-matrix",
        "DefaultServer on",
        "UseIPv6 off",
        "DefaultAddress 127.0.0.1",
        "SocketBindTight on",
        f"Port {port}",
        "User nobody",
        "Group nogroup",
        f"PidFile {state}/proftpd.pid",
        f"ScoreboardFile {state}/proftpd.scoreboard",
        "DelayEngine off",
        "WtmpLog off",
        "UseReverseDNS off",
        "MaxInstances 100",
        "AuthOrder mod_auth_file.c",
        f"AuthUserFile {run.path}/passwd",
        f"AuthGroupFile {run.path}/group",
        "RequireValidShell off",
        "DefaultRoot ~/..",
        "Umask 022",
        "AllowOverwrite on",
        f"TransferLog {state}/xfer.log",
        "SFTPEngine on",
        f"SFTPLog {state}/sftp.log",
        f"SFTPHostKey {run.path}/host-key/host_ed25519",
        f"SFTPAuthorizedUserKeys file:{run.path}/authorized/%u",
        *INSTANCE_LINES[instance],
        # A vendor that lets no client change permissions or times.
        f"<Directory {accounts['nosetstat'].root_on_disk}>",
        "  <Limit SETSTAT FSETSTAT>",
        "    DenyAll",
        "  </Limit>",
        "</Directory>",
        f"<Directory {accounts['nochmod'].root_on_disk}>",
        "  <Limit SITE_CHMOD>",
        "    DenyAll",
        "  </Limit>",
        "</Directory>",
        "",
    ]
    return "\n".join(lines)


@contextlib.contextmanager
def run_proftpd() -> Iterator[MatrixServer]:
    need_program(PROFTPD, "proftpd-core")
    if not MOD_SFTP.exists():
        need_program(str(MOD_SFTP), "proftpd-mod-crypto")
    need_program("openssl", "openssl")
    with run_directory("proftpd") as run, contextlib.ExitStack() as stack:
        accounts, passwd_lines = _accounts(run)
        (run.path / "passwd").write_text("\n".join(passwd_lines) + "\n")
        (run.path / "group").write_text(
            "".join(f"{line.split(':')[0]}:x:{line.split(':')[3]}:\n" for line in passwd_lines)
        )
        for name in ("passwd", "group"):
            (run.path / name).chmod(0o600)  # mod_auth_file refuses world-readable files
        _, host_public = make_key(run.sub("host-key", 0o700), "host_ed25519", "proftpd")
        ports: dict[str, int] = {}
        logs: list[Path] = []
        for instance, roles in INSTANCES.items():
            port, log = _start(stack, run, instance, accounts)
            ports.update(dict.fromkeys(roles, port))
            logs += [log, run.path / instance / "sftp.log"]
        yield MatrixServer(
            name="proftpd",
            host="127.0.0.1",
            port=ports["district"],
            host_key_line=" ".join(host_public.split()[:2]),
            accounts=accounts,
            ports=ports,
            log_paths=tuple(logs),
            password_refused="password authentication for user '{username}' failed",
        )


def _start(
    stack: contextlib.ExitStack,
    run: RunDirectory,
    instance: str,
    accounts: dict[str, MatrixAccount],
) -> tuple[int, Path]:
    state = run.sub(instance)
    config = state / "proftpd.conf"
    log = state / "proftpd.log"
    last_error: Exception | None = None
    for _ in range(5):  # the port may be taken between our probe and proftpd's bind
        port = free_port()
        config.write_text(_config(run, instance, port, accounts))
        log.write_bytes(b"")
        with log.open("ab") as log_file:
            process = subprocess.Popen(
                [PROFTPD, "--nodaemon", "--config", str(config), "--debug", "1"],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=log_file,
            )
        try:
            wait_for_line(log, "standalone mode STARTUP", process, 15)
            wait_until_listening(port, process, log)
        except RuntimeError as error:
            stop_process_tree(process)
            last_error = error
            continue
        stack.callback(stop_process_tree, process)
        return port, log
    raise RuntimeError(f"proftpd ({instance}) did not start: {last_error}")
