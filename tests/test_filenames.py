"""What is wrong with a file name, in words, and the spec name it meant."""

from __future__ import annotations

import pytest

from sftpcheck.check.options import DEFAULT_FILE_NAMES
from sftpcheck.filenames import name_problem


def test_spec_names_pass() -> None:
    for name in DEFAULT_FILE_NAMES:
        assert name_problem(name, DEFAULT_FILE_NAMES) is None


@pytest.mark.parametrize(
    ("name", "faults", "likely"),
    [
        ("Schools 2024.csv", ["spaces", "capital letters", "numbers or a date"], "schools.csv"),
        ("Students (1).csv", ["spaces", "capital letters", "extra characters"], "students.csv"),
        ("staff.xlsx", ["ends in .xlsx"], "staff.csv"),
        ("rosters.CSV", ["capital letters"], "rosters.csv"),
        ("section.csv", [], "sections.csv"),
        ("parents", ["has no .csv ending"], "parents.csv"),
    ],
)
def test_bad_names_say_what_is_wrong(name: str, faults: list[str], likely: str) -> None:
    problem = name_problem(name, DEFAULT_FILE_NAMES)
    assert problem is not None
    sentence = problem.sentence()
    for fault in faults:
        assert fault in sentence
    assert problem.likely == likely
    assert f"It looks like {likely}." in sentence
