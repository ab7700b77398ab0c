"""`explain` on what real clients printed (tests/clients/fixtures/, see `make client-fixtures`).

For every recorded run: the pasted line and the whole output must each give, first, the
code `sftpcheck check` gave for the same scenario, and the whole output must name the
client. The runs where it does not yet are listed below as known gaps (strict xfail: a
fix that closes one fails the test until it is taken off the list); docs/explain-figures.md
shows them with what explain answered instead.
"""

from __future__ import annotations

import pytest

from sftpcheck.explain.core import explain
from tests.clients.fixtures import RecordedRun, load_runs

RUNS = load_runs()
KNOWN_GAPS = {
    ("curl", "dns_servfail", "line"),
    ("curl", "dns_servfail", "whole"),
    ("filezilla", "dns_servfail", "line"),
    ("filezilla", "dns_servfail", "whole"),
    ("jsch", "dns_servfail", "line"),
    ("jsch", "dns_servfail", "whole"),
    ("lftp", "dns_servfail", "line"),
    ("lftp", "dns_servfail", "whole"),
    ("openssh", "dns_servfail", "line"),
    ("openssh", "dns_servfail", "whole"),
    ("openssh-v", "dns_servfail", "line"),
    ("openssh-v", "dns_servfail", "whole"),
    ("paramiko", "dns_servfail", "line"),
    ("paramiko", "dns_servfail", "whole"),
    ("psftp", "dns_servfail", "line"),
    ("psftp", "dns_servfail", "whole"),
    ("curl", "ftp_on_port", "line"),
    ("curl", "ftp_on_port", "whole"),
    ("filezilla", "ftp_on_port", "line"),
    ("filezilla", "ftp_on_port", "whole"),
    ("jsch", "ftp_on_port", "line"),
    ("jsch", "ftp_on_port", "whole"),
    ("lftp", "ftp_on_port", "line"),
    ("lftp", "ftp_on_port", "whole"),
    ("openssh", "ftp_on_port", "line"),
    ("openssh", "ftp_on_port", "whole"),
    ("openssh-v", "ftp_on_port", "line"),
    ("paramiko", "ftp_on_port", "line"),
    ("paramiko", "ftp_on_port", "whole"),
    ("psftp", "ftp_on_port", "line"),
    ("psftp", "ftp_on_port", "whole"),
    ("curl", "key_only", "line"),
    ("curl", "key_only", "whole"),
    ("jsch", "key_only", "line"),
    ("jsch", "key_only", "whole"),
    ("paramiko", "reset", "line"),
    ("paramiko", "reset", "whole"),
    ("curl", "root_denied", "line"),
    ("curl", "root_denied", "whole"),
    ("jsch", "root_denied", "line"),
    ("jsch", "root_denied", "whole"),
    ("lftp", "root_denied", "line"),
    ("lftp", "root_denied", "whole"),
    ("paramiko", "root_denied", "line"),
    ("paramiko", "root_denied", "whole"),
    ("jsch", "setstat_refused", "line"),
    ("paramiko", "setstat_refused", "line"),
    ("filezilla", "silent", "line"),
    ("lftp", "silent", "line"),
    ("lftp", "silent", "whole"),
    ("curl", "two_factor", "line"),
    ("curl", "two_factor", "whole"),
    ("filezilla", "two_factor", "line"),
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


@pytest.mark.parametrize("run", [_case(run, "line") for run in RUNS])
def test_the_pasted_line_gives_checks_code_first(run: RecordedRun) -> None:
    codes = [match.reason.code for match in explain(run.pasted_line).matches]
    assert codes[:1] == [run.check_code], f"{run.pasted_line!r} gave {codes}"


@pytest.mark.parametrize("run", [_case(run, "whole") for run in RUNS])
def test_the_whole_output_gives_checks_code_first(run: RecordedRun) -> None:
    codes = [match.reason.code for match in explain(run.output()).matches]
    assert codes[:1] == [run.check_code], f"{run.output_path} gave {codes}"


@pytest.mark.parametrize("run", [_case(run, "client") for run in RUNS])
def test_the_whole_output_names_the_client(run: RecordedRun) -> None:
    assert explain(run.output()).client == run.client_name


def test_no_secret_reached_a_fixture() -> None:
    for run in RUNS:
        text = run.output()
        assert "Pw-" not in text
        assert "Wrong-Password-For-Tests" not in text
        assert "Pass-" not in text
