"""Where each client keeps its saved sites on this computer, per operating system."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sftpcheck.sites.model import Client


def default_files(client: Client) -> tuple[Path, ...]:
    """The files (or folders) `client` reads its saved sites from here, existing or not."""
    home = Path.home()
    appdata = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming"))
    xdg_config = Path(os.environ.get("XDG_CONFIG_HOME", home / ".config"))
    xdg_data = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    windows = sys.platform == "win32"
    if client is Client.WINSCP:
        # On Windows the registry comes first (see winscp.read_windows_registry).
        return (appdata / "WinSCP.ini",) if windows else ()
    if client is Client.FILEZILLA:
        if windows:
            return (appdata / "FileZilla" / "sitemanager.xml",)
        return (
            xdg_config / "filezilla" / "sitemanager.xml",
            home / ".filezilla" / "sitemanager.xml",
        )
    if client is Client.PUTTY:
        return () if windows else (home / ".putty" / "sessions", xdg_config / "putty" / "sessions")
    if client is Client.OPENSSH:
        return (home / ".ssh" / "config",)
    if client is Client.CYBERDUCK:
        if windows:
            return (appdata / "Cyberduck" / "Bookmarks",)
        library = home / "Library"
        return (
            library
            / "Group Containers"
            / "G69SCX94XU.duck"
            / "Library"
            / "Application Support"
            / "duck"
            / "Bookmarks",
            library / "Application Support" / "Cyberduck" / "Bookmarks",
        )
    return (xdg_data / "lftp" / "bookmarks", home / ".lftp" / "bookmarks")
