"""Item 20 (the demo's part): `--scenario key-only --serve` is a key login to practise.

The demo prints a key file it accepts and the commands that use it, never a password;
OpenSSH's own `sftp` and `sftpcheck check` both log in with that key.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
from pathlib import Path

from tests.demo.test_demo_cli import SFTPCHECK, _field, _read_until
from tests.servers.need import need_program


def test_key_only_serve_prints_a_key_that_logs_in(tmp_path: Path) -> None:
    sftp = need_program("sftp", "openssh-client")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
    server = subprocess.Popen(
        [str(SFTPCHECK), "demo", "--serve", "--scenario", "key-only"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "TMPDIR": str(tmp_path)},
    )
    try:
        assert server.stdout is not None
        shown = _read_until(server.stdout, "Press Ctrl-C")
        assert "Password:" not in shown, shown
        assert "SFTPCHECK_PASSWORD" not in shown, shown
        key = Path(_field(shown, "Key").split(" (", 1)[0])
        assert key.is_file(), shown
        assert oct(key.stat().st_mode & 0o777) == "0o600"
        port = _field(shown, "Port")

        # The printed check command, run as printed, with --format json added to read it.
        (check_line,) = [line for line in shown.splitlines() if "sftpcheck check" in line]
        argv = shlex.split(check_line.strip())
        done = subprocess.run(
            [str(SFTPCHECK), *argv[1:], "--format", "json"],
            capture_output=True, text=True, timeout=60, env=env, check=False,
        )  # fmt: skip
        report = json.loads(done.stdout)
        auth = next(check for check in report["checks"] if check["id"] == "auth")
        assert auth["status"] == "pass", auth
        assert "with the key" in auth["summary"], auth

        # The printed sftp command logs in with the key too (batch mode: no prompt).
        assert f"sftp -i {key} -P {port} district42@127.0.0.1" in shown
        listing = subprocess.run(
            [sftp, "-i", str(key), "-P", port, "-o", "BatchMode=yes",
             "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
             "-b", "-", "district42@127.0.0.1"],
            input="ls\n", capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        assert listing.returncode == 0, listing.stderr
        assert "README.txt" in listing.stdout
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=10)
    finally:
        server.kill()
        server.wait()
    assert list(tmp_path.iterdir()) == [], "the demo left its key behind"
