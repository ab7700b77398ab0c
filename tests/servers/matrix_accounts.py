"""The accounts of the server matrix, the same on every server that can express them.

Each role is one scenario a vendor's server puts a district in. A server fixture builds
the accounts it can express under one run directory in /srv (root-owned parents, so the
chroots of ProFTPD and the homes of dropbear's system accounts are accepted), and says
where each account's files land on this machine's disk, so the tests can see what a run
left behind.

| role | what the account is |
|---|---|
| district | password or key; lands in `/upload`; `/` not listable; `/upload/inbox` write-only |
| keyonly | only a key logs in; the server does not offer passwords |
| twofactor | a key and then the password |
| readonly | lands in a directory it may read but not write |
| nosetstat | the server refuses to set permissions and timestamps |
| ignoresetstat | the server says OK to setstat and changes nothing |
| quota | the account's quota is used up: a new file is refused with status 4, "Quota exceeded" |

The programmable servers (AsyncSSH, Go, node) read the same accounts from one JSON file
(`write_user_config`), which is the whole of what makes their scenarios differ.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers.need import need_program, need_root

BASE = Path("/srv/sftpcheck-matrix")
ROLES = ("district", "keyonly", "twofactor", "readonly", "nosetstat", "ignoresetstat", "quota")
LANDING = "/upload"
INBOX = "inbox"  # the write-only folder inside the landing directory


@dataclass(frozen=True)
class MatrixAccount:
    """One login, and where its files are on this machine's disk."""

    role: str
    username: str
    password: str | None
    key_path: Path
    public_key_line: str
    root_on_disk: Path  # what the account sees as `/` (its chroot), or `/` itself
    landing: str  # the directory the login lands in, as the server names it
    landing_on_disk: Path
    root_listable: bool = False  # True where `/` is the machine's own root (no chroot)

    @property
    def inbox(self) -> str:
        """The write-only folder, as the server names it."""
        return f"{self.landing.rstrip('/')}/{INBOX}"

    @property
    def inbox_on_disk(self) -> Path:
        return self.landing_on_disk / INBOX

    def files_on_disk(self) -> dict[str, bytes]:
        """Every file under the landing directory, by relative path, with its content."""
        found: dict[str, bytes] = {}
        for path in sorted(self.landing_on_disk.rglob("*")):
            if path.is_file() or path.is_symlink():
                found[str(path.relative_to(self.landing_on_disk))] = path.read_bytes()
        return found


@dataclass(frozen=True)
class MatrixServer:
    """A running server of the matrix: where it listens, its host key, its accounts."""

    name: str
    host: str
    port: int
    host_key_line: str  # `type base64`, no host name
    accounts: Mapping[str, MatrixAccount] = field(hash=False)
    # Roles served on another port (a second instance with other server-wide settings).
    ports: Mapping[str, int] = field(default_factory=dict, hash=False)
    log_paths: tuple[Path, ...] = ()
    # The line the server logs when it refuses a password ({username} filled in), so a test
    # can tell a refusal the server made from a connection that merely dropped.
    password_refused: str = "password refused for {username}"

    def port_for(self, role: str) -> int:
        return self.ports.get(role, self.port)

    def write_known_hosts(self, path: Path) -> Path:
        """Trust this server's host key on every port it listens on."""
        ports = sorted({self.port, *self.ports.values()})
        path.write_text("".join(f"[{self.host}]:{port} {self.host_key_line}\n" for port in ports))
        return path

    def logged(self, line: str) -> bool:
        return any(
            path.exists() and line in path.read_text(errors="replace") for path in self.log_paths
        )

    def log_text(self) -> str:
        """The end of each log, for a failing test's message."""
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in self.log_paths
            if path.exists()
        )


@dataclass(frozen=True)
class RunDirectory:
    """One fixture's directory under /srv, removed with everything in it afterwards."""

    path: Path

    def sub(self, name: str, mode: int = 0o755) -> Path:
        path = self.path / name
        make_root_dir(path, mode)
        return path


def make_root_dir(path: Path, mode: int) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, 0, 0)
    path.chmod(mode)


@contextlib.contextmanager
def run_directory(server_name: str) -> Iterator[RunDirectory]:
    """A fresh root-owned directory for one server fixture, removed afterwards."""
    need_root(f"the {server_name} test server")
    remove_leftover_runs()
    make_root_dir(BASE, 0o755)
    path = BASE / f"{server_name}-{secrets.token_hex(3)}"
    make_root_dir(path, 0o755)
    (path / "owner.pid").write_text(str(os.getpid()))
    try:
        yield RunDirectory(path)
    finally:
        shutil.rmtree(path, ignore_errors=True)


def remove_leftover_runs() -> None:
    """Remove what runs whose test process is gone (killed before their teardown) left:
    their servers, found by the run directory in their command line, and the directory."""
    if not BASE.is_dir():
        return
    for run in BASE.iterdir():
        owner = run / "owner.pid"
        pid = owner.read_text().strip() if owner.exists() else ""
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            _stop_servers_of(run)
            shutil.rmtree(run, ignore_errors=True)


