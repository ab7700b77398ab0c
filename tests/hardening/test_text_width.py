"""Item 16 (and the split file names of 18): the text report fits the reader's terminal.

COLUMNS, else the terminal's own width, else 100 when piped; lines wrap between words,
so a path or a fingerprint is never cut in two.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import termios
import time
from pathlib import Path

import pytest

from tests.check.run import sftpcheck_command
from tests.hardening.cli import Cli
from tests.servers.sshd import SshServer

LONG_DIR = "/exports/district-forty-two/nightly-student-information-system-drop/incoming"


def _args(sshd: SshServer, known_hosts: Path) -> list[str]:
    account = sshd.accounts["district"]
    return [
        f"{account.username}@127.0.0.1", "--port", str(sshd.port), "--known-hosts",
        str(known_hosts), "--remote-dir", LONG_DIR, "--timeout", "5",
    ]  # fmt: skip


def _assert_fits(text: str, width: int, summaries: list[str]) -> None:
    for line in text.splitlines():
        # Only a word longer than the whole line (a long path) may run past the edge, alone;
        # a fingerprint (50 characters) fits in 60 columns, and so do its lines.
        if len(line) > width:
            assert len(line.split()) == 1, (line, text)
            assert len(line.strip()) > width, (line, text)
    words = set(text.split())
    for summary in summaries:
        # Every word of every summary is on the screen whole: nothing cut mid-word.
        assert set(summary.split()) <= words, (summary, text)


@pytest.mark.parametrize("columns", [60, 80])
def test_columns_sets_the_width_and_words_stay_whole(
    cli: Cli, sshd: SshServer, known_hosts: Path, columns: int
) -> None:
    env = {"SFTPCHECK_PASSWORD": str(sshd.accounts["district"].password)}
    report = json.loads(cli("check", *_args(sshd, known_hosts), "-f", "json", env=env).stdout)
    assert any(LONG_DIR in check["summary"] for check in report["checks"]), report
    text = cli("check", *_args(sshd, known_hosts), env={**env, "COLUMNS": str(columns)}).stdout
    _assert_fits(text, columns, [check["summary"] for check in report["checks"]])
    assert LONG_DIR in text
    assert sshd.fingerprint in text


def test_piped_without_columns_is_100_wide(cli: Cli, sshd: SshServer, known_hosts: Path) -> None:
    env = {"SFTPCHECK_PASSWORD": str(sshd.accounts["district"].password)}
    text = cli("check", *_args(sshd, known_hosts), env=env).stdout
    dashes = next(line for line in text.splitlines() if line.startswith("---"))
    assert len(dashes) == 100, text


def test_a_narrow_terminal_sets_the_width(
    sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
    env.pop("COLUMNS", None)
    env.update(HOME=str(tmp_path), NO_COLOR="1", TERM="dumb")
    env["SFTPCHECK_PASSWORD"] = str(sshd.accounts["district"].password)
    argv = [*sftpcheck_command(), "check", *_args(sshd, known_hosts)]
    pid, terminal = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 64, 0, 0))
        os.execvpe(argv[0], argv, env)  # noqa: S606 - a fixed argv, no shell
    screen = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([terminal], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(terminal, 4096)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
    finally:
        os.close(terminal)
    os.waitpid(pid, 0)
    report = screen.decode(errors="replace").replace("\r\n", "\n")
    # The report proper starts at its title; the live step lines above it go to stderr.
    body = report[report.index("sftpcheck 0.1.0: SFTP connection report") :]
    _assert_fits(body, 64, [])
    assert LONG_DIR in body
