"""Running the installed `sftpcheck` as a user would, with any arguments and environment.

Unlike tests/check/run.py's Runner, this one does not insist that the password's text is
absent from the output: the masking tests use passwords such as `sftp` or the user name,
which sftpcheck's own words rightly contain.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.check.run import sftpcheck_command


@dataclass(frozen=True)
class Cli:
    home: Path

    def __call__(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        stdin: str = "",
        cwd: Path | None = None,
        timeout: float = 90,
        shell: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run sftpcheck with `args`; with `shell` (a path), as a command typed in that
        shell, which stays its parent process (as at a user's prompt)."""
        self.home.mkdir(parents=True, exist_ok=True)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
        environment.update(HOME=str(self.home), NO_COLOR="1")
        environment.pop("COLUMNS", None)
        environment.update(env or {})
        command = [*sftpcheck_command(), *args]
        if shell is not None:
            # '; exit' keeps the shell from replacing itself with the one command.
            command = [shell, "-c", '"$@"; exit $?', shell, *command]
        done = subprocess.run(
            command,
            env=environment,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=cwd,
            check=False,
        )
        assert "Traceback" not in done.stderr + done.stdout, done.stderr
        return done


def assert_one_sentence(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 2, one line on stderr naming `words`, nothing on stdout; returns the line."""
    assert done.returncode == 2, (done.returncode, done.stdout[-2000:], done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("sftpcheck: "), done.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), (word, lines[0])
    assert done.stdout == "", done.stdout
    return lines[0]
