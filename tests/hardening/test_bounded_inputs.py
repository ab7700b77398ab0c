"""Issue 21, items 5 and 6: a bad local input is one sentence and exit 2, bounded.

A FIFO would block the open forever, /dev/zero would grow until the kernel kills the
run, a file far bigger than its kind ever is would be read whole. Each case runs the
installed command with a wall-clock and a memory bound (tests/hardening/bounded.py).
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.bounded import run_bounded, sparse_file
from tests.hardening.cli import assert_one_sentence

# Nothing listens on port 9 here, and every case stops before a connection is tried.
CHECK = ("check", "district42@127.0.0.1", "--port", "9", "--timeout", "2", "--no-upload")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A FIFO no one writes to: opening it to read blocks until a writer comes."""
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


# --- check's own inputs: --key, --known-hosts, --profile ----------------------------------

CHECK_INPUTS = {"--key": "key file", "--known-hosts": "known_hosts file", "--profile": "profile"}


@pytest.mark.parametrize("option", CHECK_INPUTS)
def test_a_fifo_given_to_check_is_one_sentence(home: Path, fifo: Path, option: str) -> None:
    done = run_bounded(home, *CHECK, option, str(fifo))
    assert_one_sentence(done, CHECK_INPUTS[option], str(fifo), "pipe", "not a file")


@pytest.mark.parametrize("option", CHECK_INPUTS)
def test_dev_zero_given_to_check_is_one_sentence(home: Path, option: str) -> None:
    done = run_bounded(home, *CHECK, option, "/dev/zero")
    assert_one_sentence(done, CHECK_INPUTS[option], "/dev/zero", "device", "not a file")


@pytest.mark.parametrize(
    ("option", "size", "words"),
    [
        ("--key", 1 << 20, ["1 MB", "key files of at most 64 KB"]),
        ("--known-hosts", 20 << 20, ["20 MB", "known_hosts files of at most 16 MB"]),
        ("--profile", 3 << 20, ["3 MB", "profiles of at most 1 MB"]),
    ],
)
def test_a_file_far_bigger_than_its_kind_names_the_cap(
    home: Path, tmp_path: Path, option: str, size: int, words: list[str]
) -> None:
    big = sparse_file(tmp_path / "big", size, b"# what it is does not matter\n")
    assert_one_sentence(run_bounded(home, *CHECK, option, str(big)), str(big), *words)


def test_dev_null_stays_an_empty_known_hosts(home: Path) -> None:
    """OpenSSH users give /dev/null for "trust no saved key"; it is no error."""
    done = run_bounded(home, *CHECK, "--known-hosts", "/dev/null")
    assert done.returncode == 1, done.stderr
    assert "tcp.refused" in done.stdout, done.stdout


# --- saved sites: `sites FILE`, `check --site-file FILE` -----------------------------------


def _sites(home: Path, *args: str) -> list[dict[str, object]]:
    """`sites ARGS --format json`: exit 0 and the saved sites it read."""
    done = run_bounded(home, "sites", *args, "--format", "json")
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert done.stderr == "", done.stderr
    sites: list[dict[str, object]] = json.loads(done.stdout)["sites"]
    return sites


SITE_FILE_RUNS = {
    "sites, client named": ("sites", "{file}", "--client", "winscp"),
    "sites, client guessed": ("sites", "{file}"),
    "check --site-file": (
        "check",
        "--site",
        "vendor",
        "--site-file",
        "{file}",
        "--client",
        "winscp",
    ),
}


@pytest.mark.parametrize("run", SITE_FILE_RUNS)
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_fifo_or_a_device_as_a_site_file_is_one_sentence(
    home: Path, fifo: Path, run: str, special: str
) -> None:
    file = str(fifo) if special == "fifo" else special
    args = [arg.replace("{file}", file) for arg in SITE_FILE_RUNS[run]]
    done = run_bounded(home, *args)
    assert_one_sentence(done, "site file", file, "not a file")


@pytest.mark.parametrize("run", SITE_FILE_RUNS)
def test_a_200_mb_winscp_ini_names_the_cap(home: Path, tmp_path: Path, run: str) -> None:
    ini = sparse_file(
        tmp_path / "WinSCP.ini",
        200 << 20,
        b"[Sessions\\vendor]\r\nHostName=sftp.vendor.invalid\r\n",
    )
    args = [arg.replace("{file}", str(ini)) for arg in SITE_FILE_RUNS[run]]
    done = run_bounded(home, *args)
    assert_one_sentence(done, str(ini), "is 200 MB", "site files of at most 16 MB")


VENDOR_HOST = "Host vendor\n  HostName sftp.vendor.invalid\n  User district42\n"


