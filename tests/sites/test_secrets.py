"""A stored password in a client's file never comes out: not in `sites`, not in `check`,
in no format, not on stderr and not in an --output file."""

from __future__ import annotations

import base64
import codecs
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.check.run import Runner, sftpcheck_command
from tests.servers.sshd import SshServer
from tests.sites import files

FORMATS = ("text", "markdown", "json")


def _pieces(secret: str, size: int = 6) -> set[str]:
    """Every run of `size` characters of the secret: no part of it may show."""
    return {secret[start : start + size] for start in range(len(secret) - size + 1)}


SECRET_FORMS = (
    files.WINSCP_STORED_PASSWORD,
    files.PLAIN_STORED_PASSWORD,
    base64.b64encode(files.PLAIN_STORED_PASSWORD.encode()).decode(),
    quote(files.PLAIN_STORED_PASSWORD, safe=""),
)
PIECES = set().union(*(_pieces(form) for form in SECRET_FORMS))


def _assert_sealed(*texts: str) -> None:
    for text in texts:
        leaked = sorted(piece for piece in PIECES if piece in text)
        assert not leaked, f"part of a stored password came out: {leaked}\n{text[-2000:]}"


def _site_files(tmp_path: Path, host: str, port: int, user: str) -> list[Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    winscp = files.winscp_reg(
        tmp_path / "winscp.reg",
        {
            "Roster": {
                "HostName": host,
                "PortNumber": port,
                "UserName": user,
                "FSProtocol": 2,
                "Password": files.WINSCP_STORED_PASSWORD,
                "ProxyPassword": files.PLAIN_STORED_PASSWORD,
            }
        },
    )
    filezilla_dir = tmp_path / "filezilla"
    filezilla_dir.mkdir()
    filezilla = files.filezilla_sitemanager(
        filezilla_dir / "sitemanager.xml", files.filezilla_server("Roster", host, port, 1, user)
    )
    files.filezilla_settings(filezilla_dir / "filezilla.xml", {"Preserve timestamps": "1"})
    putty = files.putty_reg(
        tmp_path / "putty.reg",
        {
            "Roster": {
                "HostName": host,
                "PortNumber": port,
                "UserName": user,
                "ProxyPassword": files.PLAIN_STORED_PASSWORD,
            }
        },
    )
    lftp = files.lftp_bookmarks(
        tmp_path / "bookmarks", {"Roster": files.url_with_password("sftp", user, host, port)}
    )
    return [winscp, filezilla, putty, lftp]


def _text(path: Path) -> str:
    data = path.read_bytes()
    return data.decode("utf-16") if data.startswith(codecs.BOM_UTF16_LE) else data.decode()


def test_the_site_files_really_hold_the_password(tmp_path: Path) -> None:
    """Guards the test below: each file holds what must not come out, as its client keeps it."""
    winscp, filezilla, putty, lftp = _site_files(tmp_path, "h.test", 22, "u")
    plain = files.PLAIN_STORED_PASSWORD
    assert files.WINSCP_STORED_PASSWORD in _text(winscp)
    assert files.winscp_escape(plain) in _text(winscp)  # the proxy password, escaped
    assert base64.b64encode(plain.encode()).decode() in _text(filezilla)
    assert plain in _text(filezilla.with_name("filezilla.xml"))  # the proxy password
    assert plain in _text(putty)  # the proxy password
    assert quote(plain, safe="") in _text(lftp)  # inside the bookmark's URL


@pytest.mark.parametrize("output_format", FORMATS)
def test_sites_never_shows_a_stored_password(tmp_path: Path, output_format: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
    env.update(HOME=str(tmp_path / "home"), NO_COLOR="1")
    for site_file in _site_files(tmp_path / output_format, "sftp.vendor.test", 22, "d42"):
        done = subprocess.run(
            [*sftpcheck_command(), "sites", str(site_file), "--format", output_format],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "sftp.vendor.test" in done.stdout
        _assert_sealed(done.stdout, done.stderr)


def test_check_site_never_shows_a_stored_password(
    sftpcheck: Runner, sshd: SshServer, known_hosts: Path, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    for site_file in _site_files(tmp_path, "127.0.0.1", sshd.port, account.username):
        for output_format in FORMATS:
            report = tmp_path / f"report-{site_file.name}.{output_format}"
            run = sftpcheck(
                "--site",
                "Roster",
                "--site-file",
                str(site_file),
                "--known-hosts",
                str(known_hosts),
                "--no-upload",
                "--output",
                str(report),
                password=account.password,
                output_format=output_format,
            )
            assert run.exit_code == 0, run.describe()
            assert "Roster" in run.stdout
            _assert_sealed(run.stdout, run.stderr, report.read_text())


def test_a_file_read_as_the_wrong_client_never_quotes_it(tmp_path: Path) -> None:
    """Parsers quote bad lines; sftpcheck must not repeat them (the line may be a password)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
    env.update(HOME=str(tmp_path / "home"), NO_COLOR="1")
    plain = tmp_path / "plain.ini"
    # A lone token is a line paramiko cannot parse, and its error quotes the line.
    plain.write_text(f"{files.PLAIN_STORED_PASSWORD}\n[Sessions\\x]\nHost x\n  Port\n")
    site_files = [*_site_files(tmp_path / "files", "sftp.vendor.test", 22, "d42"), plain]
    clients = ("winscp", "filezilla", "putty", "openssh", "cyberduck", "lftp")
    for site_file in site_files:
        for client in clients:
            done = subprocess.run(
                [*sftpcheck_command(), "sites", str(site_file), "--client", client],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert done.returncode in (0, 1, 2), done.stderr
            assert "Traceback" not in done.stderr
            _assert_sealed(done.stdout, done.stderr)
