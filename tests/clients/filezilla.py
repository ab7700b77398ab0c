"""FileZilla's SFTP engine, fzsftp, driven over its pipe the way FileZilla drives it.

fzsftp writes one event a line, its type a leading character ('0' reply, '1' done, '2'
error, '3' verbose, '4' info, '5' status, '9' new host key, '<' password prompt, ...),
and asks for rate-limit quota with a bare '@' or 'A' (answered "-0-"/"-1-": unlimited).
FileZilla's window shows these lines in its message log as "Status:", "Error:",
"Response:", "Command:" and, with debug logging on, "Trace:" lines; this driver writes that
log. Three lines are the FileZilla engine's own, not fzsftp's, and the driver adds them
where the engine does (sftpcontrolsocket.cpp, FileZilla 3.x): "Could not connect to
server" when a connection fails, "Authentication failed." when a password is asked for a
second time, and "Connection timed out after N seconds of inactivity" when fzsftp says
nothing for the engine's timeout (shortened here from 20 s to 8 s).

fzsftp uploads only through FileZilla's shared-memory buffers, so this driver does not
upload: it opens the remote directory, lists it, and for the setstat scenario sets the
time of a file placed there beforehand (what "Preserve timestamps" does after an upload).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from pathlib import Path

from tests.clients.staging import Target

INACTIVITY = 8.0
_PREFIX = {"0": "Response:", "2": "Error:", "3": "Trace:", "4": "Status:", "5": "Status:"}
# The characters fzsftp starts an event with. A line that starts otherwise goes on the
# message before it: a server's login banner comes as one status of several lines.
_EVENT_TYPES = frozenset(b"0123456789:;<=>?@ABCDEFGHI")


def _commands(target: Target) -> list[str]:
    scenario = target.scenario
    commands = [f'cd "{scenario.remote_dir}"', "ls"]
    if scenario.action == "upload_preserve" and target.upload_dir_on_disk is not None:
        placed = target.upload_dir_on_disk / "students.csv"
        placed.write_text("school_id,school_name\n1,North\n")
        user = target.username
        shutil.chown(placed, user, None)
        commands.append('chmtime 20200101000000 "students.csv"')
    return commands


def run_fzsftp(target: Target, work: Path, key: Path | None) -> tuple[str, int | None]:
    """Connect, run the scenario's commands, and return FileZilla's message log."""
    log = [f"Status:\tConnecting to {target.host}:{target.port}..."]
    process = subprocess.Popen(
        target.prefix(["fzsftp", "-v"]),
        cwd=work,
        env={"PATH": os.environ["PATH"], "HOME": str(work), "LANG": "C.UTF-8"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
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
    state = _Session(commands=_commands(target))
    pending = b""
    last_output = time.monotonic()
    try:
        while True:
            ready, _, _ = select.select([process.stdout], [], [], 0.3)
            if not ready:
                if process.poll() is not None:
                    break
                idle = time.monotonic() - last_output
                if state.connected and idle > 0.6:
                    if not state.commands:
                        break
                    command = state.commands.pop(0)
                    state.last_command = command
                    send(command, command)
                    last_output = time.monotonic()
                elif not state.connected and idle > INACTIVITY:
                    log.append(
                        f"Error:\tConnection timed out after {INACTIVITY:.0f} seconds of inactivity"
                    )
                    state.failed = True
                    break
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            last_output = time.monotonic()
            pending += chunk
            pending = _consume(pending, send, log, state, target)
            if state.stop:
                break
    finally:
        process.kill()
        process.wait()
    if state.failed or not state.connected:
        log.append("Error:\tCould not connect to server")
    return "\n".join(log) + "\n", process.returncode


class _Session:
    def __init__(self, commands: list[str]) -> None:
        self.commands = commands
        self.connected = False
        self.failed = False
        self.stop = False
        self.passwords_asked = 0
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
        elif kind == "<":
            state.passwords_asked += 1
            if state.passwords_asked > 1 or target.password is None or target.key_path:
                log.append("Error:\tAuthentication failed.")
                state.failed = True
                state.stop = True
                return b""
            send(target.password)
        elif kind == "1" and not state.connected:
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
    return pending
