"""No command writes a raw terminal control byte in its text or Markdown output.

A host name in a saved site holding ESC ] 52 (a terminal's clipboard write), a pasted log
with ESC, BEL and NUL on `explain -`'s stdin, a server's megabyte-long status message: each
is shown with its controls as escapes (`\\x1b`), and a server's text is quoted at most a
few hundred characters. console.py is the one seam every command writes through.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.check.run import Runner, sftpcheck_command
from tests.servers.quirky_sftp import QuirkySftpServer

# A clipboard write (OSC 52), a bell, a NUL, and the start of a colour change.
HOSTILE = "\x1b]52;c;aGVsbG8=\x07\x00\x1b[8m"
RAW_CONTROLS = (b"\x1b", b"\x07", b"\x00")
SHOWN = "\\x1b]52;c;aGVsbG8=\\x07\\x00\\x1b[8m"


def _run(args: list[str], home: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
    environment.update(HOME=str(home), NO_COLOR="1")
    done = subprocess.run(
        [*sftpcheck_command(), *args],
        env=environment,
        input=stdin,
        capture_output=True,
        timeout=90,
        check=False,
    )
    assert b"Traceback" not in done.stderr, done.stderr
    return done


def _assert_no_raw_controls(*outputs: bytes) -> None:
    for output in outputs:
        for control in RAW_CONTROLS:
            assert control not in output, (control, output[-2000:])


def _site_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    openssh = folder / "config"
    openssh.write_text(f"Host roster{HOSTILE}\n  HostName sftp{HOSTILE}.vendor.test\n  User d42\n")
    winscp = folder / "WinSCP.ini"
    # WinSCP writes a special character in a value as %XX.
    winscp.write_text(
        "[Sessions\\Roster]\nHostName=sftp%1B]52;c;aGVsbG8=%07%00%1B[8m.vendor.test\n"
        "UserName=d42\nFSProtocol=2\n"
    )
    return [openssh, winscp]


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_sites_shows_a_hostile_host_name_escaped(tmp_path: Path, output_format: str) -> None:
    for site_file in _site_files(tmp_path / "sites"):
        done = _run(["sites", str(site_file), "--format", output_format], tmp_path / "home")
        assert done.returncode == 0, done.stderr
        _assert_no_raw_controls(done.stdout, done.stderr)
        shown = done.stdout.decode()
        if output_format == "json":
            shown = json.loads(shown)["sites"][0]["host"]
        assert f"sftp{SHOWN}.vendor.test" in shown, shown


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_explain_shows_a_pasted_log_with_controls_escaped(
    tmp_path: Path, output_format: str
) -> None:
    pasted = f"Permission denied{HOSTILE} (publickey).\n".encode() + b"\xff\xfe\x9b2J binary"
    report = tmp_path / "explained"
    # A command line cannot hold a NUL; a paste can.
    for args, stdin in (
        (["explain", "-"], pasted),
        (["explain", f"Connection refused{HOSTILE.replace(chr(0), '')}"], b""),
    ):
        done = _run(
            [*args, "--format", output_format, "--output", str(report)], tmp_path / "home", stdin
        )
        assert done.returncode in (0, 1), done.stderr  # 0: a match; 1: none (the argument)
        _assert_no_raw_controls(done.stdout, done.stderr, report.read_bytes())
        # What was pasted is echoed, its controls as escapes (Markdown escapes the brackets).
        shown = done.stdout.decode().replace("\\[", "[").replace("\\]", "]")
        assert "\\x1b]52;c;aGVsbG8=\\x07" in shown, shown


def test_a_megabyte_status_message_is_quoted_short(
    sftpcheck: Runner, quirky_sftp: Callable[..., QuirkySftpServer], tmp_path: Path
) -> None:
    """A server whose every SFTP refusal is 1 MB long, with a clipboard write in front."""
    server = quirky_sftp(status_text=HOSTILE + "x" * 1_048_576)
    for output_format in ("text", "markdown", "json"):
        report = tmp_path / f"report.{output_format}"
        run = sftpcheck(
            "127.0.0.1", "--port", str(server.port), "--user", server.username,
            "--expect-fingerprint", server.fingerprint, "--timeout", "5", "--setstat",
            "--output", str(report), password=server.password, output_format=output_format,
        )  # fmt: skip
        assert run.exit_code == 0, run.describe()
        # The setstat step quotes the refusal: its start, cut, and how long it was.
        assert len(run.stdout) < 20_000, run.stdout[-3000:]
        assert len(report.read_text()) < 20_000
        length = f"({len(HOSTILE) + 1_048_576:,} characters)"
        assert length in " ".join(run.stdout.split()), run.stdout[-3000:]
        _assert_no_raw_controls(run.stdout.encode(), run.stderr.encode(), report.read_bytes())
