"""Loopback listeners: the accept loop every demo server shares, and the non-SSH ones.

Each listens on 127.0.0.1 on a free port, runs in daemon threads and stops within a
fraction of a second, so a demo can never hang on its way out.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType
from typing import ClassVar

LOOPBACK = "127.0.0.1"
# How often the accept loop looks at its stop flag; also the longest stop() waits for it.
_POLL_SECONDS = 0.2


class DemoUnavailableError(RuntimeError):
    """This system cannot play the scenario (its message is one sentence for the user)."""


_NO_SILENCE = (
    "This system answers connections to a full listen queue instead of ignoring them, "
    "so the firewall scenario cannot be shown here"
)


class LoopbackServer:
    """A server on 127.0.0.1 with a free port; a context manager that starts and stops it."""

    host = LOOPBACK

    def __init__(self) -> None:
        self._listener: socket.socket | None = None
        self._port: int | None = None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the demo server is not started")
        return self._port

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.close()

    def _listen(self, backlog: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind((LOOPBACK, 0))
        listener.listen(backlog)
        self._listener = listener
        self._port = int(listener.getsockname()[1])
        return listener

    def __enter__(self) -> LoopbackServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


class AcceptingServer(LoopbackServer):
    """Accepts connections in one thread and hands each to `_handle`."""

    def __init__(self) -> None:
        super().__init__()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = self._listen(16)
        listener.settimeout(_POLL_SECONDS)
        self._thread = threading.Thread(target=self._accept_loop, name="demo-accept", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._listener is not None:
            # On Linux this wakes a blocked accept() at once; elsewhere the poll does.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=2 * _POLL_SECONDS + 1)
        super().stop()
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            connection.close()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:  # the listener was closed under us
                return
            connection.settimeout(None)
            self._handle(connection)

    def _keep(self, connection: socket.socket) -> None:
        """Remember a connection so that stop() closes it."""
        with self._lock:
            self._connections = [c for c in self._connections if c.fileno() != -1]
            self._connections.append(connection)

    def _handle(self, connection: socket.socket) -> None:
        raise NotImplementedError


class ClosingServer(AcceptingServer):
    """Accepts and hangs up at once, as a server does that refuses this client's address."""

    def _handle(self, connection: socket.socket) -> None:
        connection.close()


class FtpServer(AcceptingServer):
    """Greets like an FTP server and answers a few commands, never logging anyone in.

    Enough for a client (or sftpcheck) pointed at the wrong service to see an FTP server.
    """

    GREETING = b"220 (vsFTPd 3.0.3)\r\n"
    _REPLIES: ClassVar[dict[bytes, bytes]] = {
        b"USER": b"331 Please specify the password.\r\n",
        b"PASS": b"530 Login incorrect.\r\n",
        b"QUIT": b"221 Goodbye.\r\n",
    }
    _OTHER = b"530 Please login with USER and PASS.\r\n"

    def _handle(self, connection: socket.socket) -> None:
        self._keep(connection)
        threading.Thread(target=self._converse, args=(connection,), daemon=True).start()

    def _converse(self, connection: socket.socket) -> None:
        connection.settimeout(30)
        with contextlib.suppress(OSError), connection, connection.makefile("rb") as lines:
            connection.sendall(self.GREETING)
            for line in lines:
                command = line.strip().split(b" ", 1)[0].upper()
                connection.sendall(self._REPLIES.get(command, self._OTHER))
                if command == b"QUIT":
                    return


class SilentServer(LoopbackServer):
    """A port whose connects time out, as behind a firewall that drops packets, without root.

    The listen queue is filled with connections nobody accepts; once it is full the
    kernel ignores new SYNs, so a client's connect waits until its timeout.
    """

    _MAX_FILLERS = 8
    _FILL_TIMEOUT = 0.2

    def __init__(self) -> None:
        super().__init__()
        self._fillers: list[socket.socket] = []

    def start(self) -> None:
        self._listen(0)
        for _ in range(self._MAX_FILLERS):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.settimeout(self._FILL_TIMEOUT)
            try:
                filler.connect((LOOPBACK, self.port))
            except TimeoutError:  # the queue is full: this is the state we want
                filler.close()
                return
            except OSError as error:
                filler.close()
                self.stop()
                raise DemoUnavailableError(_NO_SILENCE) from error
            self._fillers.append(filler)
        self.stop()
        raise DemoUnavailableError(_NO_SILENCE)

    def stop(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._fillers = []
        super().stop()
