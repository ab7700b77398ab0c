"""The tcp check when the client goes through a proxy: one connection, opened by the proxy.

The socket it opens is the run's one connection (`session.connection`): the protocol and
ssh checks read and log in on it, so the server sees the proxy's one connection, as it
would see the district's client.
"""

from __future__ import annotations

import time

from sftpcheck.check.session import Connection, Session
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.net.proxy import (
    PROXY_SILENT,
    Failure,
    Proxy,
    ProxyFailure,
    ProxyKind,
    connect_through,
)
from sftpcheck.reasons import proxy as reasons

_FAILURE_REASONS: dict[Failure, Reason] = {
    Failure.REFUSED: reasons.TCP_PROXY_REFUSED,
    Failure.TIMEOUT: reasons.TCP_PROXY_TIMEOUT,
    Failure.DENIED: reasons.TCP_PROXY_DENIED,
    Failure.AUTH: reasons.TCP_PROXY_AUTH,
    Failure.CANNOT_REACH: reasons.TCP_PROXY_CANNOT_REACH,
}


def check_tcp_via_proxy(session: Session) -> Outcome:
    """Ask the proxy to connect to the server; keep the connection for the later checks."""
    options = session.options
    proxy = options.proxy
    assert proxy is not None, "check_tcp_via_proxy runs only with --proxy"
    destination = _destination(proxy, options.host, session.addresses)
    details: dict[str, object] = {
        "proxy": proxy.url,
        "proxy_type": proxy.kind.value,
        "destination": destination,
        "proxy_resolves_name": proxy.resolves_names,
    }
    facts = (Fact("Proxy", proxy.url),)
    if destination is None:
        return Outcome(
            status=Status.FAIL,
            summary=f"A SOCKS4 proxy can only reach IPv4 addresses, and {options.host} has "
            f"none ({', '.join(session.addresses) or 'no address'}). Use SOCKS5 instead.",
            reason=reasons.TCP_PROXY_DENIED,
            details=details,
            facts=facts,
        )
    started = time.monotonic()
    try:
        sock = connect_through(proxy, destination, options.port, options.timeout)
    except ProxyFailure as failure:
        return Outcome(
            status=Status.FAIL,
            summary=_failure_summary(proxy, failure, destination, options.port, options.timeout),
            reason=_FAILURE_REASONS[failure.kind],
            details={**details, "failure": failure.kind.value, "answer": failure.answer},
            facts=facts,
        )
    elapsed_ms = round((time.monotonic() - started) * 1000)
    session.connection = Connection(sock, address=destination, via_proxy=proxy.url)
    session.connect_address = destination
    who = "the proxy looked up the name" if proxy.resolves_names else "looked up here"
    return Outcome(
        status=Status.PASS,
        summary=f"The proxy {proxy.url} connected to {destination} on port {options.port} ({who}).",
        details={**details, "elapsed_ms": elapsed_ms},
        facts=facts,
    )


def _destination(proxy: Proxy, host: str, addresses: tuple[str, ...]) -> str | None:
    """What the proxy is asked to reach: the name, as the client sends it, where it can."""
    if proxy.kind is not ProxyKind.SOCKS4:
        return host
    return next((address for address in addresses if ":" not in address), None)


def _failure_summary(
    proxy: Proxy, failure: ProxyFailure, destination: str, port: int, timeout: float
) -> str:
    said = f" It answered: '{failure.answer}'." if failure.answer else ""
    where = f"{destination} port {port}"
    if failure.kind is Failure.REFUSED:
        return f"The proxy {proxy.url} could not be used: {failure.detail}.{said}"
    if failure.kind is Failure.TIMEOUT and failure.detail == PROXY_SILENT:
        return f"The proxy {proxy.url} did not accept a connection within {timeout:g} s."
    if failure.kind is Failure.TIMEOUT:
        return (
            f"The proxy {proxy.url} gave no answer within {timeout:g} s when asked to connect "
            f"to {where}.{said}"
        )
    if failure.kind is Failure.AUTH:
        login = f" as {proxy.username}" if proxy.username else " (no proxy login was given)"
        return f"The proxy {proxy.url} did not accept the login{login}.{said}"
    if failure.kind is Failure.CANNOT_REACH:
        return f"The proxy {proxy.url} could not connect to {where}.{said}"
    return f"The proxy {proxy.url} refused to connect to {where}.{said}"
