"""The upload never harms the vendor's folder:

- a file sftpcheck did not create is never removed or written over: a `.filepart` that
  WinSCP left after a broken transfer, or a file that arrives between sftpcheck's look and
  its create. The report names it.

Against the real OpenSSH drop, and the paramiko server of tests/servers/quirky_sftp.py.
"""

from __future__ import annotations

import os
import pwd
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.check.run import CheckRun, Runner, login_args
from tests.servers.quirky_sftp import ARRIVED, QuirkySftpServer
from tests.servers.sshd import SshServer

Start = Callable[..., QuirkySftpServer]


def _students_csv(path: Path, rows: int = 4000) -> Path:
    """An export; 4000 rows make it over 100 KB, where WinSCP writes a .filepart first."""
    lines = ["student_id,school_id,first_name,last_name,grade"]
    lines += [f"{100000 + n},001,Student{n},Family{n},{n % 12 + 1}" for n in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _check(
    sftpcheck: Runner,
    server: QuirkySftpServer,
    *extra: str,
    output_format: str = "json",
    timeout: str = "5",
) -> CheckRun:
    return sftpcheck(
        "127.0.0.1",
        "--port",
        str(server.port),
        "--user",
        server.username,
        "--expect-fingerprint",
        server.fingerprint,
        "--timeout",
        timeout,
        *extra,
        password=server.password,
        output_format=output_format,
    )


def _names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


# --- a file sftpcheck did not create ------------------------------------------------------


@pytest.mark.parametrize("overwrite", [(), ("--overwrite",)], ids=["plain", "overwrite"])
def test_a_filepart_winscp_left_is_left_alone_and_named(
    sftpcheck: Runner,
    sshd: SshServer,
    known_hosts: Path,
    tmp_path: Path,
    overwrite: tuple[str, ...],
) -> None:
    """WinSCP resumes a broken transfer from its students.csv.filepart: sftpcheck, imitating
    WinSCP, neither removes it nor writes over it (not even with --overwrite, which is
    about the real name)."""
    account = sshd.accounts["district"]
    export = _students_csv(tmp_path / "students.csv")
    part = account.upload_dir_on_disk / "students.csv.filepart"
    broken_off = export.read_bytes()[:50_000]
    part.write_bytes(broken_off)
    user = pwd.getpwnam(account.username)
    os.chown(part, user.pw_uid, user.pw_gid)
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(export),
        "--client",
        "winscp",
        *overwrite,
        password=account.password,
    )
    assert part.read_bytes() == broken_off
    assert _names(account.upload_dir_on_disk) == ["students.csv.filepart"], run.describe()
    assert run.status("upload") == "warn", run.describe()
    assert run.code("upload") == "upload.exists"
    summary = run.summary("upload")
    assert "/upload/students.csv.filepart is already on the server" in summary
    assert "WinSCP leaves such a file when a transfer breaks off" in summary
    assert "resume" in summary
    assert "delete students.csv.filepart" in summary
    assert run.exit_code == 0, run.describe()


@pytest.mark.parametrize(
    ("pattern", "extra"),
    [
        ("students.csv", ()),
        ("students.csv.filepart", ("--client", "winscp")),
        ("sftpcheck-probe-*", None),
    ],
    ids=["real-name", "filepart", "probe"],
)
def test_a_file_that_arrives_just_before_the_create_is_left_alone(
    sftpcheck: Runner,
    quirky_sftp: Start,
    tmp_path: Path,
    pattern: str,
    extra: tuple[str, ...] | None,
) -> None:
    """Another writer puts the file there after sftpcheck looked and before its create: the
    exclusive create is refused, and the file is not this run's to remove."""
    server = quirky_sftp(arrives_on_create=pattern)
    upload = () if extra is None else ("--upload", str(_students_csv(tmp_path / "students.csv")))
    run = _check(sftpcheck, server, *upload, *(extra or ()))
    (arrived,) = server.upload_dir_on_disk.iterdir()
    assert arrived.read_bytes() == ARRIVED, run.describe()
    assert run.status("upload") == "warn", run.describe()
    assert run.code("upload") == "upload.exists"
    summary = run.summary("upload")
    assert f"/upload/{arrived.name} is already on the server" in summary
    assert "it was left alone" in summary
    assert run.exit_code == 0, run.describe()
