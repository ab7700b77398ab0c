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
from sftpcheck.explain.reading import PHASES, Line, Reading, read_paste

# C's %s and %d, WinSCP's %HOST% and Delphi's indexed %0:d, .NET's {0} and {0:F0}.
PLACEHOLDER = re.compile(r"%(?:\.\*|\.\d+|\d+:)?l{0,2}[sdu]|%HOST%|\{\d+(?::[^}]*)?\}")
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
    codes: tuple[str, ...] = ()
    # The words fit the codes equally: list them as equals, not best first.
    equal: bool = False


@dataclass(frozen=True)
class _LinePattern:
    regex: re.Pattern[str]
    literal_length: int
    anchor: str


def normalize(text: str) -> str:
    """Lower case, no quotes, single spaces; line breaks are kept so a log splits into lines."""
    lines = (_normalize_line(line) for line in text.lower().splitlines())
    return "\n".join(line for line in lines if line)


def _normalize_line(line: str) -> str:
    return _SPACES.sub(" ", _QUOTES.sub("", line)).strip()


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
        # Log prefixes are gone already (reading.py); a few characters may still lead, and
        # a full stop may end the line where the client's text has none ("Access denied.").
        body = rf"^.{{0,12}}?{body}[.!:,;]*$"
    literal_length = sum(len(piece.strip()) for piece in pieces)
    anchor = max((piece.strip() for piece in pieces), key=len, default="")
    return _LinePattern(re.compile(body), literal_length, anchor)


# A wildcard stands for a host, address, number or path: anything but a line break.
_WILDCARD = r".*?"
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
    lines = _template_lines(message)
    # Each line of a message of several lines is a whole line as the client prints it.
    whole = message.whole_line or len(lines) > 1
    return tuple(_line_pattern(line, whole) for line in lines)


@cache
def _words(message: ClientMessage) -> frozenset[str]:
    return frozenset(_content_words(PLACEHOLDER.sub(" ", message.text).lower()))


@cache
def _literal_text(message: ClientMessage) -> str:
    return " ".join(normalize(PLACEHOLDER.sub(" ", message.text)).split())


def _content_words(text: str) -> Iterable[str]:
    return (word for word in _WORD.findall(text) if word not in _STOPWORDS)


def _anchor(pattern: _LinePattern) -> str:
    """The longest fixed piece of a pattern: a line without it cannot match, and a plain
    substring test is far cheaper than the regular expression."""
    return pattern.anchor


def _exact_strength(message: ClientMessage, lines: tuple[Line, ...]) -> float:
    """The fixed characters of the message's lines found in the paste, each weighed by the
    line it was found on (the last lines count most, debug lines little)."""
    strength = 0.0
    patterns = _patterns(message)
    for pattern in patterns:
        if len(patterns) > 1 and pattern.literal_length < _MIN_LITERAL:
            continue
        best = 0.0
        for line in lines:
            if pattern.anchor not in line.text or not pattern.regex.search(line.text):
                continue
            weight = 1.0 if (message.in_debug and line.debug) else line.weight
            best = max(best, pattern.literal_length * weight)
        strength += best
    return strength


# Words that say nothing about which step failed: sharing only these is no evidence.
_COMMON_WORDS = frozenset(
    {"please", "try", "again", "later", "long", "message", "connection", "failed", "failure"}
    | {"server", "host", "file", "could", "cannot", "can", "unable", "no", "has", "been"}
    | {"unexpected", "unexpectedly", "network", "remote", "local", "more", "info", "details"}
    | {"found", "known", "you", "your", "are", "will", "have", "there", "some", "was", "were"}
    | {"check", "see", "when", "which", "what", "why", "did", "does", "do", "all", "any"}
)


def _partial_strength(message: ClientMessage, lines: tuple[Line, ...]) -> float:
    """A score below 1 for a line that shares most of the message's words, or is part of it.

    The minimum evidence rule: at least two shared words, one of which is not a common
    word ("please try again later" and "a long message" match nothing)."""
    best = 0.0
    literal = _literal_text(message)
    message_words = _words(message)
    if not message_words:
        return 0.0
    for line in lines:
        flat = " ".join(line.text.split())
        line_words = set(_content_words(flat))
        shared = message_words & line_words
        if len(shared) < 2 or not shared - _COMMON_WORDS:
            continue
        if len(flat) >= 12 and flat in literal:
            best = max(best, line.weight * (0.5 + 0.5 * len(flat) / max(len(literal), 1)))
        coverage = len(shared) / len(message_words)
        precision = len(shared) / len(line_words)
        if coverage >= 0.5:
            best = max(best, line.weight * 0.9 * coverage * (0.5 + 0.5 * precision))
    return best


