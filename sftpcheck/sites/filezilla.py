"""FileZilla's Site Manager: `sitemanager.xml`, with the global `filezilla.xml` beside it.

Sites are `<Server>` elements, inside `<Folder>` elements whose text is the folder name.
`Protocol` is 0 FTP, 1 SFTP, 3 FTPS (implicit), 4 FTPES (explicit), 6 insecure plain FTP;
`RemoteDir` is a length-prefixed path (`1 0 4 home 7 uploads` is `/home/uploads`).
"Preserve timestamps of transferred files" and the generic proxy are global settings in
filezilla.xml; timestamps are off by default. `<Pass>` is never looked at.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.local_files import SITE_FILE, read_input
from sftpcheck.sites import model, pugixml
from sftpcheck.sites.model import Client, SavedSite, Toggle
from sftpcheck.sites.reader import ClientReader, Places

PROTOCOLS = {
    "0": model.FTP,
    "1": model.SFTP,
    "3": model.FTPS_IMPLICIT,
    "4": model.FTPS_EXPLICIT,
    "6": model.INSECURE_FTP,
}
PROXY_KINDS = {"1": "http", "2": "socks5", "3": "socks4"}
SETTINGS_FILE = "filezilla.xml"
MAX_FOLDER_DEPTH = 100


def read_file(path: Path) -> list[SavedSite]:
    root = _parse(path)
    settings = _global_settings(path.with_name(SETTINGS_FILE))
    servers = root.find("Servers")
    if servers is None:
        return []
    return list(_walk(servers, (), path, settings))


def _parse(path: Path) -> ET.Element:
    try:
        return pugixml.parse(read_input(path, SITE_FILE))
    except ET.ParseError as error:
        line, column = error.position
        raise InputError(
            f"{path} is not valid XML (line {line}, column {column}); FileZilla cannot read "
            "it either."
        ) from None


def _walk(
    element: ET.Element, folders: tuple[str, ...], path: Path, settings: dict[str, str]
) -> list[SavedSite]:
    """Every site under `element`, in the file's order. A loop, not recursion, and a
    bound on the depth: folders nested thousands deep are valid XML, and must end in one
    sentence, not a RecursionError or a path of a million folders per site."""
    sites: list[SavedSite] = []
    pending: list[tuple[Iterator[ET.Element], tuple[str, ...]]] = [(iter(element), folders)]
    while pending:
        children, where = pending[-1]
        child = next(children, None)
        if child is None:
            pending.pop()
        elif child.tag == "Folder":
            if len(where) >= MAX_FOLDER_DEPTH:
                raise InputError(
                    f"{path} has site folders nested more than {MAX_FOLDER_DEPTH} deep; "
                    f"sftpcheck reads {MAX_FOLDER_DEPTH} levels, far more than a Site "
                    "Manager holds. Move the site up, or export it alone."
                )
            folder = (child.text or "").strip() or "(unnamed folder)"
            pending.append((iter(child), (*where, folder)))
        elif child.tag == "Server":
            site = _site(child, where, path, settings)
            if site is not None:
                sites.append(site)
    return sites


def _site(
    server: ET.Element, folders: tuple[str, ...], path: Path, settings: dict[str, str]
) -> SavedSite | None:
    host = _child(server, "Host")
    if not host:
        return None
    name = "/".join((*folders, _child(server, "Name") or host))
    port = _child(server, "Port")
    protocol = _child(server, "Protocol") or "0"
    return SavedSite(
        client=Client.FILEZILLA,
        name=name,
        host=host,
        port=int(port) if port.isdigit() else None,
        user=_child(server, "User") or None,
        protocol=PROTOCOLS.get(protocol, f"other ({protocol})"),
        key_file=_child(server, "Keyfile") or _only_global_key(settings),
        remote_dir=remote_dir(_child(server, "RemoteDir")),
        preserve_timestamp=Toggle.of(settings.get("Preserve timestamps", "0") == "1"),
        # FileZilla sets no permissions and uploads straight to the real name.
        preserve_permissions=Toggle.OFF,
        temporary_name=None,
        proxy=model.proxy_url(
            PROXY_KINDS.get(settings.get("Proxy type", "0")),
            settings.get("Proxy host"),
            int(settings["Proxy port"]) if settings.get("Proxy port", "").isdigit() else None,
            settings.get("Proxy user") or None,
        ),
        source=f"{path} [Servers/{name}]",
    )


def remote_dir(encoded: str) -> str | None:
    """`1 0 4 home 7 uploads` -> `/home/uploads`: type, prefix length and prefix, then
    each segment as its length and text (a segment may hold spaces)."""
    rest = encoded.strip()
    if not rest:
        return None
    _kind, _, rest = rest.partition(" ")
    prefix_length, _, rest = rest.partition(" ")
    length = int(prefix_length) if prefix_length.isdigit() else 0
    prefix, rest = rest[:length], rest[length:].lstrip(" ")
    segments = []
    while rest:
        size, _, rest = rest.partition(" ")
        if not size.isdigit():
            break
        segments.append(rest[: int(size)])
        rest = rest[int(size) + 1 :]
    return prefix + "/" + "/".join(segments)


def _only_global_key(settings: dict[str, str]) -> str | None:
    """The key of Settings, SFTP, when the site names none and exactly one is listed there
    (FileZilla then offers it to every SFTP server)."""
    keys = [line.strip() for line in settings.get("SFTP keyfiles", "").splitlines() if line.strip()]
    return keys[0] if len(keys) == 1 else None


def _child(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _global_settings(path: Path) -> dict[str, str]:
    """filezilla.xml's `<Setting name="...">` values that matter here (no passwords)."""
    wanted = (
        *("Preserve timestamps", "SFTP keyfiles"),
        *("Proxy type", "Proxy host", "Proxy port", "Proxy user"),
    )
    if not path.is_file():
        return {}
    try:
        root = pugixml.parse(read_input(path, SITE_FILE))
    except (ET.ParseError, InputError):
        return {}  # FileZilla then runs on its defaults, and so do we
    settings = {}
    for setting in root.iter("Setting"):
        name = setting.get("name", "")
        if name in wanted:
            settings[name] = (setting.text or "").strip()
    return settings


def _default_files(places: Places) -> tuple[Path, ...]:
    if places.windows:
        return (places.appdata / "FileZilla" / "sitemanager.xml",)
    return (
        places.xdg_config / "filezilla" / "sitemanager.xml",
        places.home / ".filezilla" / "sitemanager.xml",
    )


def _wrote_file(path: Path, head: str) -> bool:
    return "<filezilla3" in head or path.name.lower() == "sitemanager.xml"


READER = ClientReader(
    client=Client.FILEZILLA,
    read_file=read_file,
    default_files=_default_files,
    wrote_file=_wrote_file,
    dialogs={
        "protocol": "In FileZilla's Site Manager, select the site, and on the General tab set "
        "'Protocol' to 'SFTP - SSH File Transfer Protocol'",
        "port": "In FileZilla's Site Manager, select the site, and on the General tab set 'Port'",
        "host": "In FileZilla's Site Manager, select the site, and on the General tab set 'Host'",
        "remote_dir": "In FileZilla's Site Manager, select the site, and on the Advanced tab "
        "clear 'Default remote directory'",
        "preserve_timestamp": "In FileZilla's Transfer menu, clear 'Preserve timestamps of "
        "transferred files'",
        "temporary_name": "FileZilla does not upload under a temporary name",
        "proxy": "In FileZilla, open Edit, Settings, Connection, Generic proxy",
    },
)