@pytest.mark.parametrize("where", ["default place", "named file"])
def test_an_ssh_config_that_includes_itself_three_times_is_read_once(
    home: Path, tmp_path: Path, where: str
) -> None:
    """Each level would re-read every branch: 3 ** 16 reads before ssh's depth limit."""
    config = home / ".ssh" / "config" if where == "default place" else tmp_path / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(VENDOR_HOST + "Include config config config\n")
    named = [] if where == "default place" else [str(config)]
    sites = _sites(home, *named, "--client", "openssh")
    assert [(site["name"], site["host"]) for site in sites] == [("vendor", "sftp.vendor.invalid")]


def test_ssh_configs_that_include_each_other_end(home: Path, tmp_path: Path) -> None:
    (tmp_path / "config").write_text(VENDOR_HOST + "Include=other other\n")
    (tmp_path / "other").write_text("Host backup\n  HostName b.vendor.invalid\nInclude config\n")
    sites = _sites(home, str(tmp_path / "config"), "--client", "openssh")
    assert sorted(site["host"] for site in sites) == ["b.vendor.invalid", "sftp.vendor.invalid"]


# Each spelling ssh_config(5) allows for a Match line; the block holds only when its
# condition does, so sftpcheck leaves it out (and never runs its `exec` command).
MATCH_SPELLINGS = {
    "equals": "Match=host vendor\n  User other\n",
    "spaced equals": 'Match = exec "touch {ran}"\n  User other\n',
    "equals exec": "Match=exec touch {ran}\n  User other\n",
    "tab, lower case": "\tmatch all\n  Port 2222\n",
}


@pytest.mark.parametrize("spelling", MATCH_SPELLINGS)
@pytest.mark.parametrize("place", ["after", "before"])
def test_an_ssh_config_with_match_lines_is_read_without_them(
    home: Path, tmp_path: Path, spelling: str, place: str
) -> None:
    ran = tmp_path / "ran"
    match = MATCH_SPELLINGS[spelling].format(ran=ran)
    config = tmp_path / "config"
    config.write_text(VENDOR_HOST + match if place == "after" else match + VENDOR_HOST)
    sites = _sites(home, str(config), "--client", "openssh")
    assert [(s["host"], s["user"], s["port"]) for s in sites] == [
        ("sftp.vendor.invalid", "district42", 22)
    ]
    assert not ran.exists(), "reading a settings file ran a command"


@pytest.mark.parametrize("client", [[], ["--client", "winscp"]], ids=["guessed", "named"])
def test_a_utf16_reg_export_that_ends_in_half_a_character_is_read(
    home: Path, tmp_path: Path, client: list[str]
) -> None:
    text = (
        "Windows Registry Editor Version 5.00\r\n\r\n"
        "[HKEY_CURRENT_USER\\Software\\Martin Prikryl\\WinSCP 2\\Sessions\\vendor]\r\n"
        '"HostName"="sftp.vendor.invalid"\r\n"UserName"="district42"\r\n'
    )
    export = tmp_path / "winscp.reg"
    export.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\n")  # cut short
    sites = _sites(home, str(export), *client)
    assert [(site["name"], site["host"]) for site in sites] == [("vendor", "sftp.vendor.invalid")]


# --- explain -: a paste on standard input ---------------------------------------------------


def test_explain_reads_at_most_16_mb_of_dev_zero(home: Path) -> None:
    with Path("/dev/zero").open("rb") as zero:
        done = run_bounded(home, "explain", "-", stdin=zero)
    assert_one_sentence(done, "standard input", "more than 16 MB", "at most 16 MB")


def test_explain_reads_at_most_16_mb_of_an_endless_pipe(home: Path) -> None:
    """`yes` writes the same log line for ever: a pipe that never ends."""
    with subprocess.Popen(
        ["yes", "Network error: Connection timed out"], stdout=subprocess.PIPE
    ) as endless:
        assert endless.stdout is not None
        try:
            done = run_bounded(home, "explain", "-", stdin=endless.stdout)
        finally:
            endless.kill()
    assert_one_sentence(done, "standard input", "more than 16 MB", "at most 16 MB")


