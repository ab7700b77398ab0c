"""Each client's reader on files written in that client's own format."""

from __future__ import annotations

from pathlib import Path

import pytest

from sftpcheck.errors import InputError
from sftpcheck.sites import Client, Toggle, find_site, read_sites
from sftpcheck.sites.filezilla import remote_dir
from tests.sites import files


def _by_name(path: Path, client: Client | None = None) -> dict[str, object]:
    return {site.name: site for site in read_sites(path, client)}


def test_winscp_ini_escaped_names_folders_utf8_and_default_settings(tmp_path: Path) -> None:
    ini = files.winscp_ini(
        tmp_path / "WinSCP.ini",
        {
            "Default Settings": {"UserName": "district42", "PortNumber": 2222},
            "Vendors/Clever drop": {
                "HostName": "sftp.clever.test",
                "FSProtocol": 2,
                "Password": files.WINSCP_STORED_PASSWORD,
            },
            "Schule München": {
                "HostName": "sftp.example.de",
                "FSProtocol": 5,
                "PortNumber": 21,
                "RemoteDirectory": "/",
            },
            "Old FTPS": {"HostName": "ftp.example.org", "FSProtocol": 5, "Ftps": 1},
        },
    )
    sites = _by_name(ini)
    assert set(sites) == {"Vendors/Clever drop", "Schule München", "Old FTPS"}
    clever = find_site(list(sites.values()), "vendors/clever drop")  # type: ignore[arg-type]
    assert (clever.client, clever.host, clever.port, clever.user) == (
        Client.WINSCP,
        "sftp.clever.test",
        2222,
        "district42",
    )  # inherited from Default Settings
    assert clever.protocol == "sftp"
    # No CopyParam section: WinSCP's factory defaults apply.
    assert clever.preserve_timestamp is Toggle.ON
    assert clever.preserve_permissions is Toggle.OFF
    assert clever.temporary_name is not None
    assert clever.temporary_name.from_bytes == 100 * 1024
    assert clever.temporary_name.name_for("students.csv") == "students.csv.filepart"
    munich = sites["Schule München"]
    assert (munich.protocol, munich.port, munich.remote_dir) == ("ftp", 21, "/")  # type: ignore[attr-defined]
    assert sites["Old FTPS"].protocol == "ftps (implicit)"  # type: ignore[attr-defined]


def test_winscp_copy_param_turns_off_preserve_time_and_temporary_names(tmp_path: Path) -> None:
    ini = files.winscp_ini(
        tmp_path / "WinSCP.ini",
        {"Drop": {"HostName": "sftp.vendor.test"}},
        copy_param={"PreserveTime": 0, "PreserveRights": 1, "ResumeSupport": 2},
    )
    (site,) = read_sites(ini, None)
    assert site.protocol == "sftp (scp fallback)"  # FSProtocol's factory default
    assert site.port == 22
    assert site.preserve_timestamp is Toggle.OFF
    assert site.preserve_permissions is Toggle.ON
    assert site.temporary_name is None


def test_winscp_utf16_reg_export_with_proxy(tmp_path: Path) -> None:
    reg = files.winscp_reg(
        tmp_path / "winscp.reg",
        {
            "Default Settings": {"FSProtocol": 2},
            "Büro/Vendor": {
                "HostName": "sftp.vendor.test",
                "UserName": "d42",
                "ProxyMethod": 3,
                "ProxyHost": "proxy.district.test",
                "ProxyPort": 3128,
                "ProxyPassword": files.PLAIN_STORED_PASSWORD,
                "Password": files.WINSCP_STORED_PASSWORD,
            },
        },
        copy_param={"ResumeSupport": 0},
    )
    assert reg.read_bytes().startswith(b"\xff\xfe")
    (site,) = read_sites(reg, None)
    assert site.name == "Büro/Vendor"
    assert site.protocol == "sftp"
    assert site.proxy == "http://proxy.district.test:3128"
    assert site.temporary_name is not None
    assert site.temporary_name.from_bytes == 0


