"""Sanity tests: each test server really behaves as its fixture promises, seen by real clients.

If one of these fails, the sftpcheck tests that use that server prove nothing.
"""

from __future__ import annotations

import ftplib
import io
import os
import pwd
import socket
import ssl
import stat
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.servers.clients import (
    openssh_sftp_batch,
    paramiko_sftp,
    paramiko_transport,
    read_for,
    server_kexinit,
)
from tests.servers.dns import DnsServer, SilentDns
from tests.servers.faults import (
    BANNER_RESET_BANNER,
    GARBAGE_BANNER,
    KEX_CLOSE_BANNER,
    KINDS,
    SMTP_GREETING,
    SSH1_BANNER,
    FaultServer,
    run_fault_server,
)
from tests.servers.ftp import FtpServer
from tests.servers.need import ipv6_loopback_works
from tests.servers.netns import NETNS_ETC, NetNamespace, network_namespace
from tests.servers.quirky_sftp import ARRIVED, KEPT_BYTES, QuirkySftpServer
from tests.servers.sshd import ROLES, SftpDrop, SshServer, run_sshd, sftp_drop

# --- OpenSSH: the drop ---------------------------------------------------------------------


def test_sshd_shows_the_host_key_the_fixture_publishes(sshd: SshServer) -> None:
    with paramiko_transport(sshd.host, sshd.port) as transport:
        key = transport.get_remote_server_key()
        assert transport.remote_version.startswith("SSH-2.0-OpenSSH_")
    assert key.fingerprint == sshd.fingerprint
    assert sshd.host_key_line == f"[127.0.0.1]:{sshd.port} {key.get_name()} {key.get_base64()}"


def test_chroot_and_every_parent_are_root_owned_and_not_writable_by_others(
    sshd: SshServer,
) -> None:
    for account in sshd.accounts.values():
        path = account.chroot_on_disk
        assert not str(path).startswith("/tmp")
        while path != Path("/"):
            info = path.stat()
            assert info.st_uid == 0, path
            assert not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH), path
            path = path.parent


def test_usernames_are_unique_per_run_and_valid(sshd: SshServer) -> None:
    names = [account.username for account in sshd.accounts.values()]
    assert len(set(names)) == len(names) == len(ROLES)
    for name in names:
        assert len(name) <= 32
        assert name[0].isalpha()
        assert name.replace("_", "").isalnum()
        assert name.islower()
        assert pwd.getpwnam(name).pw_dir == "/upload"


