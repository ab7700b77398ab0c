"""lftp's `bookmarks` file: one `name<TAB>URL` line per bookmark.

A URL may hold a password (`bmk:save-passwords`); it is cut off unread. lftp uploads to
the real name unless `xfer:use-temp-file` is set in its rc file (off by default; the
name is then `xfer:temp-file-name`, `.in.*`). Its `put` over SFTP sends an FSETSTAT with
the file's time after the data and ignores a refusal (seen with lftp 4.9 against an
OpenSSH server that refuses setstat: exit 0).
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from urllib.parse import unquote

from sftpcheck.local_files import SITE_FILE, read_input
from sftpcheck.sites import model
from sftpcheck.sites.model import Client, SavedSite, TemporaryName, Toggle
from sftpcheck.sites.reader import ClientReader, Places

PROTOCOLS = {"sftp": model.SFTP, "ftp": model.FTP, "ftps": model.FTPS_IMPLICIT, "fish": "fish"}


def read_file(path: Path) -> list[SavedSite]:
    temporary = temporary_name(rc_settings())
    sites = []
    for line in read_input(path, SITE_FILE).decode("utf-8", "replace").splitlines():
        name, tab, url = line.partition("\t")
        if not tab or not url.strip() or name.startswith("#"):
            continue
        site = _site(name.strip(), url.strip(), path, temporary)
        if site is not None:
            sites.append(site)
    return sites


def _site(name: str, url: str, path: Path, temporary: TemporaryName | None) -> SavedSite | None:
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
        preserve_timestamp=Toggle.ON,  # FSETSTAT after `put`; a refusal is ignored
        preserve_permissions=Toggle.UNKNOWN,
        temporary_name=temporary,
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


def rc_files() -> tuple[Path, ...]:
    home = Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME", home / ".config"))
    return (home / ".lftprc", home / ".lftp" / "rc", config / "lftp" / "rc")


def rc_settings() -> dict[str, str]:
    """`set NAME VALUE` lines of this user's lftp rc files (later files win)."""
    settings: dict[str, str] = {}
    for rc in rc_files():
        if not rc.is_file():
            continue
        for line in read_input(rc, SITE_FILE).decode("utf-8", "replace").splitlines():
            try:
                words = shlex.split(line, comments=True)
            except ValueError:
                continue
            if len(words) >= 3 and words[0] == "set" and not words[1].startswith("-"):
                settings[words[1]] = words[2]
    return settings


def temporary_name(settings: dict[str, str]) -> TemporaryName | None:
    if settings.get("xfer:use-temp-file", "no").lower() not in ("yes", "on", "true", "1"):
        return None
    pattern = settings.get("xfer:temp-file-name", ".in.*")
    return TemporaryName(pattern.replace("*", "{name}", 1))


def _default_files(places: Places) -> tuple[Path, ...]:
    return (places.xdg_data / "lftp" / "bookmarks", places.home / ".lftp" / "bookmarks")


def _wrote_file(path: Path, head: str) -> bool:
    return path.name.lower() == "bookmarks" or "://" in head.split("\n", 1)[0]


READER = ClientReader(
    client=Client.LFTP,
    read_file=read_file,
    default_files=_default_files,
    wrote_file=_wrote_file,
    dialogs={
        "protocol": "In lftp's bookmarks file, start the URL with sftp://",
        "port": "In lftp's bookmarks file, set the port in the URL (sftp://user@host:22/)",
        "host": "In lftp's bookmarks file, set the host in the URL",
        "remote_dir": "In lftp's bookmarks file, remove the folder at the end of the URL",
        "preserve_timestamp": "In lftp, upload with 'put', which sets no times",
        "temporary_name": "In lftp, run 'set xfer:use-temp-file no'",
        "proxy": "In lftp, see the 'sftp:connect-program' setting",
    },
    ignores_setstat_refusal=True,
)
