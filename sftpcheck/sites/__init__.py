"""Saved client sites: one reader per client, each producing the same SavedSite value.

The client check and the client-like upload read only SavedSite, never a client's file.
A stored password is never read, decoded, kept or shown: every reader skips those keys.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.sites.model import Client, SavedSite, TemporaryName, Toggle

__all__ = ["Client", "SavedSite", "TemporaryName", "Toggle", "find_site", "read_sites"]


def _readers() -> dict[Client, Callable[[Path], list[SavedSite]]]:
    from sftpcheck.sites import cyberduck, filezilla, lftp, openssh, putty, winscp

    return {
        Client.WINSCP: winscp.read_file,
        Client.FILEZILLA: filezilla.read_file,
        Client.PUTTY: putty.read_file,
        Client.OPENSSH: openssh.read_file,
        Client.CYBERDUCK: cyberduck.read_file,
        Client.LFTP: lftp.read_file,
    }


def parse_client(name: str | None) -> Client | None:
    if name is None:
        return None
    try:
        return Client(name.strip().lower())
    except ValueError:
        known = ", ".join(client.value for client in Client)
        raise InputError(f"The client '{name}' is unknown; use one of {known}.") from None


def read_sites(path: Path | None, client: Client | None) -> list[SavedSite]:
    """The saved sites in `path` (whichever client wrote it), or else in the default
    locations of `client` (or of every client) on this computer."""
    if path is not None:
        return read_site_file(path, client)
    from sftpcheck.sites import locations, putty, winscp

    sites: list[SavedSite] = []
    for each in [client] if client else list(Client):
        if each is Client.WINSCP:
            sites += winscp.read_windows_registry()
        if each is Client.PUTTY:
            sites += putty.read_windows_registry()
        for default in locations.default_files(each):
            if default.exists():
                sites += read_site_file(default, each)
    return sites


def read_site_file(path: Path, client: Client | None) -> list[SavedSite]:
    if not path.exists():
        raise InputError(f"The site file {path} does not exist.")
    chosen = client or detect_client(path)
    try:
        return _readers()[chosen](path)
    except InputError:
        raise
    except (OSError, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise InputError(f"The site file {path} cannot be read: {reason}.") from None
    except ValueError:
        # The error's text may quote the file, which may hold a stored password.
        raise InputError(
            f"The site file {path} is not in {chosen.display_name}'s format."
        ) from None


def detect_client(path: Path) -> Client:
    """Which client wrote this file, from its name and first bytes."""
    if path.is_dir():
        if any(path.glob("*.duck")):
            return Client.CYBERDUCK
        if path.name == "sessions":
            return Client.PUTTY  # ~/.putty/sessions/
        raise InputError(
            f"{path} is a folder of no client sftpcheck knows; give a file, or --client."
        )
    name = path.name.lower()
    if name.endswith(".duck"):
        return Client.CYBERDUCK
    try:
        from sftpcheck.sites.registry import decode_reg_file

        head = decode_reg_file(path.read_bytes()[:65536])
    except OSError as error:
        raise InputError(f"The site file {path} cannot be read: {error.strerror}.") from None
    lowered = head.lower()
    if "martin prikryl\\winscp 2" in lowered or "[sessions\\" in lowered or name.endswith(".ini"):
        return Client.WINSCP
    if "simontatham\\putty" in lowered or path.parent.name == "sessions":
        return Client.PUTTY
    if "<filezilla3" in lowered or name == "sitemanager.xml":
        return Client.FILEZILLA
    if name == "bookmarks" or "://" in lowered.split("\n", 1)[0]:
        return Client.LFTP
    if name.endswith("config") or any(
        line.strip().lower().startswith(("host ", "include ")) for line in lowered.splitlines()
    ):
        return Client.OPENSSH
    known = "WinSCP.ini, a .reg export, sitemanager.xml, an ssh config, a .duck or lftp bookmarks"
    raise InputError(f"sftpcheck cannot tell which client wrote {path}; give --client ({known}).")


def find_site(sites: list[SavedSite], name: str) -> SavedSite:
    """The site called `name` (exactly, then ignoring case, then by its last folder part).

    When none matches, the error names the closest site names.
    """
    for matches in (
        [site for site in sites if site.name == name],
        [site for site in sites if site.name.lower() == name.lower()],
        [site for site in sites if site.name.rsplit("/", 1)[-1].lower() == name.lower()],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            listed = "; ".join(f"{site.client.display_name}: {site.name}" for site in matches)
            raise InputError(f"Several saved sites are called '{name}' ({listed}); add --client.")
    if not sites:
        raise InputError(f"No saved site was found, so there is no site '{name}'.")
    names = [site.name for site in sites]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    close += [n for n in names if name.lower() in n.lower() and n not in close][: 3 - len(close)]
    hint = (
        "Did you mean " + " or ".join(f"'{n}'" for n in close) + "?"
        if close
        else "Run 'sftpcheck sites' to list them."
    )
    raise InputError(f"There is no saved site '{name}'. {hint}")
