"""Cyberduck's bookmarks: one `.duck` property list per bookmark, or a folder of them.

Keys (as Cyberduck's HostDictionary writes them): Protocol (`sftp`, `ftp`, `ftps`, `dav`,
`davs`, `s3`, ...), Hostname, Port (a string), Username, Nickname, Path, and the key as
`Private Key File Dictionary` (or the older `Private Key File`).
Cyberduck's upload settings are global preferences whose defaults are all off:
`queue.upload.timestamp.change`, `queue.upload.permissions.change` and
`queue.upload.file.temporary`.
"""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from sftpcheck.errors import InputError
from sftpcheck.local_files import SITE_FILE, read_input
from sftpcheck.sites import model
from sftpcheck.sites.model import Client, SavedSite, Toggle
from sftpcheck.sites.reader import ClientReader, Places

PROTOCOLS = {
    "sftp": model.SFTP,
    "ftp": model.FTP,
    "ftps": model.FTPS_EXPLICIT,
    "dav": model.WEBDAV,
    "davs": model.WEBDAV,
    "s3": model.S3,
}


def read_file(path: Path) -> list[SavedSite]:
    if path.is_dir():
        return [site for file in sorted(path.glob("*.duck")) for site in read_file(file)]
    try:
        data = plistlib.loads(read_input(path, SITE_FILE))
    # An XML declaration naming an unknown encoding raises LookupError; a binary property
    # list nested thousands deep, RecursionError.
    except (plistlib.InvalidFileException, ValueError, ExpatError, LookupError, RecursionError):
        # Not the parser's words: they may quote the file, which may be another client's.
        message = f"{path} is not a Cyberduck bookmark (a property list)."
        raise InputError(message) from None
    if not isinstance(data, dict) or not data.get("Hostname"):
        return []
    return [_site(data, path)]


def _site(data: dict[str, Any], path: Path) -> SavedSite:
    protocol_name = str(data.get("Protocol", "ftp")).lower()
    port = str(data.get("Port", ""))
    host = str(data["Hostname"])
    return SavedSite(
        client=Client.CYBERDUCK,
        name=str(data.get("Nickname") or host),
        host=host,
        port=int(port) if port.isdigit() else None,
        user=str(data["Username"]) if data.get("Username") else None,
        protocol=PROTOCOLS.get(protocol_name, protocol_name),
        key_file=_key_file(data),
        remote_dir=str(data["Path"]) if data.get("Path") else None,
        preserve_timestamp=Toggle.OFF,
        preserve_permissions=Toggle.OFF,
        temporary_name=None,
        proxy=None,  # Cyberduck uses the system's proxy settings
        source=str(path),
    )


def _key_file(data: dict[str, Any]) -> str | None:
    """`Private Key File Dictionary` (a serialised file whose Path is abbreviated, ~/...),
    else the older plain `Private Key File` string."""
    local = data.get("Private Key File Dictionary")
    if isinstance(local, dict) and local.get("Path"):
        return str(local["Path"])
    legacy = data.get("Private Key File")
    return str(legacy) if legacy else None


def _default_files(places: Places) -> tuple[Path, ...]:
    if places.windows:
        return (places.appdata / "Cyberduck" / "Bookmarks",)
    library = places.home / "Library"
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


def _wrote_file(path: Path, head: str) -> bool:
    return path.name.lower().endswith(".duck")


def _wrote_folder(path: Path) -> bool:
    return any(path.glob("*.duck"))


READER = ClientReader(
    client=Client.CYBERDUCK,
    read_file=read_file,
    default_files=_default_files,
    wrote_file=_wrote_file,
    dialogs={
        "protocol": "In Cyberduck, open the bookmark (Edit Bookmark) and choose 'SFTP (SSH "
        "File Transfer Protocol)'",
        "port": "In Cyberduck, open the bookmark (Edit Bookmark) and set 'Port'",
        "host": "In Cyberduck, open the bookmark (Edit Bookmark) and set 'Server'",
        "remote_dir": "In Cyberduck, open the bookmark (Edit Bookmark), then More Options, and "
        "clear 'Path'",
        "preserve_timestamp": "In Cyberduck's Preferences, Transfers, Permissions and "
        "Timestamps, clear the upload options",
        "temporary_name": "In Cyberduck's Preferences, Transfers, Upload, clear 'Upload with "
        "temporary filename'",
        "proxy": "Cyberduck uses the system's proxy settings",
    },
    wrote_folder=_wrote_folder,
)
