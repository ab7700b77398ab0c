"""`explain` on what real clients printed (tests/clients/fixtures/, see `make client-fixtures`).

For every recorded run: the pasted line and the whole output must each give, first, the
code `sftpcheck check` gave for the same scenario, and the whole output must name the
client. Where a client printed the very same words for two causes (fixtures.same_words),
the right answer is both listed as equals, first. The runs where explain is not yet right
are listed below as known gaps (strict xfail: a fix that closes one fails the test until
it is taken off the list); docs/explain-figures.md shows what explain answered instead.
"""

from __future__ import annotations

import pytest

from sftpcheck.explain.core import explain
from tests.clients.fixtures import RecordedRun, load_runs, same_words

RUNS = load_runs()
ALIKE = same_words(RUNS)
KNOWN_GAPS = {
    # A bare TimeoutError while paramiko waits for the SSH line: silent and FTP alike, but
    # the silent run's traceback ends otherwise (paramiko's own race), so the words differ.
    ("paramiko", "ftp_on_port", "whole"),
}


def _case(run: RecordedRun, what: str) -> object:
    marks = []
    if (run.client, run.scenario, what) in KNOWN_GAPS:
        marks.append(pytest.mark.xfail(strict=True, reason="a known gap: docs/explain-figures.md"))
    return pytest.param(run, id=f"{run.scenario}-{run.client}", marks=marks)


def test_the_fixtures_cover_every_client_and_most_scenarios() -> None:
    assert len({run.client for run in RUNS}) >= 8
    assert len({run.scenario for run in RUNS}) >= 14
    assert len(KNOWN_GAPS) <= len(RUNS)  # the gaps are a minority, not the rule


def _assert_right_first(text: str, run: RecordedRun, what: str) -> None:
    """The check's code first; where the client printed the very same words for other
    causes, all of them listed as equals first (no reader can tell them apart)."""
    explanation = explain(text)
    codes = [match.reason.code for match in explanation.matches]
    alike = ALIKE[run.client, run.scenario, what]
    if alike:
        wanted = {run.check_code, *alike}
        equals = explanation.equals
        assert wanted <= set(equals), f"{text!r} gave {codes}, equals {equals}"
    else:
        assert codes[:1] == [run.check_code], f"{text!r} gave {codes}"


@pytest.mark.parametrize("run", [_case(run, "line") for run in RUNS])
def test_the_pasted_line_gives_checks_code_first(run: RecordedRun) -> None:
    _assert_right_first(run.pasted_line, run, "line")


@pytest.mark.parametrize("run", [_case(run, "whole") for run in RUNS])
def test_the_whole_output_gives_checks_code_first(run: RecordedRun) -> None:
    _assert_right_first(run.output(), run, "whole")


def test_same_words_sets_aside_only_what_does_not_tell_causes_apart() -> None:
    # An FTP server and a silent one: OpenSSH prints the same last line for both.
    assert ALIKE["openssh", "ftp_on_port", "line"] == {"protocol.no_banner"}
    # curl's "after 0 ms" (refused at once) is not "after 7138 ms" (dropped): not alike.
    assert not ALIKE["curl", "refused", "line"]
    assert not ALIKE["curl", "dropped", "line"]
    # The whole -v output shows the FTP server's 220 line: the words differ.
    assert not ALIKE["openssh-v", "ftp_on_port", "whole"]


@pytest.mark.parametrize("run", [_case(run, "client") for run in RUNS])
def test_the_whole_output_names_the_client(run: RecordedRun) -> None:
    assert explain(run.output()).client == run.client_name


def test_no_secret_reached_a_fixture() -> None:
    for run in RUNS:
        text = run.output()
        assert "Pw-" not in text
        assert "Wrong-Password-For-Tests" not in text
        assert "Pass-" not in text


def test_the_figures_in_the_docs_are_those_of_the_fixtures() -> None:
    from tests.clients.figures import DOCS, table

    assert DOCS.read_text(encoding="utf-8") == table(RUNS), "run `make explain-figures`"
