"""The upload and setstat steps imitate the site's client: WinSCP's `.filepart` upload and
rename, its Preserve timestamp, FileZilla's Preserve timestamps, OpenSSH's plain put.

Against the real drop sshd (refuses setstat) and one that also refuses rename.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path

from tests.check.run import Runner, assert_passes
from tests.servers.matrix_accounts import MatrixServer
from tests.servers.sshd import SshServer
from tests.sites import files


def _students_csv(path: Path, rows: int) -> Path:
    lines = ["student_id,school_id,first_name,last_name,grade"]
    lines += [f"{100000 + n},001,Student{n},Family{n},{n % 12 + 1}" for n in range(rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _winscp_site(tmp_path: Path, server: SshServer, username: str, **copy_param: int) -> Path:
    return files.winscp_ini(
        tmp_path / "WinSCP.ini",
        {
            "Roster": {
                "HostName": "127.0.0.1",
                "PortNumber": server.port,
                "FSProtocol": 2,
                "UserName": username,
                "Password": files.WINSCP_STORED_PASSWORD,
            }
        },
        copy_param=copy_param or None,
    )


def test_winscp_uploads_a_filepart_renames_it_then_preserve_timestamp_is_refused(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    ini = _winscp_site(tmp_path, sshd, account.username)
    run = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(ini),
        "--known-hosts",
        str(known_hosts),
        password=account.password,
    )
    upload = run.summary("upload")
    assert run.status("upload") == "pass", run.describe()
    assert ".filepart" in upload
    assert "renamed" in upload
    assert "WinSCP" in upload
    # Without --setstat: WinSCP sets the time after each upload, so the step runs.
    assert run.status("setstat") == "warn", run.describe()
    assert run.code("setstat") == "setstat.unsupported"
    assert "'Preserve timestamp'" in run.summary("setstat")
    assert run.check("setstat")["details"]["refused"].keys() == {"timestamp"}
    assert list(account.upload_dir_on_disk.iterdir()) == []  # the probe was removed


def test_winscp_filepart_on_a_server_that_refuses_rename_is_rename_denied(
    sftpcheck: Runner, sshd_no_rename: SshServer, tmp_path: Path
) -> None:
    account = sshd_no_rename.accounts["district"]
    known = sshd_no_rename.write_known_hosts(tmp_path / "known_hosts")
    ini = _winscp_site(tmp_path, sshd_no_rename, account.username, PreserveTime=0)
    export = _students_csv(tmp_path / "students.csv", rows=4000)
    assert export.stat().st_size >= 100 * 1024
    run = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(ini),
        "--known-hosts",
        str(known),
        "--upload",
        str(export),
        password=account.password,
    )
    assert run.status("upload") == "fail", run.describe()
    assert run.code("upload") == "upload.rename_denied"
    summary = run.summary("upload")
    assert "students.csv.filepart" in summary
    assert "refused to rename" in summary
    assert "Endurance" in summary  # where WinSCP's temporary file names are turned off
    assert run.exit_code == 1
    assert list(account.upload_dir_on_disk.iterdir()) == []  # its own part file is gone


def test_winscp_overwrite_with_a_refused_rename_says_the_old_file_is_gone(
    sftpcheck: Runner, sshd_no_rename: SshServer, tmp_path: Path
) -> None:
    """With --overwrite, WinSCP deletes yesterday's file before its rename; when the rename
    is then refused, neither file is there, and the report must say so."""
    account = sshd_no_rename.accounts["district"]
    known = sshd_no_rename.write_known_hosts(tmp_path / "known_hosts")
    ini = _winscp_site(tmp_path, sshd_no_rename, account.username, PreserveTime=0)
    yesterday = account.upload_dir_on_disk / "students.csv"
    yesterday.write_bytes(b"student_id,school_id,first_name,last_name,grade\r\n")
    user = pwd.getpwnam(account.username)
    os.chown(yesterday, user.pw_uid, user.pw_gid)
    export = _students_csv(tmp_path / "students.csv", rows=4000)
    run = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(ini),
        "--known-hosts",
        str(known),
        "--upload",
        str(export),
        "--overwrite",
        password=account.password,
    )
    assert run.code("upload") == "upload.rename_denied", run.describe()
    summary = run.summary("upload")
    assert "refused to rename it to /upload/students.csv" in summary
    assert "The old /upload/students.csv had been deleted, so none is in the folder now" in summary
    assert run.check("upload")["details"]["old_file_deleted"] is True
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_winscp_sends_a_small_file_straight_to_its_name(
    sftpcheck: Runner, sshd_no_rename: SshServer, tmp_path: Path
) -> None:
    """Below 100 KB WinSCP uses no temporary name, so the refused rename does not matter."""
    account = sshd_no_rename.accounts["district"]
    known = sshd_no_rename.write_known_hosts(tmp_path / "known_hosts")
    ini = _winscp_site(tmp_path, sshd_no_rename, account.username, PreserveTime=0)
    export = _students_csv(tmp_path / "students.csv", rows=20)
    run = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(ini),
        "--known-hosts",
        str(known),
        "--upload",
        str(export),
        password=account.password,
    )
    assert_passes(run, "upload")
    assert run.status("setstat") == "skip"  # Preserve timestamp is off in this WinSCP
    assert (account.upload_dir_on_disk / "students.csv").read_bytes() == export.read_bytes()


def test_filezilla_with_preserve_timestamps_on_names_its_menu(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    manager = files.filezilla_sitemanager(
        tmp_path / "sitemanager.xml",
        files.filezilla_server("Roster", "127.0.0.1", sshd.port, 1, account.username),
    )
    files.filezilla_settings(tmp_path / "filezilla.xml", {"Preserve timestamps": "1"})
    run = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(manager),
        "--known-hosts",
        str(known_hosts),
        password=account.password,
    )
    assert run.code("client") == "client.preserve_timestamp", run.describe()
    assert_passes(run, "upload")
    assert "FileZilla" in run.summary("upload")
    assert run.code("setstat") == "setstat.unsupported"
    assert "Preserve timestamps of transferred files" in run.summary("setstat")


def test_client_option_alone_imitates_that_clients_defaults(
    sftpcheck: Runner, sshd_no_rename: SshServer, tmp_path: Path
) -> None:
    """--client winscp without a site: WinSCP's factory settings, .filepart from 100 KB."""
    account = sshd_no_rename.accounts["district"]
    known = sshd_no_rename.write_known_hosts(tmp_path / "known_hosts")
    run = sftpcheck(
        "127.0.0.1",
        "--port",
        str(sshd_no_rename.port),
        "--user",
        account.username,
        "--known-hosts",
        str(known),
        "--client",
        "winscp",
        password=account.password,
    )
    assert run.status("client") == "skip", run.describe()
    assert run.code("upload") == "upload.rename_denied", run.describe()
    assert "default settings" in run.summary("upload")


