"""One running demo: its temporary directory, its server, and the check options that fit it."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sftpcheck.check.options import CheckOptions
from sftpcheck.demo.config import DEMO_USERNAME, HOME_DIRECTORY, ServerKind
from sftpcheck.demo.listeners import (
    LOOPBACK,
    ClosingServer,
    DemoUnavailableError,
    FtpServer,
    LoopbackServer,
    SilentServer,
)
from sftpcheck.demo.scenarios import KnownHostKey, Scenario
from sftpcheck.errors import InputError
from sftpcheck.model import Secret

if TYPE_CHECKING:
    import paramiko

TEMP_PREFIX = "sftpcheck-demo-"

_WELCOME = """\
This is the practice drop of `sftpcheck demo`, running on your own computer.
Upload files here as you would to a data vendor. Everything is deleted when the demo stops.
"""


class RunningDemo:
    """Starts the scenario's server over a fresh temporary directory; removes both on exit.

    The directory holds `files/` (what the server shows, `/upload` inside it) and
    `known_hosts` (the key the check is told to expect).
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        # Printed on purpose by --serve: a practice password for a loopback-only server.
        self.password = secrets.token_hex(4)
        self.username = DEMO_USERNAME
        self.fingerprint: str | None = None
        self._directory: Path | None = None
        self._server: LoopbackServer | None = None

    @property
    def directory(self) -> Path:
        if self._directory is None:
            raise RuntimeError("the demo is not started")
        return self._directory

    @property
    def known_hosts(self) -> Path:
        return self.directory / "known_hosts"

    @property
    def key_path(self) -> Path | None:
        """The practice private key, written when the scenario's server accepts keys."""
        wanted = "publickey" in self.scenario.config.auth_methods
        return self.directory / "id_ed25519_demo" if wanted else None

    @property
    def takes_key(self) -> bool:
        return self.scenario.server is ServerKind.SFTP and self.key_path is not None

    @property
    def server(self) -> LoopbackServer:
        if self._server is None:
            raise RuntimeError("the demo is not started")
        return self._server

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    def check_options(self) -> CheckOptions:
        """The options `sftpcheck check` would settle for this demo, with --setstat."""
        scenario = self.scenario
        return CheckOptions(
            host=self.host,
            port=self.port,
            username=self.username,
            password=Secret(self.password),
            remote_dir=scenario.remote_dir,
            setstat=True,
            known_hosts=self.known_hosts if scenario.server is ServerKind.SFTP else None,
            timeout=scenario.timeout,
        )

    def start(self) -> None:
        self._directory = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        try:
            self._server = self._make_server()
            _start_or_explain(self._server)
            if self.scenario.server is ServerKind.SFTP:
                self._write_known_hosts()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        try:
            if self._server is not None:
                self._server.stop()
        finally:
            if self._directory is not None:
                shutil.rmtree(self._directory, ignore_errors=True)

    def _make_server(self) -> LoopbackServer:
        kind = self.scenario.server
        if kind is ServerKind.FTP:
            return FtpServer()
        if kind is ServerKind.CLOSED:
            return ClosingServer()
        if kind is ServerKind.FIREWALL:
            return SilentServer()
        # paramiko is imported only when a real SSH server is wanted.
        from sftpcheck.demo.server import DemoSFTPServer

        files = self.directory / "files"
        upload = files / HOME_DIRECTORY.strip("/")
        upload.mkdir(parents=True)
        (upload / "README.txt").write_text(_WELCOME, encoding="utf-8")
        server = DemoSFTPServer(
            files,
            self.password,
            self.scenario.config,
            username=self.username,
            client_key=self._write_client_key(),
        )
        self.fingerprint = f"{server.host_key.get_name()} {server.host_key.fingerprint}"
        return server

    def _write_client_key(self) -> paramiko.PKey | None:
        """Write the practice key (owner-only, as ssh insists) and return its public half."""
        if self.key_path is None:
            return None
        import io

        import paramiko

        from sftpcheck.demo.server import generate_private_key_text

        text = generate_private_key_text()
        self.key_path.touch(mode=0o600)
        self.key_path.write_text(text, encoding="ascii")
        key = paramiko.Ed25519Key(file_obj=io.StringIO(text))
        public = self.key_path.with_name(self.key_path.name + ".pub")
        public.write_text(f"{key.get_name()} {key.get_base64()} {self.username}@demo\n")
        return key

    def _write_known_hosts(self) -> None:
        from sftpcheck.demo.server import DemoSFTPServer, generate_host_key

        assert isinstance(self.server, DemoSFTPServer)
        key = self.server.host_key
        if self.scenario.known_host_key is KnownHostKey.OTHER:
            key = generate_host_key()
        # known_hosts names a non-22 port as [host]:port.
        line = f"[{self.host}]:{self.port} {key.get_name()} {key.get_base64()}\n"
        self.known_hosts.write_text(line, encoding="ascii")

    def __enter__(self) -> RunningDemo:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _start_or_explain(server: LoopbackServer) -> None:
    """Start the server; a failure to start becomes one sentence for the user."""
    try:
        server.start()
    except DemoUnavailableError as error:
        raise InputError(f"{error}.") from None
    except OSError as error:
        message = f"The demo server could not start on {LOOPBACK}: {error.strerror}."
        raise InputError(message) from None
