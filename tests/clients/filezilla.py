"""FileZilla's SFTP engine, fzsftp, driven over its pipe the way FileZilla drives it.

fzsftp writes one event a line, its type a leading character ('0' reply, '1' done, '2'
error, '3' verbose, '4' info, '5' status, '9' new host key, '<' password prompt, ...),
and asks for rate-limit quota with a bare '@' or 'A' (answered "-0-"/"-1-": unlimited).
FileZilla's window shows these lines in its message log as "Status:", "Error:",
"Response:", "Command:" and, with debug logging on, "Trace:" lines; this driver writes that
log. Some lines are the FileZilla engine's own, not fzsftp's, and the driver adds them
where the engine does (sftpcontrolsocket.cpp, FileZilla 3.x): "Could not connect to
server" when a connection fails, "Authentication failed." when the same login prompt comes
a second time, "Server sent an additional login prompt. You need to use the interactive
login type." when another prompt follows the password's, and "Connection timed out after N
seconds of inactivity" when fzsftp says nothing for the engine's timeout (shortened here
from 20 s to 8 s) while connecting or while a command waits for its answer.

fzsftp reads an upload only through FileZilla's shared memory: it asks for a buffer
('K', io_open) and for each next piece ('L', io_nextbuf), and the engine answers with a
memory file descriptor and offsets (engine/sftp/filetransfer.cpp). This driver answers the
same way from a memfd holding the local file, and logs what the engine logs around a
transfer: "Starting upload of ...", and "File transfer failed" (or "Critical file transfer
error") when fzsftp reports the upload failed or dies in the middle; the uploads here are
too small for the engine's "after transferring N bytes" form. For the setstat scenario
it sets the time of a file placed there beforehand (what "Preserve timestamps" does after
an upload).

With a known host key (`host_key_cache`, PuTTY's cache line: fzsftp reads PuTTY's
~/.putty/sshhostkeys) that the server's does not match, fzsftp asks whether to trust the
changed key (':'); the driver refuses, as a user who does not expect the change does, and
logs the engine's "Trust changed Hostkey: No".
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tests.clients.staging import Target

INACTIVITY = 8.0
# sftpEvent::Info is logged as a command (engine/sftp/sftpcontrolsocket.cpp).
_PREFIX = {"0": "Response:", "2": "Error:", "3": "Trace:", "4": "Command:", "5": "Status:"}
# The characters fzsftp starts an event with (putty/fzprintf.h: '0' + the event number,
# up to io_finalize). A line that starts otherwise goes on the message before it: a
# server's login banner comes as one status of several lines.
_EVENT_TYPES = frozenset(b"0123456789:;<=>?@ABCDEFGHIJKLM")
UPLOAD = "students.csv"


def _commands(target: Target, work: Path) -> list[str]:
    scenario = target.scenario
    commands = [f'cd "{scenario.remote_dir}"', "ls"]
    if scenario.action == "upload_preserve" and target.upload_dir_on_disk is not None:
        placed = target.upload_dir_on_disk / "students.csv"
        placed.write_text("school_id,school_name\n1,North\n")
        user = target.username
        shutil.chown(placed, user, None)
        commands.append('chmtime 20200101000000 "students.csv"')
    elif scenario.action == "upload":
        commands.append(f'put "{work / UPLOAD}" "{UPLOAD}"')
    return commands


def run_fzsftp(
    target: Target, work: Path, key: Path | None, host_key_cache: str | None = None
) -> tuple[str, int | None]:
    """Connect, run the scenario's commands, and return FileZilla's message log."""
    log = [f"Status:\tConnecting to {target.host}:{target.port}..."]
    if host_key_cache is not None:
        putty = work / ".putty"
        putty.mkdir(mode=0o700, exist_ok=True)
        (putty / "sshhostkeys").write_text(host_key_cache + "\n")
    upload = _shared_upload(work / UPLOAD)
    process = subprocess.Popen(
        target.prefix(["fzsftp", "-v"]),
        cwd=work,
        env={"PATH": os.environ["PATH"], "HOME": str(work), "LANG": "C.UTF-8"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        pass_fds=(upload.fd,),
    )
    assert process.stdin is not None
    assert process.stdout is not None

    def send(line: str, shown: str | None = None) -> None:
        assert process.stdin is not None
        if shown is not None:
            log.append(f"Command:\t{shown}")
        process.stdin.write((line + "\n").encode())
        process.stdin.flush()

    if key is not None:
        send(f'keyfile "{key}"')
    open_line = f'open "{target.username}@{target.host}" {target.port} 0'
    send(open_line, open_line)
    state = _Session(commands=_commands(target, work), upload=upload)
    pending = b""
    last_output = time.monotonic()
    try:
        while not state.stop:
            ready, _, _ = select.select([process.stdout], [], [], 0.3)
            if not ready:
                if process.poll() is not None:
                    break
                if _when_quiet(time.monotonic() - last_output, state, send, log, work):
                    last_output = time.monotonic()
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            last_output = time.monotonic()
            pending += chunk
            pending = _consume(pending, send, log, state, target)
    finally:
        process.kill()
        process.wait()
        os.close(upload.fd)
    if state.last_command.startswith("put ") and not state.transfer_done:
        log.append("Error:\tFile transfer failed")  # fzsftp died or stalled in the middle
    if state.failed or not state.connected:
        log.append("Error:\tCould not connect to server")
    return "\n".join(log) + "\n", process.returncode


def _when_quiet(idle: float, state: _Session, send: Callable[..., None], log: list[str],
                work: Path) -> bool:  # fmt: skip
    """After `idle` seconds without a word from fzsftp: send the next command once the last
    is done, or give up as the engine does after its inactivity timeout. True when a
    command went out."""
    if state.connected and not state.waiting and idle > 0.6:
        if not state.commands:
            state.stop = True
            return False
        command = state.commands.pop(0)
        state.last_command = command
        state.waiting = True
        if command.startswith("put "):
            log.append(f"Status:\tStarting upload of {work / UPLOAD}")
        send(command, command)
        return True
    if idle > INACTIVITY:
        log.append(f"Error:\tConnection timed out after {INACTIVITY:.0f} seconds of inactivity")
        state.failed = not state.connected
        state.stop = True
    return False


class _SharedUpload:
    """The local file in a memory file descriptor, as FileZilla's engine shares it."""

    def __init__(self, fd: int, size: int) -> None:
        self.fd = fd
        self.size = size
        self.pieces_given = 0


