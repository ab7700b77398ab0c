"""The SFTP checks: remote_dir, upload and setstat, seen on the server's disk too."""

from __future__ import annotations

import os
import pwd
from collections.abc import Callable
from pathlib import Path

from tests.check.run import Runner, assert_passes, assert_stops_at, login_args
from tests.servers.quirky_sftp import QuirkySftpServer
from tests.servers.sshd import LOGIN_BANNER, Account, SshServer

SCHOOLS = b"school_id,school_name\r\n001,North Elementary\r\n002,South Middle\r\n"


def _left_by_the_district(account: Account, name: str, data: bytes) -> Path:
    """A file the account uploaded earlier (so owned by it, as on a real drop)."""
    path = account.upload_dir_on_disk / name
    path.write_bytes(data)
    user = pwd.getpwnam(account.username)
    os.chown(path, user.pw_uid, user.pw_gid)
    return path


# --- remote_dir ----------------------------------------------------------------------------


def test_account_without_sftp_is_no_sftp(
    sftpcheck: Runner, sshd_no_sftp: SshServer, tmp_path: Path
) -> None:
    account = sshd_no_sftp.accounts["district"]
    known = sshd_no_sftp.write_known_hosts(tmp_path / "known_hosts")
    run = sftpcheck(*login_args(sshd_no_sftp, "district", known), password=account.password)
    assert_passes(run, "auth")
    assert_stops_at(run, "remote_dir", "remote_dir.no_sftp")
    assert "SFTP" in run.summary("remote_dir")
    assert ".)." not in run.summary("remote_dir")  # the server's words end in one full stop


def test_the_servers_login_message_is_shown(
    sftpcheck: Runner, sshd_no_sftp: SshServer, tmp_path: Path
) -> None:
    """sshd's Banner comes before the first login answer; the report shows it, in text too."""
    account = sshd_no_sftp.accounts["district"]
    known = sshd_no_sftp.write_known_hosts(tmp_path / "known_hosts")
    run = sftpcheck(*login_args(sshd_no_sftp, "district", known), password=account.password)
    assert run.check("auth")["details"]["banner"] == LOGIN_BANNER
    assert run.check("auth")["facts"]["Server's login message"] == LOGIN_BANNER
    text = sftpcheck(
        *login_args(sshd_no_sftp, "district", known),
        password=account.password,
        output_format="text",
    )
    assert "Server's login message" in text.stdout
    assert "Authorized users only." in text.stdout


def test_root_directory_the_account_may_not_open_is_root_denied(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["district"]
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts), "--remote-dir", "/", password=account.password
    )
    assert_stops_at(run, "remote_dir", "remote_dir.root_denied")
    assert "/upload" in run.summary("remote_dir")  # says where the login lands instead


def test_missing_directory_is_not_found(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["district"]
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--remote-dir",
        "/nope",
        password=account.password,
    )
    assert_stops_at(run, "remote_dir", "remote_dir.not_found")
    assert "/nope" in run.summary("remote_dir")


def test_directory_the_account_may_not_open_is_denied(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["district"]
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--remote-dir",
        "/private",
        password=account.password,
    )
    assert_stops_at(run, "remote_dir", "remote_dir.denied")
    assert "/private" in run.summary("remote_dir")


def test_listable_root_passes(sftpcheck: Runner, sshd: SshServer, known_hosts: Path) -> None:
    account = sshd.accounts["openroot"]
    run = sftpcheck(
        *login_args(sshd, "openroot", known_hosts),
        "--remote-dir",
        "/",
        "--no-upload",
        password=account.password,
    )
    assert_passes(run, "remote_dir")
    assert run.check("remote_dir")["details"]["landing"] == "/upload"
    assert run.status("upload") == "skip"
    assert run.exit_code == 0, run.describe()


