"""An AsyncSSH SFTP server for the server matrix, run as its own process:

    python tests/servers/asyncssh_sftp.py USERS.json

USERS.json (see tests/servers/matrix_accounts.py, `write_user_config`) names the host key
and each account: password, authorized key, login methods, the directory that is its `/`,
where it lands, which directories may not be listed, whether it may write, and what
setstat does. Listens on 127.0.0.1 only, on ports the kernel picks, and prints
`listening N on 127.0.0.1 port P` for each listener.

AsyncSSH has no partial-success logins, so a two-factor account cannot be expressed here:
such an account is served with its methods as given, and the matrix leaves it out.
"""

from __future__ import annotations

import asyncio
import json
import posixpath
import sys
from pathlib import Path
from typing import Any

import asyncssh

USERS: dict[str, dict[str, Any]] = {}


class Login(asyncssh.SSHServer):
    """Offers, per account, only the methods its config names (asked after the user name)."""

    def __init__(self) -> None:
        self.user: dict[str, Any] = {}

    def begin_auth(self, username: str) -> bool:
        self.user = USERS.get(username, {"methods": ["password", "publickey"]})
        return True

    def _offers(self, method: str) -> bool:
        return any(method in entry.split(",") for entry in self.user.get("methods", []))

    def password_auth_supported(self) -> bool:
        return self._offers("password")

    def public_key_auth_supported(self) -> bool:
        return self._offers("publickey")

    def kbdint_auth_supported(self) -> bool:
        return False  # AsyncSSH would otherwise offer the password this way too

    def validate_password(self, username: str, password: str) -> bool:
        if self.user.get("password") and password == self.user["password"]:
            return True
        print(f"password refused for {username}", flush=True)  # the tests look for this
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        line = self.user.get("authorized_key")
        if not line:
            return False
        allowed = asyncssh.import_public_key(line)
        return bool(key.public_data == allowed.public_data)


WRITE_FLAGS = asyncssh.FXF_WRITE | asyncssh.FXF_CREAT | asyncssh.FXF_TRUNC | asyncssh.FXF_APPEND


class Drop(asyncssh.SFTPServer):
    """The account's directory as its `/`, landing in its home, with its rules applied."""

    def __init__(self, chan: asyncssh.SSHServerChannel) -> None:
        self.user = USERS[chan.get_extra_info("username")]
        super().__init__(chan, chroot=self.user["root"].encode())

    def client_path(self, path: bytes) -> str:
        """The absolute, normalised path the client means (relative to its home)."""
        text = path.decode("utf-8", "replace")
        if not text.startswith("/"):
            text = posixpath.join(self.user["home"], text)
        return posixpath.normpath(text).replace("//", "/")

    def map_path(self, path: bytes) -> bytes:
        return super().map_path(self.client_path(path).encode())

    def _refuse_writes(self) -> None:
        if self.user["read_only"]:
            raise asyncssh.SFTPPermissionDenied("Permission denied")

    def _setstat_allowed(self) -> bool:
        """False when the change is to be ignored; raises when it is refused."""
        self._refuse_writes()
        mode = self.user["setstat"]
        if mode == "denied":
            raise asyncssh.SFTPPermissionDenied("Permission denied")
        if mode == "unsupported":
            raise asyncssh.SFTPOpUnsupported("Operation unsupported")
        return mode != "ignore"

    def scandir(self, path: bytes) -> Any:
        if self.client_path(path) in self.user["unlisted"]:
            raise asyncssh.SFTPPermissionDenied("Permission denied")
        return super().scandir(path)

    def open(self, path: bytes, pflags: int, attrs: asyncssh.SFTPAttrs) -> object:
        if pflags & WRITE_FLAGS:
            self._refuse_writes()
            if self.user.get("write_failure"):
                raise asyncssh.SFTPFailure(self.user["write_failure"])
        return super().open(path, pflags, attrs)

    def setstat(self, path: bytes, attrs: asyncssh.SFTPAttrs) -> None:
        if self._setstat_allowed():
            super().setstat(path, attrs)

    def fsetstat(self, file_obj: object, attrs: asyncssh.SFTPAttrs) -> None:
        if self._setstat_allowed():
            super().fsetstat(file_obj, attrs)

    def remove(self, path: bytes) -> None:
        self._refuse_writes()
        super().remove(path)

    def rename(self, oldpath: bytes, newpath: bytes) -> None:
        self._refuse_writes()
        super().rename(oldpath, newpath)

    def posix_rename(self, oldpath: bytes, newpath: bytes) -> None:
        self._refuse_writes()
        super().posix_rename(oldpath, newpath)

    def mkdir(self, path: bytes, attrs: asyncssh.SFTPAttrs) -> None:
        self._refuse_writes()
        super().mkdir(path, attrs)

    def rmdir(self, path: bytes) -> None:
        self._refuse_writes()
        super().rmdir(path)


async def serve(config: dict[str, Any]) -> None:
    USERS.update(config["users"])
    key = asyncssh.read_private_key(config["host_key"])
    servers = []
    for index, _usernames in enumerate(config["listeners"]):
        server = await asyncssh.listen(
            host="127.0.0.1",
            port=0,
            server_host_keys=[key],
            server_factory=Login,
            sftp_factory=Drop,
            allow_scp=False,
            login_timeout=30,
        )
        port = server.sockets[0].getsockname()[1]
        print(f"listening {index} on 127.0.0.1 port {port}", flush=True)
        servers.append(server)
    await asyncio.Event().wait()  # until the fixture stops the process


def main() -> None:
    config = json.loads(Path(sys.argv[1]).read_text())
    asyncio.run(serve(config))


if __name__ == "__main__":
    main()
