"""The failure scenarios the test servers can stage, as a table, and what each client is given.

A `Scenario` names a broken server (or network) and the account a client logs in with; a
`Target` is what every client, and `sftpcheck check`, is pointed at once the scenario is
staged: where to connect, with which login, which known host key, what to do after login,
and, for firewall and DNS scenarios, the network namespace to run in.
"""

from __future__ import annotations

import contextlib
import dataclasses
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.clients import staged
from tests.clients.rsa_sshd import run_rsa_sshd
from tests.clients.variant_sshd import VariantServer
from tests.servers.faults import FaultServer
from tests.servers.ftp import FtpServer
from tests.servers.netns import NETNS_ETC, NetNamespace
from tests.servers.pam_sshd import PamSshServer
from tests.servers.processes import free_port
from tests.servers.quirky_sftp import Quirks, QuirkySftpServer
from tests.servers.sshd import Account, SftpDrop, SshServer, other_public_key

REPO = Path(__file__).resolve().parents[2]
# `sftpcheck check` refuses a key file it cannot use before it connects (exit 2, one
# sentence), so it names no code; the catalog has none for it yet. This is the code the
# harness proposes (issue 19): the client could not use the key file it was given.
KEY_UNUSABLE = "auth.key_unusable"


@dataclass(frozen=True)
class Scenario:
    """One way the connection goes wrong. `action` is what the client does after login:
    `upload` (put a file), `upload_preserve` (put, then set its time, as WinSCP does by
    default) or `list` (open the remote directory and list it).

    `server` names what listens (see `stage`); `prepare` changes the drop for the
    scenario's time (see staged.prepare); `upload_bytes`, when set, is the size of the
    file every client (and `sftpcheck check --upload`) sends instead of a small one.
    `code` is the answer where `sftpcheck check` names none of its own: it refuses the
    input itself (exit 2, as for a key file it cannot use), or it stops on an error it
    calls unexpected (`STEP.unexpected_error`)."""

    name: str
    description: str
    # sshd, sshd_no_sftp, sshd_VARIANT (variant_sshd.VARIANTS), ftp, fault:KIND, refused,
    # unreachable, dropped, dropped_after_banner, dns:NAME, dns_silent:NAME, quirky:QUIRK,
    # relay_cut, pam_expired
    server: str
    role: str = "district"
    # password, wrong_password, key, key_other_format (an OpenSSH key to PuTTY's clients, a
    # .ppk to the others), public_key (the .pub file where the private key belongs)
    credential: str = "password"
    remote_dir: str = "/upload"
    action: str = "upload"
    wrong_host_key: bool = False
    prepare: str = ""  # a name staged.prepare knows, such as locked_subfolder or disk_full
    upload_bytes: int = 0
    code: str = ""
    # When set, the login name sent instead of the account's: its role part replaced, so
    # that the fixtures read district_NAME as they read district_ROLE for the others.
    login_name: str = ""


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
    # The second recording (issue 19): staged before the matcher was taught any of them.
    Scenario("dns_nodata", "the name exists but has no address record (NODATA)",
             "dns:noaddr.sftp.test"),
    Scenario("unreachable", "a router answers that the host cannot be reached", "unreachable"),
    Scenario("http_on_port", "a web server answers on the port", "fault:http"),
    Scenario("tls_on_port", "a TLS service answers on the port", "fault:tls"),
    Scenario("ssh1_only", "the server speaks only SSH-1", "fault:ssh1"),
    Scenario("kex_closed", "the server closes the connection during the key exchange",
             "fault:kex_close"),
    Scenario("legacy_algorithms", "an old appliance: group1 key exchange, ssh-rsa, CBC only",
             "sshd_appliance"),
    Scenario("dropped_after_banner",
             "a firewall drops the server's packets once its banner has passed",
             "dropped_after_banner"),
    Scenario("login_stalls", "the server never answers once the password is sent",
             "quirky:stall_login"),
    Scenario("one_time_code", "the server asks for a one-time code after the password",
             "quirky:one_time_code"),
    Scenario("key_other_format",
             "a key file in the other family's format (.ppk to OpenSSH, OpenSSH to PuTTY)",
             "sshd", role="keyonly", credential="key_other_format", code=KEY_UNUSABLE),
    Scenario("public_key_given", "the public key file given where the private key belongs",
             "sshd", role="keyonly", credential="public_key", code=KEY_UNUSABLE),
    Scenario("nologin_shell", "the shell is nologin and SFTP is not forced to internal-sftp",
             "sshd_nologin_shell", code="remote_dir.no_sftp"),
    Scenario("no_subsystem", "the server has no SFTP subsystem configured",
             "sshd_no_subsystem"),
    Scenario("sftp_stalls", "the SFTP service never answers its first request",
             "quirky:stall_sftp"),
    Scenario("remote_dir_missing", "the configured folder does not exist", "sshd",
             remote_dir="/uploads"),
    Scenario("subfolder_denied", "a folder below the landing one that may not be opened",
             "sshd", remote_dir="/upload/archive", prepare="locked_subfolder"),
    Scenario("disk_full", "the server's disk fills up during the upload", "sshd",
             prepare="disk_full", upload_bytes=48 * 1024),
    Scenario("upload_cut", "the connection is cut off in the middle of the upload",
             "relay_cut", upload_bytes=48 * 1024),
    Scenario("upload_stalls", "the server stops answering in the middle of the upload",
             "quirky:stall_writes", upload_bytes=48 * 1024),
    # The third recording: staged after the matcher was taught the second, and blind until
    # it was taught all but its held-out quarter (third_recording.json), which stays blind.
    Scenario("unknown_user", "a user name the server does not have (the password is right)",
             "sshd", login_name="former"),
    Scenario("account_expired", "the account has expired; the password is still right",
             "sshd", prepare="expired_account"),
    Scenario("hostkey_sha1_only", "the server's one host key signs with ssh-rsa (SHA-1) only",
             "sshd_sha1_hostkey"),
    Scenario("hostkey_other_type",
             "the server has an RSA host key only; the district saved an Ed25519 one",
             "sshd_rsa_only"),
    Scenario("max_startups", "the server is busy: it drops connections past MaxStartups",
             "sshd_max_startups"),
    Scenario("banner_reset", "the connection is reset once the banners are exchanged",
             "fault:banner_reset"),
    Scenario("remote_dir_is_file", "the folder to upload into is a file on the server",
             "sshd", remote_dir=f"/upload/{staged.FILE_FOR_FOLDER}", prepare="file_for_folder"),
    Scenario("password_expired",
             "the password is right but expired: PAM wants it changed before the login",
             "pam_expired"),
    Scenario("chroot_group_writable", "the account's chroot is group-writable: sshd refuses it",
             "sshd", prepare="chroot_group_writable"),
)  # fmt: skip