def test_explain_still_reads_a_long_log(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "winscp.log"
    log.write_text(
        "> 2024-05-01 Looking up host\n" * 100_000 + "Network error: Connection timed out\n"
    )
    with log.open("rb") as pasted:
        done = run_bounded(home, "explain", "-", stdin=pasted)
    assert done.returncode == 0, done.stderr
    assert "tcp.timeout" in done.stdout, done.stdout[-2000:]


# --- a TOML profile or spec, a JSON data package: nested too deep, or not a file ------------

DEEP_TOML = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"
DEEP_JSON = '{"resources": ' + "[" * 100_000 + "]" * 100_000 + "}\n"


@pytest.mark.parametrize(
    ("name", "text", "command"),
    [
        ("deep.toml", DEEP_TOML, ["check", "127.0.0.1", "--profile"]),
        ("deep.toml", DEEP_TOML, ["files", "{export}", "--spec"]),
        ("datapackage.json", DEEP_JSON, ["files", "{export}", "--spec"]),
    ],
    ids=["profile", "toml spec", "data package"],
)
def test_a_file_nested_100000_levels_deep_is_one_sentence(
    home: Path, tmp_path: Path, name: str, text: str, command: list[str]
) -> None:
    deep = tmp_path / name
    deep.write_text(text)
    (tmp_path / "export").mkdir()
    args = [arg.replace("{export}", str(tmp_path / "export")) for arg in command]
    done = run_bounded(home, *args, str(deep))
    assert_one_sentence(done, str(deep), "levels deep")


def test_a_fifo_or_a_device_as_a_spec_is_one_sentence(
    home: Path, tmp_path: Path, fifo: Path
) -> None:
    (tmp_path / "export").mkdir()
    for special in (str(fifo), "/dev/zero"):
        done = run_bounded(home, "files", str(tmp_path / "export"), "--spec", special)
        assert_one_sentence(done, "spec file", special, "not a file")


# --- files: CSV exports are streamed, but no line or value is without bound -------------

STUDENTS_HEADER = b"student_id,school_id,first_name,last_name,grade\n"


def _export(tmp_path: Path) -> Path:
    export = tmp_path / "export"
    export.mkdir()
    (export / "schools.csv").write_bytes(b"school_id,school_name\n1,North\n")
    return export


def test_a_csv_value_past_the_csv_module_limit_is_one_sentence(home: Path, tmp_path: Path) -> None:
    export = _export(tmp_path)
    (export / "students.csv").write_bytes(
        STUDENTS_HEADER + b'1,1,"' + b"x" * 200_000 + b'",Lee,5\n2,1,Ann,Lee,4\n'
    )
    done = run_bounded(home, "files", str(export))
    assert_one_sentence(done, "students.csv", "longer than 131,072 characters", "line 2")


def test_a_quote_never_closed_is_named(home: Path, tmp_path: Path) -> None:
    export = _export(tmp_path)
    rows = b"".join(b"%d,1,Ann,Lee,4\n" % number for number in range(3, 20_000))
    (export / "students.csv").write_bytes(STUDENTS_HEADER + b'1,1,"Ann,Lee,4\n' + rows)
    done = run_bounded(home, "files", str(export))
    assert_one_sentence(done, "students.csv", "never closed")


def test_a_500_mb_line_is_one_sentence(home: Path, tmp_path: Path) -> None:
    """500 MB with no line break (a hole in a sparse file, so nothing big on the disk)."""
    export = _export(tmp_path)
    head = STUDENTS_HEADER + b"1,1," + b"x" * 8192  # text at the start, as an export's
    sparse_file(export / "students.csv", 500 << 20, head)
    done = run_bounded(home, "files", str(export))
    assert_one_sentence(done, "Line 2 of students.csv", "more than 1 MB without a line break")


HEADER_ORGS = b"sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"


def test_a_manifest_far_too_big_is_a_finding(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "orgs.csv").write_bytes(HEADER_ORGS)
    sparse_file(export / "manifest.csv", 300 << 20, b"propertyName,value\n")
    done = run_bounded(home, "files", str(export), "--spec", "oneroster-1.2", "--format", "json")
    assert done.returncode == 1, done.stderr
    found = [
        item for item in json.loads(done.stdout)["findings"] if item["code"] == "files.manifest"
    ]
    assert [item["message"] for item in found] == [
        "The manifest manifest.csv is 300 MB; sftpcheck reads manifests of at most 1 MB."
    ]


# --- files: a zip that unpacks to far more than any export ------------------------------


def _zeros_zip(path: Path, members: dict[str, int]) -> Path:
    """A zip whose members unpack to the given sizes of zeros: a few MB on the disk.

    Written a megabyte at a time through zipfile's own writer, so the zip is real: its
    sizes, CRCs and Zip64 records are what any unzip reads.
    """
    block = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, size in members.items():
            with archive.open(name, "w", force_zip64=True) as stream:
                for _ in range(size >> 20):
                    stream.write(block)
    return path


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "one member of 4 GB": _zeros_zip(folder / "one.zip", {"students.csv": 4 << 30}),
        "three of 1.5 GB": _zeros_zip(
            folder / "three.zip",
            dict.fromkeys(("students.csv", "schools.csv", "rosters.csv"), 3 << 29),
        ),
    }


@pytest.mark.parametrize(
    ("bomb", "words"),
    [
        ("one member of 4 GB", ["students.csv unpacks to 4 GB"]),
        ("three of 1.5 GB", ["unpacks to 4.5 GB"]),
    ],
)
def test_a_zip_that_unpacks_past_the_cap_is_one_sentence(
    home: Path, bombs: dict[str, Path], bomb: str, words: list[str]
) -> None:
    done = run_bounded(home, "files", str(bombs[bomb]))
    assert_one_sentence(
        done, str(bombs[bomb]), *words, "at most 2 GB of each file", "4 GB in all", "the folder"
    )


