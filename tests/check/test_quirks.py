"""What OpenSSH cannot be made to do here, from a small paramiko server that does it:
keyboard-interactive logins, a second factor, a login or SFTP service that hangs, an
account that may add files but not delete them. And file contents the importer will not
read, on the real sshd.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.check.run import (
    Runner,
    assert_passes,
    assert_stops_at,
    check_quirky,
    login_args,
)
from tests.servers.quirky_sftp import QuirkySftpServer
from tests.servers.sshd import SshServer

Start = Callable[..., QuirkySftpServer]


def test_password_through_keyboard_interactive_logs_in(
    sftpcheck: Runner, quirky_sftp: Start
) -> None:
    server = quirky_sftp(login="keyboard-interactive")
    run = check_quirky(sftpcheck, server)
    assert_passes(run, "auth", "remote_dir", "upload")
    auth = run.check("auth")
    assert auth["details"]["offered"] == ["keyboard-interactive"]
    assert auth["details"]["tried"] == ["keyboard-interactive"]
    assert auth["details"]["prompts"] == ["Password:"]
    assert "with the password" in auth["summary"]
    assert server.answers == [[server.password]]


def test_a_one_time_code_after_the_password_is_partial(
    sftpcheck: Runner, quirky_sftp: Start
) -> None:
    server = quirky_sftp(login="keyboard-interactive+code")
    run = check_quirky(sftpcheck, server)
    assert_stops_at(run, "auth", "auth.partial")
    assert "Verification code:" in run.summary("auth")
    # The password once; the code prompt gets no answer at all (not even an empty one,
    # which a server counts as a failed try).
    assert server.answers == [[server.password]]


def test_a_login_that_never_answers_is_a_timeout(sftpcheck: Runner, quirky_sftp: Start) -> None:
    run = check_quirky(sftpcheck, quirky_sftp(stall_login=True), timeout="1")
    assert_stops_at(run, "auth", "auth.timeout")
    assert "did not answer the login within 1 s" in run.summary("auth")


def test_an_sftp_service_that_never_answers_is_a_timeout(
    sftpcheck: Runner, quirky_sftp: Start
) -> None:
    run = check_quirky(sftpcheck, quirky_sftp(stall_sftp=True), timeout="1")
    assert_passes(run, "auth")
    assert_stops_at(run, "remote_dir", "remote_dir.timeout")


def test_a_probe_that_may_not_be_deleted_is_named_for_the_vendor(
    sftpcheck: Runner, quirky_sftp: Start
) -> None:
    server = quirky_sftp(deny_remove=True)
    run = check_quirky(sftpcheck, server)
    assert run.status("upload") == "warn", run.describe()
    assert run.code("upload") == "upload.probe_left"
    (left,) = server.upload_dir_on_disk.iterdir()
    assert left.name.startswith("sftpcheck-probe-")
    assert left.name in run.summary("upload")
    assert "Ask the vendor to delete it" in run.summary("upload")
    assert run.exit_code == 0, run.describe()


def test_a_spec_file_with_a_bad_header_is_not_sent_and_every_problem_is_listed(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    schools = tmp_path / "schools.csv"
    schools.write_bytes(b"\xef\xbb\xbfSchool ID,school_name\r\n1,Lincoln Elementary\r\n")
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(schools),
        password=account.password,
    )
    assert_stops_at(run, "upload", "upload.broken_file")
    assert "nothing was uploaded" in run.summary("upload")
    assert '"School ID" should be "school_id"' in run.summary("upload")
    codes = [found["code"] for found in run.check("upload")["details"]["file_checks"]]
    assert codes == ["files.bom", "files.header_mismatch"]
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_an_empty_staff_file_never_reaches_the_vendor(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    staff = tmp_path / "staff.csv"
    staff.write_bytes(b"staff_id,school_id,first_name,last_name,email,phone\r\n")
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(staff),
        password=account.password,
    )
    assert_stops_at(run, "upload", "upload.broken_file")
    assert "header line but no rows" in run.summary("upload")
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_upload_anyway_sends_a_file_with_errors_and_warns(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    schools = tmp_path / "schools.csv"
    schools.write_bytes(b"School ID,school_name\r\n1,Lincoln Elementary\r\n")
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--upload",
        str(schools),
        "--upload-anyway",
        password=account.password,
    )
    assert run.status("upload") == "warn", run.describe()
    assert run.code("upload") == "upload.file_problems"
    assert '"School ID" should be "school_id"' in run.summary("upload")
    assert (account.upload_dir_on_disk / "schools.csv").read_bytes() == schools.read_bytes()


def test_a_write_that_fails_after_the_file_exists_is_incomplete(
    sftpcheck: Runner, quirky_sftp: Start
) -> None:
    server = quirky_sftp(writes="fail")
    run = check_quirky(sftpcheck, server)
    assert_stops_at(run, "upload", "upload.incomplete")
    # paramiko drops a failed pipelined write's status; the size check still catches it.
    assert "is 0 bytes on the server, but 4096 bytes were sent" in run.summary("upload")
    assert list(server.upload_dir_on_disk.iterdir()) == []  # the run's own probe is removed


def test_an_upload_the_server_stops_answering_is_a_timeout(
    sftpcheck: Runner, quirky_sftp: Start
) -> None:
    run = check_quirky(sftpcheck, quirky_sftp(writes="stall"), timeout="1")
    assert_stops_at(run, "upload", "upload.timeout")
    assert "stopped answering during the upload" in run.summary("upload")


def test_a_remote_dir_that_is_a_file_is_named_as_a_file(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["district"]
    (account.upload_dir_on_disk / "schools.csv").write_bytes(b"school_id,school_name\n")
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts),
        "--remote-dir",
        "/upload/schools.csv",
        password=account.password,
    )
    assert_stops_at(run, "remote_dir", "remote_dir.not_found")
    assert "/upload/schools.csv, which is a file, not a folder" in run.summary("remote_dir")


def test_a_post_quantum_exchange_the_server_never_finishes_is_named(
    sftpcheck: Runner, quirky_sftp: Start
) -> None:
    """paramiko picks mlkem768x25519 first, as OpenSSH 9.9 and PuTTY 0.83 do; this server
    offers it and then says nothing. A second try without it gets through."""
    run = check_quirky(sftpcheck, quirky_sftp(stall_post_quantum=True), timeout="2")
    assert_stops_at(run, "ssh", "ssh.pq_stall")
    summary = run.summary("ssh")
    assert "mlkem768x25519-sha256" in summary
    assert "a second try without it got through" in summary
    assert "KexAlgorithms=-mlkem768x25519-sha256" in summary
    retries = run.check("ssh")["details"]["retries"]
    assert [r["completed"] for r in retries] == [False, True]  # small packets did not help
