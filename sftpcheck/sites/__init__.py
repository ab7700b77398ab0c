"""Saved client sites: one reader per client, each producing the same SavedSite value.

The client check and the client-like upload read only SavedSite, never a client's file.
A stored password is never read, decoded, kept or shown: every reader skips those keys.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.sites.clients import detect_client, reader_of
from sftpcheck.sites.model import Client, SavedSite, TemporaryName, Toggle
from sftpcheck.sites.reader import Places

__all__ = ["Client", "SavedSite", "TemporaryName", "Toggle", "find_site", "read_sites"]


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
    places = Places.here()
    sites: list[SavedSite] = []
    for each in [client] if client else list(Client):
        reader = reader_of(each)
        sites += reader.read_windows_registry()
        for default in reader.default_files(places):
            if default.exists():
                sites += read_site_file(default, each)
    return sites


def read_site_file(path: Path, client: Client | None) -> list[SavedSite]:
    if not path.exists():
        raise InputError(f"The site file {path} does not exist.")
    chosen = client or detect_client(path)
    try:
        return reader_of(chosen).read_file(path)
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
