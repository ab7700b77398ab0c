"""The `sites` command: read the saved sites, list them, pick the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

from sftpcheck.render import Format
from sftpcheck.sites import parse_client, read_sites
from sftpcheck.sites.render import render_sites_json, render_sites_markdown, render_sites_text

FOUND, NONE_FOUND = 0, 1


def sites_command(path: Path | None, client_name: str | None, output_format: Format) -> int:
    """Exit 0 when a saved site was read, 1 when none was found; bad input raises InputError."""
    sites = read_sites(path, parse_client(client_name))
    renderers = {
        Format.TEXT: render_sites_text,
        Format.MARKDOWN: render_sites_markdown,
        Format.JSON: render_sites_json,
    }
    sys.stdout.write(renderers[output_format](sites))
    return FOUND if sites else NONE_FOUND
