"""`check --site NAME`: the site's host, port, user, key, remote directory and proxy become
options (explicit options still win), and what the client check needs is kept beside them.

When the site's protocol or port is wrong, the checks run over SFTP on the profile's port
(or 22) instead, so the report shows both the wrong setting and whether the account works.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sftpcheck.sites import find_site, parse_client, read_sites
from sftpcheck.sites.model import Client, SavedSite

if TYPE_CHECKING:
    from sftpcheck.check.settings import Given

# Ports where an SFTP server is almost never found: FTP, implicit FTPS, HTTP(S).
NOT_SFTP_PORTS = frozenset({21, 990, 80, 443})
PROXY_SCHEMES = ("http://", "socks5://", "socks4://")
SFTP_PORT = 22


@dataclass(frozen=True)
class SiteUse:
    """A saved site as `check --site` used it, and what the vendor's profile says."""

    site: SavedSite
    profile_host: str | None = None
    profile_port: int | None = None
    profile_file_names: tuple[str, ...] = ()
    # The port the checks ran on; differs from the site's when the site's is wrong.
    checked_port: int = SFTP_PORT
    # The site's key file, when it could not be used here (missing, or PuTTY format).
    unused_key: str | None = None
    unused_key_why: str = ""


def apply_site(given: Given, profile: Mapping[str, Any]) -> tuple[Given, SiteUse | None]:
    """`given` with the site's values where no option was given, and the site's use."""
    site_name = given.site or profile.get("site")
    if not site_name:
        return given, None
    client = parse_client(given.client or profile.get("client"))
    site_file = given.site_file or (
        Path(str(profile["site-file"])).expanduser() if profile.get("site-file") else None
    )
    site = find_site(read_sites(site_file, client), str(site_name))
    profile_host, profile_port = _profile_host_port(profile)
    target_port, target_user = _target_port_user(given.target)
    port = given.port or target_port or _port_to_check(site, profile_port)
    key, unused_key, why = _key(site)
    changes: dict[str, Any] = {
        "target": given.target or _host_for_target(site.host),
        "port": port,
        "user": given.user or target_user or site.user,
        "key": given.key or key,
        "remote_dir": given.remote_dir or site.remote_dir,
    }
    # A saved proxy is used unless --proxy (or --proxy none) was given.
    usable_proxy = site.proxy if site.proxy and site.proxy.startswith(PROXY_SCHEMES) else None
    if usable_proxy and hasattr(given, "proxy") and getattr(given, "proxy", None) is None:
        changes["proxy"] = usable_proxy
    use = SiteUse(
        site=site,
        profile_host=profile_host,
        profile_port=profile_port,
        profile_file_names=tuple(str(name) for name in profile.get("file-names", ())),
        checked_port=port,
        unused_key=unused_key,
        unused_key_why=why,
    )
    return dataclasses.replace(given, **changes), use


def imitated_client(given: Given, profile: Mapping[str, Any], use: SiteUse | None) -> Client | None:
    """Whose upload to imitate: --client, else the site's client, else none (plain upload)."""
    explicit = parse_client(given.client or profile.get("client"))
    if explicit is not None:
        return explicit
    return use.site.client if use is not None else None


def site_port_is_wrong(site: SavedSite, profile_port: int | None) -> bool:
    if not site.uses_sftp:
        return True
    port = site.port_or_default
    if profile_port is not None:
        return port != profile_port
    return port in NOT_SFTP_PORTS


def _port_to_check(site: SavedSite, profile_port: int | None) -> int:
    if site_port_is_wrong(site, profile_port):
        return profile_port or SFTP_PORT
    return site.port_or_default


def _profile_host_port(profile: Mapping[str, Any]) -> tuple[str | None, int | None]:
    from sftpcheck.check.target import parse_target

    host = profile.get("host")
    port = profile.get("port")
    if profile.get("target"):
        target = parse_target(str(profile["target"]))
        host = host or target.host
        port = port or target.port
    return (str(host) if host else None), (int(port) if port else None)


def _target_port_user(target: str | None) -> tuple[int | None, str | None]:
    if not target:
        return None, None
    from sftpcheck.check.target import parse_target

    parsed = parse_target(target)
    return parsed.port, parsed.username


def _host_for_target(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _key(site: SavedSite) -> tuple[Path | None, str | None, str]:
    """The site's key file as a path sftpcheck can load, or why it cannot be used here."""
    if not site.key_file:
        return None, None, ""
    path = Path(site.key_file).expanduser()
    if not path.is_file():
        return None, site.key_file, "the file is not on this computer"
    if path.suffix.lower() == ".ppk":
        return (
            None,
            site.key_file,
            (
                "it is a PuTTY key; make an OpenSSH copy with "
                f"'puttygen {path.name} -O private-openssh -o key' and give --key"
            ),
        )
    return path, None, ""
