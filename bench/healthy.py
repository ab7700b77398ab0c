"""Benchmark 1: a healthy full check against OpenSSH's own sftp doing the same work.

Both talk to one loopback sshd set up like a school-data drop (tests/servers/sshd.py):
chrooted internal-sftp that refuses setstat. Both log in with the same key and upload the
same file; sftp's `-chmod` is its setstat, refused and ignored like sftpcheck's --setstat.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

from bench.measure import Command, exits_with, run_pair
from bench.outcome import BenchmarkResult, Goal
from sftpcheck.net.ssh_transport import NAGLE_ENV
from tests.files.district import write_district
from tests.servers.sshd import run_sshd, sftp_drop

RATIO_GOAL = 1.5
UPLOAD_NAME = "schools.csv"
VERDICT = re.compile(r"^Verdict: (PASS|WARN)\b", re.MULTILINE)
UPLOAD_PASSED = re.compile(r"^\d+\. Upload +pass\b", re.MULTILINE)


def write_schools_csv(directory: Path) -> Path:
    """A valid schools.csv from the tests' district generator, so it passes the upload's
    own look at the file (a wrong header would turn the Upload step into a warning)."""
    return write_district(directory, students=40) / UPLOAD_NAME


def healthy(sftpcheck: str, work: Path, runs: int) -> BenchmarkResult:
    setup = (
        "One OpenSSH sshd on 127.0.0.1 (chrooted internal-sftp, setstat refused), key login. "
        f"sftpcheck runs all 8 checks with `--upload {UPLOAD_NAME} --overwrite --setstat` and "
        "must print a verdict of PASS or WARN (WARN: setstat refused). OpenSSH `sftp -b` "
        f"connects and runs `ls`, `put {UPLOAD_NAME}`, `-chmod 644 {UPLOAD_NAME}`, "
        f"`rm {UPLOAD_NAME}` and must exit 0. The file is the generator's valid {UPLOAD_NAME} "
        "(tests/files/district.py); the upload directory is emptied before every run."
    )
    with sftp_drop() as drop, run_sshd(drop, "drop") as server:
        account = drop.accounts["district"]
        assert account.key_path is not None
        known_hosts = server.write_known_hosts(work / "known_hosts")
        upload = write_schools_csv(work / "district")
        batch = work / "batch.txt"
        batch.write_text(
            f"ls\nput {upload} {UPLOAD_NAME}\n-chmod 644 {UPLOAD_NAME}\nrm {UPLOAD_NAME}\n"
        )
        login = f"{account.username}@{server.host}"

        def empty_upload_dir() -> None:
            for entry in account.upload_dir_on_disk.iterdir():
                entry.unlink()

        ours = Command(
            label="sftpcheck check (upload, --setstat)",
            argv=[
                sftpcheck,
                "check",
                login,
                "--port",
                str(server.port),
                "--key",
                str(account.key_path),
                "--known-hosts",
                str(known_hosts),
                "--upload",
                str(upload),
                "--overwrite",
                "--setstat",
            ],
            expect=_verdict_pass_or_warn,
            before_each=empty_upload_dir,
            timeout=60,
            shown_as=(
                "sftpcheck check USER@127.0.0.1 --port PORT --key KEY --known-hosts KH "
                f"--upload {UPLOAD_NAME} --overwrite --setstat"
            ),
        )
        theirs = Command(
            label="OpenSSH sftp -b (ls, put, -chmod, rm)",
            argv=[
                "sftp",
                "-b",
                str(batch),
                "-F",
                "/dev/null",
                "-i",
                str(account.key_path),
                "-P",
                str(server.port),
                "-o",
                "BatchMode=yes",
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                f"UserKnownHostsFile={known_hosts}",
                login,
            ],
            expect=exits_with(0, stdout_has=f"rm {UPLOAD_NAME}"),
            before_each=empty_upload_dir,
            timeout=60,
            shown_as=(
                "sftp -b BATCH -F /dev/null -i KEY -P PORT -o BatchMode=yes "
                "-o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=KH "
                "USER@127.0.0.1"
            ),
        )
        pair = run_pair(ours, theirs, runs)
        # paramiko sets no socket options; sftpcheck sets TCP_NODELAY. The same check with
        # Nagle's algorithm left on shows what that buys (issue: servers, item 5).
        nagle = dataclasses.replace(
            ours,
            label="sftpcheck check, Nagle on (paramiko's default)",
            env={**os.environ, NAGLE_ENV: "1"},
            shown_as=f"{NAGLE_ENV}=1 " + ours.display,
        )
        nodelay = run_pair(nagle, ours, runs)
    return BenchmarkResult(
        key="healthy",
        title="1. Healthy full check against OpenSSH sftp -b",
        setup=setup,
        pairs=(pair, nodelay),
        goals=(
            Goal(
                text=f"median ratio sftpcheck / sftp at most {RATIO_GOAL}",
                measured=f"{pair.ratio:.2f}",
                met=pair.ratio <= RATIO_GOAL,
            ),
            Goal(
                text="TCP_NODELAY makes the check faster than with Nagle on",
                measured=f"Nagle on / TCP_NODELAY: {nodelay.ratio:.2f}",
                met=nodelay.ratio > 1.0,
            ),
        ),
    )


def _verdict_pass_or_warn(done: subprocess.CompletedProcess[str]) -> str | None:
    if done.returncode != 0:
        return "expected exit code 0 (verdict PASS or WARN)"
    if not VERDICT.search(done.stdout):
        return "expected 'Verdict: PASS' or 'Verdict: WARN' in the report"
    if not UPLOAD_PASSED.search(done.stdout):
        return "expected the Upload step to pass"
    return None
