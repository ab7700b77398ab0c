"""A real DNS server (dnslib) on 127.0.0.1 serving the zone `sftp.test`, and a silent one.

Each name shows one way a server name goes wrong for a district. Tests can point more
names at addresses (`DnsServer.pointing`), e.g. a name at the test sshd's address.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

ZONE = "sftp.test."

# name -> list of (record type, value). Addresses for A/AAAA, a name for CNAME, text otherwise.
STANDARD_RECORDS: dict[str, list[tuple[str, str]]] = {
    "ok.sftp.test.": [("A", "127.0.0.1")],
    "v6.sftp.test.": [("AAAA", "::1")],
    "cname.sftp.test.": [("CNAME", "ok.sftp.test.")],
    # The second address has no server on it: connections there are refused.
    "two.sftp.test.": [("A", "127.0.0.1"), ("A", "127.0.0.2")],
    # The name exists (so not NXDOMAIN) but has no address.
    "noaddr.sftp.test.": [("TXT", "v=spf1 -all"), ("MX", "mail.sftp.test.")],
    "mail.sftp.test.": [("A", "127.0.0.1")],
}
# Names answered with an error code instead of records.
ERROR_NAMES = {"servfail.sftp.test.": "SERVFAIL", "refused.sftp.test.": "REFUSED"}


@dataclass
class DnsServer:
    """A running DNS server. `records` may be changed while it runs (see `pointing`)."""

    host: str
    port: int
    records: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    queries: list[tuple[str, str]] = field(default_factory=list)

    @property
    def resolver_option(self) -> str:
        """The value for `sftpcheck check --resolver`."""
        return f"{self.host}:{self.port}"

    @contextlib.contextmanager
    def pointing(self, names: Mapping[str, Sequence[str]]) -> Iterator[None]:
        """Answer `names` with these addresses (A or AAAA by their form) for a while."""
        saved = {name: self.records.get(_fqdn(name)) for name in names}
        for name, addresses in names.items():
            self.records[_fqdn(name)] = [
                ("AAAA" if ":" in address else "A", address) for address in addresses
            ]
        try:
            yield
        finally:
            for name, old in saved.items():
                if old is None:
                    self.records.pop(_fqdn(name), None)
                else:
                    self.records[_fqdn(name)] = old


def _fqdn(name: str) -> str:
    return name if name.endswith(".") else name + "."


def _make_resolver(server: DnsServer) -> object:
    from dnslib import AAAA, CNAME, MX, QTYPE, RCODE, RR, SOA, TXT, A
    from dnslib.server import BaseResolver

    builders = {
        "A": A,
        "AAAA": AAAA,
        "CNAME": CNAME,
        "TXT": TXT,
        "MX": MX,
    }
    soa = RR(
        ZONE,
        QTYPE.SOA,
        rdata=SOA("ns.sftp.test.", "admin.sftp.test.", (1, 3600, 600, 86400, 60)),
        ttl=60,
    )

    class ZoneResolver(BaseResolver):
        def resolve(self, request: object, handler: object) -> object:
            reply = request.reply()
            qname = str(request.q.qname).lower()
            qtype = QTYPE[request.q.qtype]
            server.queries.append((qname, qtype))
            if qname in ERROR_NAMES:
                reply.header.rcode = getattr(RCODE, ERROR_NAMES[qname])
                return reply
            name = qname
            for _ in range(8):  # follow CNAMEs inside the zone, as a real server does
                records = server.records.get(name)
                if records is None:
                    break
                aliases = [value for kind, value in records if kind == "CNAME"]
                if aliases and qtype != "CNAME":
                    reply.add_answer(RR(name, QTYPE.CNAME, rdata=CNAME(aliases[0]), ttl=60))
                    name = aliases[0].lower()
                    continue
                for kind, value in records:
                    if qtype in (kind, "ANY"):
                        rtype = getattr(QTYPE, kind)
                        reply.add_answer(RR(name, rtype, rdata=builders[kind](value), ttl=60))
                break
            if name not in server.records:
                reply.header.rcode = RCODE.NXDOMAIN
            if not reply.rr:
                reply.add_auth(soa)  # NXDOMAIN or NODATA carry the zone's SOA
            return reply

    return ZoneResolver()


@contextlib.contextmanager
def run_dns_server(
    records: Mapping[str, list[tuple[str, str]]] | None = None,
) -> Iterator[DnsServer]:
    """dnslib on 127.0.0.1 with a free UDP port, answering the `sftp.test` zone."""
    from dnslib.server import DNSLogger
    from dnslib.server import DNSServer as DnslibServer

    server = DnsServer(host="127.0.0.1", port=0)
    server.records.update({_fqdn(k): list(v) for k, v in (records or STANDARD_RECORDS).items()})
    quiet = DNSLogger(log="-request,-reply,-truncated,-error", logf=lambda *_: None)
    dnslib_server = DnslibServer(_make_resolver(server), port=0, address="127.0.0.1", logger=quiet)
    server.port = int(dnslib_server.server.server_address[1])
    dnslib_server.start_thread()
    try:
        yield server
    finally:
        dnslib_server.stop()
        dnslib_server.server.server_close()
        dnslib_server.thread.join(timeout=5)


@dataclass(frozen=True)
class SilentDns:
    """A UDP port that takes DNS queries and never answers: a resolver behind a firewall."""

    host: str
    port: int

    @property
    def resolver_option(self) -> str:
        return f"{self.host}:{self.port}"


@contextlib.contextmanager
def run_silent_dns() -> Iterator[SilentDns]:
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    port = udp.getsockname()[1]
    stop = threading.Event()
    udp.settimeout(0.1)

    def swallow() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                udp.recvfrom(4096)

    thread = threading.Thread(target=swallow, name="silent-dns", daemon=True)
    thread.start()
    try:
        yield SilentDns(host="127.0.0.1", port=port)
    finally:
        stop.set()
        thread.join(timeout=5)
        udp.close()