def test_filezilla_folders_protocols_remote_dir_and_global_settings(tmp_path: Path) -> None:
    body = (
        files.filezilla_server("Clever", "sftp.clever.test", 22, 1, "d42", "/home/uploads")
        + '<Folder expanded="1">Alte Server'
        + files.filezilla_server("Über FTP", "ftp.vendor.test", 21, 0, "d42")
        + files.filezilla_server("FTPES", "ftp.vendor.test", 21, 4, "d42", "/")
        + "</Folder>"
    )
    manager = files.filezilla_sitemanager(tmp_path / "sitemanager.xml", body)
    sites = _by_name(manager)
    assert set(sites) == {"Clever", "Alte Server/Über FTP", "Alte Server/FTPES"}
    clever = sites["Clever"]
    assert (clever.protocol, clever.port, clever.remote_dir) == ("sftp", 22, "/home/uploads")  # type: ignore[attr-defined]
    assert clever.preserve_timestamp is Toggle.OFF  # type: ignore[attr-defined]  # the default
    assert sites["Alte Server/Über FTP"].protocol == "ftp"  # type: ignore[attr-defined]
    assert sites["Alte Server/FTPES"].remote_dir == "/"  # type: ignore[attr-defined]
    files.filezilla_settings(
        tmp_path / "filezilla.xml",
        {
            "Preserve timestamps": "1",
            "Proxy type": "2",
            "Proxy host": "socks.test",
            "Proxy port": "1080",
        },
    )
    clever_again = _by_name(manager)["Clever"]
    assert clever_again.preserve_timestamp is Toggle.ON  # type: ignore[attr-defined]
    assert clever_again.proxy == "socks5://socks.test:1080"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("encoded", "path"),
    [
        ("1 0 4 home 7 uploads", "/home/uploads"),
        ("1 0", "/"),
        ("1 0 10 my uploads", "/my uploads"),
        ("", None),
    ],
)
def test_filezilla_remote_dir_is_length_prefixed(encoded: str, path: str | None) -> None:
    assert remote_dir(encoded) == path


def test_filezilla_corrupt_xml_is_one_clear_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "sitemanager.xml"
    broken.write_text('<?xml version="1.0"?><FileZilla3><Servers><Server><Host>x</Servers>')
    with pytest.raises(InputError, match="is not valid XML"):
        read_sites(broken, None)


def test_putty_reg_and_sessions_folder(tmp_path: Path) -> None:
    sessions = {
        "Vendor drop": {
            "HostName": "sftp.vendor.test",
            "PortNumber": 2222,
            "UserName": "d42",
            "Protocol": "ssh",
            "ProxyMethod": 2,
            "ProxyHost": "socks.test",
            "ProxyPort": 1080,
            "ProxyPassword": files.PLAIN_STORED_PASSWORD,
        },
        "Default Settings": {"HostName": "", "PortNumber": 22},
        "Telnet box": {"HostName": "old.vendor.test", "PortNumber": 23, "Protocol": "telnet"},
    }
    reg = files.putty_reg(tmp_path / "putty.reg", sessions)
    folder = files.putty_sessions_dir(tmp_path / ".putty" / "sessions", sessions)
    for path in (reg, folder):
        sites = _by_name(path)
        assert set(sites) == {"Vendor drop", "Telnet box"}, path
        drop = sites["Vendor drop"]
        assert (drop.client, drop.port, drop.user, drop.proxy) == (  # type: ignore[attr-defined]
            Client.PUTTY,
            2222,
            "d42",
            "socks5://socks.test:1080",
        )
        assert sites["Telnet box"].uses_sftp is False  # type: ignore[attr-defined]


def test_openssh_config_with_include_and_wildcards(tmp_path: Path) -> None:
    ssh = tmp_path / ".ssh"
    (ssh / "config.d").mkdir(parents=True)
    (ssh / "config.d" / "vendors.conf").write_text(
        "Host clever\n  HostName sftp.clever.test\n  User d42\n  Port 2222\n"
        "  IdentityFile ~/.ssh/clever_ed25519\n"
        "  ProxyCommand nc -X connect -x proxy.district.test:3128 %h %p\n"
    )
    config = ssh / "config"
    config.write_text(
        "Include config.d/*.conf\n\nHost *\n  ServerAliveInterval 30\n\n"
        "Host old\n  HostName ftp.vendor.test\n"
    )
    sites = _by_name(config, Client.OPENSSH)
    assert set(sites) == {"clever", "old"}
    clever = sites["clever"]
    assert (clever.host, clever.port, clever.user) == ("sftp.clever.test", 2222, "d42")  # type: ignore[attr-defined]
    assert clever.key_file.endswith("clever_ed25519")  # type: ignore[attr-defined]
    assert clever.proxy == "http://proxy.district.test:3128"  # type: ignore[attr-defined]


def test_cyberduck_bookmarks_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Bookmarks"
    folder.mkdir()
    files.cyberduck_bookmark(
        folder / "a.duck",
        Nickname="Clever",
        Hostname="sftp.clever.test",
        Username="d42",
        Path="/",
        **{"Private Key File Dictionary": {"Path": "~/.ssh/clever_ed25519", "Bookmark": "x"}},
    )
    files.cyberduck_bookmark(
        folder / "b.duck", Nickname="Old FTP", Hostname="ftp.vendor.test", Protocol="ftp", Port="21"
    )
    sites = _by_name(folder)
    assert sites["Clever"].remote_dir == "/"  # type: ignore[attr-defined]
    assert sites["Clever"].key_file == "~/.ssh/clever_ed25519"  # type: ignore[attr-defined]
    assert (sites["Old FTP"].protocol, sites["Old FTP"].port) == ("ftp", 21)  # type: ignore[attr-defined]


