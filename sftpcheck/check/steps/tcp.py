"""The tcp check: each address accepts a connection on the port. The first one that does
is the run's one connection, which the protocol and ssh steps go on with."""

from __future__ import annotations

import ipaddress
import socket

from sftpcheck.check.session import Connection, Session
from sftpcheck.check.steps.tcp_proxy import check_tcp_via_proxy
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.net import probes, seen
from sftpcheck.net.probes import Connect, ConnectResult
from sftpcheck.reasons import network as reasons

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
    # A server stopped since then refuses just as one that blocks this address does: the
    # memory says which server, not which of the two.
    blocked_note = (
        f" Yet {sighting.words()}. It may be blocking this address for now (as fail2ban "
        "does), or be down. A try from another network tells them apart (a phone's "
        "hotspot will do): if it answers there, this address is blocked, so wait at least "
        "15 minutes and do not retry in a loop; if it refuses there too, ask the vendor "
        "whether the service is up."
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
