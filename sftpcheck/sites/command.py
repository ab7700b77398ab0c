"""The `sites` command: read the saved sites, list them, pick the exit code."""

from __future__ import annotations

from pathlib import Path

from sftpcheck.console import show
from sftpcheck.render import Format
from sftpcheck.sites import parse_client, read_sites
from sftpcheck.sites.render import render_sites

FOUND, NONE_FOUND = 0, 1


def sites_command(path: Path | None, client_name: str | None, output_format: Format) -> int:
    """Exit 0 when a saved site was read, 1 when none was found; bad input raises InputError."""
    sites = read_sites(path, parse_client(client_name))
    show(render_sites(sites, output_format), output_format)
    return FOUND if sites else NONE_FOUND
