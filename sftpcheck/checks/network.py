"""The network checks: dns (the name), tcp (the port), protocol (what answers)."""

from __future__ import annotations

import ipaddress
import socket

from sftpcheck.checks import dns_lookup, probes, seen
from sftpcheck.checks.base import Connection, Session
from sftpcheck.checks.dns_lookup import LookupFailure, Resolution
from sftpcheck.checks.probes import Connect, ConnectResult, Greeting, Heard
from sftpcheck.checks.ssh_wire import CLIENT_GREETING
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.reasons import network as reasons
from sftpcheck.target import is_ip_address

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


_CONNECT_REASONS: dict[Connect, Reason] = {
    Connect.REFUSED: reasons.TCP_REFUSED,
    Connect.UNREACHABLE: reasons.TCP_UNREACHABLE,
    Connect.TIMEOUT: reasons.TCP_TIMEOUT,
    Connect.ERROR: reasons.TCP_UNREACHABLE,
}
_CONNECT_WORDS = {
    Connect.OPEN: "accepts connections",
    Connect.REFUSED: "refused the connection",
    Connect.UNREACHABLE: "cannot be reached (no route)",
    Connect.TIMEOUT: "gave no answer",
    Connect.ERROR: "could not be tried",
}


def check_tcp(session: Session) -> Outcome:
    """Each address accepts a TCP connection on the port; probed all at once."""
    options = session.options
    if options.proxy is not None:
        from sftpcheck.checks.proxied import check_tcp_via_proxy

        return check_tcp_via_proxy(session)
    results, opened = probes.probe_addresses(session.addresses, options.port, options.timeout)
    details = {
        "addresses": {r.address: r.outcome.value for r in results},
        "local_addresses": {r.address: r.local_address for r in results},
        "errors": {r.address: r.error_text for r in results if r.error_text},
        "elapsed_ms": {r.address: r.elapsed_ms for r in results},
    }
    facts = _source_facts(results)
    answered = [r for r in results if r.outcome is Connect.OPEN]
    # With no IPv6 route here, clients quietly use IPv4: that is not a partial failure.
    no_ipv6 = [r for r in results if answered and _no_ipv6_route(r)]
    failed = [r for r in results if r.outcome is not Connect.OPEN and r not in no_ipv6]
    if answered:
        session.connect_address = answered[0].address
        _keep_connections(session, opened)
    else:
        for sock in opened.values():
            sock.close()
    port = options.port
    if answered and not failed:
        where = ", ".join(r.address for r in answered)
        skipped = (
            f" This network has no IPv6, so {', '.join(r.address for r in no_ipv6)} "
            "could not be tried."
            if no_ipv6
            else ""
        )
        return Outcome(
            status=Status.PASS,
            summary=f"{where} {'accept' if len(answered) > 1 else 'accepts'} connections on "
            f"port {port}.{skipped}",
            details=details,
            facts=facts,
        )
    if answered:
        listed_only = set(options.expect_ips) - set(session.resolved)
        return Outcome(
            status=Status.WARN,
            summary=f"{len(answered)} of {len(results)} addresses answer on port {port}; "
            + "; ".join(
                f"{r.address}{' (from the vendor list)' if r.address in listed_only else ''} "
                f"{_CONNECT_WORDS[r.outcome]}"
                for r in failed
            )
            + ".",
            reason=reasons.TCP_PARTIAL,
            details=details,
            facts=facts,
        )
    worst = _most_telling(failed)
    sighting = seen.recent_sighting(options.host, port)
    blocked_note = (
        f" Yet {sighting.words()}: if nothing changed on either side since, the server "
        "most likely blocks this address for now (as fail2ban does). Wait at least 15 "
        "minutes; do not retry in a loop."
        if sighting is not None
        else ""
    )
    return Outcome(
        status=Status.FAIL,
        summary=_connect_failure_summary(failed, worst, port, options.timeout) + blocked_note,
        reason=_CONNECT_REASONS[worst],
        details=details,
        facts=facts,
    )


def _keep_connections(session: Session, opened: dict[str, socket.socket]) -> None:
    """The first address's connection goes on to the protocol and ssh steps; the others
    stay open for the login on each address after the main login (see check_auth)."""
    address = session.connect_address
    main = opened.pop(address, None) if address else None
    if main is not None:
        session.connection = Connection(sock=main, address=main.getpeername()[0])
    session.spare_connections = {
        extra: Connection(sock=sock, address=extra) for extra, sock in opened.items()
    }


def _no_ipv6_route(result: ConnectResult) -> bool:
    return ":" in result.address and result.error_text.startswith("ENETUNREACH")


def _most_telling(failed: list[ConnectResult]) -> Connect:
    """A refusal proves the host is there, so it says most; silence says least."""
    order = (Connect.REFUSED, Connect.UNREACHABLE, Connect.ERROR, Connect.TIMEOUT)
    outcomes = {r.outcome for r in failed}
    return next(outcome for outcome in order if outcome in outcomes)


def _connect_failure_summary(
    failed: list[ConnectResult], worst: Connect, port: int, timeout: float
) -> str:
    addresses = ", ".join(r.address for r in failed if r.outcome is worst)
    if worst is Connect.TIMEOUT:
        return f"No answer from {addresses} on port {port} within {timeout:g} s."
    return f"{addresses} {_CONNECT_WORDS[worst]} on port {port}."


def _source_facts(results: list[ConnectResult]) -> tuple[Fact, ...]:
    sources = sorted({r.local_address for r in results if r.local_address})
    if not sources:
        return ()
    note = ""
    if any(_is_private(address) for address in sources):
        # Behind NAT the vendor sees the district's public address, not this one.
        note = " (private: the vendor sees your district's public address instead)"
    return (Fact("This computer's address", ", ".join(sources) + note),)


