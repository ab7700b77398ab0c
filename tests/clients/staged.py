"""What the harness's later scenarios set up around a server: a changed drop, a relay that
cuts uploads, a firewall that lets the banner through and nothing after.

Each is a context manager that undoes what it did, whatever happened inside.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import select
import shutil
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Iterator

from tests.servers.netns import NetNamespace
from tests.servers.sshd import Account

# What a full disk leaves room for: less than the scenario's upload (staging.Scenario).
DISK_FULL_BYTES = 16 * 1024
# How much a client may send through the cutting relay before it cuts: past every
# client's login and SFTP start (3-6 kB), well short of the 48 kB upload.
CUT_AFTER_BYTES = 20 * 1024
# Server-to-client bytes a connection may pass before the firewall drops the rest: the TCP
# handshake and the server's SSH banner, never its key exchange offer (about 1 kB).
BANNER_ALLOWANCE = 400
POLL = 0.1


@contextlib.contextmanager
def prepare(kind: str, account: Account) -> Iterator[None]:
    """Change the drop for one scenario (`Scenario.prepare`), and put it back afterwards."""
    if not kind:
        yield
    elif kind == "locked_subfolder":
        with _locked_subfolder(account):
            yield
    elif kind == "disk_full":
        with _small_disk(account):
            yield
    elif kind == "expired_account":
        with _expired(account):
            yield
    elif kind == "file_for_folder":
        with _file_for_folder(account):
            yield
    elif kind == "chroot_group_writable":
        with _chroot_group_writable(account):
            yield
    else:
        raise ValueError(f"unknown preparation {kind!r}")


@contextlib.contextmanager
def _locked_subfolder(account: Account) -> Iterator[None]:
    """`archive` below the landing folder, owned by root, mode 0700: the account sees it
    listed but may not open it."""
    locked = account.upload_dir_on_disk / "archive"
    locked.mkdir()
    os.chown(locked, 0, 0)
    locked.chmod(0o700)
    try:
        yield
    finally:
        shutil.rmtree(locked, ignore_errors=True)


@contextlib.contextmanager
def _small_disk(account: Account) -> Iterator[None]:
    """A tmpfs of DISK_FULL_BYTES mounted on the account's landing folder: writes fail
    with ENOSPC part of the way through the upload, as on a full disk or quota."""
    user = pwd.getpwnam(account.username)
    target = account.upload_dir_on_disk
    options = f"size={DISK_FULL_BYTES},mode=0755,uid={user.pw_uid},gid={user.pw_gid}"
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "sftpcheck-full", str(target)],
                   check=True, capture_output=True)  # fmt: skip
    try:
        yield
    finally:
        done = subprocess.run(["umount", str(target)], capture_output=True, check=False)
        if done.returncode != 0:  # a client still holds a file open: detach it lazily
            subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@contextlib.contextmanager
def _expired(account: Account) -> Iterator[None]:
    """The account expired yesterday (`chage -E 0`), as when a vendor's accounts lapse at
    the end of a contract year; its password is still the right one."""
    subprocess.run(["chage", "-E", "0", account.username], check=True, capture_output=True)
    try:
        yield
    finally:
        subprocess.run(["chage", "-E", "-1", account.username], check=True, capture_output=True)


@contextlib.contextmanager
def _chroot_group_writable(account: Account) -> Iterator[None]:
    """The account's chroot made group-writable, as a vendor does to let a second account
    drop files there: sshd takes the password, then refuses the chroot ("bad ownership or
    modes") and ends the session."""
    chroot = account.chroot_on_disk
    mode = chroot.stat().st_mode & 0o7777
    chroot.chmod(mode | 0o020)
    try:
        yield
    finally:
        chroot.chmod(mode)


# The folder a district is told to upload into, which on the server is a file.
FILE_FOR_FOLDER = "outbox"


@contextlib.contextmanager
def _file_for_folder(account: Account) -> Iterator[None]:
    """A file named FILE_FOR_FOLDER in the landing folder, owned by the account: the folder
    the upload goes into is a file (an earlier upload that took the folder's name)."""
    user = pwd.getpwnam(account.username)
    stray = account.upload_dir_on_disk / FILE_FOR_FOLDER
    stray.write_text("school_id,school_name\n")
    os.chown(stray, user.pw_uid, user.pw_gid)
    try:
        yield
    finally:
        stray.unlink(missing_ok=True)


@contextlib.contextmanager
def holding_a_connection(port: int) -> Iterator[None]:
    """A connection to the server on `port` that says nothing and stays: for a server that
    takes one unauthenticated connection at a time, it is the one, and the rest are
    dropped (another client stuck at the login)."""
    deadline = time.monotonic() + 10
    while True:
        held = socket.create_connection(("127.0.0.1", port), timeout=5)
        # Its banner: the connection is counted now. "Exceeded MaxStartups" instead: the
        # server has not yet seen the last run's holder go; try again.
        if held.recv(256).startswith(b"SSH-"):
            break
        held.close()
        if time.monotonic() > deadline:
            raise RuntimeError("the server never took a held connection")
        time.sleep(POLL)
    with held:
        yield


@contextlib.contextmanager
def cutting_relay(upstream_port: int, cut_after: int = CUT_AFTER_BYTES) -> Iterator[int]:
    """A TCP relay on 127.0.0.1 to `upstream_port` that resets each connection once its
    client has sent `cut_after` bytes: an upload cut off midway (a proxy or an IPS that
    kills long transfers, a line that drops). Yields the relay's port."""
    stop = threading.Event()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(POLL)
    threads: list[threading.Thread] = []

    def accept_loop() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(
                target=_relay, args=(client, upstream_port, cut_after, stop), daemon=True
            )
            threads.append(thread)
            thread.start()

    accepting = threading.Thread(target=accept_loop, daemon=True)
    accepting.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        accepting.join(timeout=2)
        listener.close()
        for thread in threads:
            thread.join(timeout=2)


def _relay(client: socket.socket, upstream_port: int, cut_after: int,
           stop: threading.Event) -> None:  # fmt: skip
    sent = 0
    try:
        server = socket.create_connection(("127.0.0.1", upstream_port), timeout=5)
    except OSError:
        client.close()
        return
    with server, client:
        while not stop.is_set():
            readable, _, _ = select.select([client, server], [], [], POLL)
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                if sock is client:
                    sent += len(data)
                    if sent > cut_after:
                        # Linger on with a zero timeout: close() sends the client a RST.
                        client.setsockopt(
                            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                        )
                        return
                    server.sendall(data)
                else:
                    client.sendall(data)


def drop_after_banner(namespace: NetNamespace, port: int) -> None:
    """In `namespace`, drop every packet the server on `port` sends once BANNER_ALLOWANCE
    bytes of the connection have passed: the client connects and reads the SSH banner, then
    hears nothing more (a firewall whose state expired, a black-holing IPS)."""
    namespace.run(
        ["iptables", "-A", "INPUT", "-i", "lo", "-p", "tcp", "--sport", str(port),
         "-m", "connbytes", "--connbytes", f"{BANNER_ALLOWANCE}:", "--connbytes-dir", "reply",
         "--connbytes-mode", "bytes", "-j", "DROP"]
    )  # fmt: skip
