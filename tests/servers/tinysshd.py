"""tinysshd under ucspi-tcp's tcpserver on loopback, running OpenSSH's sftp-server.

tinysshd takes key logins only and offers only curve25519 / sntrup761x25519 key
exchange, ed25519 host keys and chacha20-poly1305: paramiko cannot connect, OpenSSH can.
One system account with a key is all it needs.
"""

from __future__ import annotations

import base64
import contextlib
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.servers.matrix_accounts import MatrixServer, run_directory, wait_until_listening
from tests.servers.need import need_program
from tests.servers.processes import free_port, stop_process_tree
from tests.servers.system_accounts import system_accounts

TINYSSHD = "/usr/sbin/tinysshd"
SFTP_SERVER = "/usr/lib/openssh/sftp-server"


def _ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _public_line(key_dir: Path) -> str:
    """tinysshd keeps its ed25519 public key raw (32 bytes); OpenSSH's form wraps it."""
    raw = (key_dir / "ed25519.pk").read_bytes()
    blob = _ssh_string(b"ssh-ed25519") + _ssh_string(raw)
    return "ssh-ed25519 " + base64.b64encode(blob).decode()


@contextlib.contextmanager
def run_tinysshd() -> Iterator[MatrixServer]:
    need_program(TINYSSHD, "tinysshd")
    makekey = need_program("tinysshd-makekey", "tinysshd")
    tcpserver = need_program("tcpserver", "ucspi-tcp")
    need_program(SFTP_SERVER, "openssh-sftp-server")
    with run_directory("tinysshd") as run, system_accounts(run, ("district",), False) as accounts:
        key_dir = run.path / "host-keys"
        subprocess.run([makekey, str(key_dir)], check=True, capture_output=True)
        log = run.path / "tinysshd.log"
        process, port = _start(tcpserver, key_dir, log)
        try:
            yield MatrixServer(
                name="tinysshd",
                host="127.0.0.1",
                port=port,
                host_key_line=_public_line(key_dir),
                accounts=accounts,
                log_paths=(log,),
            )
        finally:
            stop_process_tree(process)


def _start(tcpserver: str, key_dir: Path, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    last_error: Exception | None = None
    for _ in range(5):  # the port may be taken between our probe and tcpserver's bind
        port = free_port()
        command = [tcpserver, "-HRDl0", "127.0.0.1", str(port)]
        command += [TINYSSHD, "-v", "-x", f"sftp={SFTP_SERVER}", str(key_dir)]
        with log.open("ab") as log_file:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file
            )
        try:
            wait_until_listening(port, process, log)
        except RuntimeError as error:
            stop_process_tree(process)
            last_error = error
            continue
        return process, port
    raise RuntimeError(f"tcpserver with tinysshd did not start: {last_error}")
