"""From what the user typed to the reasons it likely means, best first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sftpcheck.errors import InputError
from sftpcheck.model import Reason
from sftpcheck.reasons import CATALOG

if TYPE_CHECKING:
    from sftpcheck.explain.messages import ClientMessage

# More candidates than this only bury the likely ones.
MAX_MATCHES = 5
_CODE_SHAPE = re.compile(r"^[a-z_]+\.[a-z_]+$")


@dataclass(frozen=True)
class Match:
    """One candidate reason, and the client message that led to it (none for a code query)."""

    reason: Reason
    message: ClientMessage | None = None


@dataclass(frozen=True)
class Explanation:
    """What `explain` found for one query. `matches` is best first and may be empty."""

    query: str
    matches: tuple[Match, ...]
    is_code: bool = False
    # For a code-shaped query that names no code: the codes it may have meant.
    similar_codes: tuple[str, ...] = ()
    # The client whose output this is, from the shape of the paste (or its best message).
    client: str | None = None
    # Codes that fit exactly as well as the first: the words cannot tell them apart.
    equals: tuple[str, ...] = ()
    # What the paste itself shows, spelled out (e.g. the text a login script printed).
    notes: tuple[str, ...] = ()


def explain(text: str) -> Explanation:
    """Explain a reason code (its page) or a pasted message (its likely reasons)."""
    query = text.strip()
    if not query:
        raise InputError(
            "Give the error message to explain, in quotes, or a reason code such as tcp.timeout."
        )
    code = query.lower()
    if code in CATALOG:
        return Explanation(query, (Match(CATALOG[code]),), is_code=True)
    # Only a message needs the matcher: its patterns take a quarter of explain's start-up.
    from sftpcheck.explain.insights import insights
    from sftpcheck.explain.matching import equal_first, hits_in, rank_codes, read

    reading = read(query)
    ranked = [found for found in rank_codes(hits_in(reading)) if found.code in CATALOG]
    equals = equal_first(ranked)
    # Equals are all shown, however many: dropping one would pick among causes the words
    # cannot tell apart (curl's "Operation timed out" fits seven).
    ranked = ranked[: max(MAX_MATCHES, len(equals))]
    matches = tuple(Match(CATALOG[found.code], found.message) for found in ranked)
    client = reading.client or (ranked[0].message.client if ranked else None)
    similar: tuple[str, ...] = ()
    if not matches and _CODE_SHAPE.match(code):
        import difflib

        similar = tuple(difflib.get_close_matches(code, list(CATALOG), n=3, cutoff=0.6))
    return Explanation(
        query,
        matches,
        similar_codes=similar,
        client=client,
        equals=equals,
        notes=insights(query),
    )