def test_lftp_bookmarks_drop_the_password_in_the_url(tmp_path: Path) -> None:
    bookmarks = files.lftp_bookmarks(
        tmp_path / "bookmarks",
        {
            "clever": files.url_with_password("sftp", "d42", "sftp.clever.test", 22, "upload"),
            "oldftp": "ftp://d42@ftp.vendor.test:21/",
        },
    )
    sites = _by_name(bookmarks)
    clever = sites["clever"]
    assert (clever.user, clever.host, clever.port, clever.remote_dir) == (  # type: ignore[attr-defined]
        "d42",
        "sftp.clever.test",
        22,
        "/upload",
    )
    assert files.PLAIN_STORED_PASSWORD not in repr(sites)
    assert sites["oldftp"].protocol == "ftp"  # type: ignore[attr-defined]
    assert clever.preserve_timestamp is Toggle.ON  # type: ignore[attr-defined]
    assert clever.temporary_name is None  # type: ignore[attr-defined]  # lftp's default


def test_lftp_rc_turns_on_temporary_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / ".config" / "lftp").mkdir(parents=True)
    (home / ".config" / "lftp" / "rc").write_text("set xfer:use-temp-file yes  # safer\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    bookmarks = files.lftp_bookmarks(tmp_path / "bookmarks", {"drop": "sftp://d42@h.test/"})
    (site,) = read_sites(bookmarks, None)
    assert site.temporary_name is not None
    assert site.temporary_name.name_for("students.csv") == ".in.students.csv"


def test_missing_keys_give_defaults_not_errors(tmp_path: Path) -> None:
    ini = tmp_path / "WinSCP.ini"
    ini.write_text("[Sessions\\Bare]\nHostName=sftp.vendor.test\n[Sessions\\Empty]\n")
    (site,) = read_sites(ini, None)
    assert (site.name, site.port, site.user, site.remote_dir) == ("Bare", 22, None, None)


def test_unknown_site_name_offers_the_closest(tmp_path: Path) -> None:
    ini = files.winscp_ini(
        tmp_path / "WinSCP.ini",
        {"Clever drop": {"HostName": "a.test"}, "PowerSchool": {"HostName": "b.test"}},
    )
    with pytest.raises(InputError, match="Did you mean 'Clever drop'"):
        find_site(read_sites(ini, None), "Clevr drop")


def test_old_regedit4_export_in_ansi(tmp_path: Path) -> None:
    """REGEDIT4 files are ANSI, not UTF-16; WinSCP's escaping is the same."""
    reg = tmp_path / "old.reg"
    reg.write_bytes(
        b"REGEDIT4\r\n\r\n"
        b"[HKEY_CURRENT_USER\\Software\\Martin Prikryl\\WinSCP 2\\Sessions\\B%FCro]\r\n"
        b'"HostName"="sftp.vendor.test"\r\n"PortNumber"=dword:00000016\r\n'
        b'"Password"="' + files.WINSCP_STORED_PASSWORD.encode() + b'"\r\n'
        b'"RemoteDirectory"="/home/%C4rger"\r\n'
    )
    (site,) = read_sites(reg, None)
    assert site.name == "Büro"  # %FC in Windows-1252, no UTF-8 mark
    assert site.remote_dir == "/home/Ärger"
    assert site.port == 22


def test_ssh_config_match_exec_is_never_run_and_bad_lines_are_input_errors(
    tmp_path: Path,
) -> None:
    marker = tmp_path / "ran"
    config = tmp_path / "config"
    config.write_text(
        f'Match exec "touch {marker}"\n  User someone\nHost roster\n  HostName h.test\n'
    )
    assert [site.name for site in read_sites(config, Client.OPENSSH)] == ["roster"]
    assert not marker.exists()
    config.write_text("Host roster\n  Port\n")
    with pytest.raises(InputError, match="not a valid ssh config"):
        read_sites(config, Client.OPENSSH)


@pytest.mark.parametrize(
    "content", [b'<?xml version="1.0"?><plist><dict><key>a</key>', b"garbage\x00\x01"]
)
def test_a_broken_duck_file_is_an_input_error(tmp_path: Path, content: bytes) -> None:
    bookmark = tmp_path / "Roster.duck"
    bookmark.write_bytes(content)
    with pytest.raises(InputError, match="is not a Cyberduck bookmark"):
        read_sites(bookmark, None)
