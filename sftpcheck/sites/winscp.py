"""WinSCP's saved sites: `WinSCP.ini`, a `.reg` export, or (on Windows) the registry itself.

WinSCP keeps `Sessions\\<name>` keys under `HKCU\\Software\\Martin Prikryl\\WinSCP 2` (or
`[Sessions\\<name>]` sections in WinSCP.ini). It saves only what differs from its factory
defaults, so a site is: factory defaults, then the `Default Settings` site, then the site.
Names and string values are `%XX`-escaped. Transfer settings (Preserve timestamp, Set
permissions, transfer to temporary file name) are global, under
`Configuration\\Interface\\CopyParam`, not per site.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from sftpcheck.local_files import SITE_FILE, read_input
from sftpcheck.sites import model
from sftpcheck.sites.escaping import is_secret_name, unescape
from sftpcheck.sites.model import Client, SavedSite, TemporaryName, Toggle
from sftpcheck.sites.reader import ClientReader, Places
from sftpcheck.sites.registry import RegistryValue, decode_reg_file, looks_like_reg, parse_reg_text

REGISTRY_ROOT = "Software\\Martin Prikryl\\WinSCP 2"
SESSIONS = "Sessions\\"
DEFAULT_SITE = "Default%20Settings"
COPY_PARAM = "Configuration\\Interface\\CopyParam"

# FSProtocol, as a number or (newer files) by name.
PROTOCOLS: dict[str, str] = {
    "0": model.SCP,
    "scp": model.SCP,
    "1": model.SFTP_OR_SCP,
    "sftp (scp)": model.SFTP_OR_SCP,
    "2": model.SFTP,
    "sftp": model.SFTP,
    "5": model.FTP,
    "ftp": model.FTP,
    "6": model.WEBDAV,
    "webdav": model.WEBDAV,
    "7": model.S3,
    "s3": model.S3,
}
PROXY_KINDS = {1: "socks4", 2: "socks5", 3: "http", 4: "telnet", 5: "command"}
PROXY_NAMES = {"none": 0, "socks4": 1, "socks5": 2, "http": 3, "telnet": 4, "cmd": 5}
# Factory defaults (TSessionData::Default, TCopyParamType::Default).
FACTORY: dict[str, RegistryValue] = {
    "FSProtocol": 1,  # SFTP, falling back to SCP
    "PortNumber": 22,  # even for FTP: the login dialog saves 21 when FTP is picked
    "Ftps": 0,
    "ProxyMethod": 0,
    "ProxyHost": "proxy",
    "ProxyPort": 80,
}
PRESERVE_TIME_DEFAULT = True
PRESERVE_RIGHTS_DEFAULT = False
RESUME_ON, RESUME_SMART, RESUME_OFF = 0, 1, 2
RESUME_THRESHOLD_DEFAULT = 100 * 1024
PARTIAL_SUFFIX = ".filepart"
# The values read from the Windows registry, by name (never a password).
REGISTRY_NAMES = (
    *("HostName", "PortNumber", "UserName", "FSProtocol", "Ftps", "PublicKeyFile"),
    *("RemoteDirectory", "ProxyMethod", "ProxyHost", "ProxyPort", "ProxyUsername"),
    *("PreserveTime", "PreserveRights", "ResumeSupport", "ResumeThreshold"),
)

Keys = Mapping[str, Mapping[str, RegistryValue]]


def read_file(path: Path) -> list[SavedSite]:
    """The sites in a WinSCP.ini or a .reg export of WinSCP's registry key."""
    text = decode_reg_file(read_input(path, SITE_FILE))
    if looks_like_reg(text):
        keys = {
            name[len(REGISTRY_ROOT) + 1 :]: values
            for name, values in parse_reg_text(text).items()
            if name.lower().startswith(REGISTRY_ROOT.lower() + "\\")
        }
    else:
        keys = parse_ini_text(text)
    return sites_from_keys(keys, str(path))


def parse_ini_text(text: str) -> dict[str, dict[str, RegistryValue]]:
    """WinSCP.ini's `[section]` and `Name=value` lines; stored passwords skipped unread."""
    keys: dict[str, dict[str, RegistryValue]] = {}
    current: dict[str, RegistryValue] | None = None
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = keys.setdefault(line[1:-1], {})
        elif current is not None and "=" in line and not line.startswith(";"):
            name, _, value = line.partition("=")
            if not is_secret_name(name):
                current[name.strip()] = value
    return keys


def sites_from_keys(keys: Keys, where: str) -> list[SavedSite]:
    defaults = {**FACTORY, **keys.get(SESSIONS + DEFAULT_SITE, {})}
    copy_param = keys.get(COPY_PARAM, {})
    sites = []
    for key, values in keys.items():
        if not key.startswith(SESSIONS) or "\\" in key[len(SESSIONS) :]:
            continue
        escaped_name = key[len(SESSIONS) :]
        if escaped_name == DEFAULT_SITE:
            continue
        merged = {**defaults, **values}
        if not _text(merged, "HostName"):
            continue  # a workspace entry or an empty placeholder, not a site
        sites.append(_site(unescape(escaped_name), merged, copy_param, f"{where} [{key}]"))
    return sites


