"""A Go SFTP server on golang.org/x/crypto/ssh and pkg/sftp's RequestServer (as SFTPGo is).

tests/servers/go_sftp/main.go is built offline from Debian's Go sources
(`GO111MODULE=off GOPATH=/usr/share/gocode`), once per source version: the binary is
kept under /var/cache/sftpcheck-tests by the hash of main.go.

x/crypto/ssh offers a login method on a whole port, not per account, so the key-only
account has a port of its own, on which no password is offered. It has no partial
success (0.4, Debian 12): no two-factor account. Refused setstat is status 3.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.servers.matrix_accounts import ROLES, MatrixServer, run_directory
from tests.servers.need import need_program, unavailable
from tests.servers.programmable import run_programmable

SOURCE = Path(__file__).with_name("go_sftp") / "main.go"
GOPATH = Path("/usr/share/gocode")
CACHE = Path("/var/cache/sftpcheck-tests")
NEEDED = {
    "golang-golang-x-crypto-dev": GOPATH / "src/golang.org/x/crypto/ssh",
    "golang-github-pkg-sftp-dev": GOPATH / "src/github.com/pkg/sftp",
}


def build_go_server() -> Path:
    """The server binary for the current main.go, built if this version was not yet."""
    go = need_program("go", "golang-go")
    for package, path in NEEDED.items():
        if not path.is_dir():
            unavailable(f"{path} is missing: install the {package} package (make servers)")
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:16]
    binary = CACHE / f"go_sftp-{digest}" / "server"
    if binary.exists():
        return binary
    binary.parent.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "GO111MODULE": "off",
        "GOPATH": str(GOPATH),
        "GOCACHE": str(CACHE / "go-build"),
        "GOFLAGS": "",
        "CGO_ENABLED": "0",
    }
    partial = binary.with_suffix(".partial")
    built = subprocess.run(
        [go, "build", "-o", str(partial), SOURCE.name],
        cwd=SOURCE.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if built.returncode != 0:
        raise RuntimeError(f"go build of {SOURCE} failed:\n{built.stderr}")
    partial.rename(binary)  # whole or not at all, should a build be interrupted
    return binary


@contextlib.contextmanager
def run_go_server() -> Iterator[MatrixServer]:
    binary = build_go_server()
    listeners = (tuple(role for role in ROLES if role != "keyonly"), ("keyonly",))
    with (
        run_directory("go") as run,
        run_programmable("go", run, [str(binary)], listeners=listeners) as server,
    ):
        yield server