def _is_private(address: str) -> bool:
    parsed = ipaddress.ip_address(address.split("%", 1)[0])
    return parsed.is_private and not parsed.is_loopback


_GREETING_REASONS: dict[Heard, Reason] = {
    Heard.OLD_SSH: reasons.PROTOCOL_OLD_SSH,
    Heard.FTP: reasons.PROTOCOL_FTP,
    Heard.SMTP: reasons.PROTOCOL_NOT_SSH,
    Heard.HTTP: reasons.PROTOCOL_NOT_SSH,
    Heard.TLS: reasons.PROTOCOL_NOT_SSH,
    Heard.OTHER: reasons.PROTOCOL_NOT_SSH,
    Heard.HUNG_UP_ON_GREETING: reasons.PROTOCOL_NOT_SSH,
    Heard.SILENT: reasons.PROTOCOL_NO_BANNER,
    Heard.CLOSED: reasons.PROTOCOL_CLOSED,
    Heard.RESET: reasons.PROTOCOL_CLOSED,
    Heard.TOO_MANY_CONNECTIONS: reasons.PROTOCOL_THROTTLED,
}


def check_protocol(session: Session) -> Outcome:
    """Read what the server says first: SSH, FTP, something else, or silence.

    It reads on the tcp step's connection, which then goes on to the SSH engine with
    every byte read so far.
    """
    options = session.options
    connection = session.connection
    address = connection.address if connection else (session.connect_address or options.host)
    if connection is None:
        # The tcp step saw the connection open and at once reset: nothing was said.
        greeting = probes.Greeting(probes.Heard.RESET, "", 0, False, 0)
    else:
        greeting = probes.read_greeting(connection.sock, options.timeout)
        connection.received = greeting.raw
        connection.sent_greeting = CLIENT_GREETING if greeting.we_spoke else b""
        if greeting.heard in (Heard.CLOSED, Heard.RESET) and connection.via_proxy is None:
            # Gone before a word, after our greeting: a server that hangs up on everyone, or
            # a TLS service that hangs up on an SSH line. A second connection that waits
            # before it speaks tells them apart (only on this failure path).
            greeting = _listen_quietly(address, options.port, options.timeout, greeting)
    details = {
        "address": address,
        "heard": greeting.heard.value,
        "first_line": greeting.first_line,
        "bytes_received": greeting.received,
        "sftpcheck_spoke_first": greeting.we_spoke,
    }
    if greeting.heard is Heard.SSH:
        software = probes.ssh_software(greeting.first_line)
        seen.remember(options.host, options.port, software)
        session.server_algorithms = greeting.algorithms
        return Outcome(
            status=Status.PASS,
            summary=f"An SSH server answered: {greeting.first_line}",
            details={**details, "software": software},
            facts=(Fact("Server software", software),),
        )
    session.close_connections()
    sighting = seen.recent_sighting(options.host, options.port)
    if greeting.heard in (Heard.CLOSED, Heard.RESET) and sighting is not None:
        return Outcome(
            status=Status.FAIL,
            summary=f"The server hangs up at once, though {sighting.words()}. It is most "
            "likely turning this address away for now (too many connections or failed "
            "logins). Wait at least 15 minutes; do not retry in a loop.",
            reason=reasons.PROTOCOL_THROTTLED,
            details={**details, "answered_before": sighting.when},
        )
    return Outcome(
        status=Status.FAIL,
        summary=_greeting_summary(greeting, options.port, options.timeout),
        reason=_GREETING_REASONS[greeting.heard],
        details=details,
    )


def _listen_quietly(address: str, port: int, timeout: float, first: Greeting) -> Greeting:
    try:
        sock = socket.create_connection((address, port), timeout=timeout)
    except OSError:
        return first
    with sock:
        return probes.read_greeting(sock, timeout, speak_first=False)


def _greeting_summary(greeting: Greeting, port: int, timeout: float) -> str:
    said = f"'{greeting.first_line}'"
    if greeting.heard is Heard.FTP:
        ftp_port = " Port 21 is the FTP port." if port == 21 else ""
        return (
            f"An FTP server answered on port {port} ({said}). This is FTP, not SFTP: set the "
            f"client to SFTP on port 22.{ftp_port}"
        )
    if greeting.heard is Heard.SILENT:
        if greeting.received:
            return (
                f"The server sent only {greeting.received} bytes ({said}) in {timeout:g} s; "
                "a full SSH greeting never arrived."
            )
        return f"The connection opened, but the server said nothing within {timeout:g} s."
    return {
        Heard.OLD_SSH: f"The server speaks SSH version 1 ({said}), which no modern client uses.",
        Heard.SMTP: f"A mail (SMTP) server answered on port {port} ({said}), not SFTP.",
        Heard.HTTP: f"A web (HTTP) server answered on port {port} ({said}), not SFTP.",
        Heard.TLS: f"A TLS service (such as HTTPS or FTPS) answered on port {port}, not SFTP.",
        Heard.OTHER: f"Something other than SSH answered on port {port}: {said}.",
        Heard.HUNG_UP_ON_GREETING: (
            f"The server stayed silent, then hung up when greeted in SSH. It is not an SFTP "
            f"server; it may be a TLS service (HTTPS or FTPS) on port {port}."
        ),
        Heard.CLOSED: "The server closed the connection at once, before saying anything.",
        Heard.TOO_MANY_CONNECTIONS: f"The server said {said} and hung up: it has too many "
        "connections from this address, or in all, for now. Wait at least 15 minutes; do not "
        "retry in a loop.",
        Heard.RESET: "The server reset the connection at once, before saying anything.",
    }[greeting.heard]
