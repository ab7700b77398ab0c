"""The dns check: the name resolves, and which addresses a firewall must allow."""

from __future__ import annotations

from sftpcheck.check.session import Session
from sftpcheck.check.target import is_ip_address
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.net import dns_lookup
from sftpcheck.net.dns_lookup import LookupFailure, Resolution
from sftpcheck.reasons import network as reasons

_LOOKUP_REASONS: dict[LookupFailure, Reason] = {
    LookupFailure.NXDOMAIN: reasons.DNS_NXDOMAIN,
    LookupFailure.NO_ADDRESS: reasons.DNS_NO_ADDRESS,
    LookupFailure.TIMEOUT: reasons.DNS_TIMEOUT,
    LookupFailure.SERVFAIL: reasons.DNS_SERVFAIL,
    LookupFailure.UNREACHABLE: reasons.DNS_UNREACHABLE,
}


def resolve(session: Session) -> Resolution:
    """The hosts file first (as the operating system does), unless --resolver was given."""
    options = session.options
    if not options.resolvers:
        hosts_file = options.hosts_file or dns_lookup.default_hosts_file()
        found = dns_lookup.lookup_hosts_file(options.host, hosts_file)
        if found:
            return Resolution(addresses=found, source=f"hosts file {hosts_file}")
    return dns_lookup.resolve_with_dns(options.host, options.resolvers, options.timeout)


def check_dns(session: Session) -> Outcome:
    """The name resolves; list every address a firewall must allow."""
    options = session.options
    host = options.host
    if options.proxy is not None and options.proxy.resolves_names and not is_ip_address(host):
        # The client sends the name to the proxy, which looks it up: so does sftpcheck.
        return Outcome(
            status=Status.PASS,
            summary=f"Not looked up here: the proxy {options.proxy.url} looks up {host}, as "
            "your client's proxy would.",
            details={"addresses": [], "source": "proxy", "proxy": options.proxy.url},
        )
    if is_ip_address(host):
        resolution = Resolution(addresses=(host,), source="address given")
    else:
        resolution = resolve(session)
    details = {
        "addresses": list(resolution.addresses),
        "cname_chain": list(resolution.cname_chain),
        "source": resolution.source,
        "servers": list(resolution.servers),
        "expected": list(options.expect_ips),
    }
    if resolution.error is not None:
        asked = ", ".join(resolution.servers) or "the system's DNS"
        return Outcome(
            status=Status.FAIL,
            summary=_lookup_failure_summary(host, resolution.error, asked, options.timeout),
            reason=_LOOKUP_REASONS[resolution.error],
            details={**details, "error": resolution.error_text},
        )
    session.resolved = resolution.addresses
    session.addresses = _with_expected(resolution.addresses, options.expect_ips)
    facts = [
        Fact("Addresses to allow", f"{', '.join(session.addresses)} (TCP port {options.port})")
    ]
    if resolution.cname_chain:
        facts.append(Fact("Name chain", " -> ".join(resolution.cname_chain)))
    unexpected = [
        a for a in resolution.addresses if options.expect_ips and a not in options.expect_ips
    ]
    if unexpected:
        found = (
            f"The address {host} is"
            if resolution.source == "address given"
            else f"{host} resolves to {', '.join(unexpected)}, which is"
        )
        return Outcome(
            status=Status.WARN,
            summary=f"{found} not in the vendor's list ({', '.join(options.expect_ips)}).",
            reason=reasons.DNS_UNEXPECTED_ADDRESS,
            details={**details, "unexpected": unexpected},
            facts=tuple(facts),
        )
    if resolution.source == "address given":
        summary = f"{host} is an IP address; no lookup needed."
    else:
        via = f" (via {' -> '.join(resolution.cname_chain)})" if resolution.cname_chain else ""
        summary = f"{host} resolves to {', '.join(resolution.addresses)}{via}."
    return Outcome(status=Status.PASS, summary=summary, details=details, facts=tuple(facts))


def _with_expected(resolved: tuple[str, ...], expected: tuple[str, ...]) -> tuple[str, ...]:
    return resolved + tuple(address for address in expected if address not in resolved)


def _lookup_failure_summary(host: str, error: LookupFailure, asked: str, timeout: float) -> str:
    return {
        LookupFailure.NXDOMAIN: f"The name {host} does not exist (the DNS server {asked} says so).",
        LookupFailure.NO_ADDRESS: f"The name {host} exists but has no IPv4 or IPv6 address.",
        LookupFailure.TIMEOUT: f"No DNS server answered for {host} within {timeout:g} s "
        f"(asked {asked}).",
        LookupFailure.SERVFAIL: f"The DNS server failed or refused to look up {host} "
        f"(asked {asked}).",
        LookupFailure.UNREACHABLE: f"No DNS server could be reached to look up {host}: "
        f"this computer has no network, or no route to {asked}.",
    }[error]