def _files_in(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def test_a_root_that_lists_but_takes_no_files_is_not_called_usable(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    """The OpenSSH chroot: '/' is root's, listable; '/upload' below it takes the files."""
    account = sshd.accounts["openroot"]
    run = sftpcheck(*login_args(sshd, "openroot", known_hosts), password=account.password)
    assert_passes(run, "remote_dir", "upload")
    summary = run.summary("remote_dir")
    assert "would work" not in summary
    assert "A client set to '/' could open it but not write there" in summary, run.describe()
    assert run.check("remote_dir")["details"]["root_writable"] is False
    assert _files_in(account.chroot_on_disk) == ["private", "upload"]
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_a_read_only_check_does_not_write_to_the_root(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["openroot"]
    run = sftpcheck(
        *login_args(sshd, "openroot", known_hosts), "--no-upload", password=account.password
    )
    assert_passes(run, "remote_dir")
    summary = run.summary("remote_dir")
    assert "writing there was not tried (--no-upload)" in summary, run.describe()
    assert run.check("remote_dir")["details"]["root_writable"] is None


def test_a_root_that_takes_files_is_said_to(
    sftpcheck: Runner, quirky_sftp: Callable[..., QuirkySftpServer]
) -> None:
    server = quirky_sftp()
    root = server.upload_dir_on_disk.parent
    before = _files_in(root)
    run = sftpcheck(
        "127.0.0.1",
        "--port",
        str(server.port),
        "--user",
        server.username,
        "--expect-fingerprint",
        server.fingerprint,
        password=server.password,
    )
    assert_passes(run, "remote_dir", "upload")
    assert "A client set to '/' could open it and write there" in run.summary("remote_dir")
    assert run.check("remote_dir")["details"]["root_writable"] is True
    assert _files_in(root) == before  # the test file made in '/' is gone


def test_a_remote_dir_that_takes_no_files_names_the_folder_below_that_does(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    """Set to '/', the same account lists it, cannot write there, and is told of /upload."""
    account = sshd.accounts["openroot"]
    run = sftpcheck(
        *login_args(sshd, "openroot", known_hosts),
        "--remote-dir",
        "/",
        password=account.password,
    )
    assert_passes(run, "remote_dir")
    assert_stops_at(run, "upload", "upload.denied")
    summary = run.summary("upload")
    assert "Set the client's remote directory to /upload instead" in summary, run.describe()
    assert run.check("upload")["details"]["writable_below"] == "/upload"
    assert _files_in(account.chroot_on_disk) == ["private", "upload"]
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_a_read_only_landing_folder_names_the_folder_below_that_takes_files(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["inbox_below"]
    run = sftpcheck(*login_args(sshd, "inbox_below", known_hosts), password=account.password)
    assert_passes(run, "remote_dir")
    assert_stops_at(run, "upload", "upload.denied")
    summary = run.summary("upload")
    assert "Set the client's remote directory to /upload/inbox instead" in summary, run.describe()
    details = run.check("upload")["details"]
    assert details["writable_below"] == "/upload/inbox"
    assert details["tried_below"] == ["/upload/archive", "/upload/inbox"]
    assert list(account.upload_dir_on_disk.iterdir()) == []
    assert _files_in(account.upload_dir_on_disk.parent) == ["archive", "inbox"]


def test_remote_dir_from_an_sftp_url(sftpcheck: Runner, sshd: SshServer, known_hosts: Path) -> None:
    account = sshd.accounts["district"]
    url = f"sftp://{account.username}@127.0.0.1:{sshd.port}/nope"
    run = sftpcheck(url, "--known-hosts", str(known_hosts), password=account.password)
    assert_stops_at(run, "remote_dir", "remote_dir.not_found")


# --- upload --------------------------------------------------------------------------------


def test_probe_upload_passes_and_leaves_nothing_behind(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["district"]
    run = sftpcheck(*login_args(sshd, "district", known_hosts), password=account.password)
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir", "upload")
    assert run.status("setstat") == "skip"
    assert run.report is not None
    assert run.report["verdict"] == "pass"
    assert run.exit_code == 0, run.describe()
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_real_file_upload_arrives_whole(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    local = tmp_path / "schools.csv"
    local.write_bytes(SCHOOLS)
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(local),
        password=account.password,
    )
    assert_passes(run, "upload")
    assert run.exit_code == 0, run.describe()
    assert (account.upload_dir_on_disk / "schools.csv").read_bytes() == SCHOOLS


def test_name_outside_the_spec_is_a_bad_filename(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    local = tmp_path / "Schools 2024.csv"
    local.write_bytes(SCHOOLS)
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(local),
        password=account.password,
    )
    assert_stops_at(run, "upload", "upload.bad_filename")
    assert "schools.csv" in run.summary("upload")  # the name it likely meant
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_directory_the_account_cannot_write_is_denied(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["readonly"]
    run = sftpcheck(*login_args(sshd, "readonly", known_hosts), password=account.password)
    assert_passes(run, "remote_dir")
    assert_stops_at(run, "upload", "upload.denied")
    assert "remote directory" not in run.summary("upload")  # no folder below it to name
    assert run.check("upload")["details"]["tried_below"] == []
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_existing_file_is_left_alone_without_overwrite(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    on_server = _left_by_the_district(account, "schools.csv", b"yesterday's export\n")
    local = tmp_path / "schools.csv"
    local.write_bytes(SCHOOLS)
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(local),
        password=account.password,
    )
    assert run.status("upload") == "warn", run.describe()
    assert run.code("upload") == "upload.exists"
    assert "--overwrite" in run.summary("upload")
    assert run.exit_code == 0, run.describe()
    assert on_server.read_bytes() == b"yesterday's export\n"


def test_existing_file_is_replaced_with_overwrite(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    older = b"yesterday's export, which was longer than today's one\n" * 10
    on_server = _left_by_the_district(account, "schools.csv", older)
    local = tmp_path / "schools.csv"
    local.write_bytes(SCHOOLS)
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(local),
        "--overwrite",
        password=account.password,
    )
    assert_passes(run, "upload")
    assert run.exit_code == 0, run.describe()
    assert on_server.read_bytes() == SCHOOLS  # replaced whole, not written over the old bytes


def test_size_on_the_server_differing_is_incomplete(
    sftpcheck: Runner, lying_sftp: QuirkySftpServer
) -> None:
    run = sftpcheck(
        "127.0.0.1",
        "--port",
        str(lying_sftp.port),
        "--user",
        lying_sftp.username,
        "--expect-fingerprint",
        lying_sftp.fingerprint,
        "--timeout",
        "5",
        password=lying_sftp.password,
    )
    assert_passes(run, "ssh", "auth", "remote_dir")
    assert_stops_at(run, "upload", "upload.incomplete")
    details = run.check("upload")["details"]
    assert details["size_on_server"] * 2 == details["bytes"], run.describe()


# --- setstat -------------------------------------------------------------------------------


def test_refused_setstat_is_a_warning_and_the_probe_is_removed(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["district"]
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts), "--setstat", password=account.password
    )
    assert_passes(run, "upload")
    assert run.status("setstat") == "warn", run.describe()
    assert run.code("setstat") == "setstat.unsupported"
    assert "timestamp" in run.summary("setstat")
    assert run.report is not None
    assert run.report["verdict"] == "warn"
    assert run.exit_code == 0, run.describe()
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_setstat_on_a_real_upload_keeps_the_file(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    local = tmp_path / "schools.csv"
    local.write_bytes(SCHOOLS)
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(local),
        "--setstat",
        password=account.password,
    )
    assert run.code("setstat") == "setstat.unsupported", run.describe()
    assert (account.upload_dir_on_disk / "schools.csv").read_bytes() == SCHOOLS


def test_a_chroot_sshd_refuses_names_its_ownership_and_modes(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    """A vendor makes the account's chroot group-writable (to let a second account drop
    files): sshd takes the password, then refuses the chroot and drops the connection."""
    account = sshd.accounts["district"]
    chroot = account.chroot_on_disk
    mode = chroot.stat().st_mode & 0o7777
    chroot.chmod(mode | 0o020)
    try:
        run = sftpcheck(*login_args(sshd, "district", known_hosts), password=account.password)
    finally:
        chroot.chmod(mode)
    assert_passes(run, "auth")
    assert_stops_at(run, "remote_dir", "remote_dir.no_sftp")
    assert "bad ownership or modes for chroot directory" in run.summary("remote_dir")
