"""PuTTY's saved sessions (what psftp loads with `-load`): a `.reg` export of
`HKCU\\Software\\SimonTatham\\PuTTY\\Sessions`, the files of `~/.putty/sessions/` on Unix,
or the registry itself on Windows.

Session names are `%XX`-escaped (as WinSCP does); values are plain. psftp uploads straight
to the real file name and sets no time or permissions (its `put` has no option for it).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from sftpcheck.local_files import SITE_FILE, read_input
from sftpcheck.sites import model
from sftpcheck.sites.escaping import is_secret_name, unescape
from sftpcheck.sites.model import Client, SavedSite, Toggle
from sftpcheck.sites.reader import ClientReader, Places
from sftpcheck.sites.registry import RegistryValue, decode_reg_file, looks_like_reg, parse_reg_text

REGISTRY_ROOT = "Software\\SimonTatham\\PuTTY"
SESSIONS = "Sessions"
DEFAULT_SESSION = "Default%20Settings"
PROTOCOLS = {"ssh": model.SSH_SHELL, "telnet": "telnet", "raw": "raw", "rlogin": "rlogin"}
# PuTTY's ProxyMethod numbers (0 none; telnet, a local command and SSH jump hosts are
# listed, but sftpcheck can go only through HTTP and SOCKS proxies).
PROXY_KINDS = {
    1: "socks4",
    2: "socks5",
    3: "http",
    4: "telnet",
    5: "command",
    6: "ssh",
    7: "ssh",
    8: "ssh",
}
REGISTRY_NAMES = (
    *("HostName", "PortNumber", "UserName", "Protocol", "PublicKeyFile"),
    *("ProxyMethod", "ProxyHost", "ProxyPort", "ProxyUsername"),
)


def read_file(path: Path) -> list[SavedSite]:
    """A `.reg` export, one session file, or a `sessions` folder of them."""
    if path.is_dir():
        files = sorted(file for file in path.iterdir() if file.is_file())
        return [site for file in files for site in read_file(file)]
    text = decode_reg_file(read_input(path, SITE_FILE))
    if looks_like_reg(text):
        prefix = f"{REGISTRY_ROOT}\\{SESSIONS}\\".lower()
        return sites_from_keys(
            {
                name[len(prefix) :]: values
                for name, values in parse_reg_text(text).items()
                if name.lower().startswith(prefix)
            },
            str(path),
        )
    return sites_from_keys({path.name: parse_session_file(text)}, str(path.parent))


def parse_session_file(text: str) -> dict[str, RegistryValue]:
    """One `~/.putty/sessions/NAME` file: `Key=value` lines; passwords skipped unread."""
    values: dict[str, RegistryValue] = {}
    for line in text.splitlines():
        name, equals, value = line.partition("=")
        if equals and not is_secret_name(name):
            values[name] = value
    return values


def sites_from_keys(
    sessions: Mapping[str, Mapping[str, RegistryValue]], where: str
) -> list[SavedSite]:
    sites = []
    for escaped, values in sessions.items():
        if escaped == DEFAULT_SESSION or "\\" in escaped:
            continue
        host = str(values.get("HostName", "")).strip()
        if not host:
            continue
        sites.append(_site(unescape(escaped), host, values, f"{where} [{SESSIONS}\\{escaped}]"))
    return sites


def _site(name: str, host: str, values: Mapping[str, RegistryValue], source: str) -> SavedSite:
    user = str(values.get("UserName", "")).strip() or None
    if "@" in host and user is None:  # PuTTY accepts user@host in the host name box
        user, host = host.rsplit("@", 1)
    method = _int(values.get("ProxyMethod"), 0)
    protocol = str(values.get("Protocol", "ssh")).strip().lower()
    return SavedSite(
        client=Client.PUTTY,
        name=name,
        host=host,
        port=_int(values.get("PortNumber"), 0) or None,
        user=user,
        protocol=PROTOCOLS.get(protocol, protocol),
        key_file=str(values.get("PublicKeyFile", "")).strip() or None,
        remote_dir=None,  # psftp starts in the login directory; a session cannot change it
        preserve_timestamp=Toggle.OFF,
        preserve_permissions=Toggle.OFF,
        temporary_name=None,
        proxy=model.proxy_url(
            PROXY_KINDS.get(method),
            str(values.get("ProxyHost", "")).strip() or None,
            _int(values.get("ProxyPort"), 0) or None,
            str(values.get("ProxyUsername", "")).strip() or None,
        ),
        source=source,
    )


def _int(value: RegistryValue | None, default: int) -> int:
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return default


def read_windows_registry() -> list[SavedSite]:
    if sys.platform != "win32":
        return []
    from sftpcheck.sites.winregistry import read_subkeys

    keys = read_subkeys(REGISTRY_ROOT, (SESSIONS,), REGISTRY_NAMES)
    sessions = {name[len(SESSIONS) + 1 :]: values for name, values in keys.items() if "\\" in name}
    return sites_from_keys(sessions, "HKEY_CURRENT_USER\\" + REGISTRY_ROOT)


def _default_files(places: Places) -> tuple[Path, ...]:
    if places.windows:
        return ()
    return (places.home / ".putty" / "sessions", places.xdg_config / "putty" / "sessions")


def _wrote_file(path: Path, head: str) -> bool:
    return "simontatham\\putty" in head or path.parent.name == "sessions"


def _wrote_folder(path: Path) -> bool:
    return path.name == "sessions"  # ~/.putty/sessions/


READER = ClientReader(
    client=Client.PUTTY,
    read_file=read_file,
    default_files=_default_files,
    wrote_file=_wrote_file,
    dialogs={
        "protocol": "In PuTTY, load the session, and on the Session page set 'Connection "
        "type' to SSH",
        "port": "In PuTTY, load the session, set 'Port' on the Session page, and save it",
        "host": "In PuTTY, load the session, set 'Host Name' on the Session page, and save it",
        "remote_dir": "psftp has no saved remote directory; check the 'cd' in your script",
        "preserve_timestamp": "psftp does not set times after an upload",
        "temporary_name": "psftp does not upload under a temporary name",
        "proxy": "In PuTTY, load the session, and open Connection, Proxy",
    },
    wrote_folder=_wrote_folder,
    read_windows_registry=read_windows_registry,
)
