"""The demo server's file tree: SFTP paths mapped into one local directory, with no way out."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from sftpcheck.demo.config import HOME_DIRECTORY


class OutsideJailError(PermissionError):
    """A path that would leave the demo's directory (through `..` or a symlink)."""


class Jail:
    """Maps the paths a client sends ("upload/x", "/upload/../..") to files under `root`.

    Every answer is resolved with symlinks followed and then checked to lie inside
    `root`, so neither `..` nor a link can reach the rest of the computer.
    """

    def __init__(self, root: Path, home: str = HOME_DIRECTORY) -> None:
        self.root = Path(os.path.realpath(root))
        self.home = home

    def canonical(self, path: str) -> str:
        """The absolute SFTP path a client means; relative paths start at the home directory."""
        joined = path if path.startswith("/") else posixpath.join(self.home, path)
        # normpath keeps a leading "//" (POSIX allows it a meaning); the jail has none.
        return posixpath.normpath("/" + joined.lstrip("/"))

    def local(self, path: str) -> Path:
        """The local file behind an SFTP path; OutsideJailError if it would leave the root."""
        canonical = self.canonical(path)
        if "\0" in canonical:
            raise FileNotFoundError(path)
        parts = [part for part in canonical.split("/") if part]
        candidate = self.root.joinpath(*parts)
        resolved = Path(os.path.realpath(candidate))
        if resolved != self.root and self.root not in resolved.parents:
            raise OutsideJailError(path)
        return resolved

    @property
    def home_local(self) -> Path:
        return self.local(self.home)

    def is_root(self, local: Path) -> bool:
        return local == self.root

    def in_home(self, local: Path) -> bool:
        """True for what lies inside the home directory (not the home directory itself)."""
        return self.home_local in local.parents