def test_openssh_client_trusts_the_right_known_hosts_and_refuses_the_wrong_one(
    sshd: SshServer, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    assert account.key_path is not None
    right = sshd.write_known_hosts(tmp_path / "right")
    wrong = sshd.write_wrong_known_hosts(tmp_path / "wrong")
    assert right.read_text().startswith(f"[127.0.0.1]:{sshd.port} ssh-ed25519 ")
    assert wrong.read_text().split()[:2] == right.read_text().split()[:2]
    assert wrong.read_text() != right.read_text()

    ok = openssh_sftp_batch(
        sshd.host, sshd.port, account.username, account.key_path, right, "pwd\n"
    )
    assert ok.returncode == 0, ok.stderr
    assert "Remote working directory: /upload" in ok.stdout

    refused = openssh_sftp_batch(
        sshd.host, sshd.port, account.username, account.key_path, wrong, "pwd\n"
    )
    assert refused.returncode != 0
    assert "REMOTE HOST IDENTIFICATION HAS CHANGED" in refused.stderr


def test_district_lands_in_upload_cannot_list_root_and_cannot_set_attributes(
    sshd: SshServer,
) -> None:
    account = sshd.accounts["district"]
    with paramiko_sftp(sshd.host, sshd.port, account.username, password=account.password) as sftp:
        assert sftp.normalize(".") == "/upload"
        with pytest.raises(PermissionError):
            sftp.listdir("/")
        with pytest.raises(PermissionError):
            sftp.listdir("/private")  # exists, may not be opened
        with pytest.raises(FileNotFoundError):
            sftp.listdir("/nope")
        sftp.putfo(io.BytesIO(b"school_id,school_name\n1,North\n"), "schools.csv")
        # -P setstat,fsetstat: OpenSSH answers "permission denied" to both.
        with pytest.raises(PermissionError):
            sftp.chmod("schools.csv", 0o600)
        with pytest.raises(PermissionError):
            sftp.utime("schools.csv", (1_000_000_000, 1_000_000_000))
        with sftp.open("schools.csv", "r+") as handle, pytest.raises(PermissionError):
            handle.chmod(0o600)
    on_disk = account.upload_dir_on_disk / "schools.csv"
    assert on_disk.read_bytes() == b"school_id,school_name\n1,North\n"
    assert on_disk.stat().st_uid == pwd.getpwnam(account.username).pw_uid


def test_district_wrong_password_is_rejected(sshd: SshServer) -> None:
    import paramiko

    account = sshd.accounts["district"]
    with paramiko_transport(sshd.host, sshd.port) as transport:
        with pytest.raises(paramiko.AuthenticationException):
            transport.auth_password(account.username, "not-the-password")
        assert not transport.is_authenticated()


def test_openssh_sftp_client_uploads_with_a_key(sshd: SshServer, tmp_path: Path) -> None:
    account = sshd.accounts["district"]
    assert account.key_path is not None
    local = tmp_path / "students.csv"
    local.write_text("student_id,school_id,first_name,last_name,grade\n")
    done = openssh_sftp_batch(
        sshd.host,
        sshd.port,
        account.username,
        account.key_path,
        sshd.write_known_hosts(tmp_path / "known_hosts"),
        f"put {local}\n-chmod 600 students.csv\n",
    )
    assert done.returncode == 0, done.stderr
    assert (account.upload_dir_on_disk / "students.csv").read_bytes() == local.read_bytes()
    assert 'remote setstat "/upload/students.csv": Permission denied' in done.stderr


def test_keyonly_offers_only_publickey_and_takes_both_key_files(sshd: SshServer) -> None:
    import paramiko

    account = sshd.accounts["keyonly"]
    assert account.password is None
    assert account.key_path is not None
    assert account.encrypted_key_path is not None
    assert account.passphrase is not None
    with paramiko_transport(sshd.host, sshd.port) as transport:
        with pytest.raises(paramiko.BadAuthenticationType) as offered:
            transport.auth_none(account.username)
        assert offered.value.allowed_types == ["publickey"]
        with pytest.raises(paramiko.BadAuthenticationType):
            transport.auth_password(account.username, "anything")

    with paramiko_sftp(sshd.host, sshd.port, account.username, key_path=account.key_path) as sftp:
        assert sftp.normalize(".") == "/upload"
    with paramiko_sftp(
        sshd.host,
        sshd.port,
        account.username,
        key_path=account.encrypted_key_path,
        passphrase=account.passphrase,
    ) as sftp:
        assert sftp.normalize(".") == "/upload"

    assert account.encrypted_key_path.read_bytes() != account.key_path.read_bytes()
    with pytest.raises((paramiko.PasswordRequiredException, TypeError)):
        paramiko.PKey.from_path(account.encrypted_key_path)


def test_twofactor_needs_key_and_password(sshd: SshServer) -> None:
    import paramiko

    account = sshd.accounts["twofactor"]
    assert account.key_path is not None
    assert account.password is not None
    key = paramiko.PKey.from_path(account.key_path)
    with paramiko_transport(sshd.host, sshd.port) as transport:
        with pytest.raises(paramiko.BadAuthenticationType) as offered:
            transport.auth_password(account.username, account.password)
        assert offered.value.allowed_types == ["publickey"]
    with paramiko_transport(sshd.host, sshd.port) as transport:
        assert transport.auth_publickey(account.username, key) == ["password"]
        assert not transport.is_authenticated()
        transport.auth_password(account.username, account.password)
        assert transport.is_authenticated()


def test_readonly_lands_in_a_directory_it_cannot_write(sshd: SshServer) -> None:
    account = sshd.accounts["readonly"]
    with paramiko_sftp(sshd.host, sshd.port, account.username, password=account.password) as sftp:
        assert sftp.normalize(".") == "/upload"
        assert sftp.listdir(".") == []
        with pytest.raises(PermissionError):
            sftp.putfo(io.BytesIO(b"x"), "schools.csv")
    assert list(account.upload_dir_on_disk.iterdir()) == []


def test_inbox_below_writes_only_in_the_inbox_below_its_landing_folder(sshd: SshServer) -> None:
    account = sshd.accounts["inbox_below"]
    with paramiko_sftp(sshd.host, sshd.port, account.username, password=account.password) as sftp:
        assert sftp.normalize(".") == "/upload"
        assert sorted(sftp.listdir(".")) == ["archive", "inbox"]
        for refused in ("schools.csv", "archive/schools.csv"):
            with pytest.raises(PermissionError):
                sftp.putfo(io.BytesIO(b"x"), refused)
        sftp.putfo(io.BytesIO(b"x"), "inbox/schools.csv")
    assert (account.upload_dir_on_disk / "schools.csv").read_bytes() == b"x"
    assert account.upload_dir_on_disk.name == "inbox"


def test_openroot_can_list_its_root(sshd: SshServer) -> None:
    account = sshd.accounts["openroot"]
    with paramiko_sftp(sshd.host, sshd.port, account.username, password=account.password) as sftp:
        assert sftp.normalize(".") == "/upload"
        assert sorted(sftp.listdir("/")) == ["private", "upload"]


def test_sshd_also_listens_on_ipv6_loopback(sshd: SshServer) -> None:
    if not ipv6_loopback_works():
        pytest.skip("::1 is not usable on this machine")
    with paramiko_transport("::1", sshd.port) as transport:
        assert transport.get_remote_server_key().fingerprint == sshd.fingerprint


def test_drop_removes_its_accounts_and_directories() -> None:
    with sftp_drop() as drop:
        names = drop.usernames
        root = drop.root
        assert root.is_dir()
        assert all(pwd.getpwnam(name) for name in names)
    assert not root.exists()
    for name in names:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)