def _stop_servers_of(run: Path) -> None:
    # proftpd rewrites its command line ("proftpd: (accepting connections)"): its PidFile
    # names it, as dropbear's does, if that process still is such a server.
    for pid_file in (*run.glob("*/proftpd.pid"), *run.glob("*/dropbear.pid")):
        pid = pid_file.read_text().strip()
        with contextlib.suppress(OSError, ValueError):
            if Path(f"/proc/{pid}/exe").resolve().name == pid_file.stem:
                os.kill(int(pid), signal.SIGTERM)
    needle = f"{run}/".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command_line = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if needle in command_line:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(entry.name), signal.SIGTERM)


def make_key(directory: Path, name: str, comment: str) -> tuple[Path, str]:
    """A fresh ed25519 key pair in OpenSSH format: its private key path and public line."""
    need_program("ssh-keygen", "openssh-client")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    key_path = directory / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(key_path)],
        check=True,
        capture_output=True,
    )
    public = Path(f"{key_path}.pub").read_text().strip()
    return key_path, public


def new_password(role: str) -> str:
    return f"Pw-{role}-{secrets.token_hex(8)}"


def make_tree(root: Path, landing_on_disk: Path, owner: tuple[int, int], role: str) -> None:
    """The account's directories: a root it may not list, the landing, the inbox.

    `owner` (uid, gid) owns what the account may write; a read-only account's landing
    stays root's. Servers that run as root and enforce the rules themselves pass (0, 0).
    """
    make_root_dir(root, 0o711)  # may pass through to the landing, may not list
    landing_on_disk.mkdir(parents=True, exist_ok=True)
    landing_on_disk.chmod(0o755)
    if role != "readonly":
        os.chown(landing_on_disk, *owner)
    inbox = landing_on_disk / INBOX
    inbox.mkdir(exist_ok=True)
    inbox.chmod(0o300)  # write and enter, not read: the file system's own write-only folder
    os.chown(inbox, *owner)


def programmable_accounts(run: RunDirectory, prefix: str) -> dict[str, MatrixAccount]:
    """Every role, for a server that runs as root and enforces each rule itself."""
    accounts: dict[str, MatrixAccount] = {}
    keys = run.sub("client-keys", 0o700)
    for role in ROLES:
        username = f"{prefix}_{role}"
        key_path, public = make_key(keys, role, username)
        root = run.path / "roots" / username
        landing = root / LANDING.lstrip("/")
        make_tree(root, landing, (0, 0), role)
        accounts[role] = MatrixAccount(
            role=role,
            username=username,
            password=None if role == "keyonly" else new_password(role),
            key_path=key_path,
            public_key_line=public,
            root_on_disk=root,
            landing=LANDING,
            landing_on_disk=landing,
        )
    return accounts


def user_config(account: MatrixAccount) -> dict[str, object]:
    """What a programmable server needs to know to play this account's scenario.

    methods: like OpenSSH's AuthenticationMethods, any one entry logs in, and an entry
    `a,b` needs both in that order. unlisted: directories that may not be listed.
    read_only: every write refused. setstat: accept, denied (status 3), unsupported
    (status 8) or ignore (OK, and nothing changes). write_failure: the text of the status
    4 FAILURE every open for writing gets (a full quota), or null.
    """
    methods = {
        "keyonly": ["publickey"],
        "twofactor": ["publickey,password"],
    }.get(account.role, ["password", "publickey"])
    setstat = {"nosetstat": "denied", "ignoresetstat": "ignore"}.get(account.role, "accept")
    return {
        "password": account.password,
        "authorized_key": account.public_key_line,
        "methods": methods,
        "root": str(account.root_on_disk),
        "home": account.landing,
        "unlisted": ["/", account.inbox],
        "read_only": account.role == "readonly",
        "setstat": setstat,
        "write_failure": "Quota exceeded" if account.role == "quota" else None,
    }


def write_user_config(
    path: Path,
    host_key: Path,
    accounts: Mapping[str, MatrixAccount],
    refused_setstat_status: str = "denied",
    listeners: Sequence[Sequence[str]] = (ROLES,),
) -> Path:
    """The JSON file a programmable server reads: its host key, every account, and which
    roles each of its listening ports serves (the server offers, on a port, the login
    methods of that port's accounts: one way to have a port that offers no passwords)."""
    users = {}
    for account in accounts.values():
        config = user_config(account)
        if config["setstat"] == "denied":
            config["setstat"] = refused_setstat_status
        users[account.username] = config
    ports = [[accounts[role].username for role in roles if role in accounts] for roles in listeners]
    document = {"host_key": str(host_key), "users": users, "listeners": ports}
    path.write_text(json.dumps(document, indent=2))
    path.chmod(0o600)
    return path


def wait_until_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    """For servers that say nothing when ready: until 127.0.0.1:port accepts."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(
        f"{process.args!r} did not listen on {port}:\n{log.read_text(errors='replace')}"
    )
