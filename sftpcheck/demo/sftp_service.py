"""The demo's SFTP service: real SFTP requests answered from a jailed local directory.

Its rules are those of a typical school-data drop: the login lands in /upload, which
may be listed and written; `/` may not be listed; setting permissions or timestamps
is refused. DemoServerConfig turns each rule on or off for the scenarios.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

import paramiko
from paramiko.sftp import (
    SFTP_FAILURE,
    SFTP_NO_SUCH_FILE,
    SFTP_OK,
    SFTP_OP_UNSUPPORTED,
    SFTP_PERMISSION_DENIED,
)

from sftpcheck.demo.config import DemoServerConfig, SetstatRefusal
from sftpcheck.demo.jail import Jail

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

# Binary on Windows (no newline translation), and never through a link where supported.
_OPEN_EXTRA_FLAGS = getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)

_REFUSAL_STATUS = {
    SetstatRefusal.PERMISSION_DENIED: SFTP_PERMISSION_DENIED,
    SetstatRefusal.OP_UNSUPPORTED: SFTP_OP_UNSUPPORTED,
}

T = TypeVar("T")


def _sftp_status(action: Callable[[], T]) -> T | int:
    """Run a file operation; a local error becomes the SFTP status a real server would send."""
    try:
        return action()
    except OSError as error:
        if error.errno is None:  # the jail's refusal, or a made-up path
            return (
                SFTP_PERMISSION_DENIED if isinstance(error, PermissionError) else SFTP_NO_SUCH_FILE
            )
        return paramiko.SFTPServer.convert_errno(error.errno)
    except ValueError:  # an embedded NUL or a name the file system cannot hold
        return SFTP_FAILURE


def _attributes(local: Path, name: str, follow: bool = True) -> paramiko.SFTPAttributes:
    status = local.stat() if follow else local.lstat()
    attributes = paramiko.SFTPAttributes.from_stat(status, name)
    # The local account's ids mean nothing to a client; a real drop shows its own.
    attributes.st_uid = attributes.st_gid = 1000
    return attributes


class DemoFileHandle(paramiko.SFTPHandle):
    """An open file; reading and writing come from paramiko, the rules from the config."""

    def __init__(self, file: IO[bytes], flags: int, config: DemoServerConfig) -> None:
        super().__init__(flags)
        self._file = file
        self._config = config
        self.readfile = file
        if flags & _WRITE_FLAGS:
            self.writefile = file

    def stat(self) -> paramiko.SFTPAttributes | int:
        return _sftp_status(
            lambda: paramiko.SFTPAttributes.from_stat(os.fstat(self._file.fileno()))
        )

    def chattr(self, attr: paramiko.SFTPAttributes) -> int:
        refusal = self._config.setstat_refusal
        if refusal is not None:
            return _REFUSAL_STATUS[refusal]
        return _sftp_status(lambda: _apply(self._file.fileno(), attr))

    def close(self) -> None:
        self._file.close()


def _apply(target: int | Path, attr: paramiko.SFTPAttributes) -> int:
    if attr.st_mode is not None:
        os.chmod(target, attr.st_mode & 0o7777)  # noqa: PTH101 - also takes a descriptor
    if attr.st_atime is not None and attr.st_mtime is not None:
        os.utime(target, (attr.st_atime, attr.st_mtime))
    return SFTP_OK


class DemoSFTPService(paramiko.SFTPServerInterface):
    """Answers one SFTP session; paramiko creates one per `sftp` subsystem request."""

    def __init__(
        self, server: paramiko.ServerInterface, jail: Jail, config: DemoServerConfig, **_: Any
    ) -> None:
        super().__init__(server)
        self._jail = jail
        self._config = config

    def canonicalize(self, path: str) -> str:
        return self._jail.canonical(path)

    def list_folder(self, path: str) -> list[paramiko.SFTPAttributes] | int:
        def listing() -> list[paramiko.SFTPAttributes]:
            local = self._jail.local(path)
            if self._jail.is_root(local) and not self._config.root_listable:
                raise PermissionError("the top directory may not be listed")
            return [_attributes(entry, entry.name, follow=False) for entry in local.iterdir()]

        return _sftp_status(listing)

    def stat(self, path: str) -> paramiko.SFTPAttributes | int:
        return _sftp_status(lambda: _attributes(self._jail.local(path), _name(path)))

    def lstat(self, path: str) -> paramiko.SFTPAttributes | int:
        # The jail resolved every link already; there are none a client could make.
        return self.stat(path)

    def open(
        self, path: str, flags: int, attr: paramiko.SFTPAttributes
    ) -> paramiko.SFTPHandle | int:
        def opened() -> paramiko.SFTPHandle:
            local = self._jail.local(path)
            if flags & _WRITE_FLAGS:
                self._require_writable(local)
            if local.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a directory", path)
            # The attributes sent with an open (mode, times) are ignored, as the drop does.
            descriptor = os.open(local, flags | _OPEN_EXTRA_FLAGS, 0o644)
            return DemoFileHandle(os.fdopen(descriptor, _mode(flags)), flags, self._config)

        return _sftp_status(opened)

    def remove(self, path: str) -> int:
        return self._write_operation(path, lambda local: local.unlink())

    def rmdir(self, path: str) -> int:
        return self._write_operation(path, lambda local: local.rmdir())

    def mkdir(self, path: str, attr: paramiko.SFTPAttributes) -> int:
        return self._write_operation(path, lambda local: local.mkdir(mode=0o755))

    def rename(self, oldpath: str, newpath: str) -> int:
        """SFTP version 3 rename: refuses to replace an existing file, as OpenSSH does."""

        def move(source: Path) -> None:
            target = self._jail.local(newpath)
            self._require_writable(target)
            if target.exists():
                raise FileExistsError(errno.EEXIST, "already exists", newpath)
            source.rename(target)

        return self._write_operation(oldpath, move)

    def posix_rename(self, oldpath: str, newpath: str) -> int:
        def replace(source: Path) -> None:
            target = self._jail.local(newpath)
            self._require_writable(target)
            source.replace(target)

        return self._write_operation(oldpath, replace)

    def chattr(self, path: str, attr: paramiko.SFTPAttributes) -> int:
        refusal = self._config.setstat_refusal
        if refusal is not None:
            return _REFUSAL_STATUS[refusal]
        return self._write_operation(path, lambda local: _apply(local, attr))

    def readlink(self, path: str) -> str | int:
        return SFTP_OP_UNSUPPORTED

    def symlink(self, target_path: str, path: str) -> int:
        # Links are how a client would reach outside the jail; the drop allows none.
        return SFTP_OP_UNSUPPORTED

    def _write_operation(self, path: str, change: Callable[[Path], object]) -> int:
        def run() -> int:
            local = self._jail.local(path)
            self._require_writable(local)
            change(local)
            return SFTP_OK

        return _sftp_status(run)

    def _require_writable(self, local: Path) -> None:
        if not (self._config.upload_writable and self._jail.in_home(local)):
            raise PermissionError("this directory is read-only")


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1] or "/"


def _mode(flags: int) -> str:
    append = bool(flags & os.O_APPEND)
    if flags & os.O_RDWR:
        return "a+b" if append else "r+b"
    if flags & os.O_WRONLY:
        return "ab" if append else "wb"
    return "rb"