def test_sshd_in_a_namespace_listens_only_there(
    openssh_drop: SftpDrop, netns: NetNamespace
) -> None:
    with run_sshd(openssh_drop, "drop", namespace=netns) as server:
        code = (
            f"import socket; s = socket.create_connection(('127.0.0.1', {server.port}), "
            "timeout=5); print(s.recv(64).decode().strip())"
        )
        inside = netns.run([sys.executable, "-c", code])
        assert inside.stdout.startswith("SSH-2.0-OpenSSH_")
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", server.port), timeout=2).close()


# --- OpenSSH: no SFTP, legacy --------------------------------------------------------------


def test_no_sftp_instance_accepts_the_login_but_has_no_sftp(sshd_no_sftp: SshServer) -> None:
    import paramiko

    account = sshd_no_sftp.accounts["district"]
    with paramiko_transport(sshd_no_sftp.host, sshd_no_sftp.port) as transport:
        transport.auth_password(account.username, account.password)
        assert transport.is_authenticated()
        channel = transport.open_session(timeout=5)
        channel.settimeout(5)
        with pytest.raises(paramiko.SSHException, match=r"Channel closed\."):
            channel.invoke_subsystem("sftp")


def test_legacy_instance_offers_only_sha1_kex_and_ssh_rsa(sshd_legacy: SshServer) -> None:
    offered = server_kexinit(sshd_legacy.host, sshd_legacy.port)
    assert offered["kex"][0] == "diffie-hellman-group14-sha1"
    # OpenSSH 9.2 appends its strict-kex marker; no other exchange method is offered.
    assert [k for k in offered["kex"] if not k.startswith("kex-strict")] == [
        "diffie-hellman-group14-sha1"
    ]
    assert offered["host_key"] == ["ssh-rsa"]
    assert sshd_legacy.fingerprint.startswith("SHA256:")
    assert sshd_legacy.host_key_line.split()[1] == "ssh-rsa"


def test_paramiko_refuses_the_legacy_instance(sshd_legacy: SshServer) -> None:
    import paramiko

    with pytest.raises(paramiko.SSHException, match="no acceptable"):  # noqa: SIM117
        with paramiko_transport(sshd_legacy.host, sshd_legacy.port):
            pass