def _shared_upload(path: Path) -> _SharedUpload:
    data = path.read_bytes() if path.exists() else b""
    fd = os.memfd_create("fzsftp-upload")
    os.write(fd, data)
    return _SharedUpload(fd, len(data))


def _answer_io(kind: str, text: str, upload: _SharedUpload) -> str:
    """The engine's answer to fzsftp's request for the upload's memory or its next piece."""
    if kind == "J":  # io_size
        return f"-{upload.size}"
    if kind == "K":  # io_open: the descriptor, the mapping's size, the offset to start at
        return f"-{upload.fd} {max(upload.size, 1)} {text.strip() or 0}"
    upload.pieces_given += 1  # io_nextbuf: the whole file as one piece, then the end
    return f"-0 {upload.size}" if upload.pieces_given == 1 and upload.size else "-0"


class _Session:
    def __init__(self, commands: list[str], upload: _SharedUpload) -> None:
        self.commands = commands
        self.upload = upload
        self.transfer_done = False
        self.waiting = False  # a command went out and fzsftp has not said it is done
        self.connected = False
        self.failed = False
        self.stop = False
        self.passwords_asked = 0
        self.challenge: dict[str, str] = {}
        self.last_challenge: tuple[str | None, str | None, str] | None = None
        self.last_command = ""
        self.last_kind = ""
        self.in_banner = False
        self.skip_lines = 0


