"""The failure scenarios the test servers can stage, as a table, and what each client is given.

A `Scenario` names a broken server (or network) and the account a client logs in with; a
`Target` is what every client, and `sftpcheck check`, is pointed at once the scenario is
staged: where to connect, with which login, which known host key, what to do after login,
and, for firewall and DNS scenarios, the network namespace to run in.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers.faults import FaultServer
from tests.servers.ftp import FtpServer
from tests.servers.netns import NETNS_ETC, NetNamespace
from tests.servers.processes import free_port
from tests.servers.sshd import SftpDrop, SshServer, other_public_key

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Scenario:
    """One way the connection goes wrong. `action` is what the client does after login:
    `upload` (put a file), `upload_preserve` (put, then set its time, as WinSCP does by
    default) or `list` (open the remote directory and list it)."""

    name: str
    description: str
    server: str  # sshd, sshd_no_sftp, ftp, fault:KIND, refused, dropped, dns:NAME, dns_silent:NAME
    role: str = "district"
    credential: str = "password"  # password, wrong_password, key
    remote_dir: str = "/upload"
    action: str = "upload"
    wrong_host_key: bool = False


SCENARIOS = (
    Scenario("hostkey_changed", "the server's host key differs from the known one", "sshd",
             wrong_host_key=True),
    Scenario("wrong_password", "a wrong password", "sshd", credential="wrong_password"),
    Scenario("key_only", "a password to an account that takes keys only", "sshd",
             role="keyonly", credential="wrong_password"),
    Scenario("two_factor", "a key alone to an account that wants a key and a password",
             "sshd", role="twofactor", credential="key"),
    Scenario("refused", "nothing listens on the port", "refused"),
    Scenario("dropped", "a firewall drops the packets", "dropped"),
    Scenario("ftp_on_port", "an FTP server answers on the port", "ftp"),
    Scenario("silent", "the server accepts and never speaks", "fault:silent"),
    Scenario("closed", "the server closes the connection at once", "fault:close"),
    Scenario("reset", "the server resets the connection at once", "fault:reset"),
    Scenario("no_sftp", "the login works but the account has no SFTP", "sshd_no_sftp"),
    Scenario("root_denied", "the client opens /, which the account may not list", "sshd",
             remote_dir="/", action="list"),
    Scenario("read_only", "the landing directory cannot be written", "sshd", role="readonly"),
    Scenario("setstat_refused", "the server refuses to set the file's time", "sshd",
             action="upload_preserve"),
    Scenario("dns_nxdomain", "the server name does not exist", "dns:missing.sftp.test"),
    Scenario("dns_servfail", "the DNS server fails to answer", "dns:servfail.sftp.test"),
    Scenario("dns_timeout", "the DNS server never answers", "dns_silent:vendor.sftp.test"),
)  # fmt: skip


@dataclass(frozen=True)
class Target:
    """What a client is pointed at for one staged scenario. Secrets stay in this object
    and reach the clients through their environment or stdin, never their argv."""

    scenario: Scenario
    host: str
    port: int
    username: str
    password: str | None
    key_path: Path | None
    known_hosts_line: str
    namespace: NetNamespace | None = None
    # A second sshd of the same drop with an RSA host key, for JSch 0.1.x (no ed25519).
    rsa_port: int | None = None
    rsa_known_hosts_line: str | None = None
    upload_dir_on_disk: Path | None = None
    secrets: tuple[str, ...] = field(default=(), repr=False)

    def prefix(self, args: list[str]) -> list[str]:
        """`args`, run inside the scenario's namespace when it has one."""
        return self.namespace.command(args) if self.namespace is not None else args


@dataclass(frozen=True)
class Servers:
    """The running test servers a scenario can be staged on (pytest fixtures)."""

    drop: SftpDrop
    sshd: SshServer
    sshd_no_sftp: SshServer
    sshd_rsa: SshServer
    rsa_host_key_line: str
    ftp: FtpServer
    fault: Callable[[str], FaultServer]
    netns: Callable[[], contextlib.AbstractContextManager[NetNamespace]]


THROWAWAY_PASSWORD = "Wrong-Password-For-Tests-1"