def test_openssh_client_with_legacy_options_reaches_the_legacy_instance(
    sshd_legacy: SshServer, tmp_path: Path
) -> None:
    account = sshd_legacy.accounts["district"]
    assert account.key_path is not None
    done = openssh_sftp_batch(
        sshd_legacy.host,
        sshd_legacy.port,
        account.username,
        account.key_path,
        sshd_legacy.write_known_hosts(tmp_path / "known_hosts"),
        "pwd\n",
        extra_options=(
            "-o",
            "KexAlgorithms=diffie-hellman-group14-sha1",
            "-o",
            "HostKeyAlgorithms=ssh-rsa",
            "-o",
            "PubkeyAcceptedAlgorithms=+ssh-rsa",
        ),
    )
    assert done.returncode == 0, done.stderr
    assert "/upload" in done.stdout


# --- FTP -----------------------------------------------------------------------------------


def test_ftp_server_greets_with_220_and_takes_a_login(ftp_server: FtpServer) -> None:
    with socket.create_connection((ftp_server.host, ftp_server.port), timeout=5) as sock:
        greeting = sock.makefile("rb").readline()
    assert greeting == f"220 {ftp_server.banner}\r\n".encode()
    client = ftplib.FTP()  # noqa: S321 - the point: an FTP server where SFTP was meant
    client.connect(ftp_server.host, ftp_server.port, timeout=5)
    client.login(ftp_server.username, ftp_server.password)
    assert client.pwd() == "/"
    client.quit()


# --- DNS -----------------------------------------------------------------------------------


def _resolver(server: DnsServer | SilentDns, lifetime: float = 3.0) -> object:
    import dns.resolver

    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [server.host]
    resolver.port = server.port
    resolver.lifetime = lifetime
    return resolver


def _addresses(server: DnsServer, name: str, rdtype: str) -> list[str]:
    answer = _resolver(server).resolve(name, rdtype)  # type: ignore[attr-defined]
    return sorted(record.to_text() for record in answer)


def test_dns_answers_the_plain_names(dns_server: DnsServer) -> None:
    assert _addresses(dns_server, "ok.sftp.test", "A") == ["127.0.0.1"]
    assert _addresses(dns_server, "v6.sftp.test", "AAAA") == ["::1"]
    assert _addresses(dns_server, "two.sftp.test", "A") == ["127.0.0.1", "127.0.0.2"]


def test_dns_cname_answer_includes_the_chain(dns_server: DnsServer) -> None:
    answer = _resolver(dns_server).resolve("cname.sftp.test", "A")  # type: ignore[attr-defined]
    assert answer.canonical_name.to_text() == "ok.sftp.test."
    kinds = [rrset.rdtype.name for rrset in answer.response.answer]
    assert kinds == ["CNAME", "A"]
    assert [r.to_text() for r in answer] == ["127.0.0.1"]


def test_dns_noaddr_exists_without_addresses(dns_server: DnsServer) -> None:
    import dns.resolver

    for rdtype in ("A", "AAAA"):
        with pytest.raises(dns.resolver.NoAnswer):
            _resolver(dns_server).resolve("noaddr.sftp.test", rdtype)  # type: ignore[attr-defined]
    assert _addresses(dns_server, "noaddr.sftp.test", "TXT") == ['"v=spf1 -all"']


def test_dns_error_names(dns_server: DnsServer) -> None:
    import dns.message
    import dns.query
    import dns.rcode
    import dns.resolver

    with pytest.raises(dns.resolver.NXDOMAIN):
        _resolver(dns_server).resolve("missing.sftp.test", "A")  # type: ignore[attr-defined]
    for name, rcode in (("servfail", dns.rcode.SERVFAIL), ("refused", dns.rcode.REFUSED)):
        with pytest.raises(dns.resolver.NoNameservers):
            _resolver(dns_server).resolve(f"{name}.sftp.test", "A")  # type: ignore[attr-defined]
        query = dns.message.make_query(f"{name}.sftp.test", "A")
        reply = dns.query.udp(query, dns_server.host, port=dns_server.port, timeout=3)
        assert reply.rcode() == rcode