# --- a secret variable set but empty; a password on stdin with no line end -----------------


def test_an_empty_passphrase_variable_is_one_sentence(home: Path, tmp_path: Path) -> None:
    key = tmp_path / "id_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "Vendor-Key-1", "-f", str(key)], check=True
    )
    done = run_bounded(home, *CHECK, "--key", str(key), env={"SFTPCHECK_PASSPHRASE": ""})
    assert_one_sentence(done, "SFTPCHECK_PASSPHRASE is set but empty")


def test_an_empty_proxy_password_variable_is_one_sentence(home: Path) -> None:
    proxy = ("--proxy", "http://district42@127.0.0.1:9")
    done = run_bounded(home, *CHECK, *proxy, env={"SFTPCHECK_PROXY_PASSWORD": ""})
    assert_one_sentence(done, "SFTPCHECK_PROXY_PASSWORD is set but empty")


def test_an_http_proxy_password_outside_latin1_is_one_sentence(home: Path) -> None:
    proxy = ("--proxy", "http://district42@127.0.0.1:9")
    password = "\u041f\u0430\u0440\u043e\u043b\u044c2026"  # Cyrillic "Parol" 2026
    done = run_bounded(home, *CHECK, *proxy, env={"SFTPCHECK_PROXY_PASSWORD": password})
    assert_one_sentence(done, "HTTP proxy password has letters outside Latin-1")
    assert password not in done.stderr, done.stderr


def test_an_upload_bigger_than_1_gb_is_one_sentence_before_anything_is_sent(
    home: Path, tmp_path: Path
) -> None:
    big = tmp_path / "students.csv"
    with big.open("wb") as stream:  # sparse: no gigabyte is written to the disk
        stream.truncate(1100 << 20)
    done = run_bounded(home, *CHECK, "--upload", str(big))
    assert_one_sentence(done, "is 1.07 GB", "files to upload of at most 1 GB")


def test_a_password_on_stdin_without_a_line_end_is_one_sentence(home: Path) -> None:
    with Path("/dev/zero").open("rb") as zero:
        done = run_bounded(home, *CHECK, "--password-stdin", stdin=zero)
    assert_one_sentence(done, "--password-stdin", "no line end")


# --- --output where this user may not write ------------------------------------------------


@pytest.fixture
def as_nobody() -> Iterator[tuple[tuple[str, ...], Path]]:
    """(the prefix that runs a command as `nobody`, a folder it may read but not write).

    The tests run as root, whom no permission stops; `nobody` is the user a district's
    scheduled task runs as when its folder was made by someone else.
    """
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("running as another user needs root and setpriv (util-linux)")
    base = Path(tempfile.mkdtemp(prefix="sftpcheck-nobody-"))
    try:
        base.chmod(0o755)
        (base / "home").mkdir()
        shutil.chown(base / "home", "nobody")
        (base / "locked").mkdir()
        (base / "locked").chmod(0o555)
        (base / "closed").mkdir()
        (base / "closed").chmod(0o700)  # nobody may not even look inside
        export = base / "export"
        export.mkdir()
        (export / "schools.csv").write_text("school_id,school_name\n1,North\n")
        export.chmod(0o755)
        yield ("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"), base
    finally:
        shutil.rmtree(base, ignore_errors=True)


OUTPUT_RUNS = {
    "check": ("check", "127.0.0.1", "--port", "9", "--timeout", "1"),
    "explain": ("explain", "auth.rejected"),
    "files": ("files", "{base}/export"),
}


@pytest.mark.parametrize("where", ["locked/report.txt", "closed/report.txt", "closed/sub/r.txt"])
@pytest.mark.parametrize("command", OUTPUT_RUNS)
def test_output_where_this_user_cannot_write_is_one_sentence_before_anything_runs(
    as_nobody: tuple[tuple[str, ...], Path], command: str, where: str
) -> None:
    prefix, base = as_nobody
    args = [arg.replace("{base}", str(base)) for arg in OUTPUT_RUNS[command]]
    report = base / where
    done = run_bounded(
        base / "home", *args, "--output", str(report), prefix=prefix, cwd=base / "home"
    )
    assert_one_sentence(done, f"--output {report} cannot be written", "permission denied")
    assert not report.exists()


def test_files_output_equal_to_the_zip_it_checks_is_refused(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("schools.csv", "school_id,school_name\n1,North\n")
    before = export.read_bytes()
    done = run_bounded(home, "files", str(export), "--output", str(export))
    assert_one_sentence(done, "the same file as the folder or zip to check")
    assert export.read_bytes() == before
