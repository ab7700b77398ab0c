"""Tables, as Markdown and as aligned text columns, drawn by tabulate.

tabulate is imported inside each function: importing it loads importlib.metadata, some
30 ms, which only a command that prints a table should pay.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub Markdown table of cells already escaped for Markdown.

    Cells are not padded to a common width (stralign=None), and the rule under the header
    is the short `|---|`: a long summary would otherwise widen every line of a report
    pasted into a helpdesk ticket.
    """
    from tabulate import tabulate

    table = tabulate(
        [list(row) for row in rows],
        headers=list(headers),
        tablefmt="github",
        stralign=None,
        numalign=None,
        disable_numparse=True,
    )
    header, _, *body = table.splitlines()
    return "\n".join([header, "|" + "---|" * len(headers), *body])


def text_columns(rows: Iterable[Sequence[str]], indent: str = "") -> list[str]:
    """Rows as lines of left-aligned columns, two spaces apart, each `indent`ed."""
    from tabulate import tabulate

    table = tabulate([list(row) for row in rows], tablefmt="plain", disable_numparse=True)
    return [indent + line.rstrip() for line in table.splitlines()]