def test_dns_pointing_adds_names_for_one_test_only(dns_server: DnsServer) -> None:
    import dns.resolver

    with dns_server.pointing({"sshd.sftp.test": ["127.0.0.1", "::1"]}):
        assert _addresses(dns_server, "sshd.sftp.test", "A") == ["127.0.0.1"]
        assert _addresses(dns_server, "sshd.sftp.test", "AAAA") == ["::1"]
    with pytest.raises(dns.resolver.NXDOMAIN):
        _resolver(dns_server).resolve("sshd.sftp.test", "A")  # type: ignore[attr-defined]


def test_silent_dns_never_answers(silent_dns: SilentDns) -> None:
    import dns.exception

    with pytest.raises(dns.exception.Timeout):
        _resolver(silent_dns, lifetime=0.5).resolve("ok.sftp.test", "A")  # type: ignore[attr-defined]


def test_second_loopback_address_refuses_a_server_bound_to_the_first() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.2", port), timeout=2)


# --- misbehaving TCP servers ----------------------------------------------------------------


def _connect(server: FaultServer) -> socket.socket:
    return socket.create_connection((server.host, server.port), timeout=3)


def test_silent_accepts_and_says_nothing(fault_server) -> None:
    server = fault_server("silent")
    with _connect(server) as sock:
        assert read_for(sock, 0.5) == b""
        sock.sendall(b"SSH-2.0-probe\r\n")
        assert read_for(sock, 0.5) == b""
    assert server.accepted() == 1


def test_close_closes_at_once(fault_server) -> None:
    server = fault_server("close")
    with _connect(server) as sock:
        # The end of the stream, not a wait that ran out: a silent server raises TimeoutError.
        assert sock.recv(64) == b""


def test_reset_resets(fault_server) -> None:
    server = fault_server("reset")
    # Under load the reset can already meet the connect itself: either way it is a reset.
    with pytest.raises(ConnectionResetError), _connect(server) as sock:
        read_for(sock, 3)


def test_http_speaks_only_after_the_client(fault_server) -> None:
    server = fault_server("http")
    with _connect(server) as sock:
        assert read_for(sock, 0.5) == b""
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        reply = read_for(sock, 3)
    assert reply.startswith(b"HTTP/1.0 200 OK")
    with _connect(server) as sock:
        sock.sendall(b"SSH-2.0-sftpcheck\r\n")
        reply = read_for(sock, 3)
    # One word on the request line reads as HTTP/0.9: an HTML error page, no status line.
    assert reply.startswith(b"<!DOCTYPE HTML>")
    assert b"Error code: 400" in reply


def test_tls_is_real_tls(fault_server) -> None:
    server = fault_server("tls")
    assert server.certificate_pem is not None
    context = ssl.create_default_context(cadata=server.certificate_pem.decode())
    with _connect(server) as raw:
        assert read_for(raw, 0.5) == b""  # waits for the client's hello, like nginx
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
            tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert tls.recv(100).startswith(b"HTTP/1.1 400")
    # An SSH client's banner is not a TLS record: OpenSSL drops the connection.
    with _connect(server) as raw:
        raw.sendall(b"SSH-2.0-sftpcheck\r\n")
        with pytest.raises(ConnectionResetError):
            read_for(raw, 3)


def test_ssh_garbage_sends_a_banner_then_noise(fault_server) -> None:
    server = fault_server("ssh_garbage")
    with _connect(server) as sock:
        data = read_for(sock, 1.0)
    assert data.startswith(GARBAGE_BANNER)
    assert len(data) > len(GARBAGE_BANNER) + 1000


def test_ssh_garbage_breaks_a_real_handshake(fault_server) -> None:
    import paramiko

    server = fault_server("ssh_garbage")
    with pytest.raises((paramiko.SSHException, EOFError)):  # noqa: SIM117
        with paramiko_transport(server.host, server.port, timeout=1.5):
            pass


def test_trickle_sends_one_byte_a_second(fault_server) -> None:
    server = fault_server("trickle")
    with _connect(server) as sock:
        data = read_for(sock, 2.5)
    assert b"SSH-2.0-Trickle\r\n".startswith(data)
    assert 2 <= len(data) <= 4