@contextlib.contextmanager
def stage(scenario: Scenario, servers: Servers) -> Iterator[Target]:
    """Set the scenario up and hand back its Target; undo it afterwards."""
    kind, _, argument = scenario.server.partition(":")
    if kind in ("sshd", "sshd_no_sftp"):
        yield _ssh_target(
            scenario, servers, servers.sshd if kind == "sshd" else servers.sshd_no_sftp
        )
    elif kind == "ftp":
        yield _plain_target(scenario, servers, servers.ftp.port)
    elif kind == "fault":
        yield _plain_target(scenario, servers, servers.fault(argument).port)
    elif kind == "refused":
        yield _plain_target(scenario, servers, free_port(("127.0.0.1",)))
    elif kind == "dropped":
        with servers.netns() as namespace, namespace.tcp_listener() as port:
            namespace.drop(port)
            # Two SYN retries (about 7 s) instead of six (about 2 minutes): every client
            # then gets the kernel's own "Connection timed out", as on a real firewall.
            namespace.run(["sysctl", "-q", "net.ipv4.tcp_syn_retries=2"])
            yield _plain_target(scenario, servers, port, namespace=namespace)
    elif kind in ("dns", "dns_silent"):
        script = _DNS_ON_PORT_53 if kind == "dns" else _SILENT_DNS_ON_PORT_53
        with servers.netns() as namespace, _dns_in(namespace, script):
            yield _plain_target(scenario, servers, 22, host=argument, namespace=namespace)
    else:
        raise ValueError(f"unknown server kind {kind!r}")


def _ssh_target(scenario: Scenario, servers: Servers, server: SshServer) -> Target:
    account = server.accounts[scenario.role]
    password = {
        "password": account.password,
        "wrong_password": THROWAWAY_PASSWORD,
        "key": None,
    }[scenario.credential]
    known = server.host_key_line
    rsa_known = servers.rsa_host_key_line
    if scenario.wrong_host_key:
        known = f"{server.known_hosts_name} {other_public_key(server.host_key_type)}"
        rsa_known = f"[127.0.0.1]:{servers.sshd_rsa.port} {other_public_key('ssh-rsa')}"
    return Target(
        scenario=scenario,
        host=server.host,
        port=server.port,
        username=account.username,
        password=password,
        key_path=account.key_path if scenario.credential == "key" else None,
        known_hosts_line=known,
        rsa_port=servers.sshd_rsa.port if server is servers.sshd else None,
        rsa_known_hosts_line=rsa_known,
        upload_dir_on_disk=account.upload_dir_on_disk,
        secrets=tuple(a.password for a in server.accounts.values() if a.password),
    )


def _plain_target(
    scenario: Scenario,
    servers: Servers,
    port: int,
    host: str = "127.0.0.1",
    namespace: NetNamespace | None = None,
) -> Target:
    """A target with no SSH server behind it: the login never gets that far."""
    account = servers.sshd.accounts["district"]
    known = f"[{host}]:{port} {other_public_key('ssh-ed25519')}"
    return Target(
        scenario=scenario,
        host=host,
        port=port,
        username=account.username,
        password=account.password,
        key_path=None,
        known_hosts_line=known,
        rsa_port=port,
        rsa_known_hosts_line=known,
        namespace=namespace,
        secrets=tuple(a.password for a in servers.sshd.accounts.values() if a.password),
    )


# The test DNS zone (tests/servers/dns.py), served on port 53 inside the namespace, so the
# clients' own resolver (glibc, Java) asks it through the namespace's resolv.conf.
_DNS_ON_PORT_53 = """
import sys, time
sys.path.insert(0, sys.argv[1])
from dnslib.server import DNSLogger, DNSServer
from tests.servers.dns import STANDARD_RECORDS, DnsServer as Zone, _make_resolver
zone = Zone(host="127.0.0.1", port=53)
zone.records.update({name: list(records) for name, records in STANDARD_RECORDS.items()})
quiet = DNSLogger(log="-request,-reply,-truncated,-error", logf=lambda *_: None)
DNSServer(_make_resolver(zone), port=53, address="127.0.0.1", logger=quiet).start_thread()
print("ready", flush=True)
while True:
    time.sleep(1)
"""


# A name server that takes every question and never answers, as behind a firewall that
# drops DNS: the clients' resolvers wait out their timeout.
_SILENT_DNS_ON_PORT_53 = """
import socket, time
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(("127.0.0.1", 53))
print("ready", flush=True)
while True:
    udp.recv(4096)
"""


@contextlib.contextmanager
def _dns_in(namespace: NetNamespace, script: str) -> Iterator[None]:
    directory = NETNS_ETC / namespace.name
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "resolv.conf").write_text("nameserver 127.0.0.1\noptions timeout:2 attempts:1\n")
    namespace.write_hosts({})
    process = namespace.popen(
        [sys.executable, "-c", script, str(REPO)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != b"ready":
        raise RuntimeError("the DNS server in the namespace did not start")
    yield
