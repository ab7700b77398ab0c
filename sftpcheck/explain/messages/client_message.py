"""One known message: the record every entry of the table is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClientMessage:
    """One message as a client prints it, where the wording comes from, and what it means."""

    client: str
    text: str
    source: str
    codes: tuple[str, ...]
    note: str = ""
    # A short, generic message ("Access denied") only counts when it is a whole line.
    whole_line: bool = False
    # The codes fit equally: the words alone cannot tell them apart.
    equal: bool = False
    # A bare refusal ("Permission denied"): the operation it hit decides the code
    # (upload, listing, setting a file's time), when the paste shows it.
    by_operation: bool = False
    # Codes to use instead once the paste shows the connection got this far:
    # ("tcp" | "ssh" | "login", codes), the furthest phase first.
    after: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Counts in full even on a debug line (a line that settles the question by itself).
    in_debug: bool = False
    # A summary a client prints after its real error ("Could not connect to server"):
    # it counts for half, so the line that says why wins.
    generic: bool = False
