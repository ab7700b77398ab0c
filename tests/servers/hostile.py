"""A hostile SFTP server (paramiko's server side): what a broken or malicious vendor sends.

Each `Hostility` field is one thing a server can do to a client that trusts it:

- **words**: any text (terminal escapes, OSC 52 clipboard writes, NUL, CR, 1 MB runs) in
  every field a server sends: text lines before its version, the version line's comment,
  the login banner, a disconnect's text, SFTP status messages, file names in a listing,
  and the REALPATH answer (where the login lands). `{password}` in a text is replaced by
  the account's password: a server that echoes it back.
- **time**: a stall (nothing more is said) or a drip (one byte per 200 ms) from one step on:
  banner, kex, auth, subsystem, open, write, close, stat.
- **the folder**: files already there (a `.filepart` WinSCP left, the real name), a name
  that stat and the listing hide (a file that appears between a look and a create),
  writes kept only up to a byte count (a full disk), a remove that is refused.
- **the account**: a password that must be changed, asked through keyboard-interactive
  prompts ("New password:") or said in a banner after a plain password login.

The server records what the client did (`Record`): the answers it gave to each prompt,
the files it removed and the requests it sent, so a test can prove what was NOT done.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import subprocess
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.servers.quirky_sftp import open_on_disk
from tests.servers.sshd import fingerprint_of

POLL = 0.1
DRIP_SECONDS = 0.2
LANDING_DIR = "/upload"
STEPS = ("banner", "kex", "auth", "subsystem", "open", "write", "close", "stat")
EXPIRED_BANNER = "You are required to change your password immediately (administrator enforced)"


@dataclass(frozen=True)
class Hostility:
    """How this server misbehaves; the defaults are a plain, healthy drop."""

    username: str = "district"
    password: str = ""  # empty: a fresh random one
    greeting: str = ""  # text lines before the SSH version line
    version_comment: str = ""  # SSH-2.0-OpenSSH_9.6 <comment>
    banner: str = ""  # the login banner
    disconnect: str = ""  # sent instead of an answer to the password
    status: str = ""  # the text of every SFTP error status
    listing_names: tuple[str, ...] = ()  # extra names in every listing
    landing: str = ""  # the REALPATH answer for '.', instead of /upload
    stall: str = ""  # a step of STEPS: from there on, nothing is said
    drip: str = ""  # a step of STEPS: from there on, one byte per DRIP_SECONDS
    existing: Mapping[str, bytes] = field(default_factory=dict)  # files in /upload
    hidden: tuple[str, ...] = ()  # names that stat and the listing do not show
    keep_bytes: int | None = None  # a write past this offset is dropped (and said OK)
    refuse_remove: bool = False
    # "keyboard-interactive": the login asks "Password:", then for a new one.
    # "banner": a plain password login works, says EXPIRED_BANNER, and SFTP is refused.
    expired: str = ""
    # Folders where nothing may be created (as a chroot's root-owned "/"), and folders made
    # inside /upload beforehand (a writable "incoming" below a read-only landing folder).
    read_only: tuple[str, ...] = ("/",)
    folders: tuple[str, ...] = ()


@dataclass
class Record:
    """What the client did, as the server saw it."""

    prompts_answered: list[tuple[str, str]] = field(default_factory=list)
    passwords_tried: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # absolute, as the server resolved them
    opened: list[str] = field(default_factory=list)
    connections: int = 0


@dataclass(frozen=True)
class HostileServer:
    host: str
    port: int
    username: str
    password: str
    fingerprint: str
    known_hosts_line: str
    root_on_disk: Path
    record: Record

    @property
    def upload_dir_on_disk(self) -> Path:
        return self.root_on_disk / LANDING_DIR.lstrip("/")


@contextlib.contextmanager
def run_hostile_server(root: Path, hostility: Hostility) -> Iterator[HostileServer]:
    """Serve `root` (landing in /upload) on 127.0.0.1 with a port the kernel picks."""
    import paramiko

    for name in ("paramiko", "paramiko.transport"):
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    upload = root / LANDING_DIR.lstrip("/")
    upload.mkdir(parents=True, exist_ok=True)
    for folder in hostility.folders:
        (upload / folder).mkdir(parents=True, exist_ok=True)
    for name, data in hostility.existing.items():
        (upload / name).write_bytes(data)
    key_file = root.parent / f"{root.name}-host_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key_file)],
        check=True,
        capture_output=True,
    )
    host_key = paramiko.Ed25519Key.from_private_key_file(str(key_file))
    password = hostility.password or f"Hostile-{secrets.token_hex(6)}"
    stop = threading.Event()
    record = Record()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(POLL)
    port = listener.getsockname()[1]
    held: list[Any] = []

    def serve(conn: socket.socket) -> None:
        record.connections += 1
        held.append(conn)
        # A client that hangs up early (sftpcheck's own probes do) ends only its connection.
        with contextlib.suppress(OSError, EOFError, paramiko.SSHException):
            _serve_connection(conn, root, hostility, password, host_key, stop, record, held)

    def accept_loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), name="hostile-conn", daemon=True).start()

    thread = threading.Thread(target=accept_loop, name="hostile-sftp", daemon=True)
    thread.start()
    public = Path(f"{key_file}.pub").read_text().split()
    try:
        yield HostileServer(
            host="127.0.0.1",
            port=port,
            username=hostility.username,
            password=password,
            fingerprint=fingerprint_of(f"{public[0]} {public[1]}"),
            known_hosts_line=f"[127.0.0.1]:{port} {public[0]} {public[1]}\n",
            root_on_disk=root,
            record=record,
        )
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()
        for item in held:
            with contextlib.suppress(Exception):
                item.close()


def echo(text: str, password: str) -> str:
    """A server text with the account's password put where it says `{password}`."""
    return text.replace("{password}", password)


