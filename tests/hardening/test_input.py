"""Careless input, as a new user types it: one clear sentence and exit 2, or the right run.

Issue 10, items 2, 5, 7, 8, 13 and 14, each driven through the installed command.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.check.run import Runner, login_args, login_tries_in_log
from tests.hardening.cli import Cli, assert_one_sentence
from tests.servers.dns import DnsServer
from tests.servers.faults import FaultServer
from tests.servers.need import need_program
from tests.servers.sshd import SshServer, fingerprint_of, other_public_key

# --- 2. a WinSCP URL's host key ----------------------------------------------------------


def _winscp_url(server: SshServer, username: str, fingerprint: str) -> str:
    """The URL WinSCP's "Generate session URL" writes: base64url, no padding, dashes."""
    body = fingerprint.removeprefix("SHA256:").rstrip("=")
    url_body = base64.urlsafe_b64encode(base64.b64decode(body + "=")).decode().rstrip("=")
    return f"sftp://{username};fingerprint=ssh-ed25519-{url_body}@127.0.0.1:{server.port}/"


def test_a_winscp_url_fingerprint_that_differs_stops_before_the_password(
    sftpcheck: Runner, sshd: SshServer
) -> None:
    account = sshd.accounts["district"]
    wrong = fingerprint_of(other_public_key("ssh-ed25519"))
    tries_before = login_tries_in_log(sshd, account.username)
    run = sftpcheck(
        _winscp_url(sshd, account.username, wrong), "--timeout", "5", password=account.password
    )
    assert run.code("ssh") == "ssh.hostkey_mismatch", run.describe()
    assert wrong in run.summary("ssh"), run.describe()
    assert run.status("auth") == "skip", run.describe()
    assert login_tries_in_log(sshd, account.username) == tries_before


def test_a_winscp_url_fingerprint_that_matches_is_the_vendor_one(
    sftpcheck: Runner, sshd: SshServer
) -> None:
    account = sshd.accounts["district"]
    url = _winscp_url(sshd, account.username, sshd.fingerprint)
    run = sftpcheck(url, "--no-upload", "--timeout", "5", password=account.password)
    assert run.status("ssh") == "pass", run.describe()
    assert "the one the vendor publishes" in run.summary("ssh"), run.describe()
    assert run.status("auth") == "pass", run.describe()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("sftp://d;fingerprint=ssh-ed25519-abc@127.0.0.1/", ["fingerprint", "SHA256"]),
        (
            "sftp://d;fingerprint=ssh-rsa-ee-f3-c1-59-4d-b4-e2-c5-da-22-3a-6e-97-a0-28-29@127.0.0.1/",
            ["MD5", "SHA256"],
        ),
        ("sftp://d;x-proxymethod=3@127.0.0.1/", ["x-proxymethod=3", "remove it"]),
    ],
)
def test_a_url_setting_sftpcheck_cannot_use_is_refused(
    cli: Cli, url: str, words: list[str]
) -> None:
    assert_one_sentence(cli("check", url), *words)


def test_a_url_fingerprint_and_a_different_flag_contradict(cli: Cli) -> None:
    url = "sftp://d;fingerprint=ssh-ed25519-uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s@127.0.0.1/"
    other = "SHA256:" + "A" * 43
    assert_one_sentence(cli("check", url, "--expect-fingerprint", other), "differs")


# --- 5. --output never overwrites an input, and is checked first --------------------------


