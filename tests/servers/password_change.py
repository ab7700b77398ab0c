"""A server that answers the right password with "change it first" (RFC 4252 section 8,
SSH_MSG_USERAUTH_PASSWD_CHANGEREQ), as some Windows and appliance servers do, and takes
any new password it is sent, the same one included. AsyncSSH's server side, in a thread
of the test process; it records each new password it was given.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import secrets
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.servers.need import unavailable

PROMPT = "Your password has expired. Enter a new password."


@dataclass(frozen=True)
class PasswordChangeServer:
    host: str
    port: int
    username: str
    password: str
    fingerprint: str
    # The new passwords clients sent; the account took each one.
    changed_to: list[str] = field(default_factory=list, hash=False)


@contextlib.contextmanager
def run_password_change_server() -> Iterator[PasswordChangeServer]:
    if importlib.util.find_spec("asyncssh") is None:
        unavailable("asyncssh is missing: pip install -e '.[test]'")
    with warnings.catch_warnings():
        # asyncssh names DSA types at import; cryptography warns that DSA is deprecated.
        warnings.simplefilter("ignore")
        import asyncssh

    username, password = "district", f"Old-{secrets.token_hex(6)}"
    changed_to: list[str] = []

    class ExpiredLogin(asyncssh.SSHServer):  # type: ignore[misc]
        def begin_auth(self, username: str) -> bool:
            return True

        def password_auth_supported(self) -> bool:
            return True

        def validate_password(self, given_user: str, given_password: str) -> bool:
            if (given_user, given_password) != (username, password):
                return False
            raise asyncssh.PasswordChangeRequired(PROMPT)

        def change_password(self, given_user: str, old: str, new: str) -> bool:
            changed_to.append(new)
            return True

    key = asyncssh.generate_private_key("ssh-ed25519")
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="password-change", daemon=True)
    thread.start()

    async def listen() -> Any:
        return await asyncssh.listen(
            "127.0.0.1", 0, server_host_keys=[key], server_factory=ExpiredLogin, login_timeout=30
        )

    listening = asyncio.run_coroutine_threadsafe(listen(), loop).result(10)
    try:
        yield PasswordChangeServer(
            host="127.0.0.1",
            port=listening.sockets[0].getsockname()[1],
            username=username,
            password=password,
            fingerprint=key.get_fingerprint("sha256"),
            changed_to=changed_to,
        )
    finally:
        loop.call_soon_threadsafe(listening.close)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