# The codes that an ambiguous refusal ("Permission denied") means first, by the operation
# it hit. A listing refused with no folder named is most often the client opening '/':
# vendors keep an account out of '/' on purpose ("any connections with a default remote
# directory of root will fail", a vendor's own troubleshooting page); a folder of the
# vendor's that the account may not open comes second.
OPERATION_CODES = {
    # A file that may not be created: the folder is read-only, or one the account may not
    # open at all. The refusal says the same for both (the remote_dir step tells them apart).
    "upload": ("upload.denied", "remote_dir.denied"),
    "setstat": ("setstat.unsupported",),
    "list": ("remote_dir.root_denied", "remote_dir.denied"),
    "list_named": ("remote_dir.denied",),
    "list_root": ("remote_dir.root_denied",),
}
_PHASE_ORDER = {phase: rank for rank, phase in enumerate(PHASES)}
_EQUAL_OPERATIONS = frozenset({"upload"})
# Clients that print another's messages: FileZilla and WinSCP run PuTTY's engine; lftp
# runs OpenSSH's ssh.
_FAMILIES = {
    "FileZilla": {"FileZilla", "PuTTY / psftp / plink"},
    "WinSCP": {"WinSCP", "PuTTY / psftp / plink"},
    "lftp": {"lftp", "OpenSSH ssh/sftp/scp"},
    "PuTTY / psftp / plink": {"PuTTY / psftp / plink"},
}
SAME_CLIENT_BONUS = 1.15


def codes_in_context(message: ClientMessage, reading: Reading) -> tuple[tuple[str, ...], bool]:
    """The message's codes, best first, given what the whole paste shows; and whether they
    are still equals (the words alone cannot tell them apart)."""
    if message.by_operation and reading.operation:
        first = OPERATION_CODES[reading.operation]
        if reading.operation in _EQUAL_OPERATIONS:
            return first, True
        return (*first, *[code for code in message.codes if code not in first]), False
    for phase, codes in message.after:
        if _PHASE_ORDER[reading.phase] >= _PHASE_ORDER[phase]:
            return codes, message.equal
    return message.codes, message.equal or message.by_operation


def _same_client(message: ClientMessage, client: str | None) -> bool:
    if client is None:
        return False
    family = _FAMILIES.get(client, {client})
    return message.client.split(" (")[0] in {name.split(" (")[0] for name in family}


def read(text: str) -> Reading:
    """The paste, read as lines with weights, phase, operation and client."""
    return read_paste(text, _normalize_line)


def find_hits(text: str, messages: Iterable[ClientMessage] = MESSAGES) -> list[Hit]:
    """Every known message that fits the text, best first."""
    reading = read(text)
    return hits_in(reading, messages)


def hits_in(reading: Reading, messages: Iterable[ClientMessage] = MESSAGES) -> list[Hit]:
    """Every known message that fits a paste already read, best first."""
    lines = reading.lines
    hits: list[Hit] = []
    for message in messages:
        bonus = SAME_CLIENT_BONUS if _same_client(message, reading.client) else 1.0
        codes, equal = codes_in_context(message, reading)
        strength = _exact_strength(message, lines) * (0.5 if message.generic else 1.0)
        if strength:
            hits.append(Hit(message, EXACT, strength * bonus, codes, equal))
            continue
        partial = _partial_strength(message, lines)
        if partial > 0:
            hits.append(Hit(message, PARTIAL, partial * bonus, codes, equal))
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
    score: tuple[int, float, int, float] = (0, 0.0, 0, 0.0)


def rank_codes(hits: list[Hit]) -> list[CodeMatch]:
    """The codes the hits point to, best first; each code once, with its strongest message.

    Within one message the codes are already best first, so a later code ranks a little
    lower than an earlier one from an equally strong message, unless the message's codes
    are equals. Equals stay equal unless other lines of the paste speak for one of them:
    a Python traceback's bare EOFError says the server closed, beside a summary line
    that fits four causes alike.
    """
    best: dict[str, tuple[tuple[int, float, int], int, Hit]] = {}
    support: dict[str, float] = {}
    for order, hit in enumerate(hits):
        for position, code in enumerate(hit.codes or hit.message.codes):
            penalty = 0 if hit.equal else position
            key = (hit.tier, round(hit.strength - penalty * 0.5, 6), -penalty)
            support[code] = support.get(code, 0.0) + hit.strength
            if code not in best or key > best[code][0]:
                best[code] = (key, order, hit)
    scored = {
        code: ((*key, round(support[code] - hit.strength, 6)), order, hit)
        for code, (key, order, hit) in best.items()
    }
    ranked = sorted(scored.items(), key=lambda item: (item[1][0], -item[1][1]), reverse=True)
    return [CodeMatch(code, hit.message, key) for code, (key, _, hit) in ranked]


def equal_first(matches: list[CodeMatch]) -> tuple[str, ...]:
    """The codes that fit exactly as well as the first: the words cannot tell them apart."""
    if len(matches) < 2 or matches[1].score != matches[0].score:
        return ()
    return tuple(match.code for match in matches if match.score == matches[0].score)
