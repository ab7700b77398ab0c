"""The dns and tcp checks' decisions, from canned lookups and connection results."""

from __future__ import annotations

from pathlib import Path

import pytest

from sftpcheck.check.options import CheckOptions
from sftpcheck.check.session import Session
from sftpcheck.check.steps import dns as lookup
from sftpcheck.check.steps import tcp as connect
from sftpcheck.model import Status
from sftpcheck.net import dns_lookup, probes
from sftpcheck.net.dns_lookup import LookupFailure, Resolution
from sftpcheck.net.probes import Connect, ConnectResult


def _session(**options: object) -> Session:
    return Session(options=CheckOptions(host="sftp.vendor.test", **options))  # type: ignore[arg-type]


def test_hosts_file_answers_before_dns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hosts = tmp_path / "hosts"
    hosts.write_text(
        "# comment\n127.0.0.9  sftp.vendor.test  vendor # note\n::1 sftp.vendor.test\n"
    )

    def no_dns(*args: object) -> Resolution:
        raise AssertionError("DNS must not be asked when the hosts file answers")

    monkeypatch.setattr(dns_lookup, "resolve_with_dns", no_dns)
    session = _session(hosts_file=hosts)
    outcome = lookup.check_dns(session)
    assert outcome.status is Status.PASS
    assert session.addresses == ("127.0.0.9", "::1")
    assert "hosts file" in outcome.details["source"]


def test_unexpected_address_warns_and_tcp_probes_the_expected_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lookup, "resolve", lambda session: Resolution(addresses=("198.51.100.9",)))
    session = _session(expect_ips=("203.0.113.7",))
    outcome = lookup.check_dns(session)
    assert outcome.status is Status.WARN
    assert outcome.reason is not None
    assert outcome.reason.code == "dns.unexpected_address"
    assert "198.51.100.9" in outcome.summary
    assert session.addresses == ("198.51.100.9", "203.0.113.7")


@pytest.mark.parametrize(
    ("failure", "code", "words"),
    [
        (LookupFailure.NXDOMAIN, "dns.nxdomain", "does not exist"),
        (LookupFailure.NO_ADDRESS, "dns.no_address", "no IPv4 or IPv6 address"),
        (LookupFailure.TIMEOUT, "dns.timeout", "No DNS server answered"),
        (LookupFailure.SERVFAIL, "dns.servfail", "failed or refused"),
    ],
)
def test_lookup_failures(
    monkeypatch: pytest.MonkeyPatch, failure: LookupFailure, code: str, words: str
) -> None:
    monkeypatch.setattr(lookup, "resolve", lambda session: Resolution(error=failure))
    outcome = lookup.check_dns(_session())
    assert outcome.status is Status.FAIL
    assert outcome.reason is not None
    assert outcome.reason.code == code
    assert words in outcome.summary


def _probe(monkeypatch: pytest.MonkeyPatch, *results: ConnectResult) -> None:
    monkeypatch.setattr(
        probes, "probe_addresses", lambda addresses, port, timeout: (list(results), {})
    )


def test_some_addresses_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    _probe(
        monkeypatch,
        ConnectResult("192.0.2.1", Connect.TIMEOUT, "10.0.0.5", 10000, "no answer"),
        ConnectResult("192.0.2.2", Connect.OPEN, "10.0.0.5", 20),
    )
    session = _session()
    session.addresses = ("192.0.2.1", "192.0.2.2")
    outcome = connect.check_tcp(session)
    assert outcome.status is Status.WARN
    assert outcome.reason is not None
    assert outcome.reason.code == "tcp.partial"
    assert "192.0.2.1 gave no answer" in outcome.summary
    assert session.connect_address == "192.0.2.2"


def test_no_ipv6_route_is_not_a_partial_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    _probe(
        monkeypatch,
        ConnectResult("192.0.2.2", Connect.OPEN, "10.0.0.5", 20),
        ConnectResult("2001:db8::2", Connect.UNREACHABLE, None, 1, "ENETUNREACH: unreachable"),
    )
    session = _session()
    outcome = connect.check_tcp(session)
    assert outcome.status is Status.PASS
    assert "no IPv6" in outcome.summary


def test_refusal_says_more_than_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    _probe(
        monkeypatch,
        ConnectResult("192.0.2.1", Connect.TIMEOUT, "10.0.0.5", 10000, "no answer"),
        ConnectResult("192.0.2.2", Connect.REFUSED, "10.0.0.5", 20, "ECONNREFUSED"),
    )
    outcome = connect.check_tcp(_session())
    assert outcome.reason is not None
    assert outcome.reason.code == "tcp.refused"
    assert outcome.summary == "192.0.2.2 refused the connection on port 22."


def test_a_private_source_address_is_marked_as_not_what_the_vendor_sees(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _probe(monkeypatch, ConnectResult("192.0.2.2", Connect.OPEN, "10.20.0.5", 20))
    outcome = connect.check_tcp(_session())
    (fact,) = outcome.facts
    assert (
        fact.value == "10.20.0.5 (private: the vendor sees your district's public address instead)"
    )