def test_huge_banner_sends_megabytes_and_no_ssh_line(fault_server) -> None:
    server = fault_server("huge_banner")
    with _connect(server) as sock:
        data = read_for(sock, 5.0, limit=2 * 1024 * 1024)
    assert len(data) >= 2 * 1024 * 1024
    assert all(not line.startswith(b"SSH-") for line in data.splitlines())


def test_ssh1_announces_protocol_1_5(fault_server) -> None:
    server = fault_server("ssh1")
    with _connect(server) as sock:
        assert read_for(sock, 0.5) == SSH1_BANNER


def test_kex_close_offers_a_key_exchange_and_closes_in_it(fault_server) -> None:
    server = fault_server("kex_close")
    with _connect(server) as sock:
        offer = read_for(sock, 0.5)
        assert offer.startswith(KEX_CLOSE_BANNER)
        assert offer[len(KEX_CLOSE_BANNER) + 5] == 20  # SSH_MSG_KEXINIT after length, padding
        sock.sendall(b"SSH-2.0-probe\r\n")
        sock.settimeout(0.5)
        with pytest.raises(TimeoutError):  # the banner alone does not end it
            sock.recv(1)
        packet = struct.pack(">IB", 12, 10) + bytes([20]) + bytes(10)
        sock.sendall(packet + packet)  # the client's offer and its first exchange packet
        sock.settimeout(4)
        assert sock.recv(1) == b""  # the server closed: end of stream, not a timeout


def test_banner_reset_resets_once_the_clients_banner_is_in(fault_server) -> None:
    server = fault_server("banner_reset")
    with _connect(server) as sock:
        assert read_for(sock, 0.5) == BANNER_RESET_BANNER
        sock.sendall(b"SSH-2.0-probe\r\n")
        sock.settimeout(4)
        with pytest.raises(ConnectionResetError):
            sock.recv(1)


def test_smtp_greets_and_refuses_commands(fault_server) -> None:
    server = fault_server("smtp")
    with _connect(server) as sock:
        assert read_for(sock, 0.5) == SMTP_GREETING
        sock.sendall(b"SSH-2.0-sftpcheck\r\n")
        assert read_for(sock, 0.5).startswith(b"502 ")


def test_firewall_no_root_makes_connects_time_out(fault_server) -> None:
    server = fault_server("firewall_no_root")
    with pytest.raises(TimeoutError):
        socket.create_connection((server.host, server.port), timeout=1)


@pytest.mark.parametrize("kind", KINDS)
def test_fault_servers_stop_quickly_with_a_client_still_connected(kind: str) -> None:
    with run_fault_server(kind) as server:
        client = socket.socket()
        client.settimeout(0.3)
        try:
            client.connect((server.host, server.port))
        except TimeoutError:
            assert kind == "firewall_no_root"
        except ConnectionResetError:
            assert kind == "reset"  # on a loaded machine the reset can beat connect()'s return
    # Leaving the block stopped the server with the client still there (a hang would be
    # pytest-timeout's); how quickly is no test's business.
    client.close()
    with pytest.raises(ConnectionRefusedError):  # the port is closed now
        socket.create_connection((server.host, server.port), timeout=1).close()


# --- network namespaces ---------------------------------------------------------------------


def _connect_inside(netns: NetNamespace, host: str, port: int, timeout: float) -> str:
    code = (
        "import socket, sys\n"
        "try:\n"
        f"    socket.create_connection(({host!r}, {port}), timeout={timeout}).close()\n"
        "    print('connected')\n"
        "except OSError as error:\n"
        "    print(type(error).__name__, error.errno)\n"
    )
    return netns.run([sys.executable, "-c", code]).stdout.strip()


def test_netns_listener_and_firewall_rules(netns: NetNamespace) -> None:
    with netns.tcp_listener() as port:
        assert _connect_inside(netns, "127.0.0.1", port, 2) == "connected"
        netns.drop(port)
        assert _connect_inside(netns, "127.0.0.1", port, 1) == "TimeoutError None"
    netns.reject_unreachable(2222)
    assert _connect_inside(netns, "127.0.0.1", 2222, 2) == "OSError 113"
    assert _connect_inside(netns, "127.0.0.1", 2223, 2) == "ConnectionRefusedError 111"


