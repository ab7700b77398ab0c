"""The client check on saved sites of each client: the code, and the setting it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from sftpcheck.check.options import CheckOptions
from sftpcheck.check.session import Session
from sftpcheck.check.site import SiteUse
from sftpcheck.check.steps.client import check_client
from sftpcheck.model import Status
from sftpcheck.sites import Client, SavedSite, TemporaryName, Toggle


def _site(client: Client, **changes: object) -> SavedSite:
    values: dict[str, object] = {
        "client": client,
        "name": "Roster",
        "host": "sftp.vendor.test",
        "port": 22,
        "user": "d42",
        "protocol": "sftp",
        "preserve_timestamp": Toggle.OFF,
        "preserve_permissions": Toggle.OFF,
    }
    values.update(changes)
    return SavedSite(**values)  # type: ignore[arg-type]


def _judge(site: SavedSite, **use: object):  # type: ignore[no-untyped-def]
    options = CheckOptions(host=site.host, site=SiteUse(site=site, **use))  # type: ignore[arg-type]
    return check_client(Session(options=options))


def test_without_a_site_the_check_is_skipped() -> None:
    outcome = check_client(Session(options=CheckOptions(host="sftp.vendor.test")))
    assert outcome.status is Status.SKIP
    assert "--site" in outcome.summary


@pytest.mark.parametrize(
    ("client", "protocol", "words"),
    [
        (Client.WINSCP, "scp", "'File protocol' to SFTP"),
        (Client.FILEZILLA, "ftps (explicit, FTPES)", "'SFTP - SSH File Transfer Protocol'"),
        (Client.PUTTY, "telnet", "'Connection type' to SSH"),
        (Client.CYBERDUCK, "webdav", "'SFTP (SSH File Transfer Protocol)'"),
        (Client.LFTP, "ftp", "start the URL with sftp://"),
    ],
)
def test_a_wrong_protocol_names_the_clients_own_setting(
    client: Client, protocol: str, words: str
) -> None:
    outcome = _judge(_site(client, protocol=protocol, port=21))
    assert outcome.status is Status.FAIL
    assert outcome.reason is not None
    assert outcome.reason.code == "client.protocol"
    assert words in outcome.summary
    assert protocol.upper() in outcome.summary


def test_a_port_other_than_the_profiles_is_client_port() -> None:
    outcome = _judge(_site(Client.OPENSSH, port=2222), profile_port=22, checked_port=22)
    assert outcome.reason is not None
    assert outcome.reason.code == "client.port"
    assert "In ~/.ssh/config, set 'Port'" in outcome.summary


def test_a_different_host_than_the_profile_warns() -> None:
    outcome = _judge(_site(Client.FILEZILLA), profile_host="sftp2.vendor.test")
    assert outcome.status is Status.WARN
    assert outcome.reason is not None
    assert outcome.reason.code == "client.host"
    assert "sftp2.vendor.test" in outcome.summary
    assert "'Host'" in outcome.summary


def test_temporary_names_warn_and_name_the_vendors_file_names() -> None:
    site = _site(Client.WINSCP, temporary_name=TemporaryName("{name}.filepart", 102400))
    outcome = _judge(site, profile_file_names=("students.csv", "schools.csv"))
    assert outcome.reason is not None
    assert outcome.reason.code == "client.temporary_name"
    assert "students.csv.filepart" in outcome.summary
    assert "The vendor imports files named students.csv, schools.csv" in outcome.summary
    assert "'Disable'" in outcome.summary


def test_fail_beats_warn_and_every_problem_is_listed() -> None:
    site = _site(Client.WINSCP, remote_dir="/", preserve_timestamp=Toggle.ON)
    outcome = _judge(site)
    assert outcome.status is Status.FAIL
    assert outcome.reason is not None
    assert outcome.reason.code == "client.remote_dir_root"
    assert "clear 'Remote directory'" in outcome.summary
    assert "'Preserve timestamp'" in outcome.summary
    assert outcome.details["problems"] == ["client.remote_dir_root", "client.preserve_timestamp"]


def test_a_clean_site_passes_and_its_settings_are_listed(tmp_path: Path) -> None:
    outcome = _judge(_site(Client.CYBERDUCK, remote_dir="/upload"))
    assert outcome.status is Status.PASS
    facts = {fact.label: fact.value for fact in outcome.facts}
    assert facts["Client"] == "Cyberduck"
    assert facts["Remote directory"] == "/upload"
    assert facts["Preserve timestamp"] == "off"


def test_a_putty_key_and_a_command_proxy_are_explained() -> None:
    site = _site(Client.PUTTY, key_file="C:\\Keys\\district.ppk", proxy="command: plink jump")
    outcome = _judge(site, unused_key=site.key_file, unused_key_why="it is a PuTTY key")
    assert outcome.status is Status.PASS
    assert "district.ppk was not used: it is a PuTTY key" in outcome.summary
    assert "which sftpcheck cannot use" in outcome.summary
    assert "Connection, Proxy" in outcome.summary
