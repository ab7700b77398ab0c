"""lftp's `bookmarks` file: one `name<TAB>URL` line per bookmark.

A URL may hold a password (`bmk:save-passwords`); it is cut off unread. lftp uploads to
the real name unless `xfer:use-temp-file` is set (off by default).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from sftpcheck.sites import model
from sftpcheck.sites.model import Client, SavedSite, Toggle

PROTOCOLS = {"sftp": model.SFTP, "ftp": model.FTP, "ftps": model.FTPS_IMPLICIT, "fish": "fish"}


def read_file(path: Path) -> list[SavedSite]:
    sites = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        name, tab, url = line.partition("\t")
        if not tab or not url.strip() or name.startswith("#"):
            continue
        site = _site(name.strip(), url.strip(), path)
        if site is not None:
            sites.append(site)
    return sites


def _site(name: str, url: str, path: Path) -> SavedSite | None:
    scheme, separator, rest = url.partition("://")
    if not separator:
        scheme, rest = "ftp", url  # lftp's default protocol
    authority, slash, remote_path = rest.partition("/")
    user = None
    if "@" in authority:
        login, authority = authority.rsplit("@", 1)
        # user:password -> user. The password part is dropped without being decoded.
        user = unquote(login.split(":", 1)[0]) or None
    host, port = _host_port(authority)
    if not host:
        return None
    return SavedSite(
        client=Client.LFTP,
        name=name,
        host=host,
        port=port,
        user=user,
        protocol=PROTOCOLS.get(scheme.lower(), scheme.lower()),
        # A bare trailing slash (sftp://host/) is how lftp writes "no folder": it then
        # stays in the login directory. A real path is kept, "/" only when spelled %2F.
        remote_dir=unquote("/" + remote_path) if slash and remote_path else None,
        preserve_timestamp=Toggle.UNKNOWN,
        preserve_permissions=Toggle.UNKNOWN,
        temporary_name=None,
        proxy=None,
        source=f"{path} [{name}]",
    )


def _host_port(authority: str) -> tuple[str, int | None]:
    if authority.startswith("["):  # [v6addr]:port
        host, _, after = authority[1:].partition("]")
        port = after.lstrip(":")
    else:
        host, _, port = authority.partition(":")
    return host, int(port) if port.isdigit() else None