class _DrippingSocket:
    """The server's socket, sending one byte per DRIP_SECONDS once `drip_from` bytes went out."""

    def __init__(self, sock: socket.socket, stop: threading.Event) -> None:
        self._sock = sock
        self._stop = stop
        self.sent = 0
        self.drip_from = float("inf")

    def send(self, data: bytes) -> int:
        if self.sent < self.drip_from or not data:
            count = self._sock.send(data[: max(1, int(min(self.drip_from - self.sent, 1 << 20)))])
        else:
            if self._stop.wait(DRIP_SECONDS):
                raise OSError("the test is over")
            count = self._sock.send(data[:1])
        self.sent += count
        return count

    def sendall(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[self.send(bytes(view)) :]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


def _serve_connection(
    conn: socket.socket,
    root: Path,
    hostility: Hostility,
    password: str,
    host_key: Any,
    stop: threading.Event,
    record: Record,
    held: list[Any],
) -> None:
    import paramiko

    if hostility.stall == "banner":
        stop.wait(120)  # accepts, and never says a word
        return
    dripper = _DrippingSocket(conn, stop)
    if hostility.drip == "banner":
        dripper.drip_from = 0
    if hostility.greeting:
        dripper.sendall(echo(hostility.greeting, password).encode("utf-8", "surrogatepass"))
    if hostility.stall == "kex":
        dripper.sendall(b"SSH-2.0-OpenSSH_9.6 stalls-after-this\r\n")
        with contextlib.suppress(OSError):
            while not stop.is_set() and conn.recv(65536):
                pass  # reads the client's key exchange and never answers it
        return
    transport = paramiko.Transport(dripper)  # type: ignore[arg-type]
    held.append(transport)
    if hostility.version_comment:
        comment = echo(hostility.version_comment, password)
        transport.local_version = f"SSH-2.0-OpenSSH_9.6 {comment}"
    transport.add_server_key(host_key)
    if hostility.drip == "kex":  # the version line goes out whole, then the key exchange drips
        dripper.drip_from = dripper.sent + len(transport.local_version.encode()) + 2
    steps = _Steps(hostility, stop, dripper)
    transport.set_subsystem_handler(
        "sftp",
        _sftp_server_class(hostility, password),
        _sftp_interface(root, hostility, record, steps),
    )
    login = _login(hostility, password, record, steps, transport)
    with contextlib.suppress(paramiko.SSHException, EOFError, OSError):
        transport.start_server(server=login)


class _Steps:
    """Where a stall or a drip starts: each step's handler calls `reached(step)`."""

    def __init__(self, hostility: Hostility, stop: threading.Event, dripper: _DrippingSocket):
        self.hostility = hostility
        self.stop = stop
        self.dripper = dripper

    def reached(self, step: str) -> None:
        if self.hostility.drip == step:
            self.dripper.drip_from = 0
        if self.hostility.stall == step:
            self.stop.wait(120)  # until the test ends: the client must give up first


def _login(
    hostility: Hostility, password: str, record: Record, steps: _Steps, transport: Any
) -> Any:
    import paramiko
    from paramiko.common import cMSG_DISCONNECT

    class HostileLogin(paramiko.ServerInterface):
        prompts: list[str]

        def get_allowed_auths(self, username: str) -> str:
            if hostility.expired == "keyboard-interactive":
                return "keyboard-interactive"
            return "password"

        def get_banner(self) -> tuple[str | None, str | None]:
            text = echo(hostility.banner, password)
            if hostility.expired == "banner":
                text = f"{text}\n{EXPIRED_BANNER}\n" if text else f"{EXPIRED_BANNER}\n"
            return (text, "en-US") if text else (None, None)

        def check_auth_password(self, username: str, given: str) -> int:
            record.passwords_tried.append(given)
            steps.reached("auth")
            if hostility.disconnect:
                message = paramiko.Message()
                message.add_byte(cMSG_DISCONNECT)
                message.add_int(11)  # SSH_DISCONNECT_BY_APPLICATION
                message.add_string(echo(hostility.disconnect, password))
                message.add_string("en")
                transport._send_message(message)
                threading.Timer(0.2, transport.close).start()
                return paramiko.AUTH_FAILED
            if hostility.expired == "keyboard-interactive":
                return paramiko.AUTH_FAILED
            if (username, given) == (hostility.username, password):
                return paramiko.AUTH_SUCCESSFUL
            return paramiko.AUTH_FAILED

        def check_auth_interactive(self, username: str, submethods: str) -> Any:
            self.prompts = ["Password: "]
            return paramiko.InteractiveQuery("", "", ("Password: ", False))

        def check_auth_interactive_response(self, responses: list[str]) -> Any:
            for prompt, answer in zip(self.prompts, responses, strict=False):
                record.prompts_answered.append((prompt, answer))
            if self.prompts == ["Password: "] and list(responses) == [password]:
                # PAM, for an expired password: a password change, as further prompts.
                self.prompts = ["Current password: ", "New password: ", "Retype new password: "]
                return paramiko.InteractiveQuery(
                    "Password change",
                    "You are required to change your password immediately",
                    *((prompt, False) for prompt in self.prompts),
                )
            return paramiko.AUTH_FAILED

        def check_channel_request(self, kind: str, chanid: int) -> int:
            if kind == "session":
                return paramiko.OPEN_SUCCEEDED
            return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

        def check_channel_subsystem_request(self, channel: Any, name: str) -> bool:
            if hostility.expired == "banner":
                return False  # the session closes before SFTP starts
            steps.reached("subsystem")
            return bool(super().check_channel_subsystem_request(channel, name))

    return HostileLogin()


def _sftp_server_class(hostility: Hostility, password: str) -> type:
    import paramiko

    class HostileSftpServer(paramiko.SFTPServer):
        def _send_status(self, request_number: int, code: int, desc: str | None = None) -> None:
            if code != paramiko.SFTP_OK and hostility.status:
                desc = echo(hostility.status, password)
            super()._send_status(request_number, code, desc)

    return HostileSftpServer


def _sftp_interface(root: Path, hostility: Hostility, record: Record, steps: _Steps) -> type:
    """An SFTPServerInterface over `root` that lands in /upload, with `hostility`."""
    import paramiko
    from paramiko.sftp import SFTP_NO_SUCH_FILE, SFTP_PERMISSION_DENIED

    landing = hostility.landing or LANDING_DIR

    def local(remote: str) -> Path:
        if remote == landing or remote.startswith(landing + "/"):
            remote = LANDING_DIR + remote[len(landing) :]
        absolute = remote if remote.startswith("/") else f"{LANDING_DIR}/{remote}"
        return root / os.path.normpath(absolute).lstrip("/")

    def remote_folder(path: Path) -> str:
        return "/" + str(path.parent.relative_to(root)).strip(".")

    def hidden(path: Path) -> bool:
        return path.name in hostility.hidden

    def errno_code(error: OSError) -> int:
        return int(paramiko.SFTPServer.convert_errno(error.errno))

    class Handle(paramiko.SFTPHandle):
        def __init__(self, flags: int, path: Path) -> None:
            super().__init__(flags)
            self.path = path

        def stat(self) -> paramiko.SFTPAttributes | int:
            steps.reached("stat")
            return paramiko.SFTPAttributes.from_stat(self.path.stat())

        def write(self, offset: int, data: bytes) -> int:
            steps.reached("write")
            if hostility.keep_bytes is not None:
                data = data[: max(0, hostility.keep_bytes - offset)]
                if not data:
                    return paramiko.SFTP_OK  # said done; a full disk dropped it
            result: int = super().write(offset, data)
            return result

        def close(self) -> None:
            steps.reached("close")
            super().close()

    class HostileInterface(paramiko.SFTPServerInterface):
        def canonicalize(self, path: str) -> str:
            if path in (".", ""):
                return landing
            joined = path if path.startswith("/") else f"{landing}/{path}"
            return os.path.normpath(joined).replace("//", "/")

        def list_folder(self, path: str) -> list[paramiko.SFTPAttributes] | int:
            folder = local(path)
            try:
                found = [
                    paramiko.SFTPAttributes.from_stat(entry.stat(), entry.name)
                    for entry in folder.iterdir()
                    if not hidden(entry)
                ]
            except OSError as error:
                return errno_code(error)
            for name in hostility.listing_names:
                attributes = paramiko.SFTPAttributes.from_stat(folder.stat(), name)
                attributes.st_mode = 0o100644
                found.append(attributes)
            return found

        def stat(self, path: str) -> paramiko.SFTPAttributes | int:
            target = local(path)
            if target.is_file():
                steps.reached("stat")
            if hidden(target) or not target.exists():
                return SFTP_NO_SUCH_FILE
            return paramiko.SFTPAttributes.from_stat(target.stat())

        lstat = stat

        def open(self, path: str, flags: int, attr: paramiko.SFTPAttributes) -> Handle | int:
            steps.reached("open")
            target = local(path)
            record.opened.append(self.canonicalize(path))
            writing = flags & (os.O_WRONLY | os.O_RDWR)
            if writing and remote_folder(target) in hostility.read_only:
                return SFTP_PERMISSION_DENIED
            return open_on_disk(Handle, target, flags)

        def remove(self, path: str) -> int:
            record.removed.append(self.canonicalize(path))
            if hostility.refuse_remove:
                return SFTP_PERMISSION_DENIED
            try:
                local(path).unlink()
            except OSError as error:
                return errno_code(error)
            return paramiko.SFTP_OK

        def rename(self, oldpath: str, newpath: str) -> int:
            target = local(newpath)
            if target.exists():
                return paramiko.SFTP_FAILURE
            local(oldpath).rename(target)
            return paramiko.SFTP_OK

        def posix_rename(self, oldpath: str, newpath: str) -> int:
            local(oldpath).replace(local(newpath))
            return paramiko.SFTP_OK

        def mkdir(self, path: str, attr: paramiko.SFTPAttributes) -> int:
            return SFTP_PERMISSION_DENIED

        def rmdir(self, path: str) -> int:
            return SFTP_PERMISSION_DENIED

        def chattr(self, path: str, attr: paramiko.SFTPAttributes) -> int:
            return paramiko.SFTP_OP_UNSUPPORTED

    return HostileInterface


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Each file's bytes and modification time: what 'unchanged' is measured against."""
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }
