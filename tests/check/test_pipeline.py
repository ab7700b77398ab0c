"""The ordered list of checks and the runner's rules: order, prerequisites, skips, faults."""

from __future__ import annotations

from sftpcheck.check.options import CheckOptions
from sftpcheck.check.pipeline import CHECK_IDS, CHECKS, Check, load_checks
from sftpcheck.check.runner import run_checks
from sftpcheck.check.session import Session
from sftpcheck.model import Outcome, Status
from sftpcheck.reasons import CATALOG
from sftpcheck.reasons.network import TCP_TIMEOUT

CONTRACT_ORDER = [
    "client",
    "dns",
    "tcp",
    "protocol",
    "ssh",
    "auth",
    "remote_dir",
    "upload",
    "setstat",
]


def test_checks_are_the_contracts_nine_in_order() -> None:
    assert [check.id for check in CHECKS] == CONTRACT_ORDER
    assert list(CHECK_IDS) == CONTRACT_ORDER


def test_each_check_requires_only_earlier_checks() -> None:
    seen: set[str] = set()
    for check in CHECKS:
        assert set(check.requires) <= seen, f"{check.id} requires a later or unknown check"
        seen.add(check.id)


def test_every_catalog_code_belongs_to_a_known_family() -> None:
    families = {*CONTRACT_ORDER, "files"}
    for code, reason in CATALOG.items():
        assert reason.code == code
        assert code.split(".")[0] in families
        assert reason.explanation
        assert reason.fix


def _fixed(outcome: Outcome):  # type: ignore[no-untyped-def]
    return lambda session: outcome


def _explode(session: Session) -> Outcome:
    raise RuntimeError("boom")


def test_runner_skips_dependants_and_names_the_root_cause() -> None:
    checks = [
        Check("dns", "DNS lookup", (), _fixed(Outcome(Status.PASS, "ok"))),
        Check("tcp", "TCP connection", ("dns",), _fixed(Outcome(Status.FAIL, "no", TCP_TIMEOUT))),
        Check("protocol", "Protocol", ("tcp",), _fixed(Outcome(Status.PASS, "never run"))),
        Check("ssh", "SSH handshake", ("protocol",), _fixed(Outcome(Status.PASS, "never run"))),
    ]
    report = run_checks(CheckOptions(host="example.org"), checks)
    statuses = [check.status for check in report.checks]
    assert statuses == [Status.PASS, Status.FAIL, Status.SKIP, Status.SKIP]
    assert report.checks[3].summary == "Not run: the 'TCP connection' step failed."
    assert report.checks[3].code is None
    assert report.verdict is Status.FAIL


def test_runner_turns_an_unforeseen_error_into_a_failed_check() -> None:
    checks = [Check("dns", "DNS lookup", (), _explode)]
    report = run_checks(CheckOptions(host="example.org"), checks)
    (result,) = report.checks
    assert result.status is Status.FAIL
    assert result.code == "dns.unexpected_error"
    assert "RuntimeError: boom" in result.summary


def test_warn_does_not_block_later_checks_and_sets_the_verdict() -> None:
    checks = [
        Check(
            "dns",
            "DNS lookup",
            (),
            _fixed(Outcome(Status.WARN, "odd", CATALOG["dns.unexpected_address"])),
        ),
        Check("tcp", "TCP connection", ("dns",), _fixed(Outcome(Status.PASS, "ok"))),
    ]
    report = run_checks(CheckOptions(host="example.org"), checks)
    assert [c.status for c in report.checks] == [Status.WARN, Status.PASS]
    assert report.verdict is Status.WARN


def test_every_step_has_its_unexpected_error_code() -> None:
    for check_id in CHECK_IDS:
        assert f"{check_id}.unexpected_error" in CATALOG


def test_each_step_loads_check_id_from_its_own_module() -> None:
    for check in load_checks():
        assert check.run.__name__ == f"check_{check.id}"
        assert check.run.__module__ == f"sftpcheck.check.steps.{check.id}"
