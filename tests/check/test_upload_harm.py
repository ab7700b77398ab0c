"""The upload never harms the vendor's folder:

- a file sftpcheck did not create is never removed or written over: a `.filepart` that
  WinSCP left after a broken transfer, or a file that arrives between sftpcheck's look and
  its create. The report names it;
- a copy of the district's file that this run made and knows to be broken (short, another
  size, cut off) is removed; when the server refuses, the report's first line says so.

Against the real OpenSSH drop, and the paramiko server of tests/servers/quirky_sftp.py.
"""

from __future__ import annotations

import os
import pwd
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.check.run import CheckRun, Runner, check_quirky, login_args
from tests.servers.quirky_sftp import ARRIVED, KEPT_BYTES, QuirkySftpServer, half_size
from tests.servers.sshd import SshServer

Start = Callable[..., QuirkySftpServer]
ALERT = "A broken copy of students.csv is still in the vendor's folder"
ASK = "Ask the vendor to delete it before their next import"


def _students_csv(path: Path, rows: int = 4000) -> Path:
    """An export; 4000 rows make it over 100 KB, where WinSCP writes a .filepart first."""
    lines = ["student_id,school_id,first_name,last_name,grade"]
    lines += [f"{100000 + n},001,Student{n},Family{n},{n % 12 + 1}" for n in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def _first_paragraph(run: CheckRun) -> str:
    """The report's opening lines, up to the first blank one, as one line of text."""
    return " ".join(run.stdout.split("\n\n", 1)[0].split())


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
    run = check_quirky(sftpcheck, server, *upload, *(extra or ()))
    (arrived,) = server.upload_dir_on_disk.iterdir()
    assert arrived.read_bytes() == ARRIVED, run.describe()
    assert run.status("upload") == "warn", run.describe()
    assert run.code("upload") == "upload.exists"
    summary = run.summary("upload")
    assert f"/upload/{arrived.name} is already on the server" in summary
    assert "it was left alone" in summary
    assert run.exit_code == 0, run.describe()


# --- a broken copy this run made ----------------------------------------------------------


BROKEN = [
    pytest.param({"writes": "short"}, (), id="keeps-32KB-real-name"),
    pytest.param({"writes": "short"}, ("--client", "winscp"), id="keeps-32KB-filepart"),
    pytest.param({"reported_size": half_size}, (), id="reports-half-real-name"),
    pytest.param({"reported_size": half_size}, ("--client", "winscp"), id="reports-half-filepart"),
]


@pytest.mark.parametrize(("quirks", "client"), BROKEN)
def test_a_broken_copy_is_removed(
    sftpcheck: Runner,
    quirky_sftp: Start,
    tmp_path: Path,
    quirks: dict[str, object],
    client: tuple[str, ...],
) -> None:
    """A copy whose size on the server is wrong is removed before anything imports it, and
    a short .filepart is never renamed into place."""
    server = quirky_sftp(**quirks)
    export = _students_csv(tmp_path / "students.csv")
    run = check_quirky(sftpcheck, server, "--upload", str(export), *client)
    assert _names(server.upload_dir_on_disk) == [], run.describe()
    assert run.status("upload") == "fail", run.describe()
    assert run.code("upload") == "upload.incomplete"
    summary = run.summary("upload")
    written = "students.csv.filepart" if client else "students.csv"
    assert f"/upload/{written} is " in summary
    assert f"but {export.stat().st_size} bytes were sent" in summary
    assert "sftpcheck removed it" in summary
    assert "broken_file_left" not in run.check("upload")["details"]
    assert run.exit_code == 1, run.describe()


@pytest.mark.parametrize("client", [(), ("--client", "winscp")], ids=["real-name", "filepart"])
@pytest.mark.parametrize("output_format", ["json", "text", "markdown"])
def test_a_broken_copy_the_server_will_not_remove_is_named_on_the_first_line(
    sftpcheck: Runner,
    quirky_sftp: Start,
    tmp_path: Path,
    client: tuple[str, ...],
    output_format: str,
) -> None:
    server = quirky_sftp(writes="short", deny_remove=True)
    export = _students_csv(tmp_path / "students.csv")
    run = check_quirky(
        sftpcheck, server, "--upload", str(export), *client, output_format=output_format
    )
    written = "students.csv.filepart" if client else "students.csv"
    left = server.upload_dir_on_disk / written
    assert _names(server.upload_dir_on_disk) == [written], run.stdout
    assert left.stat().st_size == KEPT_BYTES
    assert run.exit_code == 1, run.describe()
    if output_format == "json":
        assert run.code("upload") == "upload.incomplete", run.describe()
        summary = run.summary("upload")
        assert summary.startswith(f"{ALERT}: /upload/{written} ({KEPT_BYTES} of "), summary
        assert ASK in summary
        details = run.check("upload")["details"]
        assert details["broken_file_left"] == f"/upload/{written}"
        assert details["alert"].startswith(ALERT)
        return
    first_line = run.stdout.splitlines()[0]
    assert "ATTENTION" in first_line, run.stdout
    assert "A broken copy of students.csv is still" in first_line, run.stdout
    opening = _first_paragraph(run)
    assert f"/upload/{written}" in opening, run.stdout
    assert ASK in opening.replace("\\", ""), run.stdout


@pytest.mark.parametrize("client", [(), ("--client", "winscp")], ids=["real-name", "filepart"])
def test_overwrite_with_a_broken_replacement(
    sftpcheck: Runner, quirky_sftp: Start, tmp_path: Path, client: tuple[str, ...]
) -> None:
    """--overwrite and a copy that arrives short. Straight to the real name, the open
    already emptied yesterday's file: the broken replacement is removed too, and the report
    says that none is left. Through a .filepart, yesterday's file is never touched."""
    server = quirky_sftp(writes="short")
    yesterday = b"student_id,school_id,first_name,last_name,grade\r\n1,001,Ada,Byron,5\r\n"
    (server.upload_dir_on_disk / "students.csv").write_bytes(yesterday)
    export = _students_csv(tmp_path / "students.csv")
    run = check_quirky(sftpcheck, server, "--upload", str(export), "--overwrite", *client)
    assert run.code("upload") == "upload.incomplete", run.describe()
    summary = run.summary("upload")
    if client:
        assert _names(server.upload_dir_on_disk) == ["students.csv"], run.describe()
        assert (server.upload_dir_on_disk / "students.csv").read_bytes() == yesterday
        assert "The old /upload/students.csv was not touched" in summary
    else:
        assert _names(server.upload_dir_on_disk) == [], run.describe()
        assert "no students.csv is in the folder now" in summary


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_an_upload_cut_off_after_the_create_is_named_on_the_first_line(
    sftpcheck: Runner, quirky_sftp: Start, tmp_path: Path, output_format: str
) -> None:
    """The connection breaks after the file was created: sftpcheck cannot remove the part
    that arrived, and says so first."""
    server = quirky_sftp(writes="cut")
    export = _students_csv(tmp_path / "students.csv")
    run = check_quirky(sftpcheck, server, "--upload", str(export), output_format=output_format)
    assert (server.upload_dir_on_disk / "students.csv").stat().st_size == KEPT_BYTES
    assert run.exit_code == 1, run.describe()
    expected = "A broken copy of students.csv may still be in the vendor's folder"
    if output_format == "json":
        assert run.code("upload") == "upload.incomplete", run.describe()
        assert run.summary("upload").startswith(f"{expected}: /upload/students.csv"), run.describe()
        assert run.check("upload")["details"]["broken_file_left"] == "/upload/students.csv"
        return
    assert "A broken copy of students.csv may still" in run.stdout.splitlines()[0], run.stdout
    assert ASK in _first_paragraph(run), run.stdout


def test_an_upload_the_server_stops_answering_names_what_may_be_left(
    sftpcheck: Runner, quirky_sftp: Start, tmp_path: Path
) -> None:
    server = quirky_sftp(writes="stall")
    export = _students_csv(tmp_path / "students.csv")
    run = check_quirky(sftpcheck, server, "--upload", str(export), timeout="1")
    assert run.code("upload") == "upload.timeout", run.describe()
    assert run.summary("upload").startswith(
        "An unfinished copy of students.csv may still be in the vendor's folder: "
        "/upload/students.csv"
    ), run.describe()
    assert ASK in run.summary("upload")
    assert run.check("upload")["details"]["broken_file_left"] == "/upload/students.csv"


def test_overwrite_through_a_filepart_when_the_old_file_may_not_be_deleted(
    sftpcheck: Runner, quirky_sftp: Start, tmp_path: Path
) -> None:
    """WinSCP deletes yesterday's file before its rename: a server that refuses the delete
    keeps yesterday's file, and the report names the delete, not the rename."""
    server = quirky_sftp(deny_remove=True)
    yesterday = b"student_id,school_id,first_name,last_name,grade\r\n1,001,Ada,Byron,5\r\n"
    (server.upload_dir_on_disk / "students.csv").write_bytes(yesterday)
    export = _students_csv(tmp_path / "students.csv")
    run = check_quirky(
        sftpcheck, server, "--upload", str(export), "--overwrite", "--client", "winscp"
    )
    assert (server.upload_dir_on_disk / "students.csv").read_bytes() == yesterday
    assert run.code("upload") == "upload.rename_denied", run.describe()
    summary = run.summary("upload")
    assert "refused to delete the old /upload/students.csv first" in summary
    assert "/upload/students.csv.filepart is still there; ask the vendor to delete it" in summary
    assert run.check("upload")["details"]["old_file_deleted"] is False
