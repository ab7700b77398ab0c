"""The tcp check: a closed port, and firewalls that drop or reject, in a network namespace."""

from __future__ import annotations

from tests.check.run import Runner, assert_passes, assert_stops_at
from tests.servers.faults import FaultServer
from tests.servers.netns import NetNamespace
from tests.servers.processes import free_port
from tests.servers.sshd import SftpDrop, run_sshd

PORT = 2222  # inside a fresh namespace every port is free


def test_closed_port_is_refused(sftpcheck: Runner) -> None:
    port = free_port()
    run = sftpcheck("127.0.0.1", "--port", str(port), "--timeout", "3")
    assert_stops_at(run, "tcp", "tcp.refused")
    assert str(port) in run.summary("tcp")


def test_dropping_firewall_is_a_timeout(sftpcheck: Runner, netns: NetNamespace) -> None:
    netns.drop(PORT)
    run = sftpcheck("127.0.0.1", "--port", str(PORT), "--timeout", "2", namespace=netns)
    assert_stops_at(run, "tcp", "tcp.timeout")
    assert "127.0.0.1" in run.summary("tcp")


def test_rejecting_firewall_is_unreachable(sftpcheck: Runner, netns: NetNamespace) -> None:
    netns.reject_unreachable(PORT)
    run = sftpcheck("127.0.0.1", "--port", str(PORT), "--timeout", "2", namespace=netns)
    assert_stops_at(run, "tcp", "tcp.unreachable")


def test_four_dropped_addresses_take_one_timeout_not_four(
    sftpcheck: Runner, netns: NetNamespace
) -> None:
    addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"]
    netns.write_hosts({"four.sftp.test": addresses})
    netns.drop(PORT)
    run = sftpcheck("four.sftp.test", "--port", str(PORT), "--timeout", "3", namespace=netns)
    assert run.check("dns")["details"]["addresses"] == addresses, run.describe()
    assert_stops_at(run, "tcp", "tcp.timeout")
    assert run.check("tcp")["details"]["addresses"] == dict.fromkeys(addresses, "timeout")
    # That the four are tried at once, not one after another, is a speed goal: bench/dropped.py.


def test_full_backlog_without_root_is_a_timeout(sftpcheck: Runner, fault_server) -> None:
    server: FaultServer = fault_server("firewall_no_root")
    run = sftpcheck("127.0.0.1", "--port", str(server.port), "--timeout", "2")
    assert_stops_at(run, "tcp", "tcp.timeout")


def test_an_ipv4_only_network_passes_a_vendor_that_publishes_an_ipv6_address(
    sftpcheck: Runner, netns: NetNamespace, openssh_drop: SftpDrop
) -> None:
    """The namespace has no IPv6 route (only ::1 on its loopback); the vendor's name has an
    IPv6 address too, and the vendor lists both for allowlists. Clients quietly use IPv4
    there: a pass with a note, not tcp.partial."""
    name, ipv6 = "vendor.sftp.test", "2001:db8::2"
    netns.write_hosts({name: ["127.0.0.1", ipv6]})
    with run_sshd(openssh_drop, "drop", namespace=netns) as server:
        account = server.accounts["district"]
        run = sftpcheck(
            name,
            "--port",
            str(server.port),
            "--user",
            account.username,
            "--expect-fingerprint",
            server.fingerprint,
            "--expect-ip",
            "127.0.0.1",
            "--expect-ip",
            ipv6,
            "--no-upload",
            "--timeout",
            "5",
            password=account.password,
            namespace=netns,
        )
    assert ipv6 in run.check("dns")["details"]["addresses"], run.describe()
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir")
    assert "no IPv6" in run.summary("tcp"), run.describe()
    assert run.exit_code == 0, run.describe()