def test_output_equal_to_the_upload_is_refused_and_the_file_kept(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "schools.csv"
    export.write_text("school_id,school_name\n1,North\n")
    done = cli("check", "127.0.0.1", "--upload", str(export), "--output", str(export))
    assert_one_sentence(done, "the file to upload", "another name")
    assert export.read_text() == "school_id,school_name\n1,North\n"


def test_output_equal_to_the_profile_is_refused(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "vendor.toml"
    profile.write_text('host = "127.0.0.1"\n')
    done = cli("check", "--profile", str(profile), "--output", str(profile))
    assert_one_sentence(done, "the profile")
    assert profile.read_text() == 'host = "127.0.0.1"\n'


def test_an_unwritable_output_is_found_before_the_check_runs(
    cli: Cli, fault_server: Callable[[str], FaultServer], tmp_path: Path
) -> None:
    server = fault_server("silent")
    done = cli(
        "check", "127.0.0.1", "--port", str(server.port), "--timeout", "5",
        "--output", str(tmp_path / "no-such-folder" / "report.txt"),
    )  # fmt: skip
    assert_one_sentence(done, "folder that does not exist")
    assert server.accepted() == 0, "the check ran before the output path was checked"


# --- 7. profiles and known_hosts in other encodings ---------------------------------------

# A profile that parses and then fails on a value: its error proves the file was read.
PROFILE = 'host = "127.0.0.1"\ntimeout = 0\n'


@pytest.mark.parametrize(
    "encoded",
    [
        PROFILE.encode("utf-16"),  # Notepad's "Unicode", PowerShell 5.1's >
        PROFILE.encode("utf-8-sig"),  # Notepad's "UTF-8 with BOM"
        PROFILE.encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
    ids=["utf-16-le-bom", "utf-8-bom", "utf-16-be-bom"],
)
def test_a_profile_with_a_byte_order_mark_is_read(cli: Cli, tmp_path: Path, encoded: bytes) -> None:
    profile = tmp_path / "vendor.toml"
    profile.write_bytes(encoded)
    assert_one_sentence(cli("check", "--profile", str(profile)), "timeout 0")


@pytest.mark.parametrize(
    ("encoded", "named"),
    [
        ('host = "127.0.0.1"\nuser = "Müller"\n'.encode("cp1252"), "Windows-1252"),
        ('host = "127.0.0.1"\n'.encode("utf-16-le"), "UTF-16"),
    ],
    ids=["windows-1252", "utf-16-without-bom"],
)
def test_a_profile_in_another_encoding_is_named(
    cli: Cli, tmp_path: Path, encoded: bytes, named: str
) -> None:
    profile = tmp_path / "vendor.toml"
    profile.write_bytes(encoded)
    assert_one_sentence(cli("check", "--profile", str(profile)), "not UTF-8", named)


@pytest.mark.parametrize(
    ("encoded", "named"),
    [
        (b"\xef\xbb\xbf[127.0.0.1]:2222 ssh-ed25519 AAAA\n", "byte-order mark"),
        ("# Müller's server\n".encode("cp1252"), "Windows-1252"),
        ("[127.0.0.1]:2222 ssh-ed25519 AAAA\n".encode("utf-16"), "UTF-16"),
    ],
    ids=["utf-8-bom", "windows-1252", "utf-16"],
)
def test_a_known_hosts_file_in_another_encoding_is_named(
    cli: Cli, tmp_path: Path, encoded: bytes, named: str
) -> None:
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_bytes(encoded)
    done = cli("check", "127.0.0.1", "--known-hosts", str(known_hosts))
    assert_one_sentence(done, str(known_hosts), named)


# --- 8. --known-hosts /dev/null ----------------------------------------------------------


def test_known_hosts_dev_null_trusts_nothing(sftpcheck: Runner, sshd: SshServer) -> None:
    account = sshd.accounts["district"]
    args = login_args(sshd, "district", Path("/dev/null"))
    run = sftpcheck(*args, "--no-upload", password=account.password)
    assert run.status("ssh") == "pass", run.describe()
    assert "not saved anywhere yet" in run.summary("ssh"), run.describe()


# --- 13. names in other scripts, and remote paths in Windows or shell form -----------------


def test_a_host_name_in_another_script_is_looked_up_as_idna(
    sftpcheck: Runner, dns_server: DnsServer
) -> None:
    with dns_server.pointing({"xn--mnchen-3ya.sftp.test": ["127.0.0.1"]}):
        run = sftpcheck(
            "münchen.sftp.test", "--port", "1", "--resolver", dns_server.resolver_option,
            "--timeout", "3",
        )  # fmt: skip
    assert run.status("dns") == "pass", run.describe()
    assert "127.0.0.1" in run.summary("dns"), run.describe()


@pytest.mark.parametrize(
    ("remote_dir", "words"),
    [
        ("\\upload", ["'/'", "'/upload'"]),
        ("upload\\in", ["'upload/in'"]),
        ("~/upload", ["'~'", "'upload'"]),
        ("~", ["'~'", "'.'"]),
        ("C:\\exports", ["Windows computer", "'/upload'"]),
    ],
)
def test_a_remote_dir_in_windows_or_shell_form_is_refused(
    cli: Cli, remote_dir: str, words: list[str]
) -> None:
    done = cli("check", "127.0.0.1", "--remote-dir", remote_dir)
    assert_one_sentence(done, "SFTP", *words)


# --- 14. contradictions, help, habits, profiles --------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--setstat", "--no-upload"], ["--setstat", "--no-upload"]),
        (["--overwrite"], ["--overwrite", "--upload"]),
        (["-p", "2222"], ["-p", "--port"]),
        (["--password", "x"], ["SFTPCHECK_PASSWORD"]),
    ],
)
def test_options_that_cannot_be_meant(cli: Cli, args: list[str], words: list[str]) -> None:
    assert_one_sentence(cli("check", "127.0.0.1", *args), *words)


def test_dash_h_is_help_and_completion_is_offered(cli: Cli) -> None:
    for args in (["-h"], ["check", "-h"]):
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        assert "Usage: sftpcheck" in done.stdout
    assert "--install-completion" in cli("-h").stdout
    # --show-completion takes no shell name: typer finds the shell the user types in among
    # the ancestor processes. Typed at a bash prompt, then, whatever started the tests (a
    # scheduler or a container's entry point has no shell above it).
    script = cli("--show-completion", shell=need_program("bash", "bash"))
    assert script.returncode == 0, script.stderr
    assert "_SFTPCHECK_COMPLETE=complete_bash" in script.stdout
    words = cli(env={"_SFTPCHECK_COMPLETE": "complete_bash", "COMP_WORDS": "sftpcheck ch",
                     "COMP_CWORD": "1"})  # fmt: skip
    assert words.stdout.split() == ["check"], words.stdout


@pytest.mark.parametrize(
    ("profile_text", "words"),
    [
        ('target = "127.0.0.1"\nhost = "127.0.0.2"\n', ["both 'target' and 'host'"]),
        ('host = "127.0.0.1"\nport = "22"\n', ["'port'", "text in quotes", "a whole number"]),
        ('host = "127.0.0.1"\ntimeout = "5"\n', ["'timeout'", "must be a number"]),
        ('host = "127.0.0.1"\nsetstat = "yes"\n', ["'setstat'", "true or false"]),
        ('host = "127.0.0.1"\nexpect-ip = "1.2.3.4"\n', ["'expect-ip'", "a list in [ ]"]),
    ],
)
def test_a_profile_that_cannot_be_meant(
    cli: Cli, tmp_path: Path, profile_text: str, words: list[str]
) -> None:
    profile = tmp_path / "vendor.toml"
    profile.write_text(profile_text)
    assert_one_sentence(cli("check", "--profile", str(profile)), *words)


def test_a_profile_reads_its_files_from_its_own_folder_and_keeps_its_user(
    sftpcheck: Runner, sshd: SshServer, tmp_path: Path
) -> None:
    account = sshd.accounts["district"]
    vendor = tmp_path / "vendor"
    vendor.mkdir()
    sshd.write_known_hosts(vendor / "known_hosts")
    profile = vendor / "vendor.toml"
    profile.write_text(
        f'target = "{account.username}@127.0.0.1"\nknown-hosts = "known_hosts"\n'
        "no-upload = true\ntimeout = 5\n"
    )
    # The Runner's working folder is not the profile's; the TARGET given names no user.
    run = sftpcheck(f"127.0.0.1:{sshd.port}", "--profile", str(profile), password=account.password)
    assert run.report is not None, run.describe()
    assert run.report["target"]["username"] == account.username, run.describe()
    assert run.status("auth") == "pass", run.describe()
    assert "the one saved in known_hosts" in run.summary("ssh"), run.describe()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--timeout", "abc"], ["'abc' is not a number"]),
        (["--port", "1.5"], ["'1.5' is not a whole number"]),
    ],
)
def test_a_flag_of_the_wrong_type_says_what_to_type(
    cli: Cli, args: list[str], words: list[str]
) -> None:
    line = assert_one_sentence(cli("check", "127.0.0.1", *args), *words)
    assert "float" not in line
    assert "int" not in line.split()