# The third recording's scenarios (held_out.py marks their runs, third_recording.json).
THIRD_RECORDING = (
    "unknown_user",
    "account_expired",
    "hostkey_sha1_only",
    "hostkey_other_type",
    "max_startups",
    "banner_reset",
    "remote_dir_is_file",
    "password_expired",
    "chroot_group_writable",
)


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
    # The key file PuTTY's clients (psftp, fzsftp) get as it is, for the wrong-key
    # scenarios; None: they get key_path converted to a .ppk, as their users would.
    putty_key_path: Path | None = None

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
    variants: Mapping[str, VariantServer]
    # A new quirky paramiko server (with an ECDSA host key too) for one run.
    quirky: Callable[[Quirks], contextlib.AbstractContextManager[QuirkySftpServer]]
    # An sshd with PAM and plain password logins, serving an account whose password has
    # expired (`expired`).
    pam: PamSshServer


THROWAWAY_PASSWORD = "Wrong-Password-For-Tests-1"


@contextlib.contextmanager
def stage(scenario: Scenario, servers: Servers) -> Iterator[Target]:
    """Set the scenario up and hand back its Target; undo it afterwards."""
    account = servers.drop.accounts[scenario.role]
    with staged.prepare(scenario.prepare, account), _stage_server(scenario, servers) as target:
        yield target


