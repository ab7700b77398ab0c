"""A tiny SFTP server (paramiko's server side) with the quirks OpenSSH cannot be made to show.

- a stat that reports the wrong file size: a server that loses part of an upload (a full
  disk or quota, a proxy that cuts the stream) while the client believes every byte went
  out;
- password logins taken through keyboard-interactive (as PAM-backed servers do), with or
  without a second prompt for a one-time code, or with an expired password that the login
  goes on to change (and, unlike pam_unix, takes the same password again as the new one);
- a login or an SFTP service that never answers;
- an account that may add files but not delete them;
- a server that keeps only the first 32 KB of a file and says OK to the rest, or cuts the
  connection there (a full quota, a proxy that breaks off);
- another writer that puts a file of the same name there just before the client's create
  (a race no stat beforehand can see);
- a server that says the password back: in its login banner, or in every SFTP error
  status it sends (`echoed(password)`: alone, in brackets, and glued to other letters).
"""

from __future__ import annotations

import base64
import contextlib
import fnmatch
import logging
import os
import secrets
import select
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tests.servers.sshd import fingerprint_of

POLL = 0.1
LANDING_DIR = "/upload"
# Where a "short" or "cut" server stops taking a file's bytes.
KEPT_BYTES = 32 * 1024
# What the other writer of `arrives_on_create` puts there.
ARRIVED = b"student_id,school_id,first_name,last_name,grade\r\n9001,001,Other,Writer,5\r\n"


def same_size(size: int) -> int:
    return size


def echoed(password: str, username: str = "district") -> str:
    """What a server that echoes the password says: the password alone, in brackets, glued
    to other letters, URL-encoded, and as HTTP Basic's base64 of user:password."""
    basic = base64.b64encode(f"{username}:{password}".encode()).decode()
    return f"Hello {password} : [{password}] xx{password}yy url={quote(password, safe='')} {basic}"


@dataclass(frozen=True)
class Quirks:
    """How this server departs from a plain, healthy drop."""

    reported_size: Callable[[int], int] = same_size
    # "password", "keyboard-interactive", "keyboard-interactive+code" (a second factor), or
    # "keyboard-interactive+expired" (PAM's password change after the password).
    login: str = "password"
    stall_login: bool = False
    stall_sftp: bool = False
    deny_remove: bool = False
    # Writes: "ok", "fail" (a full disk: SFTP failure once the file exists), "stall",
    # "short" (keeps the first KEPT_BYTES of a file, says OK to the rest) or "cut" (keeps
    # those, then closes the connection).
    writes: str = "ok"
    # A file name pattern (fnmatch): just before the server creates a file of such a name,
    # another writer puts ARRIVED there, so the client's create meets a file it did not see.
    arrives_on_create: str | None = None
    # Offers mlkem768x25519-sha256 first, and never answers a client that picks it (as
    # servers in the wild with a broken post-quantum exchange do).
    stall_post_quantum: bool = False
    # One more node of the same service: a second loopback address on the same port, whose
    # logins go the way `second_login` says (an account whose password expired there).
    second_address: str | None = None
    second_login: str | None = None
    # The account's password (None: a fresh random one).
    password: str | None = None
    # Where the server says the password back (see `echoed`): "banner", the login banner;
    # "status", the text of every SFTP error status.
    echo_password: tuple[str, ...] = ()
    # The text of every SFTP error status (None: paramiko's own words).
    status_text: str | None = None


@dataclass(frozen=True)
class QuirkySftpServer:
    host: str
    port: int
    username: str
    password: str
    fingerprint: str
    upload_dir_on_disk: Path
    # Every keyboard-interactive answer the server received, one list per round.
    answers: list[list[str]] = field(default_factory=list, hash=False)
    # The passwords the account was changed to ("keyboard-interactive+expired").
    changed_to: list[str] = field(default_factory=list, hash=False)
    # Its public host keys as `type base64` (ed25519 first, then any ECDSA key).
    public_keys: tuple[str, ...] = ()


