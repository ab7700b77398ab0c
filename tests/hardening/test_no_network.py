"""Item 10: a computer with no network is told so, not that a DNS server failed.

Run inside a fresh network namespace holding only a loopback: the question for the
system's DNS server (from /etc/resolv.conf) or a --resolver address cannot leave at all.
"""

from __future__ import annotations

import pytest

from tests.check.run import Runner, assert_stops_at
from tests.servers.netns import NetNamespace


@pytest.mark.parametrize(
    "resolver_args",
    [[], ["--resolver", "192.0.2.53"]],
    ids=["system-resolver", "given-resolver"],
)
def test_no_route_to_the_resolver_is_unreachable_not_servfail(
    sftpcheck: Runner, netns: NetNamespace, resolver_args: list[str]
) -> None:
    run = sftpcheck("sftp.vendor.example", *resolver_args, "--timeout", "3", namespace=netns)
    assert_stops_at(run, "dns", "dns.unreachable")
    summary = run.summary("dns")
    assert "could be reached" in summary, run.describe()
    assert "Errno" not in summary, run.describe()
    assert "Do53" not in summary, run.describe()