def test_without_a_client_the_upload_is_sftpchecks_own(
    sftpcheck: Runner, sshd_no_rename: SshServer, tmp_path: Path
) -> None:
    account = sshd_no_rename.accounts["district"]
    known = sshd_no_rename.write_known_hosts(tmp_path / "known_hosts")
    run = sftpcheck(
        "127.0.0.1",
        "--port",
        str(sshd_no_rename.port),
        "--user",
        account.username,
        "--known-hosts",
        str(known),
        password=account.password,
    )
    assert_passes(run, "upload")
    assert ".filepart" not in run.summary("upload")
    assert run.status("setstat") == "skip"


def test_open_permissions_fail_for_openssh_and_not_for_putty(
    sftpcheck: Runner, proftpd_server: MatrixServer, tmp_path: Path
) -> None:
    """ProFTPD with <Limit SITE_CHMOD> DenyAll refuses an OPEN that carries permissions, as
    OpenSSH's put sends them; PuTTY's psftp sends none, so the same account works."""
    account = proftpd_server.accounts["nochmod"]
    port = proftpd_server.port_for("nochmod")
    known = tmp_path / "known_hosts"
    known.write_text(f"[{proftpd_server.host}]:{port} {proftpd_server.host_key_line}\n")
    sessions = files.putty_reg(
        tmp_path / "putty.reg",
        {
            "Roster": {
                "HostName": proftpd_server.host,
                "PortNumber": port,
                "UserName": account.username,
                "Protocol": "ssh",
            }
        },
    )
    as_putty = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(sessions),
        "--known-hosts",
        str(known),
        password=account.password,
    )
    assert_passes(as_putty, "client", "auth", "upload")
    assert "PuTTY" in as_putty.summary("upload")
    config = tmp_path / "ssh_config"
    config.write_text(
        f"Host Roster\n  HostName {proftpd_server.host}\n  Port {port}\n  User {account.username}\n"
    )
    as_openssh = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(config),
        "--client",
        "openssh",
        "--known-hosts",
        str(known),
        password=account.password,
    )
    assert as_openssh.code("upload") == "upload.denied", as_openssh.describe()
    assert "permissions (0644) sent with the open request" in as_openssh.summary("upload")
