"""At a terminal, as a district's IT person runs it: a hidden password prompt, and each
step shown while it runs. A real pseudo-terminal is the controlling terminal here, so
getpass behaves exactly as it does for a person.
"""

from __future__ import annotations

import os
import pty
import select
import time
from pathlib import Path

from tests.check.run import login_args, sftpcheck_command
from tests.servers.sshd import SshServer


def _run_at_a_terminal(
    argv: list[str], answer: str, home: Path, terminal_env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run `argv` on a new pty; type `answer` at the first prompt; return exit code and screen."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
    env = {k: v for k, v in env.items() if not k.startswith("SFTPCHECK_")}
    env.update(terminal_env or {"NO_COLOR": "1", "TERM": "dumb"}, HOME=str(home))
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal
        os.execvpe(argv[0], argv, env)  # noqa: S606 - a fixed argv, no shell
    screen = b""
    answered = False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([terminal], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the child closed the terminal: it has finished
                break
            if not chunk:
                break
            screen += chunk
            if not answered and b"(not shown): " in screen:
                os.write(terminal, answer.encode() + b"\n")
                answered = True
    finally:
        os.close(terminal)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode(errors="replace")


def test_password_prompt_hides_what_is_typed_and_steps_show_as_they_run(
    sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    assert account.password is not None
    argv = [*sftpcheck_command(), "check", *login_args(sshd, "district", known_hosts)]
    code, screen = _run_at_a_terminal(argv, account.password, tmp_path / "home")
    assert code == 0, screen
    assert f"Password for {account.username}@127.0.0.1 (not shown): " in screen
    assert account.password not in screen  # the terminal's echo was off while it was typed
    assert "[6/9] Login" in screen  # the step lines on the terminal, as they finish
    assert "Logged in as" in screen
    assert "Verdict: PASS" in screen


def test_a_dumb_terminal_gets_no_escape_codes_and_a_capable_one_gets_colour(
    sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    """TERM=dumb (Emacs' shell, some CI consoles) shows escape codes as junk: none is sent."""
    account = sshd.accounts["district"]
    assert account.password is not None
    argv = [*sftpcheck_command(), "check", *login_args(sshd, "district", known_hosts)]
    code, screen = _run_at_a_terminal(argv, account.password, tmp_path / "a", {"TERM": "dumb"})
    assert code == 0, screen
    assert "\x1b" not in screen, repr(screen)
    assert "[6/9] Login" in screen
    assert "Verdict: PASS" in screen
    code, screen = _run_at_a_terminal(argv, account.password, tmp_path / "b", {"TERM": "xterm"})
    assert code == 0, screen
    assert "\x1b[32mpass" in screen  # the same run on a terminal that shows colour
