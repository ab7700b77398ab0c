"""`sftpcheck sites`: what a user sees, and its exit codes (0 read, 1 none, 2 unreadable)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.check.run import sftpcheck_command
from tests.sites import files


def _sites(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SFTPCHECK_", "XDG_"))}
    env.update(HOME=str(home), NO_COLOR="1")
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [*sftpcheck_command(), "sites", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_text_lists_the_settings_that_matter_for_an_upload(tmp_path: Path) -> None:
    ini = files.winscp_ini(
        tmp_path / "WinSCP.ini",
        {
            "Schule München": {
                "HostName": "sftp.vendor.test",
                "FSProtocol": 5,
                "PortNumber": 21,
                "RemoteDirectory": "/",
            }
        },
    )
    done = _sites(tmp_path / "home", str(ini))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "WinSCP: Schule München" in out
    for words in (
        "Protocol              ftp",
        "Port                  21",
        "Remote directory      /",
        "Preserve timestamp    on",
        "students.csv.filepart",
        "1 saved site found.",
    ):
        assert words in out, out


def test_markdown_and_json(tmp_path: Path) -> None:
    manager = files.filezilla_sitemanager(
        tmp_path / "sitemanager.xml",
        files.filezilla_server("Roster | drop", "sftp.vendor.test", 22, 1, "d42", "/upload"),
    )
    markdown = _sites(tmp_path / "home", str(manager), "--format", "markdown")
    assert markdown.returncode == 0
    assert "| FileZilla | Roster \\| drop | sftp.vendor.test | 22 | d42 | sftp | /upload |" in (
        markdown.stdout
    )
    data = json.loads(_sites(tmp_path / "home", str(manager), "--format", "json").stdout)
    (site,) = data["sites"]
    assert site["client"] == "filezilla"
    assert site["remote_dir"] == "/upload"
    assert site["preserve_timestamp"] == "off"
    assert "password" not in json.dumps(data).lower()


def test_default_locations_of_this_computer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "config").write_text("Host roster\n  HostName sftp.vendor.test\n")
    lftp_dir = home / ".local" / "share" / "lftp"
    lftp_dir.mkdir(parents=True)
    files.lftp_bookmarks(lftp_dir / "bookmarks", {"old": "ftp://ftp.vendor.test/"})
    data = json.loads(_sites(home, "--format", "json").stdout)
    assert {(s["client"], s["name"]) for s in data["sites"]} == {
        ("openssh", "roster"),
        ("lftp", "old"),
    }
    only_ssh = json.loads(_sites(home, "--client", "openssh", "--format", "json").stdout)
    assert [s["name"] for s in only_ssh["sites"]] == ["roster"]


def test_no_saved_site_is_exit_1(tmp_path: Path) -> None:
    done = _sites(tmp_path / "home")
    assert done.returncode == 1
    assert "No saved site was found." in done.stdout
    empty = files.filezilla_sitemanager(tmp_path / "sitemanager.xml", "")
    assert _sites(tmp_path / "home", str(empty)).returncode == 1


def test_unreadable_file_is_exit_2_with_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "sitemanager.xml"
    broken.write_text("<FileZilla3><Servers><Server>")
    for args in ([str(broken)], [str(tmp_path / "missing.ini")], ["--client", "mobaxterm"]):
        done = _sites(tmp_path / "home", *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stdout == ""
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "Traceback" not in done.stderr


def test_a_folder_of_no_client_is_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "somewhere"
    folder.mkdir()
    (folder / "notes.txt").write_text("HostName=sftp.vendor.test\n")
    done = _sites(tmp_path / "home", str(folder))
    assert done.returncode == 2
    assert "give a file, or --client" in done.stderr
