"""What sftpcheck knows of one client, as its reader module declares it (sites/clients.py
lists them all): how to read its saved sites, where it keeps them, how to recognise its
file, and where each setting is in its own dialogs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sftpcheck.sites.model import Client, SavedSite

# The settings whose place in a client's dialogs the client step names.
DIALOG_SETTINGS = (
    "protocol",
    "port",
    "host",
    "remote_dir",
    "preserve_timestamp",
    "temporary_name",
    "proxy",
)


@dataclass(frozen=True)
class Places:
    """Where clients keep their files on this computer."""

    home: Path
    appdata: Path
    xdg_config: Path
    xdg_data: Path
    windows: bool

    @classmethod
    def here(cls) -> Places:
        home = Path.home()
        return cls(
            home=home,
            appdata=Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")),
            xdg_config=Path(os.environ.get("XDG_CONFIG_HOME", home / ".config")),
            xdg_data=Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share")),
            windows=sys.platform == "win32",
        )


def _no_folder(path: Path) -> bool:
    return False


def _no_registry() -> list[SavedSite]:
    return []


@dataclass(frozen=True)
class ClientReader:
    """One client, as sftpcheck reads it."""

    client: Client
    read_file: Callable[[Path], list[SavedSite]]
    # The files (or folders) it reads its saved sites from here, existing or not.
    default_files: Callable[[Places], tuple[Path, ...]]
    # Whether it wrote this file, from the file's path and its first 64 KB as lower-case
    # text; clients.py asks each client in turn.
    wrote_file: Callable[[Path, str], bool]
    # Where each of DIALOG_SETTINGS is in the client's own dialogs, in its own words.
    dialogs: Mapping[str, str]
    # Whether it wrote this folder (a folder of bookmarks or sessions).
    wrote_folder: Callable[[Path], bool] = _no_folder
    # The sites it keeps in the Windows registry (nothing on other systems).
    read_windows_registry: Callable[[], list[SavedSite]] = _no_registry
    # It sets a file's time after an upload but carries on silently when the server
    # refuses (lftp's put), so for it a refusal is no problem.
    ignores_setstat_refusal: bool = False
