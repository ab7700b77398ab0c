"""Reading grade of a text, measured the same way by the docs and the readability test.

textstat is a development dependency (extra "test"), so it is imported here, never on the
path of `sftpcheck explain`.
"""

from __future__ import annotations


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of the text: about the school year that reads it easily."""
    import textstat  # type: ignore[import-untyped]  # textstat ships no type hints

    # "en" makes textstat fetch the CMU dictionary from the network on first use; the
    # dialect code counts syllables with the hyphenation dictionary that pyphen ships, so
    # the grade is the same offline, in CI and on every machine.
    textstat.set_lang("en-US")
    return float(textstat.flesch_kincaid_grade(text))
