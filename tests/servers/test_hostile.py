"""The hostile server sends what it is told to, seen through paramiko's own client.

The trust tests that pass (escapes never shown raw, say) prove something only if the
server really sent the escapes; these tests prove it did.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import paramiko
import pytest

from tests.servers.hostile import HostileServer, Hostility, run_hostile_server

ESCAPE = "\x1b]52;c;cm0=\x07"


@contextlib.contextmanager
def _sftp(server: HostileServer, password: str | None = None) -> Iterator[Any]:
    sock = socket.create_connection((server.host, server.port), timeout=5)
    transport = paramiko.Transport(sock)
    try:
        transport.start_client(timeout=5)
        transport.auth_password(server.username, password or server.password)
        yield transport, paramiko.SFTPClient.from_transport(transport)
    finally:
        transport.close()


def test_every_field_carries_what_it_was_given(tmp_path: Path) -> None:
    hostility = Hostility(
        version_comment=f"v{ESCAPE}",
        banner=f"Hello {ESCAPE} {{password}}",
        status=f"Nope {ESCAPE}",
        listing_names=(f"x{ESCAPE}.csv",),
        landing=f"/upload{ESCAPE}",
    )
    with run_hostile_server(tmp_path / "root", hostility) as server:
        with _sftp(server) as (transport, sftp):
            assert transport.remote_version.endswith(f"v{ESCAPE}")
            assert transport.get_banner().decode() == f"Hello {ESCAPE} {server.password}"
            assert sftp.normalize(".") == f"/upload{ESCAPE}"
            assert f"x{ESCAPE}.csv" in sftp.listdir(".")
            with pytest.raises(FileNotFoundError, match="Nope"):
                sftp.stat("/missing")
        assert server.record.passwords_tried == [server.password]


def test_the_folder_keeps_short_writes_and_refuses_removes(tmp_path: Path) -> None:
    hostility = Hostility(
        keep_bytes=10, refuse_remove=True, existing={"old.csv": b"old"}, hidden=("old.csv",)
    )
    with run_hostile_server(tmp_path / "root", hostility) as server:
        with _sftp(server) as (_, sftp):
            with sftp.open("new.csv", "w") as remote:
                remote.write(b"x" * 100)
            assert sftp.stat("new.csv").st_size == 10
            with pytest.raises(PermissionError):
                sftp.remove("new.csv")
            with pytest.raises(FileNotFoundError):
                sftp.stat("old.csv")  # there, but not shown
            with pytest.raises(PermissionError):
                sftp.open("/root-level.csv", "w")  # "/" is read-only, as a chroot's is
        assert (server.upload_dir_on_disk / "old.csv").read_bytes() == b"old"
        assert server.record.removed == ["/upload/new.csv"]


def test_a_drip_sends_one_byte_at_a_time(tmp_path: Path) -> None:
    with (
        run_hostile_server(tmp_path / "root", Hostility(drip="banner")) as server,
        socket.create_connection((server.host, server.port), timeout=5) as sock,
    ):
        # Without the drip the whole version line arrives in the first recv.
        assert [len(sock.recv(100)) for _ in range(3)] == [1, 1, 1]


def test_an_expired_password_asks_for_a_new_one(tmp_path: Path) -> None:
    with run_hostile_server(tmp_path / "root", Hostility(expired="keyboard-interactive")) as srv:
        sock = socket.create_connection((srv.host, srv.port), timeout=5)
        transport = paramiko.Transport(sock)
        asked: list[str] = []

        def answer(title: str, instructions: str, prompts: list[tuple[str, bool]]) -> list[str]:
            asked.extend(prompt for prompt, _ in prompts)
            return [srv.password if prompt == "Password: " else "" for prompt, _ in prompts]

        try:
            transport.start_client(timeout=5)
            with pytest.raises(paramiko.AuthenticationException):
                transport.auth_interactive(srv.username, answer)
        finally:
            transport.close()
        assert asked == [
            "Password: ",
            "Current password: ",
            "New password: ",
            "Retype new password: ",
        ]
