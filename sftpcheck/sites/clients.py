"""The one registry of the clients whose saved sites sftpcheck reads.

Adding a client is its reader module (which ends with its READER: how to read, where the
client keeps its sites, how to recognise its file, where each setting is in its dialogs),
its member in model.Client, and one line here. A module is imported only when its client
is needed: together they cost some 20 ms that a check without --site should not pay.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.local_files import SITE_FILE, read_input
from sftpcheck.sites.model import Client
from sftpcheck.sites.reader import ClientReader
from sftpcheck.sites.registry import decode_reg_file

# Each client's reader module, in the order an unknown file is held up against each
# client's way of recognising its own.
READER_MODULES: dict[Client, str] = {
    Client.CYBERDUCK: "sftpcheck.sites.cyberduck",
    Client.WINSCP: "sftpcheck.sites.winscp",
    Client.PUTTY: "sftpcheck.sites.putty",
    Client.FILEZILLA: "sftpcheck.sites.filezilla",
    Client.LFTP: "sftpcheck.sites.lftp",
    Client.OPENSSH: "sftpcheck.sites.openssh",
}


def reader_of(client: Client) -> ClientReader:
    reader: ClientReader = importlib.import_module(READER_MODULES[client]).READER
    return reader


def where_to_change(client: Client, setting: str) -> str:
    """Where `setting` is in `client`'s own dialogs, as the client names it."""
    return reader_of(client).dialogs[setting]


def ignores_setstat_refusal(client: Client) -> bool:
    """Whether `client` carries on silently when the server refuses to set a file's time."""
    return reader_of(client).ignores_setstat_refusal


def detect_client(path: Path) -> Client:
    """Which client wrote this file (or folder), from its name and first bytes."""
    if path.is_dir():
        found = next((c for c in READER_MODULES if reader_of(c).wrote_folder(path)), None)
        if found is None:
            raise InputError(
                f"{path} is a folder of no client sftpcheck knows; give a file, or --client."
            )
        return found
    head = decode_reg_file(read_input(path, SITE_FILE)[:65536]).lower()
    found = next((c for c in READER_MODULES if reader_of(c).wrote_file(path, head)), None)
    if found is None:
        known = (
            "WinSCP.ini, a .reg export, sitemanager.xml, an ssh config, a .duck or lftp bookmarks"
        )
        raise InputError(
            f"sftpcheck cannot tell which client wrote {path}; give --client ({known})."
        )
    return found