@contextlib.contextmanager
def _stage_server(scenario: Scenario, servers: Servers) -> Iterator[Target]:
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
        with _stage_more(scenario, servers, kind, argument) as target:
            yield target


# The quirks each quirky:NAME scenario asks of tests/servers/quirky_sftp.py.
QUIRKS = {
    "stall_login": Quirks(stall_login=True),
    "one_time_code": Quirks(login="keyboard-interactive+code"),
    "stall_sftp": Quirks(stall_sftp=True),
    "stall_writes": Quirks(writes="stall"),
}


@contextlib.contextmanager
def _stage_more(scenario: Scenario, servers: Servers, kind: str, argument: str
                ) -> Iterator[Target]:  # fmt: skip
    """The kinds of the second and third recordings (issue 19)."""
    if kind == "unreachable":
        with servers.netns() as namespace, namespace.tcp_listener() as port:
            namespace.reject_unreachable(port)
            yield _plain_target(scenario, servers, port, namespace=namespace)
    elif kind.startswith("sshd_"):
        name = kind.removeprefix("sshd_")
        variant = servers.variants[name]
        known = (variant.known_hosts_line, variant.rsa_known_hosts_line)
        if name == "rsa_only":  # what the district saved for the name is an Ed25519 key
            saved = f"{variant.server.known_hosts_name} {other_public_key('ssh-ed25519')}"
            known = (saved, saved)
        held = name == "max_startups"  # another client holds the one unauthenticated slot
        with staged.holding_a_connection(variant.server.port) if held else contextlib.nullcontext():
            yield _ssh_target(scenario, servers, variant.server, known=known)
    elif kind == "dropped_after_banner":
        with (
            servers.netns() as namespace,
            run_rsa_sshd(servers.drop, namespace) as (server, rsa_line),
        ):
            staged.drop_after_banner(namespace, server.port)
            target = _ssh_target(scenario, servers, server, known=(server.host_key_line,
                                 rsa_line), rsa_port=server.port)  # fmt: skip
            yield dataclasses.replace(target, namespace=namespace)
    elif kind == "relay_cut":
        with (
            staged.cutting_relay(servers.sshd.port) as port,
            staged.cutting_relay(servers.sshd_rsa.port) as rsa_port,
        ):
            yield _ssh_target(scenario, servers, servers.sshd, relay_ports=(port, rsa_port))
    elif kind == "quirky":
        with servers.quirky(QUIRKS[argument]) as quirky:
            yield _quirky_target(scenario, quirky)
    elif kind == "pam_expired":
        yield _pam_target(scenario, servers.pam)
    else:
        raise ValueError(f"unknown server kind {kind!r}")


