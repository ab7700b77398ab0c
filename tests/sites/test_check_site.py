"""`check --site`: a district's saved site, checked from outside against the real servers.

Each site file is written in its client's own format; the report must name the wrong
setting the way the client's dialog does, and still say whether the account works over
SFTP once the setting is changed.
"""

from __future__ import annotations

from pathlib import Path

from tests.check.run import Runner, assert_passes
from tests.servers.ftp import FtpServer
from tests.servers.proxies import run_tinyproxy
from tests.servers.sshd import SshServer
from tests.sites import files


def test_winscp_ftp_site_fails_client_protocol_and_the_account_works_over_sftp(
    sftpcheck: Runner, sshd: SshServer, ftp_server: FtpServer, vendor_profile: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    ini = files.winscp_ini(
        tmp_path / "WinSCP.ini",
        {
            "Vendors/Roster drop": {
                "HostName": "127.0.0.1",
                "PortNumber": ftp_server.port,
                "FSProtocol": 5,
                "UserName": account.username,
                "Password": files.WINSCP_STORED_PASSWORD,
            }
        },
        copy_param={"PreserveTime": 0, "ResumeSupport": 2},
    )
    run = sftpcheck(
        "--site",
        "Vendors/Roster drop",
        "--site-file",
        str(ini),
        "--profile",
        str(vendor_profile),
        password=account.password,
    )
    assert run.status("client") == "fail", run.describe()
    assert run.code("client") == "client.protocol"
    summary = run.summary("client")
    assert "'File protocol' to SFTP" in summary
    assert f"port {sshd.port}" in summary  # where the later steps went instead
    # The rest ran over SFTP on the vendor's port: the account itself is fine.
    assert_passes(run, "dns", "tcp", "protocol", "ssh", "auth", "remote_dir", "upload")
    assert run.report is not None
    assert run.report["target"]["port"] == sshd.port
    assert run.exit_code == 1
    facts = run.check("client")["facts"]
    assert facts["Protocol"] == "ftp"
    assert facts["Port"] == str(ftp_server.port)


def test_filezilla_site_on_port_21_fails_client_port(
    sftpcheck: Runner, sshd: SshServer, vendor_profile: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    manager = files.filezilla_sitemanager(
        tmp_path / "sitemanager.xml",
        "<Folder>Vendors"
        + files.filezilla_server("Roster", "127.0.0.1", 21, 1, account.username)
        + "</Folder>",
    )
    run = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(manager),
        "--profile",
        str(vendor_profile),
        password=account.password,
    )
    assert run.code("client") == "client.port", run.describe()
    summary = run.summary("client")
    assert "port 21" in summary
    assert "Site Manager" in summary
    assert "'Port'" in summary
    assert_passes(run, "tcp", "ssh", "auth", "upload")


def test_port_21_without_a_profile_runs_on_22(
    sftpcheck: Runner, sshd: SshServer, tmp_path: Path
) -> None:
    """No vendor profile: the checks go to SFTP's own port, 22, where nothing listens here."""
    bookmarks = files.lftp_bookmarks(
        tmp_path / "bookmarks", {"roster": "sftp://district@127.0.0.2:21/"}
    )
    run = sftpcheck("--site", "roster", "--site-file", str(bookmarks), "--timeout", "3")
    assert run.code("client") == "client.port", run.describe()
    assert "lftp's bookmarks file" in run.summary("client")
    assert run.report is not None
    assert run.report["target"] == {"host": "127.0.0.2", "port": 22, "username": "district"}
    assert run.code("tcp") == "tcp.refused"


def test_cyberduck_site_opening_root_fails_twice_with_the_path_setting(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    bookmark = files.cyberduck_bookmark(
        tmp_path / "Roster.duck",
        Nickname="Roster drop",
        Hostname="127.0.0.1",
        Port=str(sshd.port),
        Username=account.username,
        Path="/",
    )
    run = sftpcheck(
        "--site",
        "roster drop",
        "--site-file",
        str(bookmark),
        "--known-hosts",
        str(known_hosts),
        password=account.password,
    )
    assert run.code("client") == "client.remote_dir_root", run.describe()
    assert "clear 'Path'" in run.summary("client")
    # The server agrees: this account may not open '/'.
    assert run.code("remote_dir") == "remote_dir.root_denied"
    assert_passes(run, "auth")


def test_winscp_default_preserve_timestamp_warns_and_the_server_refuses_setstat(
    sftpcheck: Runner, sshd: SshServer, vendor_profile: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    reg = files.winscp_reg(
        tmp_path / "winscp.reg",
        {
            "Roster": {
                "HostName": "127.0.0.1",
                "PortNumber": sshd.port,
                "FSProtocol": 2,
                "UserName": account.username,
                "Password": files.WINSCP_STORED_PASSWORD,
            }
        },
    )
    run = sftpcheck(
        "--site",
        "Roster",
        "--site-file",
        str(reg),
        "--profile",
        str(vendor_profile),
        "--setstat",
        password=account.password,
    )
    assert run.status("client") == "warn", run.describe()
    assert run.code("client") == "client.preserve_timestamp"
    assert "'Preserve timestamp'" in run.summary("client")
    assert "as students.csv.filepart, then renames them" in run.summary("client"), run.describe()
    assert run.code("setstat") == "setstat.unsupported"
    assert run.exit_code == 0


def test_openssh_host_alias_with_its_key_passes_the_client_check(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["keyonly"]
    config = tmp_path / "ssh_config"
    config.write_text(
        f"Host roster\n  HostName 127.0.0.1\n  Port {sshd.port}\n  User {account.username}\n"
        f"  IdentityFile {account.key_path}\n"
    )
    run = sftpcheck(
        "--site",
        "roster",
        "--site-file",
        str(config),
        "--client",
        "openssh",
        "--known-hosts",
        str(known_hosts),
    )
    assert_passes(run, "client", "auth", "remote_dir", "upload")
    assert run.check("client")["facts"]["Client"] == "OpenSSH"


def test_explicit_options_win_over_the_site(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    bookmarks = files.lftp_bookmarks(
        tmp_path / "bookmarks", {"roster": f"sftp://nobody@127.0.0.1:{sshd.port}/private"}
    )
    run = sftpcheck(
        "--site",
        "roster",
        "--site-file",
        str(bookmarks),
        "--user",
        account.username,
        "--remote-dir",
        "/upload",
        "--known-hosts",
        str(known_hosts),
        password=account.password,
    )
    assert_passes(run, "client", "auth", "remote_dir", "upload")
    assert run.report is not None
    assert run.report["target"]["username"] == account.username


def test_unknown_site_is_exit_2_with_the_closest_names(sftpcheck: Runner, tmp_path: Path) -> None:
    ini = files.winscp_ini(
        tmp_path / "WinSCP.ini",
        {"Roster drop": {"HostName": "127.0.0.1"}, "Library": {"HostName": "127.0.0.1"}},
    )
    run = sftpcheck("--site", "Rostr drop", "--site-file", str(ini))
    assert run.exit_code == 2, run.describe()
    assert run.stdout == ""
    assert "Did you mean 'Roster drop'?" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_winscp_site_with_a_saved_http_proxy_goes_through_it(
    sftpcheck: Runner, sshd: SshServer, tmp_path: Path
) -> None:
    """The server's name resolves only inside the proxy: passing proves the run went through
    the proxy saved in the site, as WinSCP would."""
    account = sshd.accounts["district"]
    with run_tinyproxy(tmp_path / "proxy", names={"sftp.roster.test": "127.0.0.1"}) as proxy:
        known = tmp_path / "known_hosts"
        known.write_text(sshd.host_key_line.replace("127.0.0.1", "sftp.roster.test") + "\n")
        reg = files.winscp_reg(
            tmp_path / "winscp.reg",
            {
                "Roster": {
                    "HostName": "sftp.roster.test",
                    "PortNumber": sshd.port,
                    "FSProtocol": 2,
                    "UserName": account.username,
                    "ProxyMethod": 3,
                    "ProxyHost": proxy.host,
                    "ProxyPort": proxy.port,
                }
            },
            copy_param={"PreserveTime": 0, "ResumeSupport": 2},
        )
        run = sftpcheck(
            "--site",
            "Roster",
            "--site-file",
            str(reg),
            "--known-hosts",
            str(known),
            password=account.password,
        )
    assert_passes(run, "client", "tcp", "ssh", "auth", "remote_dir", "upload")
    assert run.check("client")["facts"]["Proxy"] == f"http://{proxy.host}:{proxy.port}"
    # The proxy was asked for the name that only it can resolve, and reached it.
    assert f"CONNECT sftp.roster.test:{sshd.port} HTTP/1.1" in proxy.log_text()
    assert 'Established connection to host "sftp.roster.test"' in proxy.log_text()


def test_a_district_profile_may_name_the_site(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    bookmarks = files.lftp_bookmarks(
        tmp_path / "bookmarks", {"roster": f"ftp://{account.username}@127.0.0.1:{sshd.port}/"}
    )
    profile = tmp_path / "district.toml"
    profile.write_text(
        f'site = "roster"\nsite-file = "{bookmarks}"\nclient = "lftp"\n'
        f'known-hosts = "{known_hosts}"\nport = {sshd.port}\n'
    )
    run = sftpcheck("--profile", str(profile), password=account.password)
    assert run.code("client") == "client.protocol", run.describe()
    assert "start the URL with sftp://" in run.summary("client")
    assert_passes(run, "auth", "upload")


def test_a_corrupt_site_file_is_exit_2(sftpcheck: Runner, tmp_path: Path) -> None:
    broken = tmp_path / "sitemanager.xml"
    broken.write_text("<FileZilla3><Servers><Server><Host>127.0.0.1</Host>")
    run = sftpcheck("--site", "Roster", "--site-file", str(broken))
    assert run.exit_code == 2, run.describe()
    assert "is not valid XML" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
