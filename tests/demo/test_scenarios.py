"""The scenario table: unique names, real reason codes, and the ones the issue asks for."""

from __future__ import annotations

import pytest

from sftpcheck.check.pipeline import CHECK_IDS
from sftpcheck.demo.scenarios import DEFAULT_SCENARIO, SCENARIOS, find_scenario
from sftpcheck.errors import InputError
from sftpcheck.reasons import CATALOG

REQUIRED = {
    "wrong-password": "auth.rejected",
    "key-only": "auth.method_not_offered",
    "ftp": "protocol.ftp",
    "firewall": "tcp.timeout",
    "closed": "protocol.closed",
    "root-dir": "remote_dir.root_denied",
    "read-only": "upload.denied",
    "no-sftp": "remote_dir.no_sftp",
    "hostkey-changed": "ssh.hostkey_mismatch",
    "setstat": "setstat.unsupported",
}


def test_names_are_unique_and_codes_are_in_the_catalog() -> None:
    names = [scenario.name for scenario in SCENARIOS]
    assert len(names) == len(set(names))
    for scenario in SCENARIOS:
        assert scenario.code in CATALOG
        assert scenario.check_id in CHECK_IDS


def test_every_required_scenario_is_there_with_its_code() -> None:
    assert {s.name: s.code for s in SCENARIOS if s.name in REQUIRED} == REQUIRED


def test_find_scenario() -> None:
    assert find_scenario(None).name == DEFAULT_SCENARIO
    assert find_scenario(" Key-Only ").name == "key-only"
    with pytest.raises(InputError, match="Unknown scenario 'nope'"):
        find_scenario("nope")
