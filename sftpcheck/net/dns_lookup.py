"""Name resolution behind the dns check: the hosts file first, as the system does, then DNS.

This is the network seam of the dns check: it returns a plain Resolution value, so the
check's decisions can be tested with canned resolutions.
"""

from __future__ import annotations

import enum
import os
import socket
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sftpcheck.outside import quoted


class LookupFailure(enum.Enum):
    """Why a lookup found no address (None on the Resolution means it found some)."""

    NXDOMAIN = "nxdomain"
    NO_ADDRESS = "no_address"
    TIMEOUT = "timeout"
    SERVFAIL = "servfail"
    # No DNS server could even be sent the question: no network, or no route to it.
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class Resolution:
    """What asking for a name gave: addresses, the CNAME chain, where the answer came from."""

    addresses: tuple[str, ...] = ()
    cname_chain: tuple[str, ...] = ()
    source: str = "dns"
    servers: tuple[str, ...] = ()
    error: LookupFailure | None = None
    error_text: str = ""
    notes: tuple[str, ...] = field(default=())


def default_hosts_file() -> Path:
    if sys.platform == "win32":
        root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        return Path(root) / "System32" / "drivers" / "etc" / "hosts"
    return Path("/etc/hosts")


def lookup_hosts_file(name: str, path: Path) -> tuple[str, ...]:
    """Addresses the hosts file gives `name`, in file order (what the system uses first)."""
    wanted = name.rstrip(".").lower()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    found: list[str] = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2 and wanted in (alias.lower() for alias in fields[1:]):
            address = fields[0].split("%", 1)[0]
            if address not in found:
                found.append(address)
    return tuple(found)


def resolve_with_dns(
    name: str, resolvers: tuple[tuple[str, int], ...], timeout: float
) -> Resolution:
    """Ask for A and AAAA at the same time, each within `timeout`; follow CNAMEs."""
    import dns.exception
    import dns.resolver

    try:
        resolver = _make_resolver(resolvers, timeout)
    except dns.resolver.NoResolverConfiguration:
        return _resolve_with_system(name, timeout)
    servers = tuple(_server_words(server) for server in resolver.nameservers)
    answers: dict[str, object] = {}

    def ask(rdtype: str) -> None:
        try:
            answers[rdtype] = resolver.resolve(name, rdtype, raise_on_no_answer=False)
        except (dns.exception.DNSException, OSError) as error:
            answers[rdtype] = error

    threads = [
        threading.Thread(target=ask, args=(rdtype,), daemon=True) for rdtype in ("A", "AAAA")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        # dnspython's lifetime bounds each query; the margin covers its ~10 % overshoot.
        thread.join(timeout * 1.2 + 0.5)
    return _combine(answers, servers, timeout)


def _server_words(server: object) -> str:
    """`127.0.0.1`, `127.0.0.1:5353` or `[::1]:5353`: the form --resolver takes, not
    dnspython's `Do53:127.0.0.1@5353`."""
    address = str(getattr(server, "address", server))
    port = getattr(server, "port", 53)
    if port == 53:
        return address
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def _make_resolver(resolvers: tuple[tuple[str, int], ...], timeout: float) -> Any:
    import dns.nameserver
    import dns.resolver

    resolver = dns.resolver.Resolver(configure=not resolvers)
    if resolvers:
        resolver.nameservers = [
            dns.nameserver.Do53Nameserver(address, port) for address, port in resolvers
        ]
    resolver.lifetime = timeout
    resolver.timeout = timeout
    return resolver


def _combine(answers: dict[str, object], servers: tuple[str, ...], timeout: float) -> Resolution:
    import dns.resolver

    addresses: list[str] = []
    chain: list[str] = []
    errors: list[LookupFailure] = []
    texts: list[str] = []
    for rdtype in ("A", "AAAA"):
        answer = answers.get(rdtype)
        if isinstance(answer, dns.resolver.Answer):
            chain = chain or _cname_chain(answer)
            if answer.rrset is not None:
                addresses += [rdata.to_text() for rdata in answer.rrset]
            continue
        kind = _classify(answer, timeout)
        errors.append(kind)
        texts.append(f"{rdtype}: {_error_words(answer)}")
    if addresses:
        return Resolution(addresses=tuple(addresses), cname_chain=tuple(chain), servers=servers)
    error = next(
        (
            kind
            for kind in (
                LookupFailure.NXDOMAIN,
                LookupFailure.TIMEOUT,
                LookupFailure.SERVFAIL,
                LookupFailure.UNREACHABLE,
            )
            if kind in errors
        ),
        LookupFailure.NO_ADDRESS,
    )
    return Resolution(
        cname_chain=tuple(chain),
        servers=servers,
        error=error,
        error_text=quoted("; ".join(texts)),
    )


def _classify(error: object, timeout: float) -> LookupFailure:
    import dns.exception
    import dns.resolver

    if isinstance(error, dns.resolver.NXDOMAIN):
        return LookupFailure.NXDOMAIN
    if isinstance(error, dns.exception.Timeout) or error is None:
        return LookupFailure.TIMEOUT
    if isinstance(error, OSError):
        return LookupFailure.UNREACHABLE
    if isinstance(error, dns.resolver.NoNameservers):
        # dnspython says "no nameservers" both for a server's SERVFAIL and for a question
        # that never left this computer (Network is unreachable); only the first replied.
        failures = [entry[3] for entry in error.kwargs.get("errors", ())]
        if failures and all(isinstance(failure, OSError) for failure in failures):
            return LookupFailure.UNREACHABLE
        return LookupFailure.SERVFAIL
    return LookupFailure.NO_ADDRESS


def _error_words(error: object) -> str:
    """What went wrong, in words: an OS error without its `[Errno N]` prefix."""
    if error is None:
        return "no reply"
    import dns.resolver

    if isinstance(error, dns.resolver.NoNameservers):
        failures = [entry[3] for entry in error.kwargs.get("errors", ())]
        if failures and all(isinstance(failure, OSError) for failure in failures):
            error = failures[0]
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _cname_chain(answer: object) -> list[str]:
    chaining = getattr(answer, "chaining_result", None)
    if chaining is None:
        return []
    # The DNS server's names, quoted: they are only shown.
    names = [quoted(rrset.name.to_text(omit_final_dot=True)) for rrset in chaining.cnames]
    if names:
        names.append(quoted(chaining.canonical_name.to_text(omit_final_dot=True)))
    return names


def _resolve_with_system(name: str, timeout: float) -> Resolution:
    """No DNS configuration for dnspython to read: ask the operating system instead."""
    result: list[object] = []

    def ask() -> None:
        try:
            result.append(socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP))
        except OSError as error:
            result.append(error)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    thread.join(timeout)
    if not result:
        return Resolution(source="system", error=LookupFailure.TIMEOUT, error_text="no reply")
    outcome = result[0]
    if isinstance(outcome, socket.gaierror):
        kind = (
            LookupFailure.TIMEOUT if outcome.errno == socket.EAI_AGAIN else LookupFailure.NXDOMAIN
        )
        return Resolution(source="system", error=kind, error_text=str(outcome))
    if isinstance(outcome, OSError):
        return Resolution(source="system", error=LookupFailure.SERVFAIL, error_text=str(outcome))
    addresses: list[str] = []
    for *_, sockaddr in outcome:  # type: ignore[attr-defined]
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    return Resolution(addresses=tuple(addresses), source="system")
