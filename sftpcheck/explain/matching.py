"""Turn pasted text into reason codes, best first.

Each known message becomes a pattern: its variable parts (`%s`, `%d`, `{0}`, `%HOST%`) turn
into wildcards, and the rest must appear as written, after both sides are normalized (lower
case, quotes dropped, runs of spaces made one). A pattern that matches scores by how much
fixed text it pinned down, so the most specific message wins. When no pattern matches, a
partial paste can still match on the words it shares with a message.

Nothing here imports more than the standard library and the catalog, so `explain` starts fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sftpcheck.explain.messages import MESSAGES, ClientMessage

PLACEHOLDER = re.compile(r"%(?:\.\*|\.\d+)?l{0,2}[sdu]|%HOST%|\{\d+(?::[^}]*)?\}")
_QUOTES = re.compile("[\"'`\u2018\u2019\u201c\u201d]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WORD = re.compile(r"[a-z][a-z0-9_-]+")
_STOPWORDS = frozenset(
    {"the", "a", "an", "to", "of", "for", "on", "in", "is", "was", "be", "by", "and", "or"}
    | {"from", "with", "at", "as", "it", "this", "that", "not", "error", "warning"}
)
# Pieces of fixed text shorter than this, alone on a line, say too little to count.
_MIN_LITERAL = 6
EXACT = 2
PARTIAL = 1


@dataclass(frozen=True)
class Hit:
    """How well one known message fits the query: exact tier first, then by strength."""

    message: ClientMessage
    tier: int
    strength: float


@dataclass(frozen=True)
class _LinePattern:
    regex: re.Pattern[str]
    literal_length: int


def normalize(text: str) -> str:
    """Lower case, no quotes, single spaces; line breaks are kept so a log splits into lines."""
    lines = (_SPACES.sub(" ", _QUOTES.sub("", line)).strip() for line in text.lower().splitlines())
    return "\n".join(line for line in lines if line)


def _line_pattern(template_line: str, whole_line: bool) -> _LinePattern:
    pieces = PLACEHOLDER.split(template_line)
    # People often paste a message without its leading variable part ("user@host: ") or
    # its final full stop, so both are optional.
    prefix, pieces = _split_variable_prefix(pieces)
    last = pieces[-1].rstrip(".!:")
    ending = pieces[-1][len(last) :]
    pieces = [*pieces[:-1], last]
    body = _WILDCARD.join(_escape(piece) for piece in pieces)
    if prefix:
        body = f"(?:{_WILDCARD.join(_escape(piece) for piece in prefix)})?{body}"
    if ending:
        body = f"{body}(?:{_escape(ending)})?"
    if last.strip():
        # Fixed text at the end must end there: "directory '/'" is not "directory '/data'".
        body = rf"{body}(?=[.!:,;]*(?:\s|$))"
    if whole_line:
        body = rf"^[^\n]{{0,40}}?{body}$"
    literal_length = sum(len(piece.strip()) for piece in pieces)
    return _LinePattern(re.compile(body, re.MULTILINE), literal_length)


# A wildcard stands for a host, address, number or path: anything but a line break.
_WILDCARD = r"[^\n]*?"
_SIGNIFICANT = re.compile(r"[a-z0-9]{3}")


def _escape(piece: str) -> str:
    return re.escape(piece).replace(r"\ ", " ")


def _split_variable_prefix(pieces: list[str]) -> tuple[list[str], list[str]]:
    """Split off a leading run of variable parts and punctuation, such as "%s@%s: "."""
    if len(pieces) < 2 or pieces[0].strip():
        return [], pieces
    for index, piece in enumerate(pieces):
        found = _SIGNIFICANT.search(piece)
        if found:
            return [*pieces[:index], piece[: found.start()]], [
                piece[found.start() :],
                *pieces[index + 1 :],
            ]
    return [], pieces


def _template_lines(message: ClientMessage) -> list[str]:
    # The placeholders are matched on the raw template, so protect them from lower-casing.
    marker = "\x00"
    protected = PLACEHOLDER.sub(marker, message.text)
    values = iter(PLACEHOLDER.findall(message.text))
    normalized = normalize(protected)
    return [re.sub(marker, lambda _: next(values), line) for line in normalized.splitlines()]


@cache
def _patterns(message: ClientMessage) -> tuple[_LinePattern, ...]:
    return tuple(_line_pattern(line, message.whole_line) for line in _template_lines(message))


@cache
def _words(message: ClientMessage) -> frozenset[str]:
    return frozenset(_content_words(PLACEHOLDER.sub(" ", message.text).lower()))


@cache
def _literal_text(message: ClientMessage) -> str:
    return " ".join(normalize(PLACEHOLDER.sub(" ", message.text)).split())


def _content_words(text: str) -> Iterable[str]:
    return (word for word in _WORD.findall(text) if word not in _STOPWORDS)


def _exact_strength(message: ClientMessage, query: str) -> int:
    """How many fixed characters of the message's lines appear in the query, pattern-wise."""
    strength = 0
    patterns = _patterns(message)
    for pattern in patterns:
        if len(patterns) > 1 and pattern.literal_length < _MIN_LITERAL:
            continue
        if pattern.regex.search(query):
            strength += pattern.literal_length
    return strength


def _partial_strength(message: ClientMessage, query: str) -> float:
    """A score below 1 for a query that shares most of the message's words, or is part of it."""
    best = 0.0
    literal = _literal_text(message)
    message_words = _words(message)
    for line in query.splitlines():
        flat = " ".join(line.split())
        if len(flat) >= 12 and flat in literal:
            best = max(best, 0.5 + 0.5 * len(flat) / max(len(literal), 1))
        line_words = set(_content_words(line))
        shared = message_words & line_words
        if len(shared) < 2 or not message_words:
            continue
        coverage = len(shared) / len(message_words)
        precision = len(shared) / len(line_words)
        if coverage >= 0.5:
            best = max(best, 0.9 * coverage * (0.5 + 0.5 * precision))
    return best


def find_hits(text: str, messages: Iterable[ClientMessage] = MESSAGES) -> list[Hit]:
    """Every known message that fits the text, best first."""
    query = normalize(text)
    hits: list[Hit] = []
    for message in messages:
        strength = _exact_strength(message, query)
        if strength:
            hits.append(Hit(message, EXACT, float(strength)))
            continue
        partial = _partial_strength(message, query)
        if partial > 0:
            hits.append(Hit(message, PARTIAL, partial))
    # A message that fits outright says more than any number of shared words.
    if any(hit.tier == EXACT for hit in hits):
        hits = [hit for hit in hits if hit.tier == EXACT]
    hits.sort(key=lambda hit: (hit.tier, hit.strength), reverse=True)
    return hits


@dataclass(frozen=True)
class CodeMatch:
    """One candidate reason code, with the known message that pointed to it."""

    code: str
    message: ClientMessage


def rank_codes(hits: list[Hit]) -> list[CodeMatch]:
    """The codes the hits point to, best first; each code once, with its strongest message.

    Within one message the codes are already best first, so a later code ranks a little
    lower than an earlier one from an equally strong message.
    """
    best: dict[str, tuple[tuple[int, float, int], int, ClientMessage]] = {}
    for order, hit in enumerate(hits):
        for position, code in enumerate(hit.message.codes):
            key = (hit.tier, hit.strength - position * 0.5, -position)
            if code not in best or key > best[code][0]:
                best[code] = (key, order, hit.message)
    ranked = sorted(best.items(), key=lambda item: (item[1][0], -item[1][1]), reverse=True)
    return [CodeMatch(code, message) for code, (_, _, message) in ranked]
