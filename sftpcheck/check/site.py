"""`check --site NAME`: a saved site of the district's client as one layer of settings
(host, port, user, key, remote directory, proxy), and what the client check needs beside it.

When the site's protocol or port is wrong, the checks run over SFTP on the profile's port
(or 22) instead, so the report shows both the wrong setting and whether the account works.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sftpcheck.check.layer import Layer
from sftpcheck.check.target import check_host
from sftpcheck.outside import quoted
from sftpcheck.sites import find_site, read_sites
from sftpcheck.sites.model import Client, SavedSite

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


def read_site(name: str, site_file: Path | None, client: Client | None) -> SavedSite:
    """The saved site called `name`, from `site_file` or the clients' own places."""
    return find_site(read_sites(site_file, client), name)


def site_layer(site: SavedSite, profile_port: int | None) -> Layer:
    """What the site would make its client do, as settings (a proxy only if sftpcheck can
    use it; a key only if it can be loaded here)."""
    usable_proxy = site.proxy if site.proxy and site.proxy.startswith(PROXY_SCHEMES) else None
    key, _, _ = _key(site)
    return Layer(
        host=check_host(site.host) if site.host else None,
        port=_port_to_check(site, profile_port),
        user=site.user,
        key=key,
        remote_dir=site.remote_dir,
        proxy=usable_proxy,
    )


def site_use(site: SavedSite, vendor: Layer, checked_port: int) -> SiteUse:
    """The site beside what the vendor's profile (`vendor`) says, for the client check."""
    _, unused_key, why = _key(site)
    return SiteUse(
        site=site,
        profile_host=vendor.host,
        profile_port=vendor.port,
        profile_file_names=vendor.file_names or (),
        checked_port=checked_port,
        unused_key=unused_key,
        unused_key_why=why,
    )


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
                f"'puttygen {quoted(path.name)} -O private-openssh -o key' and give --key"
            ),
        )
    return path, None, ""
