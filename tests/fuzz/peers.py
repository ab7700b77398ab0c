"""The only peers a fuzzed `check` can meet: a name server and an SSH server, on loopback.

Started inside the fuzzers' network namespace (which has nothing but `lo`), so whatever a
fuzzed TARGET, profile or site names, a connection can only reach these two or be refused:

- a DNS server that answers `*.loop.invalid` with 127.0.0.1 and ::1 and every other name
  with NXDOMAIN, at once (a closed resolver port would cost each run its whole timeout);
- a paramiko SSH server that completes the handshake with its ed25519 host key and refuses
  every login, so the ssh step reads the fuzzed known_hosts and the auth step uses the
  fuzzed key.

Prints one JSON line ({"dns": port, "ssh": port, "host_key": "ssh-ed25519 AAAA..."}) and
serves until its stdin closes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

LOOP_SUFFIX = "loop.invalid."


def _dns_server() -> tuple[Any, int]:
    from dnslib import AAAA, QTYPE, RCODE, RR, A
    from dnslib.server import BaseResolver, DNSLogger, DNSServer

    class LoopbackOnly(BaseResolver):  # type: ignore[misc]
        def resolve(self, request: Any, handler: Any) -> Any:
            reply = request.reply()
            name = str(request.q.qname).lower()
            qtype = QTYPE[request.q.qtype]
            if not name.endswith(LOOP_SUFFIX):
                reply.header.rcode = RCODE.NXDOMAIN
            elif qtype == "A":
                reply.add_answer(RR(request.q.qname, QTYPE.A, rdata=A("127.0.0.1"), ttl=5))
            elif qtype == "AAAA":
                reply.add_answer(RR(request.q.qname, QTYPE.AAAA, rdata=AAAA("::1"), ttl=5))
            return reply

    quiet = DNSLogger(log="-request,-reply,-truncated,-error", logf=lambda *_: None)
    server = DNSServer(LoopbackOnly(), port=0, address="127.0.0.1", logger=quiet)
    server.start_thread()
    return server, int(server.server.server_address[1])


def _ssh_server(folder: Path) -> tuple[int, str]:
    import paramiko

    key_file = folder / "host_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key_file)],
        check=True,
        capture_output=True,
    )
    host_key = paramiko.Ed25519Key.from_private_key_file(str(key_file))

    class RefuseEveryone(paramiko.ServerInterface):
        def get_allowed_auths(self, username: str) -> str:
            return "password,publickey"

        def check_auth_password(self, username: str, password: str) -> int:
            return paramiko.AUTH_FAILED

        def check_auth_publickey(self, username: str, key: Any) -> int:
            return paramiko.AUTH_FAILED

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)

    def serve(conn: socket.socket) -> None:
        transport = paramiko.Transport(conn)
        transport.add_server_key(host_key)
        with contextlib.suppress(Exception):
            transport.start_server(server=RefuseEveryone())
            transport.join(30)
        transport.close()

    def accept_loop() -> None:
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    public = (folder / "host_ed25519.pub").read_text().split()
    return int(listener.getsockname()[1]), f"{public[0]} {public[1]}"


def main() -> None:
    for name in ("paramiko", "dnslib"):
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    with tempfile.TemporaryDirectory(prefix="fuzz-peers-") as folder:
        _, dns_port = _dns_server()
        ssh_port, host_key = _ssh_server(Path(folder))
        sys.stdout.write(json.dumps({"dns": dns_port, "ssh": ssh_port, "host_key": host_key}))
        sys.stdout.write("\n")
        sys.stdout.flush()
        sys.stdin.read()  # until the sandbox closes our stdin


if __name__ == "__main__":
    main()
