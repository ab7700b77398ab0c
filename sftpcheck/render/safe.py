"""Making a report safe to show: server text made printable, a leaked secret masked.

Two guards, applied to the values that can come from outside sftpcheck (a check's summary,
its details and its facts, which quote server messages and error texts), never to the
words sftpcheck wrote itself (titles, explanations, fixes, the target's user and host):

- **printable**: a control character from a server (ESC, BEL, a carriage return, a
  right-to-left override) is shown as an escape such as `\\x1b`, so a hostile banner cannot
  retitle the terminal or hide text, in any format.
- **mask**: a secret that a server echoed is replaced by `********`, but only where it
  stands as a word of its own. A password `sftp` leaves `sftpcheck` whole (masking its
  first letters would show the password), one equal to the user name leaves the account
  name, and a password that is a word of sftpcheck's own sentences (`a`, `server`) is left
  where a reader could read it back from the sentence anyway.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from sftpcheck.model import CheckResult, Fact, Report

MASK = "********"
# Controls that a terminal acts on or that hide text; a newline and a tab stay.
_KEPT = frozenset("\n\t")
_HIDING_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def printable(text: str) -> str:
    """Text with every control or invisible format character shown as an escape."""
    if text.isprintable():
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if char in _KEPT or unicodedata.category(char) not in _HIDING_CATEGORIES:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def mask(text: str, secrets: Iterable[str], keep: Iterable[str] = ()) -> str:
    """Replace each secret where it stands as a word of its own, outside the `keep` texts."""
    for secret in secrets:
        if secret and secret in text:
            text = _mask_one(text, secret, tuple(k for k in keep if k))
    return text


def _mask_one(text: str, secret: str, keep: tuple[str, ...]) -> str:
    kept = [
        (match.start(), match.end())
        for word in keep
        for match in re.finditer(re.escape(word), text)
    ]
    pieces: list[str] = []
    last = 0
    for match in re.finditer(re.escape(secret), text):
        start, end = match.span()
        if _inside_a_word(text, start, end) or _overlaps(kept, start, end):
            continue
        if secret.lower() in _own_words():
            continue
        pieces += [text[last:start], MASK]
        last = end
    return "".join(pieces) + text[last:] if pieces else text


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """Whether the secret is only part of a longer word (`sftp` inside `sftpcheck`)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or after.isalnum()


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(kept_start < end and start < kept_end for kept_start, kept_end in spans)


@cache
def _own_words() -> frozenset[str]:
    """The words of sftpcheck's own sentences, in lower case: the catalog's, and those of
    the checks' summaries (the text in their string literals, read once, only when a
    secret stands alone somewhere: that is rare)."""
    from sftpcheck.reasons import CATALOG

    texts = [
        text
        for reason in CATALOG.values()
        for text in (reason.title, reason.explanation, *reason.fix, *reason.causes)
    ]
    package = Path(__file__).resolve().parents[1]
    # The steps and the wire they call, as the one checks/ folder held them before.
    texts += _literal_texts(package / "check") + _literal_texts(package / "net")
    return frozenset(word.lower() for text in texts for word in re.findall(r"\w+", text))


def _literal_texts(folder: Path) -> list[str]:
    import ast

    texts: list[str] = []
    for module in sorted(folder.rglob("*.py")):
        try:
            tree = ast.parse(module.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            continue
        texts += [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
    return texts


def safe_result(
    result: CheckResult, secrets: tuple[str, ...], keep: tuple[str, ...]
) -> CheckResult:
    """A check result whose outside values are printable and hold no secret."""

    def clean(text: str) -> str:
        return printable(mask(text, secrets, keep))

    return dataclasses.replace(
        result,
        summary=clean(result.summary),
        details=_clean_value(result.details, clean),
        facts=tuple(Fact(fact.label, clean(fact.value)) for fact in result.facts),
    )


def safe_report(
    report: Report, secrets: tuple[str, ...] = (), given: tuple[str, ...] = ()
) -> Report:
    """The report with every check's outside values made printable and secrets masked.

    `given` holds what the user typed (a remote directory, a file name): never masked.
    """
    target = report.target
    keep = tuple(word for word in (target.username, target.host, *given) if word)
    return dataclasses.replace(
        report,
        target=dataclasses.replace(
            target,
            host=printable(target.host),
            username=printable(target.username) if target.username else None,
        ),
        checks=tuple(safe_result(check, secrets, keep) for check in report.checks),
    )


def _clean_value(value: Any, clean: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, Mapping):
        return {clean(str(key)): _clean_value(item, clean) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_value(item, clean) for item in value]
    return value
