"""The embedded demo server, driven by a plain paramiko client over a real loopback socket."""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import paramiko
import pytest

from sftpcheck.demo.config import DEMO_USERNAME, DemoServerConfig, SetstatRefusal
from sftpcheck.demo.listeners import ClosingServer, FtpServer, SilentServer
from sftpcheck.demo.server import DemoSFTPServer

PASSWORD = "practice-only"


@contextmanager
def running(tmp_path: Path, config: DemoServerConfig | None = None) -> Iterator[DemoSFTPServer]:
    (tmp_path / "upload").mkdir(exist_ok=True)
    server = DemoSFTPServer(tmp_path, PASSWORD, config)
    with server:
        yield server


@contextmanager
def connected(server: DemoSFTPServer) -> Iterator[paramiko.Transport]:
    sock = socket.create_connection((server.host, server.port), timeout=5)
    transport = paramiko.Transport(sock)
    try:
        transport.start_client(timeout=5)
        assert transport.is_active()
        yield transport
    finally:
        transport.close()


@contextmanager
def sftp_session(
    tmp_path: Path, config: DemoServerConfig | None = None
) -> Iterator[paramiko.SFTPClient]:
    with running(tmp_path, config) as server, connected(server) as transport:
        transport.auth_password(DEMO_USERNAME, PASSWORD)
        sftp = paramiko.SFTPClient.from_transport(transport)
        assert sftp is not None
        sftp.get_channel().settimeout(5)
        with sftp:
            yield sftp


def test_password_login_works_and_shows_the_host_key(tmp_path: Path) -> None:
    with running(tmp_path) as server, connected(server) as transport:
        assert transport.get_remote_server_key() == server.host_key
        assert server.host_key.get_name() == "ssh-ed25519"
        transport.auth_password(DEMO_USERNAME, PASSWORD)
        assert transport.is_authenticated()


def test_wrong_password_is_refused(tmp_path: Path) -> None:
    with running(tmp_path) as server, connected(server) as transport:
        with pytest.raises(paramiko.AuthenticationException):
            transport.auth_password(DEMO_USERNAME, "not-it")
        assert not transport.is_authenticated()


def test_a_server_that_refuses_passwords_refuses_the_right_one(tmp_path: Path) -> None:
    config = DemoServerConfig(accept_password=False)
    with (
        running(tmp_path, config) as server,
        connected(server) as transport,
        pytest.raises(paramiko.AuthenticationException),
    ):
        transport.auth_password(DEMO_USERNAME, PASSWORD)


def test_key_only_server_offers_only_publickey(tmp_path: Path) -> None:
    config = DemoServerConfig(auth_methods=("publickey",))
    with running(tmp_path, config) as server, connected(server) as transport:
        with pytest.raises(paramiko.BadAuthenticationType) as offered:
            transport.auth_none(DEMO_USERNAME)
        assert offered.value.allowed_types == ["publickey"]
        with pytest.raises(paramiko.BadAuthenticationType):
            transport.auth_password(DEMO_USERNAME, PASSWORD)


def test_login_lands_in_upload_and_root_may_not_be_listed(tmp_path: Path) -> None:
    with sftp_session(tmp_path) as sftp:
        assert sftp.normalize(".") == "/upload"
        assert sftp.listdir(".") == []
        assert sftp.stat("/").st_mode is not None
        with pytest.raises(PermissionError):
            sftp.listdir("/")


def test_root_can_be_listed_when_configured(tmp_path: Path) -> None:
    with sftp_session(tmp_path, DemoServerConfig(root_listable=True)) as sftp:
        assert sftp.listdir("/") == ["upload"]


def test_upload_read_back_rename_and_remove(tmp_path: Path) -> None:
    with sftp_session(tmp_path) as sftp:
        with sftp.open("students.csv", "wb") as remote:
            remote.write(b"student_id,school_id\n1,2\n")
        assert (tmp_path / "upload" / "students.csv").read_bytes() == b"student_id,school_id\n1,2\n"
        assert sftp.stat("/upload/students.csv").st_size == 25
        with sftp.open("students.csv", "rb") as remote:
            assert remote.read() == b"student_id,school_id\n1,2\n"
        sftp.rename("students.csv", "students-old.csv")
        assert sftp.listdir("/upload") == ["students-old.csv"]
        sftp.remove("/upload/students-old.csv")
        assert sftp.listdir("/upload") == []


def test_rename_does_not_replace_an_existing_file(tmp_path: Path) -> None:
    with sftp_session(tmp_path) as sftp:
        sftp.putfo(_bytes(b"a"), "a.csv")
        sftp.putfo(_bytes(b"b"), "b.csv")
        with pytest.raises(OSError, match="Failure"):
            sftp.rename("a.csv", "b.csv")
        sftp.posix_rename("a.csv", "b.csv")
        assert sftp.listdir() == ["b.csv"]


