"""A real FTP server (pyftpdlib) on 127.0.0.1: what a district reaches when it types the
vendor's old FTP address, or port 21, into an SFTP client."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FTP_BANNER = "sftpcheck test FTP server ready."
FTP_USER = "district"
FTP_PASSWORD = "ftp-password"


@dataclass(frozen=True)
class FtpServer:
    host: str
    port: int
    banner: str
    username: str
    password: str


@contextlib.contextmanager
def run_ftp_server(home: Path) -> Iterator[FtpServer]:
    """pyftpdlib in a thread; port 0 so it never collides. Stopped and joined afterwards."""
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.servers import FTPServer

    for name in ("pyftpdlib", "pyftpdlib.server"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False

    authorizer = DummyAuthorizer()
    authorizer.add_user(FTP_USER, FTP_PASSWORD, str(home), perm="elradfmw")
    authorizer.add_anonymous(str(home))

    class Handler(FTPHandler):
        pass

    Handler.authorizer = authorizer
    Handler.banner = FTP_BANNER  # pyftpdlib puts the "220 " in front itself
    Handler.timeout = 30

    server = FTPServer(("127.0.0.1", 0), Handler)
    stop = threading.Event()

    def serve() -> None:
        # One short poll at a time, so the loop sees `stop` within 0.1 s.
        while not stop.is_set():
            server.serve_forever(timeout=0.1, blocking=False, handle_exit=False)
        server.close_all()

    thread = threading.Thread(target=serve, name="ftp-server", daemon=True)
    thread.start()
    try:
        yield FtpServer(
            host="127.0.0.1",
            port=int(server.address[1]),
            banner=FTP_BANNER,
            username=FTP_USER,
            password=FTP_PASSWORD,
        )
    finally:
        stop.set()
        thread.join(timeout=5)
