"""Turn pasted text into reason codes, best first.

Each known message becomes a pattern: its variable parts (`%s`, `%d`, `{0}`, `%HOST%`) turn
into wildcards, and the rest must appear as written, after both sides are normalized (lower
case, quotes dropped, runs of spaces made one). A pattern that matches scores by how much
fixed text it pinned down, so the most specific message wins. When no pattern matches, a
partial paste can still match on the words it shares with a message.

The paste is read once (`_Paste`): each distinct line's words are found once, and each
message is compared only with the lines that hold its longest fixed piece or one of its
uncommon words, so a long log costs time in proportion to its length, not to its length
times the number of messages.

Nothing here imports more than the standard library and the catalog, so `explain` starts fast.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
    source: str
    literal_length: int
    anchor: str

    @property
    def regex(self) -> re.Pattern[str]:
        # Compiled on first use: most patterns' anchors are in no paste, and compiling all
        # of them took a quarter of explain's time on a short message.
        return _compiled(self.source)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


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
    return _LinePattern(body, literal_length, anchor)


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


def _exact_strength(message: ClientMessage, paste: _Paste) -> float:
    """The fixed characters of the message's lines found in the paste, each weighed by the
    line it was found on (the last lines count most, debug lines little)."""
    strength = 0.0
    patterns = _patterns(message)
    for pattern in patterns:
        if len(patterns) > 1 and pattern.literal_length < _MIN_LITERAL:
            continue
        best = 0.0
        # The anchor is the longest fixed piece: a line without it cannot match.
        for text in paste.texts_holding(pattern.anchor):
            if not pattern.regex.search(paste.texts[text]):
                continue
            for line in paste.lines_of[text]:
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


def _partial_strength(message: ClientMessage, paste: _Paste) -> float:
    """A score below 1 for a line that shares most of the message's words, or is part of it.

    The minimum evidence rule: at least two shared words, one of which is not a common
    word ("please try again later" and "a long message" match nothing)."""
    best = 0.0
    literal = _literal_text(message)
    message_words = _words(message)
    if not message_words:
        return 0.0
    # Only a line that shares one of the message's uncommon words can pass the rule.
    for text in paste.texts_sharing(_uncommon_words(message)):
        flat, line_words = paste.flat[text], paste.words[text]
        shared = message_words & line_words
        if len(shared) < 2 or not shared - _COMMON_WORDS:
            continue
        for line in paste.lines_of[text]:
            if len(flat) >= 12 and flat in literal:
                best = max(best, line.weight * (0.5 + 0.5 * len(flat) / max(len(literal), 1)))
            coverage = len(shared) / len(message_words)
            precision = len(shared) / len(line_words)
            if coverage >= 0.5:
                best = max(best, line.weight * 0.9 * coverage * (0.5 + 0.5 * precision))
    return best


@cache
def _uncommon_words(message: ClientMessage) -> frozenset[str]:
    return _words(message) - _COMMON_WORDS


@dataclass(frozen=True)
class _Paste:
    """The paste's lines, read once: each distinct text with its words and the lines that
    show it, and all texts joined, to find a fixed piece of text in one search."""

    texts: list[str]
    lines_of: list[list[Line]]
    flat: list[str]
    words: list[frozenset[str]]
    # Each word: the texts that hold it, in the order of the paste.
    by_word: dict[str, list[int]]
    # All texts, one per line, to look a piece up in once rather than line by line.
    joined: str
    starts: list[int]

    @classmethod
    def read(cls, lines: tuple[Line, ...]) -> _Paste:
        number: dict[str, int] = {}
        lines_of: list[list[Line]] = []
        for line in lines:
            if line.text not in number:
                number[line.text] = len(lines_of)
                lines_of.append([])
            lines_of[number[line.text]].append(line)
        texts = list(number)
        flat = [" ".join(text.split()) for text in texts]
        words = [frozenset(_content_words(text)) for text in flat]
        by_word: dict[str, list[int]] = {}
        for index, text_words in enumerate(words):
            for word in text_words:
                by_word.setdefault(word, []).append(index)
        starts, offset = [], 0
        for text in texts:
            starts.append(offset)
            offset += len(text) + 1
        return cls(texts, lines_of, flat, words, by_word, "\n".join(texts), starts)

    def texts_holding(self, piece: str) -> list[int]:
        """The texts that contain `piece` (which holds no line break), in paste order."""
        if not piece:
            return list(range(len(self.texts)))
        found = []
        position = self.joined.find(piece)
        while position >= 0:
            text = bisect_right(self.starts, position) - 1
            found.append(text)
            if text + 1 == len(self.starts):
                break
            position = self.joined.find(piece, self.starts[text + 1])
        return found

    def texts_sharing(self, words: frozenset[str]) -> list[int]:
        """The texts that hold at least one of `words`, in paste order."""
        return sorted({text for word in words for text in self.by_word.get(word, ())})


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
    paste = _Paste.read(reading.lines)
    hits: list[Hit] = []
    for message in messages:
        bonus = SAME_CLIENT_BONUS if _same_client(message, reading.client) else 1.0
        codes, equal = codes_in_context(message, reading)
        strength = _exact_strength(message, paste) * (0.5 if message.generic else 1.0)
        if strength:
            hits.append(Hit(message, EXACT, strength * bonus, codes, equal))
            continue
        partial = _partial_strength(message, paste)
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