@pytest.mark.parametrize(
    ("refusal", "error"),
    [
        (SetstatRefusal.PERMISSION_DENIED, PermissionError),
        (SetstatRefusal.OP_UNSUPPORTED, OSError),
    ],
)
def test_setting_permissions_and_timestamps_is_refused(
    tmp_path: Path, refusal: SetstatRefusal, error: type[OSError]
) -> None:
    with sftp_session(tmp_path, DemoServerConfig(setstat_refusal=refusal)) as sftp:
        sftp.putfo(_bytes(b"x"), "probe.txt")
        with pytest.raises(error) as refused:
            sftp.chmod("probe.txt", 0o600)
        if refusal is SetstatRefusal.OP_UNSUPPORTED:
            assert str(refused.value) == "Operation unsupported"
        with pytest.raises(error):
            sftp.utime("probe.txt", (1_000_000_000, 1_000_000_000))
        with sftp.open("probe.txt", "r+b") as remote, pytest.raises(error):
            remote.chmod(0o600)


def test_setstat_works_when_allowed(tmp_path: Path) -> None:
    with sftp_session(tmp_path, DemoServerConfig(setstat_refusal=None)) as sftp:
        sftp.putfo(_bytes(b"x"), "probe.txt")
        sftp.utime("probe.txt", (1_000_000_000, 1_000_000_000))
        assert sftp.stat("probe.txt").st_mtime == 1_000_000_000


def test_read_only_drop_refuses_every_write(tmp_path: Path) -> None:
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "old.csv").write_text("a\n")
    with sftp_session(tmp_path, DemoServerConfig(upload_writable=False)) as sftp:
        assert sftp.listdir() == ["old.csv"]
        with pytest.raises(PermissionError):
            sftp.open("new.csv", "wb")
        with pytest.raises(PermissionError):
            sftp.remove("old.csv")
        with pytest.raises(PermissionError):
            sftp.mkdir("sub")
        with sftp.open("old.csv", "rb") as remote:
            assert remote.read() == b"a\n"


def test_nothing_may_be_written_at_the_top(tmp_path: Path) -> None:
    with sftp_session(tmp_path) as sftp:
        with pytest.raises(PermissionError):
            sftp.open("/x.csv", "wb")
        with pytest.raises(PermissionError):
            sftp.rmdir("/upload")


def test_no_sftp_service_closes_the_channel(tmp_path: Path) -> None:
    config = DemoServerConfig(sftp_enabled=False)
    with running(tmp_path, config) as server, connected(server) as transport:
        transport.auth_password(DEMO_USERNAME, PASSWORD)
        channel = transport.open_session(timeout=5)
        with pytest.raises(paramiko.SSHException, match="Channel closed"):
            channel.invoke_subsystem("sftp")


def test_the_jail_cannot_be_escaped(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    files = tmp_path / "files"
    files.mkdir()
    (files / "upload").mkdir()
    (files / "upload" / "link").symlink_to(tmp_path)
    with sftp_session(files) as sftp:
        assert sftp.normalize("../../..") == "/"
        assert sftp.normalize("//etc/../upload") == "/upload"
        for path in ("../../secret.txt", "/../secret.txt", "../../../etc/passwd"):
            with pytest.raises(FileNotFoundError):
                sftp.stat(path)
        with pytest.raises(PermissionError):
            sftp.listdir("link")
        with pytest.raises(PermissionError):
            sftp.open("link/secret.txt", "rb")
        with pytest.raises(OSError, match="unsupported"):
            sftp.symlink("/etc/passwd", "passwd")
        with pytest.raises(PermissionError):
            sftp.open("link/new.txt", "wb")
    assert not (tmp_path / "new.txt").exists()


def test_stop_is_quick_with_a_client_still_connected(tmp_path: Path) -> None:
    (tmp_path / "upload").mkdir()
    server = DemoSFTPServer(tmp_path, PASSWORD)
    server.start()
    idle = socket.create_connection((server.host, server.port), timeout=5)
    transport = paramiko.Transport(socket.create_connection((server.host, server.port)))
    transport.start_client(timeout=5)
    # A stop that waited on the idle client would hang: a thread makes that a failure, not a
    # hung suite (how quick the stop is lives in no test: speed goals are make bench's).
    stopping = threading.Thread(target=server.stop, daemon=True)
    stopping.start()
    stopping.join(timeout=30)
    assert not stopping.is_alive(), "the server does not stop while a client is connected"
    idle.close()
    transport.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((server.host, server.port), timeout=1)


def test_ftp_listener_greets_and_says_goodbye() -> None:
    with FtpServer() as server, socket.create_connection((server.host, server.port), 5) as sock:
        reader = sock.makefile("rb")
        assert reader.readline().startswith(b"220 ")
        sock.sendall(b"SSH-2.0-probe\r\n")
        assert reader.readline().startswith(b"530 ")
        sock.sendall(b"QUIT\r\n")
        assert reader.readline() == b"221 Goodbye.\r\n"
        assert reader.readline() == b""


def test_closing_listener_hangs_up_at_once() -> None:
    with ClosingServer() as server, socket.create_connection((server.host, server.port), 5) as sock:
        sock.settimeout(5)
        assert sock.recv(10) == b""


def test_silent_listener_lets_connects_time_out() -> None:
    with SilentServer() as server:
        for _ in range(2):
            with pytest.raises(TimeoutError):
                socket.create_connection((server.host, server.port), timeout=0.5)


def _bytes(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
