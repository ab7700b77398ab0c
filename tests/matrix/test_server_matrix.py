"""The server matrix: every kind of SFTP server a vendor runs, times every scenario it can
express, checked with the installed `sftpcheck check` as a district would run it.

One table of cases drives one test. Each case says what the user must see (status, code,
and the words of the summary that explain it), and every case also proves that nothing
sftpcheck created is left on the server's disk and that the password is in no output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.check.run import CheckRun, Runner, assert_passes, assert_stops_at
from tests.servers.matrix_accounts import MatrixAccount, MatrixServer
from tests.servers.need import need_program

SCHOOLS = b"school_id,school_name\r\n001,North Elementary\r\n002,South Middle\r\n"
# Longer than SCHOOLS: a replacement that is not truncated first would keep its tail.
EXISTING = b"school_id,school_name\r\n001,Yesterday's export, a longer one than today's\r\n" * 3


@dataclass(frozen=True)
class Scenario:
    """One situation a district meets, and what sftpcheck must say about it."""

    role: str  # the account (tests/servers/matrix_accounts.py)
    login: str  # password, key, key+password, wrong_password
    expect: Callable[[CheckRun, MatrixAccount], None]
    options: Callable[[MatrixAccount], list[str]] = field(default=lambda _account: [])
    existing_file: bool = False  # schools.csv is already on the server; upload it
    upload_file: bool = False  # upload schools.csv (not there before) instead of the probe


def _healthy(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "ssh", "auth", "remote_dir", "upload")
    assert "removed" in run.summary("upload"), run.describe()  # the probe, says the user
    # What it says of '/' is true of this server: a chroot may not be listed, a plain
    # machine's root may.
    said_root_denied = "may not open '/'" in run.summary("remote_dir")
    assert said_root_denied is not account.root_listable, run.describe()
    assert run.report is not None
    assert run.report["verdict"] == "pass", run.describe()
    assert run.exit_code == 0, run.describe()


def _rejected(run: CheckRun, account: MatrixAccount) -> None:
    assert_stops_at(run, "auth", "auth.rejected")
    assert f"refused the password for {account.username}" in run.summary("auth"), run.describe()


def _method_not_offered(run: CheckRun, account: MatrixAccount) -> None:
    assert_stops_at(run, "auth", "auth.method_not_offered")
    assert "password" in run.summary("auth"), run.describe()
    assert "publickey" in run.summary("auth"), run.describe()


def _partial(run: CheckRun, account: MatrixAccount) -> None:
    assert_stops_at(run, "auth", "auth.partial")
    assert "password" in run.summary("auth"), run.describe()


def _root_denied(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth")
    assert_stops_at(run, "remote_dir", "remote_dir.root_denied")
    assert account.landing in run.summary("remote_dir"), run.describe()  # where to go instead


def _read_only(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth", "remote_dir")
    assert_stops_at(run, "upload", "upload.denied")
    assert "refused" in run.summary("upload"), run.describe()


def _setstat_refused(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth", "remote_dir", "upload")
    assert run.status("setstat") == "warn", run.describe()
    assert run.code("setstat") == "setstat.unsupported", run.describe()
    assert "timestamp" in run.summary("setstat"), run.describe()
    assert run.exit_code == 0, run.describe()


def _setstat_ignored(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth", "remote_dir", "upload", "setstat")
    summary = run.summary("setstat").lower()
    assert "ignored" in summary, run.describe()
    assert "harmless" in summary, run.describe()
    assert run.exit_code == 0, run.describe()


def _quota_full(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth", "remote_dir")
    assert_stops_at(run, "upload", "upload.denied")
    assert "quota" in run.summary("upload").lower(), run.describe()


def _chmod_refused(run: CheckRun, account: MatrixAccount) -> None:
    # What OpenSSH's put meets there too: the open that carries permissions is refused.
    assert_passes(run, "auth", "remote_dir")
    assert_stops_at(run, "upload", "upload.denied")
    summary = run.summary("upload")
    assert "permissions" in summary, run.describe()  # the cause, and what to ask for
    assert "removed" in summary, run.describe()  # the empty file the server made is gone


def _exists(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth", "remote_dir")
    assert run.status("upload") == "warn", run.describe()
    assert run.code("upload") == "upload.exists", run.describe()
    assert "schools.csv" in run.summary("upload"), run.describe()
    assert "--overwrite" in run.summary("upload"), run.describe()
    assert run.exit_code == 0, run.describe()


def _replaced(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth", "remote_dir", "upload")
    assert run.exit_code == 0, run.describe()


def _not_found(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth")
    assert_stops_at(run, "remote_dir", "remote_dir.not_found")
    assert "nosuch" in run.summary("remote_dir"), run.describe()


def _write_only(run: CheckRun, account: MatrixAccount) -> None:
    assert_passes(run, "auth", "remote_dir", "upload")
    assert "write-only" in run.summary("remote_dir").lower(), run.describe()
    assert run.exit_code == 0, run.describe()


def _engine_limit(run: CheckRun, account: MatrixAccount) -> None:
    assert_stops_at(run, "ssh", "ssh.engine_limit")
    ssh = run.check("ssh")
    words = " ".join([ssh["summary"], ssh["explanation"], *ssh["fix"]])
    for name in ("WinSCP", "FileZilla", "OpenSSH", "chacha20"):
        assert name in words, run.describe()
    assert "vendor" in words, run.describe()
    assert "change" in words, run.describe()


SCENARIOS: dict[str, Scenario] = {
    "healthy_password": Scenario("district", "password", _healthy),
    "healthy_key": Scenario("district", "key", _healthy),
    "wrong_password": Scenario("district", "wrong_password", _rejected),
    "keyonly_given_password": Scenario("keyonly", "password", _method_not_offered),
    "two_factors_key_alone": Scenario("twofactor", "key", _partial),
    "two_factors_both": Scenario("twofactor", "key+password", _healthy),
    "root_not_listable": Scenario(
        "district", "password", _root_denied, options=lambda _account: ["--remote-dir", "/"]
    ),
    "read_only_landing": Scenario("readonly", "password", _read_only),
    "setstat_refused": Scenario(
        "nosetstat", "password", _setstat_refused, options=lambda _account: ["--setstat"]
    ),
    "setstat_ignored": Scenario(
        "ignoresetstat", "password", _setstat_ignored, options=lambda _account: ["--setstat"]
    ),
    "chmod_in_open_refused": Scenario("nochmod", "password", _chmod_refused),
    "chmod_in_open_refused_real_file": Scenario(
        "nochmod", "password", _chmod_refused, upload_file=True
    ),
    "quota_full": Scenario("quota", "password", _quota_full),
    "file_already_there": Scenario("district", "password", _exists, existing_file=True),
    "file_already_there_overwrite": Scenario(
        "district",
        "password",
        _replaced,
        options=lambda _account: ["--overwrite"],
        existing_file=True,
    ),
    "missing_folder": Scenario(
        "district", "password", _not_found, options=lambda _account: ["--remote-dir", "nosuch"]
    ),
    "write_only_folder": Scenario(
        "district",
        "password",
        _write_only,
        options=lambda account: ["--remote-dir", account.inbox],
    ),
    "engine_limit": Scenario("district", "key", _engine_limit),
}

# Played by one or a few servers only; every other scenario by all that can express it.
CHMOD = ("chmod_in_open_refused", "chmod_in_open_refused_real_file")
ONLY_THERE = ("engine_limit", *CHMOD, "quota_full")
TWO_FACTORS = ("two_factors_key_alone", "two_factors_both")


def _all_but(*left_out: str, plus: tuple[str, ...] = ()) -> tuple[str, ...]:
    common = (name for name in SCENARIOS if name not in ONLY_THERE and name not in left_out)
    return (*common, *plus)


# What each server can express. Left out, and why:
# - dropbear has no chroot, so `/` is the machine's own root (listable), and OpenSSH's
#   sftp-server has no way to accept setstat and ignore it;
# - AsyncSSH and Go's x/crypto/ssh (0.4, Debian 12) have no partial-success logins;
# - the programmable servers play a full quota (status 4 FAILURE, "Quota exceeded");
# - only ProFTPD refuses the permissions a client sends in OPEN (<Limit SITE_CHMOD>);
# - tinysshd takes keys only and offers only chacha20-poly1305, which paramiko lacks: the
#   one thing to show there is that sftpcheck says so (and that OpenSSH does connect).
MATRIX: dict[str, tuple[str, ...]] = {
    "proftpd": _all_but(plus=CHMOD),
    "dropbear": _all_but("root_not_listable", "setstat_ignored"),
    "tinysshd": ("engine_limit",),
    "asyncssh": _all_but(*TWO_FACTORS, plus=("quota_full",)),
    "go": _all_but(*TWO_FACTORS, plus=("quota_full",)),
    "node": _all_but(plus=("quota_full",)),
}
CASES = [(server, scenario) for server, scenarios in MATRIX.items() for scenario in scenarios]


def _arguments(server: MatrixServer, account: MatrixAccount, known_hosts: Path) -> list[str]:
    return [
        "127.0.0.1",
        "--port",
        str(server.port_for(account.role)),
        "--user",
        account.username,
        "--known-hosts",
        str(known_hosts),
        "--timeout",
        "5",
    ]


@pytest.mark.parametrize(
    ("server_name", "scenario_name"), CASES, ids=[f"{s}-{c}" for s, c in CASES]
)
def test_server_matrix(
    server_name: str, scenario_name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    server: MatrixServer = request.getfixturevalue(f"{server_name}_server")
    scenario = SCENARIOS[scenario_name]
    account = server.accounts[scenario.role]
    known_hosts = server.write_known_hosts(tmp_path / "known_hosts")
    args = [*_arguments(server, account, known_hosts), *scenario.options(account)]
    password = {
        "password": account.password or "Not-The-Password-1234",
        "key+password": account.password,
        "wrong_password": "Wrong-Password-5678",
    }.get(scenario.login)
    if scenario.login.startswith("key"):
        args += ["--key", str(account.key_path)]
    existing = account.landing_on_disk / "schools.csv"
    if scenario.existing_file:  # uploaded earlier by the account: owned as its landing is
        existing.write_bytes(EXISTING)
        landing = account.landing_on_disk.stat()
        os.chown(existing, landing.st_uid, landing.st_gid)
    if scenario.existing_file or scenario.upload_file:
        local = tmp_path / "schools.csv"
        local.write_bytes(SCHOOLS)
        args += ["--upload", str(local)]
    before = account.files_on_disk()
    try:
        run = Runner(home=tmp_path / "home")(*args, password=password)
        try:
            scenario.expect(run, account)
        except AssertionError as error:
            raise AssertionError(f"{error}\n\nserver log:\n{server.log_text()}") from None
        if scenario.login == "wrong_password":  # a refusal the server made, not a drop
            refused = server.password_refused.format(username=account.username)
            assert server.logged(refused), f"{run.describe()}\n{server.log_text()}"
        # Nothing sftpcheck created is left behind, and what was there is unchanged
        # (or, with --overwrite, replaced whole by what was sent).
        if "--overwrite" in args:
            before["schools.csv"] = SCHOOLS
        assert account.files_on_disk() == before, run.describe()
        if scenario_name == "engine_limit":
            _assert_openssh_connects(server, account, tmp_path)
    finally:
        existing.unlink(missing_ok=True)


def _assert_openssh_connects(server: MatrixServer, account: MatrixAccount, tmp: Path) -> None:
    """Where sftpcheck's engine cannot connect, a real client can: OpenSSH's sftp logs in,
    lists the landing directory, and uploads and removes a file."""
    need_program("sftp", "openssh-client")
    local = tmp / "hello.txt"
    local.write_text("hello\n")
    done = subprocess.run(
        [
            shutil.which("sftp") or "sftp",
            "-b",
            "-",
            "-F",
            "/dev/null",
            "-i",
            str(account.key_path),
            "-P",
            str(server.port_for(account.role)),
            "-o",
            f"UserKnownHostsFile={server.write_known_hosts(tmp / 'known_hosts_openssh')}",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "ConnectTimeout=5",
            f"{account.username}@127.0.0.1",
        ],
        input=f"pwd\nput {local} hello.txt\nls\nrm hello.txt\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, f"OpenSSH's sftp failed:\n{done.stdout}\n{done.stderr}"
    assert "hello.txt" in done.stdout, done.stdout
    assert not (account.landing_on_disk / "hello.txt").exists()