def _consume(  # noqa: PLR0912 - one branch per fzsftp event type
    pending: bytes, send: object, log: list[str], state: _Session, target: Target
) -> bytes:
    assert callable(send)
    while pending:
        if state.in_banner:
            # PuTTY frames a login banner with these two lines; every line between is the
            # server's text, whatever letter it starts with.
            if b"\n" not in pending:
                return pending
            raw, pending = pending.split(b"\n", 1)
            line = raw.decode(errors="replace").rstrip("\r")
            log.append(f"Status:\t{line}")
            state.in_banner = not line.startswith("End of banner message from server")
            continue
        first = pending[:1]
        # A quota request comes without a line break, before the next event or last: a
        # banner line such as "Authorized users only" is not one.
        if first in (b"@", b"A") and (len(pending) == 1 or pending[1] in _EVENT_TYPES):
            send("-0-" if first == b"@" else "-1-")
            pending = pending[1:]
            continue
        if b"\n" not in pending:
            return pending
        raw, pending = pending.split(b"\n", 1)
        line = raw.decode(errors="replace").rstrip("\r")
        if state.skip_lines:  # a list entry's modification time and name follow it
            state.skip_lines -= 1
            continue
        kind, text = line[:1], line[1:]
        if kind in ("J", "K", "L", "M") and text.strip() and not text.strip().isdigit():
            # Text such as "Keyboard-interactive authentication prompts from server:": the
            # engine takes its first letter for an upload request and, outside an upload,
            # ignores the line; it never reaches the message log.
            continue
        if line and ord(kind) not in _EVENT_TYPES:
            kind, text = state.last_kind, line
            state.in_banner = line.startswith("Pre-authentication banner message from server")
        state.last_kind = kind
        if kind == "8":
            state.skip_lines = 2
        if kind in _PREFIX and text.strip() and not text.strip().isdigit():
            log.append(f"{_PREFIX[kind]}\t{text.rstrip()}")
        if kind == "9":
            send("y")  # trust the new host key, as a user clicking OK does
        elif kind == ":":
            state.skip_lines = 1  # the port follows the host
            send("", "Trust changed Hostkey: No")
        elif kind in ("J", "K", "L"):
            send(_answer_io(kind, text, state.upload))
        elif kind in (">", "?"):
            state.challenge[kind] = text  # a prompt's preamble and instruction
        elif kind == "<":
            state.passwords_asked += 1
            challenge = (state.challenge.get(">"), state.challenge.get("?"), text)
            if state.passwords_asked > 1 or target.password is None or target.key_path:
                # The engine's words (sftpcontrolsocket.cpp): the same prompt again means
                # the answer was wrong; another prompt is one it cannot answer.
                same = state.passwords_asked == 1 or challenge == state.last_challenge
                log.append(
                    "Error:\tAuthentication failed."
                    if same
                    else "Error:\tServer sent an "
                    "additional login prompt. You need to use the interactive login type."
                )
                state.failed = True
                state.stop = True
                return b""
            state.last_challenge = challenge
            send(target.password)
        if kind in ("0", "1"):
            state.waiting = False  # a reply or a "done" ends a command (ProcessReply)
        if kind == "1" and not state.connected:
            if text.strip() == "1":
                state.connected = True
                log.append("Status:\tConnected")
            else:
                state.failed = True
                state.stop = True
                return b""
        elif kind == "1" and text.strip() != "1" and state.last_command.startswith(("cd", "ls")):
            log.append("Error:\tFailed to retrieve directory listing")
            state.stop = True
            return b""
        elif kind == "1" and state.last_command.startswith("put "):
            state.transfer_done = True
            if text.strip() != "1":
                critical = text.strip() == "2"
                log.append(
                    "Error:\tCritical file transfer error" if critical
                    else "Error:\tFile transfer failed"
                )  # fmt: skip
            state.stop = True
            return b""
    return pending