def test_netns_hosts_file_gives_a_name_several_addresses(netns: NetNamespace) -> None:
    addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"]
    netns.write_hosts({"four.sftp.test": addresses})
    code = (
        "import socket\n"
        "infos = socket.getaddrinfo('four.sftp.test', 22, type=socket.SOCK_STREAM)\n"
        "print(' '.join(info[4][0] for info in infos))\n"
    )
    assert netns.run([sys.executable, "-c", code]).stdout.split() == addresses
    outside = subprocess.run(
        ["getent", "hosts", "four.sftp.test"], capture_output=True, check=False
    )
    assert outside.returncode != 0


def _namespaces() -> str:
    return subprocess.run(
        ["ip", "netns", "list"], capture_output=True, text=True, check=True
    ).stdout


def test_netns_is_deleted_afterwards() -> None:
    with network_namespace() as namespace:
        namespace.write_hosts({"x.sftp.test": ["127.0.0.2"]})
        name = namespace.name
        assert name in _namespaces()
    assert name not in _namespaces()
    assert not (NETNS_ETC / name).exists()
    assert not Path(f"/run/netns/{name}").exists()


# --- the lying SFTP server ------------------------------------------------------------------


def test_lying_sftp_reports_half_the_size_it_stored(lying_sftp: QuirkySftpServer) -> None:
    data = os.urandom(1000)
    with paramiko_sftp(
        lying_sftp.host, lying_sftp.port, lying_sftp.username, password=lying_sftp.password
    ) as sftp:
        assert sftp.normalize(".") == "/upload"
        sftp.putfo(io.BytesIO(data), "schools.csv", confirm=False)
        assert sftp.stat("schools.csv").st_size == 500
        assert [a.st_size for a in sftp.listdir_attr(".")] == [500]
        with pytest.raises(OSError, match="size mismatch"):
            sftp.putfo(io.BytesIO(data), "students.csv")  # paramiko's own check notices
        sftp.remove("students.csv")
    assert (lying_sftp.upload_dir_on_disk / "schools.csv").read_bytes() == data
    assert not (lying_sftp.upload_dir_on_disk / "students.csv").exists()


def test_short_sftp_keeps_only_the_first_32_kb_and_says_ok(
    quirky_sftp: Callable[..., QuirkySftpServer],
) -> None:
    server = quirky_sftp(writes="short")
    data = os.urandom(3 * KEPT_BYTES)
    with paramiko_sftp(server.host, server.port, server.username, password=server.password) as sftp:
        sftp.putfo(io.BytesIO(data), "students.csv", confirm=False)  # no write was refused
        assert sftp.stat("students.csv").st_size == KEPT_BYTES
    assert (server.upload_dir_on_disk / "students.csv").read_bytes() == data[:KEPT_BYTES]


def test_a_file_arrives_just_before_the_create_of_its_name(
    quirky_sftp: Callable[..., QuirkySftpServer],
) -> None:
    server = quirky_sftp(arrives_on_create="*.filepart")
    with paramiko_sftp(server.host, server.port, server.username, password=server.password) as sftp:
        with pytest.raises(FileNotFoundError):
            sftp.stat("students.csv.filepart")  # not there when the client looks
        with pytest.raises(OSError, match="Failure"):
            sftp.open("students.csv.filepart", "wx")  # there when it creates
        sftp.putfo(io.BytesIO(b"a,b\n"), "students.csv", confirm=False)  # other names as usual
    assert (server.upload_dir_on_disk / "students.csv.filepart").read_bytes() == ARRIVED


# --- what a missing server program means -------------------------------------------------


def test_missing_program_fails_under_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.servers.need import need_program

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no-such-sshd is missing.*CI=true"):
        need_program("/usr/sbin/no-such-sshd", "openssh-server")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="install the openssh-server package"):
        need_program("/usr/sbin/no-such-sshd", "openssh-server")
    assert need_program("sh", "dash").endswith("/sh")