def test_a_profile_overwrite_waits_for_an_upload(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "vendor.toml"
    profile.write_text('host = "127.0.0.1"\noverwrite = true\ntimeout = 0\n')
    # Refused for the timeout, not for the overwrite: the profile's default is fine.
    assert_one_sentence(cli("check", "--profile", str(profile)), "timeout 0")


def test_output_equal_to_the_saved_sites_file_is_refused(cli: Cli, tmp_path: Path) -> None:
    sites = tmp_path / "WinSCP.ini"
    sites.write_text("[Sessions\\vendor]\nHostName=127.0.0.1\n")
    done = cli("check", "--site", "vendor", "--site-file", str(sites), "--output", str(sites))
    assert_one_sentence(done, "the saved sites file")
    assert sites.read_text() == "[Sessions\\vendor]\nHostName=127.0.0.1\n"


def test_the_default_known_hosts_in_another_encoding_is_named(cli: Cli) -> None:
    ssh_dir = cli.home / ".ssh"
    ssh_dir.mkdir(parents=True)
    (ssh_dir / "known_hosts").write_bytes("# Müller\n".encode("cp1252"))
    assert_one_sentence(cli("check", "127.0.0.1"), ".ssh/known_hosts", "Windows-1252")


def test_the_demo_checks_its_output_before_it_starts(cli: Cli, tmp_path: Path) -> None:
    done = cli("demo", "--output", str(tmp_path / "missing" / "demo.txt"))
    assert_one_sentence(done, "folder that does not exist")
    assert "sftpcheck demo:" not in done.stderr
