"""What fail2ban's stock sshd jail would count against an address, measured with the real
`fail2ban-regex` on the test sshd's own log (never fail2ban-server).

sshd's `-e` log has no syslog prefix, which the filter expects; each line gets one. Counting
works on a slice of the log: the lines one run added (see `LogMark`).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.servers.need import need_program
from tests.servers.sshd import SshServer

FAIL2BAN_REGEX = "/usr/bin/fail2ban-regex"
SSHD_FILTER = "/etc/fail2ban/filter.d/sshd.conf"
MODES = ("normal", "aggressive", "ddos")
# All lines share one made-up pid, as the brief for this harness says: sshd's -e log has none.
SYSLOG_PREFIX = "{stamp} sftpcheck-test sshd[1]: "
_SUMMARY = re.compile(r"^Lines: (\d+) lines, (\d+) ignored, (\d+) matched, (\d+) missed", re.M)


@dataclass(frozen=True)
class Count:
    """fail2ban-regex's verdict on some log lines, in one mode of the sshd filter."""

    mode: str
    lines: int
    matched: int
    output: str


def count_failures(sshd_lines: Sequence[str], mode: str) -> Count:
    """How many of these sshd log lines the sshd jail in `mode` counts as failures."""
    program = need_program(FAIL2BAN_REGEX, "fail2ban")
    stamp = time.strftime("%b %e %H:%M:%S")
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as log:
        log.writelines(SYSLOG_PREFIX.format(stamp=stamp) + line + "\n" for line in sshd_lines)
        path = Path(log.name)
    try:
        done = subprocess.run(
            [program, str(path), f"{SSHD_FILTER}[mode={mode}]"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        path.unlink()
    found = _SUMMARY.search(done.stdout)
    if done.returncode != 0 or found is None:
        output = done.stdout + done.stderr
        raise RuntimeError(f"fail2ban-regex failed ({done.returncode}):\n{output}")
    return Count(mode, int(found.group(1)), int(found.group(3)), done.stdout)


@dataclass(frozen=True)
class LogMark:
    """A place in an sshd's log: `lines_since()` gives what was written after it."""

    server: SshServer
    offset: int

    def lines_since(self, settle: float = 0.5, limit: float = 5.0) -> list[str]:
        """The lines written since the mark, once sshd has stopped writing for `settle` s.

        sshd logs a session's end a moment after the client has gone.
        """
        assert self.server.log_path is not None, "this sshd keeps no log"
        deadline = time.monotonic() + limit
        size = -1
        while time.monotonic() < deadline:
            current = self.server.log_path.stat().st_size
            if current == size:
                break
            size = current
            time.sleep(settle)
        data = self.server.log_path.read_bytes()[self.offset :]
        return data.decode(errors="replace").splitlines()


def mark(server: SshServer) -> LogMark:
    assert server.log_path is not None, "this sshd keeps no log"
    return LogMark(server, server.log_path.stat().st_size)
