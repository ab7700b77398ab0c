"""The dns check against a real DNS server (dnslib) and a resolver that never answers."""

from __future__ import annotations

import pytest

from tests.check.run import Runner, assert_passes, assert_stops_at
from tests.servers.dns import DnsServer, SilentDns
from tests.servers.sshd import SshServer


def test_missing_name_is_nxdomain(sftpcheck: Runner, dns_server: DnsServer) -> None:
    run = sftpcheck("missing.sftp.test", "--resolver", dns_server.resolver_option, "--timeout", "3")
    assert_stops_at(run, "dns", "dns.nxdomain")
    assert "missing.sftp.test" in run.summary("dns")
    assert "not exist" in run.summary("dns")
    assert "NXDOMAIN" not in run.summary("dns")  # DNS jargon stays in the details


def test_name_without_address_is_no_address(sftpcheck: Runner, dns_server: DnsServer) -> None:
    run = sftpcheck("noaddr.sftp.test", "--resolver", dns_server.resolver_option, "--timeout", "3")
    assert_stops_at(run, "dns", "dns.no_address")
    assert "noaddr.sftp.test" in run.summary("dns")


def test_silent_resolver_is_a_timeout_within_the_timeout(
    sftpcheck: Runner, silent_dns: SilentDns
) -> None:
    run = sftpcheck("ok.sftp.test", "--resolver", silent_dns.resolver_option, "--timeout", "1")
    assert_stops_at(run, "dns", "dns.timeout")


@pytest.mark.parametrize("name", ["servfail.sftp.test", "refused.sftp.test"])
def test_failing_or_refusing_server_is_servfail(
    sftpcheck: Runner, dns_server: DnsServer, name: str
) -> None:
    run = sftpcheck(name, "--resolver", dns_server.resolver_option, "--timeout", "3")
    assert_stops_at(run, "dns", "dns.servfail")


def test_address_not_in_expect_ip_is_a_warning(sftpcheck: Runner, dns_server: DnsServer) -> None:
    run = sftpcheck(
        "ok.sftp.test",
        "--resolver",
        dns_server.resolver_option,
        "--expect-ip",
        "127.0.0.9",
        "--no-upload",
        "--timeout",
        "3",
    )
    assert run.status("dns") == "warn", run.describe()
    assert run.code("dns") == "dns.unexpected_address"
    assert "127.0.0.1" in run.summary("dns")
    assert run.status("tcp") != "skip", run.describe()  # a warning does not stop the run


def test_expected_address_passes(sftpcheck: Runner, dns_server: DnsServer, sshd: SshServer) -> None:
    run = sftpcheck(
        "ok.sftp.test",
        "--port",
        str(sshd.port),
        "--resolver",
        dns_server.resolver_option,
        "--expect-ip",
        "127.0.0.1",
        "--timeout",
        "3",
    )
    assert_passes(run, "dns", "tcp", "protocol", "ssh")


def test_cname_passes_and_shows_the_chain(
    sftpcheck: Runner, dns_server: DnsServer, sshd: SshServer
) -> None:
    account = sshd.accounts["district"]
    assert account.password is not None
    run = sftpcheck(
        "cname.sftp.test",
        "--port",
        str(sshd.port),
        "--user",
        account.username,
        "--resolver",
        dns_server.resolver_option,
        "--timeout",
        "5",
        password=account.password,
    )
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir", "upload")
    details = run.check("dns")["details"]
    assert details["addresses"] == ["127.0.0.1"], run.describe()
    assert details["cname_chain"] == ["cname.sftp.test", "ok.sftp.test"], run.describe()
    assert "ok.sftp.test" in run.summary("dns")
    assert run.exit_code == 0, run.describe()


def test_ipv6_only_name_reaches_the_server_on_ipv6(
    sftpcheck: Runner, dns_server: DnsServer, sshd: SshServer
) -> None:
    from tests.servers.need import ipv6_loopback_works

    if not ipv6_loopback_works():
        pytest.skip("::1 is not usable on this machine")
    run = sftpcheck(
        "v6.sftp.test",
        "--port",
        str(sshd.port),
        "--resolver",
        dns_server.resolver_option,
        "--timeout",
        "3",
    )
    assert_passes(run, "dns", "tcp", "protocol", "ssh")
    assert run.check("dns")["details"]["addresses"] == ["::1"]


def test_one_of_two_addresses_refusing_is_partial(
    sftpcheck: Runner, dns_server: DnsServer, sshd: SshServer
) -> None:
    # two.sftp.test is 127.0.0.1 and 127.0.0.2; sshd listens on 127.0.0.1 only.
    run = sftpcheck(
        "two.sftp.test",
        "--port",
        str(sshd.port),
        "--resolver",
        dns_server.resolver_option,
        "--timeout",
        "3",
    )
    assert_passes(run, "dns")
    assert run.status("tcp") == "warn", run.describe()
    assert run.code("tcp") == "tcp.partial"
    assert "127.0.0.2" in run.summary("tcp")
    assert run.check("tcp")["details"]["addresses"] == {
        "127.0.0.1": "open",
        "127.0.0.2": "refused",
    }
    assert_passes(run, "protocol", "ssh")
    assert run.exit_code == 0, run.describe()


def test_resolver_option_points_a_test_name_at_the_server(
    sftpcheck: Runner, dns_server: DnsServer, sshd: SshServer
) -> None:
    with dns_server.pointing({"drop.sftp.test": [sshd.host]}):
        run = sftpcheck(
            "drop.sftp.test",
            "--port",
            str(sshd.port),
            "--resolver",
            dns_server.resolver_option,
            "--timeout",
            "3",
        )
    assert_passes(run, "dns", "tcp", "protocol", "ssh")
    assert run.check("ssh")["details"]["fingerprint"] == sshd.fingerprint


def test_a_literal_address_not_in_the_vendor_list_is_named_as_an_address(
    sftpcheck: Runner, sshd: SshServer
) -> None:
    run = sftpcheck(
        "127.0.0.1",
        "--port",
        str(sshd.port),
        "--expect-ip",
        "127.0.0.9",
        "--no-upload",
        "--timeout",
        "3",
    )
    assert run.code("dns") == "dns.unexpected_address", run.describe()
    assert run.summary("dns") == "The address 127.0.0.1 is not in the vendor's list (127.0.0.9)."


def test_a_failing_address_from_the_vendor_list_is_named_as_the_vendors(
    sftpcheck: Runner, sshd: SshServer
) -> None:
    """127.0.0.2 comes only from --expect-ip: the name itself has one address."""
    run = sftpcheck(
        "127.0.0.1",
        "--port",
        str(sshd.port),
        "--expect-ip",
        "127.0.0.1",
        "--expect-ip",
        "127.0.0.2",
        "--no-upload",
        "--timeout",
        "3",
    )
    assert run.code("tcp") == "tcp.partial", run.describe()
    assert "127.0.0.2 (from the vendor list) refused the connection" in run.summary("tcp")
    assert "the vendor lists several for firewalls" in run.check("tcp")["explanation"]