def _site(
    name: str,
    values: Mapping[str, RegistryValue],
    copy_param: Mapping[str, RegistryValue],
    source: str,
) -> SavedSite:
    protocol = PROTOCOLS.get(str(values.get("FSProtocol", 1)).strip().lower(), model.SFTP_OR_SCP)
    if protocol == model.FTP:
        ftps = _int(values, "Ftps", 0)
        protocol = {1: model.FTPS_IMPLICIT, 2: model.FTPS_EXPLICIT, 3: model.FTPS_EXPLICIT}.get(
            ftps, model.FTP
        )
    return SavedSite(
        client=Client.WINSCP,
        name=name,
        host=_text(values, "HostName"),
        port=_int(values, "PortNumber", 0) or None,
        user=_text(values, "UserName") or None,
        protocol=protocol,
        key_file=_text(values, "PublicKeyFile") or None,
        remote_dir=_text(values, "RemoteDirectory") or None,
        preserve_timestamp=Toggle.of(_bool(copy_param, "PreserveTime", PRESERVE_TIME_DEFAULT)),
        preserve_permissions=Toggle.of(
            _bool(copy_param, "PreserveRights", PRESERVE_RIGHTS_DEFAULT)
        ),
        temporary_name=_temporary_name(copy_param),
        proxy=_proxy(values),
        source=source,
    )


def _temporary_name(copy_param: Mapping[str, RegistryValue]) -> TemporaryName | None:
    support = _int(copy_param, "ResumeSupport", RESUME_SMART)
    if support == RESUME_OFF:
        return None
    threshold = _int(copy_param, "ResumeThreshold", RESUME_THRESHOLD_DEFAULT)
    return TemporaryName("{name}" + PARTIAL_SUFFIX, 0 if support == RESUME_ON else threshold)


def _proxy(values: Mapping[str, RegistryValue]) -> str | None:
    method = values.get("ProxyMethod", 0)
    number = PROXY_NAMES.get(str(method).lower()) if not str(method).isdigit() else int(method)
    kind = PROXY_KINDS.get(number or 0)
    return model.proxy_url(
        kind,
        _text(values, "ProxyHost"),
        _int(values, "ProxyPort", 80),
        _text(values, "ProxyUsername") or None,
    )


def _text(values: Mapping[str, RegistryValue], name: str) -> str:
    value = values.get(name)
    return unescape(value).strip() if isinstance(value, str) else ""


def _int(values: Mapping[str, RegistryValue], name: str, default: int) -> int:
    value = values.get(name, default)
    if isinstance(value, int):
        return value
    try:
        return int(value.strip())
    except ValueError:
        return default


def _bool(values: Mapping[str, RegistryValue], name: str, default: bool) -> bool:
    value = values.get(name)
    if value is None:
        return default
    if isinstance(value, int):
        return value != 0
    lowered = value.strip().lower()
    if lowered in ("1", "true", "on", "yes"):
        return True
    if lowered in ("0", "false", "off", "no"):
        return False
    return default


def read_windows_registry() -> list[SavedSite]:
    """The sites in this Windows user's registry (nothing elsewhere)."""
    if sys.platform != "win32":
        return []
    from sftpcheck.sites.winregistry import read_subkeys

    keys = read_subkeys(REGISTRY_ROOT, (SESSIONS.rstrip("\\"), COPY_PARAM), REGISTRY_NAMES)
    return sites_from_keys(keys, "HKEY_CURRENT_USER\\" + REGISTRY_ROOT)


def _default_files(places: Places) -> tuple[Path, ...]:
    # On Windows the registry comes first (see read_windows_registry).
    return (places.appdata / "WinSCP.ini",) if places.windows else ()


def _wrote_file(path: Path, head: str) -> bool:
    return (
        "martin prikryl\\winscp 2" in head
        or "[sessions\\" in head
        or path.name.lower().endswith(".ini")
    )


READER = ClientReader(
    client=Client.WINSCP,
    read_file=read_file,
    default_files=_default_files,
    wrote_file=_wrote_file,
    dialogs={
        "protocol": "In WinSCP's Login dialog, select the site, click Edit, and set "
        "'File protocol' to SFTP",
        "port": "In WinSCP's Login dialog, select the site, click Edit, and set 'Port number'",
        "host": "In WinSCP's Login dialog, select the site, click Edit, and set 'Host name'",
        "remote_dir": "In WinSCP's Login dialog, select the site, click Edit, then Advanced, "
        "Environment, Directories, and clear 'Remote directory'",
        "preserve_timestamp": "In WinSCP, open Options, Preferences, Transfer, click Edit, "
        "and clear 'Preserve timestamp' (and 'Set permissions'), or tick 'Ignore permission "
        "errors'",
        "temporary_name": "In WinSCP, open Options, Preferences, Transfer, Endurance, and "
        "set 'Enable transfer resume/transfer to temporary filename for' to 'Disable'",
        "proxy": "In WinSCP's Login dialog, click Edit, then Advanced, Connection, Proxy",
    },
    read_windows_registry=read_windows_registry,
)