def open_on_disk(handle_class: Callable[[int, Path], Any], local: Path, flags: int) -> Any:
    """An SFTP OPEN served from this machine's disk: the handle, or the SFTP status code.

    Shared by the quirky and the hostile test servers (paramiko's server side)."""
    import paramiko

    try:
        fd = os.open(local, flags, 0o644)
    except OSError as error:
        return int(paramiko.SFTPServer.convert_errno(error.errno))
    if flags & os.O_WRONLY:
        mode = "ab" if flags & os.O_APPEND else "wb"
    elif flags & os.O_RDWR:
        mode = "a+b" if flags & os.O_APPEND else "r+b"
    else:
        mode = "rb"
    handle = handle_class(flags, local)
    handle.filename = str(local)
    stream = os.fdopen(fd, mode)
    handle.readfile = stream
    handle.writefile = stream
    return handle


def half_size(size: int) -> int:
    return size // 2


@contextlib.contextmanager
def run_quirky_sftp_server(
    root: Path, quirks: Quirks, ecdsa_host_key: bool = False
) -> Iterator[QuirkySftpServer]:
    """Serve `root` (with an `upload` directory to land in) on 127.0.0.1, port 0.

    `ecdsa_host_key` adds an ECDSA host key beside the ed25519 one, for clients that know
    no ed25519 (JSch 0.1.x)."""
    import paramiko

    logger = logging.getLogger("paramiko")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False

    (root / "upload").mkdir(parents=True, exist_ok=True)
    key_file = root / "host_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key_file)],
        check=True,
        capture_output=True,
    )
    host_keys = [paramiko.Ed25519Key.from_private_key_file(str(key_file))]
    public_files = [Path(f"{key_file}.pub")]
    if ecdsa_host_key:
        ecdsa_file = root / "host_ecdsa"
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", str(ecdsa_file)],
            check=True,
            capture_output=True,
        )
        host_keys.append(paramiko.ECDSAKey.from_private_key_file(str(ecdsa_file)))
        public_files.append(Path(f"{ecdsa_file}.pub"))
    username, password = "district", quirks.password or f"Lie-{secrets.token_hex(6)}"
    answers: list[list[str]] = []
    changed_to: list[str] = []
    stop = threading.Event()
    transports: list[paramiko.Transport] = []

    def cut_connections() -> None:
        for transport in transports:
            transport.close()

    sftp_interface = _sftp_interface(root, quirks, stop, cut_connections)
    status_text = quirks.status_text
    if "status" in quirks.echo_password:
        status_text = f"Refused. {echoed(password)}"
    sftp_server = _saying_sftp_server(status_text) if status_text else paramiko.SFTPServer

    listeners = [_listen("127.0.0.1", 0)]
    port = listeners[0].getsockname()[1]
    if quirks.second_address is not None:
        listeners.append(_listen(quirks.second_address, port))
    second = replace(quirks, login=quirks.second_login or quirks.login)

    def accept_loop() -> None:
        while not stop.is_set():
            try:
                ready, _, _ = select.select(listeners, [], [], POLL)
                accepted = [(listener.accept()[0], listener) for listener in ready]
            except OSError:
                return
            for conn, listener in accepted:
                serve(conn, quirks if listener is listeners[0] else second)

    def serve(conn: socket.socket, quirks: Quirks) -> None:
        transport = paramiko.Transport(conn)
        for host_key in host_keys:
            transport.add_server_key(host_key)
        if quirks.stall_post_quantum:
            _stall_post_quantum(transport)
        if quirks.stall_sftp:
            transport.set_subsystem_handler("sftp", _stalling_subsystem(stop))
        else:
            transport.set_subsystem_handler("sftp", sftp_server, sftp_interface)
        transports.append(transport)
        server_interface = _server_interface(
            username, password, quirks, stop, (answers, changed_to)
        )
        with contextlib.suppress(paramiko.SSHException, EOFError, OSError):
            transport.start_server(server=server_interface)

    thread = threading.Thread(target=accept_loop, name="quirky-sftp", daemon=True)
    thread.start()
    try:
        yield QuirkySftpServer(
            host="127.0.0.1",
            port=port,
            username=username,
            password=password,
            fingerprint=fingerprint_of(Path(f"{key_file}.pub").read_text()),
            upload_dir_on_disk=root / "upload",
            answers=answers,
            changed_to=changed_to,
            public_keys=tuple(" ".join(public.read_text().split()[:2]) for public in public_files),
        )
    finally:
        stop.set()
        thread.join(timeout=2)
        for listener in listeners:
            listener.close()
        for transport in transports:
            transport.close()


