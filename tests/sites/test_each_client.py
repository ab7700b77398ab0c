"""Done when: for each client, a saved site with a wrong protocol, port, remote directory or
preserve-timestamp setting gets the matching client code and names the exact setting to
change, the way that client's own dialog names it.

One table of cases (client x wrong setting), each written in the client's real format,
read back by its reader and judged by the client check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sftpcheck.check.options import CheckOptions
from sftpcheck.check.session import Session
from sftpcheck.check.site import SiteUse
from sftpcheck.check.steps.client import check_client
from sftpcheck.sites import read_sites
from tests.sites import files

HOST = "sftp.vendor.test"


@dataclass(frozen=True)
class Case:
    id: str
    write: Callable[[Path], Path]
    code: str
    words: str


def _winscp(**values: str | int) -> Callable[[Path], Path]:
    copy_param = {key: values.pop(key) for key in ("PreserveTime",) if key in values}
    site: dict[str, str | int] = {"HostName": HOST, "FSProtocol": 2, **values}
    return lambda tmp: files.winscp_ini(
        tmp / "WinSCP.ini", {"Roster": site}, copy_param={"ResumeSupport": 2, **copy_param}
    )


def _filezilla(
    port: int = 22, protocol: int = 1, remote: str = "", preserve: str = "0"
) -> Callable[[Path], Path]:
    def write(tmp: Path) -> Path:
        files.filezilla_settings(tmp / "filezilla.xml", {"Preserve timestamps": preserve})
        body = files.filezilla_server("Roster", HOST, port, protocol, "d42", remote)
        return files.filezilla_sitemanager(tmp / "sitemanager.xml", body)

    return write


def _putty(**values: str | int) -> Callable[[Path], Path]:
    session: dict[str, str | int] = {"HostName": HOST, "Protocol": "ssh", "PortNumber": 22}
    session.update(values)
    return lambda tmp: files.putty_reg(tmp / "putty.reg", {"Roster": session})


def _ssh(port: int) -> Callable[[Path], Path]:
    def write(tmp: Path) -> Path:
        (tmp / "config").write_text(f"Host Roster\n  HostName {HOST}\n  Port {port}\n")
        return tmp / "config"

    return write


def _duck(**values: str) -> Callable[[Path], Path]:
    return lambda tmp: files.cyberduck_bookmark(
        tmp / "Roster.duck", **{"Nickname": "Roster", "Hostname": HOST, **values}
    )


def _lftp(url: str) -> Callable[[Path], Path]:
    return lambda tmp: files.lftp_bookmarks(tmp / "bookmarks", {"Roster": url})


CASES = [
    Case(
        "winscp-protocol",
        _winscp(FSProtocol=5, PortNumber=21),
        "client.protocol",
        "set 'File protocol' to SFTP",
    ),
    Case("winscp-port", _winscp(PortNumber=2121), "client.port", "'Port number'"),
    Case(
        "winscp-remote-dir",
        _winscp(RemoteDirectory="/"),
        "client.remote_dir_root",
        "clear 'Remote directory'",
    ),
    Case(
        "winscp-preserve",
        _winscp(PreserveTime=1),
        "client.preserve_timestamp",
        "clear 'Preserve timestamp'",
    ),
    Case(
        "filezilla-protocol",
        _filezilla(21, 0),
        "client.protocol",
        "'Protocol' to 'SFTP - SSH File Transfer Protocol'",
    ),
    Case("filezilla-port", _filezilla(port=21), "client.port", "General tab set 'Port'"),
    Case(
        "filezilla-remote-dir",
        _filezilla(remote="/"),
        "client.remote_dir_root",
        "clear 'Default remote directory'",
    ),
    Case(
        "filezilla-preserve",
        _filezilla(preserve="1"),
        "client.preserve_timestamp",
        "'Preserve timestamps of transferred files'",
    ),
    Case(
        "putty-protocol",
        _putty(Protocol="telnet", PortNumber=23),
        "client.protocol",
        "'Connection type' to SSH",
    ),
    Case("putty-port", _putty(PortNumber=21), "client.port", "set 'Port' on the Session page"),
    Case("openssh-port", _ssh(21), "client.port", "In ~/.ssh/config, set 'Port'"),
    Case(
        "cyberduck-protocol",
        _duck(Protocol="ftp", Port="21"),
        "client.protocol",
        "'SFTP (SSH File Transfer Protocol)'",
    ),
    Case("cyberduck-port", _duck(Port="21"), "client.port", "(Edit Bookmark) and set 'Port'"),
    Case("cyberduck-remote-dir", _duck(Path="/"), "client.remote_dir_root", "clear 'Path'"),
    Case(
        "lftp-protocol",
        _lftp(f"ftp://d42@{HOST}/"),
        "client.protocol",
        "start the URL with sftp://",
    ),
    Case("lftp-port", _lftp(f"sftp://d42@{HOST}:21/"), "client.port", "set the port in the URL"),
    Case(
        "lftp-remote-dir",
        _lftp(f"sftp://d42@{HOST}/%2F"),
        "client.remote_dir_root",
        "remove the folder at the end of the URL",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_wrong_setting_gets_its_code_and_the_clients_own_words(
    case: Case, tmp_path: Path
) -> None:
    (site,) = read_sites(case.write(tmp_path), None)
    use = SiteUse(site=site, profile_host=HOST, profile_port=22, checked_port=22)
    outcome = check_client(Session(options=CheckOptions(host=HOST, site=use)))
    assert outcome.reason is not None, outcome.summary
    assert outcome.reason.code == case.code, outcome.summary
    assert case.words in outcome.summary