def _ssh_target(
    scenario: Scenario,
    servers: Servers,
    server: SshServer,
    known: tuple[str, str] | None = None,
    rsa_port: int | None = None,
    relay_ports: tuple[int, int] | None = None,
) -> Target:
    """A login on one of the drop's sshd instances. `known`: the (ed25519 or only, RSA)
    known_hosts lines when they are not the ordinary drop's; `rsa_port`: where JSch goes
    when not to the drop's RSA sshd; `relay_ports`: relays in front of both."""
    account = server.accounts[scenario.role]
    username = account.username
    if scenario.login_name:
        username = f"{username.rpartition('_')[0]}_{scenario.login_name}"
    password = account.password if scenario.credential == "password" else None
    if scenario.credential == "wrong_password":
        password = THROWAWAY_PASSWORD
    known_line, rsa_known = known or (server.host_key_line, servers.rsa_host_key_line)
    if rsa_port is None and known is None:
        rsa_port = servers.sshd_rsa.port if server is servers.sshd else None
    port = server.port
    if relay_ports is not None:
        port, rsa_port = relay_ports
        known_line = _renamed(known_line, port)
        rsa_known = _renamed(rsa_known, rsa_port)
    if scenario.wrong_host_key:
        known_line = f"{server.known_hosts_name} {other_public_key(server.host_key_type)}"
        rsa_known = f"[127.0.0.1]:{servers.sshd_rsa.port} {other_public_key('ssh-rsa')}"
    key_path, putty_key_path = _key_files(scenario.credential, account)
    return Target(
        scenario=scenario,
        host=server.host,
        port=port,
        username=username,
        password=password,
        key_path=key_path,
        known_hosts_line=known_line,
        rsa_port=rsa_port,
        rsa_known_hosts_line=rsa_known,
        upload_dir_on_disk=account.upload_dir_on_disk,
        secrets=tuple(a.password for a in server.accounts.values() if a.password),
        putty_key_path=putty_key_path,
    )


def _renamed(known_hosts_line: str, port: int) -> str:
    """The same key, for 127.0.0.1 on another port (a relay in front of the server)."""
    return f"[127.0.0.1]:{port} {' '.join(known_hosts_line.split()[1:3])}"


def _key_files(credential: str, account: Account) -> tuple[Path | None, Path | None]:
    """(the key file OpenSSH-family clients get, the one PuTTY's clients get as it is)."""
    if credential == "key":
        return account.key_path, None
    if credential == "public_key":
        public = Path(f"{account.key_path}.pub")
        return public, public
    if credential == "key_other_format":
        assert account.key_path is not None
        ppk = account.key_path.with_suffix(".ppk")
        if not ppk.exists():
            subprocess.run(["puttygen", str(account.key_path), "-O", "private", "-o", str(ppk)],
                           check=True, capture_output=True)  # fmt: skip
        return ppk, account.key_path
    return None, None


def _quirky_target(scenario: Scenario, quirky: QuirkySftpServer) -> Target:
    """A login on a quirky paramiko server: ed25519 for most clients, ECDSA for JSch."""
    name = f"[{quirky.host}]:{quirky.port}"
    return Target(
        scenario=scenario,
        host=quirky.host,
        port=quirky.port,
        username=quirky.username,
        password=quirky.password,
        key_path=None,
        known_hosts_line="\n".join(f"{name} {key}" for key in quirky.public_keys),
        rsa_port=quirky.port,
        rsa_known_hosts_line=f"{name} {quirky.public_keys[-1]}",
        upload_dir_on_disk=quirky.upload_dir_on_disk,
        secrets=(quirky.password,),
    )


def _pam_target(scenario: Scenario, pam: PamSshServer) -> Target:
    """The expired account on an sshd with PAM (ed25519 host key only: no JSch)."""
    account = pam.accounts["expired"]
    return Target(
        scenario=scenario,
        host=pam.host,
        port=pam.port,
        username=account.username,
        password=account.password,
        key_path=None,
        known_hosts_line=pam.host_key_line,
        rsa_port=pam.port,
        rsa_known_hosts_line=pam.host_key_line,
        upload_dir_on_disk=account.upload_dir_on_disk,
        secrets=tuple(a.password for a in pam.accounts.values() if a.password),
    )


def students_csv(size: int) -> str:
    """What every client uploads: a small file, or, for scenarios that need the upload to
    be cut or to fill a disk, a students.csv of the default spec of about `size` bytes."""
    if not size:
        return "school_id,school_name\n1,North\n"
    lines = ["student_id,school_id,first_name,last_name,grade"]
    number = 100000
    while sum(len(line) + 1 for line in lines) < size:
        number += 1
        lines.append(f"{number},1,Student,Number{number},{number % 12 + 1}")
    return "\n".join(lines) + "\n"


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