def _listen(address: str, port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((address, port))
    listener.listen(16)
    return listener


def _stall_post_quantum(transport: Any) -> None:
    """This connection's mlkem768x25519 exchange takes the client's share and says nothing."""
    from paramiko.kex_mlkem import KexMLKEM768X25519

    class SilentMLKEM(KexMLKEM768X25519):  # type: ignore[misc]
        def parse_next(self, ptype: int, m: Any) -> None:
            return None  # the reply that never comes

    transport._kex_info = {**transport._kex_info, "mlkem768x25519-sha256": SilentMLKEM}
    options = transport.get_security_options()
    kex = tuple(options.kex)
    options.kex = ("mlkem768x25519-sha256", *(k for k in kex if k != "mlkem768x25519-sha256"))


# PAM's password change after an expired password, as OpenSSH sends it: pam_unix's notice
# and "Changing password for USER." come in front of the first prompt.
_CHANGE_ROUNDS = (
    (
        "You are required to change your password immediately (administrator enforced).\n"
        "Changing password for district.\nCurrent password: "
    ),
    "New password: ",
    "Retype new password: ",
)


def _server_interface(
    username: str,
    password: str,
    quirks: Quirks,
    stop: threading.Event,
    record: tuple[list[list[str]], list[str]],
) -> Any:
    """One per connection: a keyboard-interactive login keeps its state between prompts."""
    import paramiko

    answers, changed_to = record

    class QuirkyLogin(paramiko.ServerInterface):
        rounds = 0

        def get_allowed_auths(self, username: str) -> str:
            return quirks.login.split("+")[0]

        def check_auth_password(self, given_user: str, given_password: str) -> int:
            if quirks.stall_login:
                stop.wait(60)  # until the test ends: the client must give up first
            if quirks.login != "password":
                # paramiko's server would take a method it does not offer; real ones refuse.
                return paramiko.AUTH_FAILED
            if (given_user, given_password) == (username, password):
                return paramiko.AUTH_SUCCESSFUL
            return paramiko.AUTH_FAILED

        def check_auth_interactive(self, given_user: str, submethods: str) -> Any:
            self.user = given_user
            return paramiko.InteractiveQuery("", "", ("Password: ", False))

        def check_auth_interactive_response(self, responses: list[str]) -> Any:
            answers.append(list(responses))
            self.rounds += 1
            if self.rounds == 1:
                if (self.user, list(responses)) != (username, [password]):
                    return paramiko.AUTH_FAILED
                if quirks.login.endswith("+code"):
                    return paramiko.InteractiveQuery("", "", ("Verification code: ", True))
                if quirks.login.endswith("+expired"):
                    return paramiko.InteractiveQuery("", "", (_CHANGE_ROUNDS[0], False))
                return paramiko.AUTH_SUCCESSFUL
            if not quirks.login.endswith("+expired"):
                return paramiko.AUTH_FAILED  # no code is ever right
            if self.rounds <= len(_CHANGE_ROUNDS):
                return paramiko.InteractiveQuery("", "", (_CHANGE_ROUNDS[self.rounds - 1], False))
            current, new, again = (answer for (answer,) in answers[-3:])
            if current != password or new != again:
                return paramiko.AUTH_FAILED
            changed_to.append(new)  # the same password again is taken, as some servers do
            return paramiko.AUTH_SUCCESSFUL

        def get_banner(self) -> tuple[str | None, str | None]:
            if "banner" in quirks.echo_password:
                return f"{echoed(password)}\r\n", "en-US"
            return None, None

        def check_channel_request(self, kind: str, chanid: int) -> int:
            if kind == "session":
                return paramiko.OPEN_SUCCEEDED
            return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    return QuirkyLogin()


def _saying_sftp_server(text: str) -> type:
    """paramiko's SFTP server, saying `text` in every error status."""
    import paramiko

    class Saying(paramiko.SFTPServer):  # type: ignore[misc]
        def _send_status(self, request_number: int, code: int, desc: str | None = None) -> None:
            if code not in (paramiko.SFTP_OK, paramiko.SFTP_EOF):
                desc = text
            super()._send_status(request_number, code, desc)

    return Saying


def _stalling_subsystem(stop: threading.Event) -> type:
    import paramiko

    class Stalling(paramiko.SubsystemHandler):
        def start_subsystem(self, name: str, transport: Any, channel: Any) -> None:
            stop.wait(60)  # never answers the client's SFTP INIT

    return Stalling


def _sftp_interface(
    root: Path, quirks: Quirks, stop: threading.Event, cut_connections: Callable[[], None]
) -> type:
    """An SFTPServerInterface class over `root`, landing in /upload, with `quirks`."""
    import paramiko
    from paramiko.sftp import SFTP_NO_SUCH_FILE, SFTP_OP_UNSUPPORTED, SFTP_PERMISSION_DENIED

    def attributes(path: Path, name: str | None = None) -> paramiko.SFTPAttributes:
        attrs = paramiko.SFTPAttributes.from_stat(path.stat(), name)
        if path.is_file() and attrs.st_size is not None:
            attrs.st_size = quirks.reported_size(attrs.st_size)
        return attrs

    def errno_code(error: OSError) -> int:
        return paramiko.SFTPServer.convert_errno(error.errno)

    class Handle(paramiko.SFTPHandle):
        def __init__(self, flags: int, path: Path) -> None:
            super().__init__(flags)
            self.path = path

        def stat(self) -> paramiko.SFTPAttributes | int:
            return attributes(self.path)

        def chattr(self, attr: paramiko.SFTPAttributes) -> int:
            return SFTP_OP_UNSUPPORTED

        def write(self, offset: int, data: bytes) -> int:
            if quirks.writes == "fail":
                return paramiko.SFTP_FAILURE
            if quirks.writes == "stall":
                stop.wait(60)  # until the test ends: the client must give up first
            if quirks.writes in ("short", "cut") and offset + len(data) > KEPT_BYTES:
                super().write(offset, data[: max(KEPT_BYTES - offset, 0)])
                if quirks.writes == "cut":
                    cut_connections()
                return paramiko.SFTP_OK
            result: int = super().write(offset, data)
            return result

    class QuirkyInterface(paramiko.SFTPServerInterface):
        def _local(self, remote: str) -> Path:
            absolute = self.canonicalize(remote)
            return root / absolute.lstrip("/")

        def canonicalize(self, path: str) -> str:
            joined = path if path.startswith("/") else f"{LANDING_DIR}/{path}"
            return os.path.normpath(joined).replace("//", "/")

        def list_folder(self, path: str) -> list[paramiko.SFTPAttributes] | int:
            local = self._local(path)
            try:
                return [attributes(entry, entry.name) for entry in local.iterdir()]
            except OSError as error:
                return errno_code(error)

        def stat(self, path: str) -> paramiko.SFTPAttributes | int:
            local = self._local(path)
            return attributes(local) if local.exists() else SFTP_NO_SUCH_FILE

        lstat = stat

        def open(self, path: str, flags: int, attr: paramiko.SFTPAttributes) -> Handle | int:
            local = self._local(path)
            pattern = quirks.arrives_on_create
            creates = bool(flags & os.O_CREAT) and not local.exists()
            if pattern and creates and fnmatch.fnmatch(local.name, pattern):
                local.write_bytes(ARRIVED)  # the other writer comes first
            return open_on_disk(Handle, local, flags)

        def remove(self, path: str) -> int:
            if quirks.deny_remove:
                return SFTP_PERMISSION_DENIED
            try:
                self._local(path).unlink()
            except OSError as error:
                return errno_code(error)
            return paramiko.SFTP_OK

        def rename(self, oldpath: str, newpath: str) -> int:
            target = self._local(newpath)
            if target.exists():
                return paramiko.SFTP_FAILURE
            self._local(oldpath).rename(target)
            return paramiko.SFTP_OK

        def posix_rename(self, oldpath: str, newpath: str) -> int:
            self._local(oldpath).replace(self._local(newpath))
            return paramiko.SFTP_OK

        def mkdir(self, path: str, attr: paramiko.SFTPAttributes) -> int:
            return SFTP_PERMISSION_DENIED

        def rmdir(self, path: str) -> int:
            return SFTP_PERMISSION_DENIED

        def chattr(self, path: str, attr: paramiko.SFTPAttributes) -> int:
            return SFTP_OP_UNSUPPORTED

    return QuirkyInterface
