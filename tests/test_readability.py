"""Plain language, measured: what each code means and each fix step read at grade 9 or below."""

from __future__ import annotations

import re

import pytest

from sftpcheck.explain.glossary import GLOSSARY, Term
from sftpcheck.explain.readability import reading_grade
from sftpcheck.model import Reason
from sftpcheck.reasons import CATALOG

MAX_GRADE = 9.0
# Words a reader may not know. Where the catalog uses one, the glossary must define it.
JARGON = (
    "allowlist",
    "host key",
    "fingerprint",
    "known_hosts",
    "firewall",
    "DNS",
    "SFTP",
    "SSH",
    "public key",
    "UTF-8",
)
# The issue names these as words that must stay, so they must always be defined.
REQUIRED_TERMS = ("host key", "allowlist")

REASONS = sorted(CATALOG.values(), key=lambda reason: reason.code)


def _texts(reason: Reason) -> list[tuple[str, str]]:
    parts = [("explanation", reason.explanation)]
    parts += [(f"fix step {number}", step) for number, step in enumerate(reason.fix, start=1)]
    return parts


@pytest.mark.parametrize("reason", REASONS, ids=lambda reason: reason.code)
def test_explanation_and_each_fix_step_read_at_grade_9_or_below(reason: Reason) -> None:
    too_hard = [
        f"{label} (grade {grade:.1f}): {text}"
        for label, text in _texts(reason)
        if (grade := reading_grade(text)) > MAX_GRADE
    ]
    assert not too_hard, f"{reason.code} is too hard to read:\n" + "\n".join(too_hard)


def test_the_grade_measure_tells_hard_text_from_plain_text() -> None:
    plain = "The server did not answer. Ask the vendor if it is up."
    hard = (
        "Intermittent authentication failures notwithstanding, organizational infrastructure "
        "configuration necessitates comprehensive administrative reconsideration."
    )
    assert reading_grade(plain) <= MAX_GRADE < reading_grade(hard)


@pytest.mark.parametrize("term", GLOSSARY, ids=lambda term: term.name)
def test_each_glossary_definition_is_plain_too(term: Term) -> None:
    definition = term.definition
    assert definition.strip()
    assert reading_grade(definition) <= MAX_GRADE


def test_the_words_that_must_stay_are_in_the_glossary() -> None:
    defined = {term.name.lower() for term in GLOSSARY}
    catalog_text = " ".join(
        " ".join((reason.title, reason.explanation, *reason.fix, *reason.causes))
        for reason in REASONS
    )
    used = [
        word
        for word in JARGON
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", catalog_text, re.IGNORECASE)
    ]
    undefined = [word for word in (*used, *REQUIRED_TERMS) if word.lower() not in defined]
    assert not undefined, f"used in the catalog but not in the glossary: {undefined}"
