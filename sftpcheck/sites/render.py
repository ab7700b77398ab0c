"""The `sftpcheck sites` listing in text, markdown and JSON: pure functions of the sites."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sftpcheck.render import Format
from sftpcheck.render.tables import markdown_table, text_columns
from sftpcheck.sites.model import SavedSite

LABELS = (
    ("host", "Host"),
    ("port", "Port"),
    ("user", "User"),
    ("protocol", "Protocol"),
    ("remote_dir", "Remote directory"),
    ("key_file", "Key file"),
    ("preserve_timestamp", "Preserve timestamp"),
    ("preserve_permissions", "Set permissions"),
    ("temporary_name", "Temporary file names"),
    ("proxy", "Proxy"),
    ("source", "Read from"),
)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "-"
    return str(value)


def render_sites_text(sites: Sequence[SavedSite]) -> str:
    if not sites:
        return "No saved site was found.\n"
    blocks = []
    for site in sites:
        values = site.as_dict()
        rows = [(label, _shown(values[key])) for key, label in LABELS]
        lines = [f"{site.client.display_name}: {values['name']}", *text_columns(rows, indent="  ")]
        blocks.append("\n".join(lines))
    count = f"{len(sites)} saved site{'s' if len(sites) != 1 else ''} found."
    return "\n\n".join(blocks) + f"\n\n{count}\n"


def _cell(value: object) -> str:
    return _shown(value).replace("|", "\\|")


def render_sites_markdown(sites: Sequence[SavedSite]) -> str:
    if not sites:
        return "# Saved sites\n\nNo saved site was found.\n"
    header = ["Client", "Site", *(label for _, label in LABELS)]
    rows = [
        [_cell(cell) for cell in (site.client.display_name, *_values(site, ("name", "")))]
        for site in sites
    ]
    return f"# Saved sites\n\n{markdown_table(header, rows)}\n"


def _values(site: SavedSite, *first: tuple[str, str]) -> list[object]:
    """The site's values as shown (quoted), in the order of `first`, then of LABELS."""
    values = site.as_dict()
    return [values[key] for key, _ in (*first, *LABELS)]


def render_sites(sites: Sequence[SavedSite], output_format: Format) -> str:
    renderers: dict[Format, Callable[[Sequence[SavedSite]], str]] = {
        Format.TEXT: render_sites_text,
        Format.MARKDOWN: render_sites_markdown,
        Format.JSON: render_sites_json,
    }
    return renderers[output_format](sites)


def render_sites_json(sites: Sequence[SavedSite]) -> str:
    return json.dumps({"schema": 1, "sites": [site.as_dict() for site in sites]}, indent=2) + "\n"
