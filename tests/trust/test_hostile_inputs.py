"""Issue 21's hostile local inputs, each run through the installed command, bounded.

Every run has a wall-clock bound and a 2 GB address-space limit (tests/fuzz/sandbox.py),
so a run that would hang or eat the machine fails its test instead. What each must do:
exit 2 with one sentence on stderr and nothing on stdout when the input is unusable, and
otherwise exit 0 or 1 with no traceback and no raw terminal control byte in its output.
"""

from __future__ import annotations

import base64
import codecs
import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz.sandbox import Outcome, assert_well_behaved, run_bounded
from tests.servers.hostile import HostileServer, Hostility, run_hostile_server

# sftpcheck starts in well under a second; the bound only tells "ends" from "hangs".
WALL_SECONDS = 15
ISSUE = "issue 21"


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"{ISSUE}: {reason}")


def _check_args(server: HostileServer, known_hosts: Path) -> list[str]:
    return [
        "check", f"{server.username}@127.0.0.1", "--port", str(server.port),
        "--known-hosts", str(known_hosts), "--timeout", "3", "--no-upload",
    ]  # fmt: skip


@pytest.fixture
def server_and_known_hosts(
    hostile: Callable[..., HostileServer], tmp_path: Path
) -> tuple[HostileServer, Path]:
    server = hostile()
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(server.known_hosts_line)
    return server, known_hosts


# --- 5. a FIFO or /dev/zero where a file is expected; an ssh config including itself ------

SELF_INCLUDING = (
    "Host vendor\n  HostName sftp.vendor.invalid\n  User district42\nInclude config config config\n"
)


def _endless_writer(stream: int, stop: threading.Event) -> None:
    line = b"Network error: Connection timed out\n" * 1000
    with contextlib.suppress(OSError):
        while not stop.is_set():
            os.write(stream, line)
    os.close(stream)


@pytest.fixture(scope="module")
def hanging(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    """The inputs that hang today, each run once, side by side: a hang costs the module one
    wall-clock bound, not one per case. A FIFO no one writes to (open() blocks), an endless
    pipe on stdin, an ssh config that includes itself three times."""
    folder = tmp_path_factory.mktemp("hanging")
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    config = folder / "home-include-default" / ".ssh" / "config"
    config.parent.mkdir(parents=True)
    config.write_text(SELF_INCLUDING)
    named = folder / "named" / "config"
    named.parent.mkdir()
    named.write_text(SELF_INCLUDING)
    read_end, write_end = os.pipe()
    stop = threading.Event()
    writer = threading.Thread(target=_endless_writer, args=(write_end, stop), daemon=True)
    writer.start()
    with (
        run_hostile_server(folder / "server", Hostility()) as server,
        os.fdopen(read_end, "rb") as pipe,
    ):
        known_hosts = folder / "known_hosts"
        known_hosts.write_text(server.known_hosts_line)
        check = _check_args(server, known_hosts)
        at = check.index("--known-hosts") + 1
        cases: dict[str, tuple[list[str], dict[str, Any]]] = {
            "check --key": ([*check, "--key", str(fifo)], {}),
            "check --known-hosts": ([*check[:at], str(fifo), *check[at + 1 :]], {}),
            "check --profile": ([*check, "--profile", str(fifo)], {}),
            "check --site-file": (
                ["check", "--site", "vendor", "--site-file", str(fifo), "--client", "winscp"],
                {},
            ),
            "sites client-named": (["sites", str(fifo), "--client", "winscp"], {}),
            "sites client-guessed": (["sites", str(fifo)], {}),
            "explain endless-pipe": (["explain", "-"], {"stdin": pipe}),
            "include default-place": (["sites", "--client", "openssh"], {}),
            "include named-file": (["sites", str(named), "--client", "openssh"], {}),
        }
        homes = {name: folder / f"home-{index}" for index, name in enumerate(cases)}
        homes["include default-place"] = config.parent.parent
        with ThreadPoolExecutor(len(cases)) as pool:
            running = {
                name: pool.submit(
                    run_bounded,
                    args,
                    homes[name],
                    wall_seconds=WALL_SECONDS,
                    env={"SFTPCHECK_PASSWORD": server.password},
                    **extra,
                )
                for name, (args, extra) in cases.items()
            }
            outcomes = {name: future.result() for name, future in running.items()}
        stop.set()
        yield outcomes
    writer.join(timeout=5)


@pytest.mark.parametrize("option", ["--key", "--known-hosts", "--profile", "--site-file"])
@xfail("a FIFO as --key, --known-hosts, --profile or --site-file hangs")
def test_a_fifo_given_to_check_is_one_sentence(hanging: dict[str, Outcome], option: str) -> None:
    assert_well_behaved(hanging[f"check {option}"], exit_codes=[2])


@pytest.mark.parametrize("how", ["client-named", "client-guessed"])
@xfail("a FIFO as a site file hangs")
def test_a_fifo_as_a_site_file_is_one_sentence(hanging: dict[str, Outcome], how: str) -> None:
    assert_well_behaved(hanging[f"sites {how}"], exit_codes=[2])


@xfail("explain - reads stdin without a limit: an endless pipe eats memory")
def test_explain_reads_a_bounded_paste_from_an_endless_pipe(hanging: dict[str, Outcome]) -> None:
    assert_well_behaved(hanging["explain endless-pipe"], exit_codes=[2])


@pytest.mark.parametrize("where", ["default-place", "named-file"])
@xfail("an ssh config whose Include names itself three times never finishes")
def test_an_ssh_config_that_includes_itself_ends(hanging: dict[str, Outcome], where: str) -> None:
    done = hanging[f"include {where}"]
    assert_well_behaved(done)
    if done.exit_code == 0:
        assert "sftp.vendor.invalid" in done.out, done.describe()


@pytest.mark.parametrize("option", ["--key", "--known-hosts", "--profile"])
@xfail("/dev/zero as --key, --known-hosts or --profile eats memory: a MemoryError traceback")
def test_dev_zero_given_to_check_is_one_sentence(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path, option: str
) -> None:
    server, known_hosts = server_and_known_hosts
    args = _check_args(server, known_hosts)
    if option == "--known-hosts":
        args[args.index("--known-hosts") + 1] = "/dev/zero"
    else:
        args += [option, "/dev/zero"]
    done = run_bounded(
        args, home, wall_seconds=WALL_SECONDS, env={"SFTPCHECK_PASSWORD": server.password}
    )
    assert_well_behaved(done, exit_codes=[2])


@pytest.mark.parametrize("named", [True, False], ids=["client-named", "client-guessed"])
@xfail("/dev/zero as a site file eats memory: a MemoryError traceback")
def test_dev_zero_as_a_site_file_is_one_sentence(home: Path, named: bool) -> None:
    client = ["--client", "winscp"] if named else []
    done = run_bounded(["sites", "/dev/zero", *client], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])


@xfail("explain - reads stdin without a limit: /dev/zero eats memory")
def test_explain_reads_a_bounded_paste_from_dev_zero(home: Path) -> None:
    with Path("/dev/zero").open("rb") as zero:
        done = run_bounded(["explain", "-"], home, wall_seconds=WALL_SECONDS, stdin=zero)
    assert_well_behaved(done, exit_codes=[2])


# --- 5. a zip bomb ------------------------------------------------------------------------


def _zeros_zip(path: Path, member: str, gigabytes: int) -> None:
    """A zip whose member unpacks to `gigabytes` GB of zeros, a few MB on disk.

    Each megabyte of zeros deflates, after a full flush, to the same bytes: they are
    computed once and repeated, so no gigabytes pass through zlib or onto the disk.
    """
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    ending = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)

    class Repeating:
        def compress(self, data: bytes) -> bytes:
            assert data == chunk
            return block

        def flush(self) -> bytes:
            return ending

    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as stream,
    ):
        stream._compressor = Repeating()  # type: ignore[attr-defined]
        for _ in range(gigabytes << 10):
            stream.write(chunk)


@xfail("a zip whose students.csv unpacks to 4 GB is unpacked without a limit")
def test_a_zip_bomb_is_refused_in_one_sentence(home: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "export.zip"
    _zeros_zip(bomb, "students.csv", gigabytes=4)
    with zipfile.ZipFile(bomb) as archive:  # the zip is real: what it says it holds
        assert archive.getinfo("students.csv").file_size == 4 << 30
    done = run_bounded(["files", str(bomb)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    # The test's own file-size limit (256 MB) must not be what stopped it: sftpcheck's cap.
    assert "File too large" not in done.err, done.describe()
    assert "Errno" not in done.err, done.describe()


# --- 6. inputs that end in a traceback ----------------------------------------------------


def _winscp_reg(host: str) -> str:
    return (
        "Windows Registry Editor Version 5.00\r\n\r\n"
        "[HKEY_CURRENT_USER\\Software\\Martin Prikryl\\WinSCP 2\\Sessions\\vendor]\r\n"
        f'"HostName"="{host}"\r\n"UserName"="district42"\r\n'
    )


@xfail("a UTF-16 .reg that ends in half a character: a traceback")
def test_a_reg_export_ending_in_half_a_character(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "winscp.reg"
    text = _winscp_reg("sftp.vendor.invalid")
    export.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x0a")
    done = run_bounded(["sites", str(export)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done)


HEADER = b"student_id,school_id,first_name,last_name,grade\n"


@xfail("a CSV field longer than csv.field_size_limit(): a traceback")
def test_a_csv_field_over_the_csv_module_limit(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "students.csv").write_bytes(HEADER + b'1,1,"' + b"x" * 200_000 + b'",Lee,5\n')
    done = run_bounded(["files", str(export)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done)


@xfail("a 500 MB CSV line: a traceback")
def test_a_500_mb_csv_line(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    csv_file = export / "students.csv"
    try:
        with csv_file.open("wb") as stream:
            stream.write(HEADER + b"1,1,")
            block = b"x" * (1 << 20)
            for _ in range(500):
                stream.write(block)
            stream.write(b",Lee,5\n")
        done = run_bounded(["files", str(export)], home, wall_seconds=WALL_SECONDS * 4)
    finally:
        csv_file.unlink()
    assert_well_behaved(done)


DEEP_TOML = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"


@pytest.mark.parametrize("command", ["check --profile", "files --spec"])
@xfail("a TOML file nested 100,000 levels deep: a RecursionError traceback")
def test_a_toml_file_nested_very_deep(home: Path, tmp_path: Path, command: str) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(DEEP_TOML)
    name, option = command.split()
    args = [name, "127.0.0.1", option, str(deep)]
    if name == "files":
        (tmp_path / "export").mkdir()
        args = [name, str(tmp_path / "export"), option, str(deep)]
    done = run_bounded(args, home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])


MATCH_SPELLINGS = {
    "plain": "Match host vendor\n  User other\n",
    "first-line": None,  # the Match block before any Host
    "equals": "Match=host vendor\n  User other\n",
    "indented-lower": "  match all\n  Port 2222\n",
    "exec": 'Match exec "touch {ran}"\n  User other\n',
    "equals-exec": "Match=exec touch {ran}\n  User other\n",
}


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param(name, marks=xfail("an ssh config with Match= lines: a traceback"))
        if name.startswith("equals")
        else name
        for name in MATCH_SPELLINGS
    ],
)
def test_an_ssh_config_with_match_lines(home: Path, tmp_path: Path, spelling: str) -> None:
    ran = tmp_path / "RAN"
    host = "Host vendor\n  HostName sftp.vendor.invalid\n"
    match = MATCH_SPELLINGS[spelling] or MATCH_SPELLINGS["plain"]
    text = match + host if spelling == "first-line" else host + match
    config = tmp_path / "config"
    config.write_text(text.format(ran=ran))
    done = run_bounded(["sites", str(config), "--client", "openssh"], home, wall_seconds=15)
    assert_well_behaved(done)
    assert not ran.exists(), "reading a settings file ran a command"
    assert "sftp.vendor.invalid" in done.out, done.describe()


# --- 6. --output in a folder this user cannot write --------------------------------------


@pytest.fixture
def unprivileged(tmp_path: Path) -> Iterator[tuple[list[str], Path, Path]]:
    """(command prefix that runs as `nobody`, its HOME, a folder it may not write in)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("running as another user needs root and setpriv (util-linux)")
    base = Path(tempfile.mkdtemp(prefix="sftpcheck-nobody-"))
    try:
        base.chmod(0o755)
        home = base / "home"
        home.mkdir()
        shutil.chown(home, "nobody")
        locked = base / "locked"
        locked.mkdir(mode=0o555)
        locked.chmod(0o555)
        export = base / "export"
        export.mkdir()
        (export / "schools.csv").write_text("school_id,school_name\n1,North\n")
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        yield prefix, home, locked
    finally:
        shutil.rmtree(base, ignore_errors=True)


OUTPUT_COMMANDS = {
    "check": ["check", "127.0.0.1", "--port", "9", "--timeout", "1"],
    "explain": ["explain", "auth.rejected"],
    "files": ["files", "{export}"],
}


@pytest.mark.parametrize(
    "command",
    [
        "check",
        pytest.param("explain", marks=xfail("explain prints its report, then fails on --output")),
        pytest.param("files", marks=xfail("files prints its report, then fails on --output")),
    ],
)
def test_output_in_a_folder_this_user_cannot_write(
    unprivileged: tuple[list[str], Path, Path], command: str
) -> None:
    prefix, home, locked = unprivileged
    export = locked.parent / "export"
    args = [arg.replace("{export}", str(export)) for arg in OUTPUT_COMMANDS[command]]
    report = locked / "report.txt"
    done = run_bounded(
        [*args, "--output", str(report)],
        home,
        wall_seconds=WALL_SECONDS,
        command_prefix=prefix,
        cwd=home,
    )
    assert_well_behaved(done, exit_codes=[2])
    assert not report.exists()


# --- 6. a 200 MB WinSCP.ini ---------------------------------------------------------------


@xfail("a 200 MB WinSCP.ini is read whole; one sentence naming the size cap is wanted")
def test_a_200_mb_winscp_ini_is_one_sentence(home: Path, tmp_path: Path) -> None:
    ini = tmp_path / "WinSCP.ini"
    try:
        with ini.open("wb") as stream:
            stream.write(b"[Sessions\\vendor]\r\nHostName=sftp.vendor.invalid\r\n")
            line = b"; " + b"x" * 1022 + b"\r\n"
            for _ in range(200 << 10):
                stream.write(line)
        done = run_bounded(["sites", str(ini)], home, wall_seconds=WALL_SECONDS * 2)
    finally:
        ini.unlink()
    assert_well_behaved(done, exit_codes=[2])


# --- 7. terminal control bytes in what sites and explain print ----------------------------

CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4K\x07"  # OSC 52: puts "rm -rf ~" on the clipboard
HOSTILE_HOST = f"sftp{CLIPBOARD}.vendor.invalid"


def _site_file(kind: str, folder: Path) -> tuple[Path, str]:
    """A saved site whose host name holds an OSC 52 clipboard write, in a client's format."""
    if kind == "winscp-ini":
        path = folder / "WinSCP.ini"
        path.write_bytes(b"[Sessions\\vendor]\r\nHostName=" + HOSTILE_HOST.encode() + b"\r\n")
        return path, "winscp"
    if kind == "reg":
        path = folder / "winscp.reg"
        text = _winscp_reg(HOSTILE_HOST)
        path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
        return path, "winscp"
    if kind == "filezilla":
        path = folder / "sitemanager.xml"
        server = "<Server><Host>sftp&#27;]52;c;cm0=&#7;.invalid</Host><Name>v</Name></Server>"
        path.write_text(
            f"<?xml version='1.1'?><FileZilla3><Servers>{server}</Servers></FileZilla3>"
        )
        return path, "filezilla"
    if kind == "openssh":
        path = folder / "config"
        path.write_text(f"Host vendor\n  HostName {HOSTILE_HOST}\n")
        return path, "openssh"
    if kind == "cyberduck":
        import plistlib

        path = folder / "vendor.duck"
        path.write_bytes(plistlib.dumps({"Hostname": HOSTILE_HOST}, fmt=plistlib.FMT_BINARY))
        return path, "cyberduck"
    path = folder / "bookmarks"
    path.write_text(f"vendor\tsftp://district42@{HOSTILE_HOST}/\n")
    return path, "lftp"


@pytest.mark.parametrize("output_format", ["text", "markdown"])
@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(kind, marks=xfail("sites prints a host name's ESC ] 52 raw"))
        for kind in ["winscp-ini", "reg", "filezilla", "openssh", "cyberduck", "lftp"]
    ],
)
def test_sites_never_prints_a_clipboard_write(
    home: Path, tmp_path: Path, kind: str, output_format: str
) -> None:
    path, client = _site_file(kind, tmp_path)
    done = run_bounded(
        ["sites", str(path), "--client", client, "--format", output_format],
        home,
        wall_seconds=WALL_SECONDS,
    )
    assert_well_behaved(done)
    assert "52;c;" in done.out, f"the site was not listed\n{done.describe()}"


PASTE = f"FATAL ERROR: Network error: Connection timed out{CLIPBOARD}\x00\x07\r\x9b2J"


@pytest.mark.parametrize("output_format", ["text", "markdown"])
@pytest.mark.parametrize("how", ["stdin", "argument", "utf-16-stdin", "binary-stdin"])
@xfail("explain echoes the pasted text's ESC, BEL and NUL raw")
def test_explain_never_echoes_control_bytes(home: Path, how: str, output_format: str) -> None:
    stdin: bytes | None = None
    args = ["explain", "-", "--format", output_format]
    if how == "argument":
        args[1] = PASTE.replace("\x00", "")
    elif how == "utf-16-stdin":
        stdin = codecs.BOM_UTF16_LE + PASTE.encode("utf-16-le")
    elif how == "binary-stdin":
        stdin = b"\xff\x00\x1b]52;c;cm0=\x07" + os.urandom(512) + PASTE.encode()
    else:
        stdin = PASTE.encode()
    done = run_bounded(args, home, wall_seconds=WALL_SECONDS, stdin=stdin)
    assert_well_behaved(done)


# --- 4. a password in TARGET; an empty SFTPCHECK_PASSWORD --------------------------------


@xfail("check user:password@host sends user:password as the user name and prints it")
def test_a_password_in_target_is_refused_and_nothing_is_sent(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path
) -> None:
    server, known_hosts = server_and_known_hosts
    args = _check_args(server, known_hosts)
    args[1] = "district42:S3cretPw@127.0.0.1"
    done = run_bounded(args, home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    assert "S3cretPw" not in done.out + done.err, done.describe()
    assert server.record.connections == 0, "something was sent before the target was refused"


@xfail("SFTPCHECK_PASSWORD= set but empty is taken as no password and can exit 0")
def test_an_empty_password_variable_is_one_sentence(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path
) -> None:
    server, known_hosts = server_and_known_hosts
    done = run_bounded(
        _check_args(server, known_hosts),
        home,
        wall_seconds=WALL_SECONDS,
        env={"SFTPCHECK_PASSWORD": ""},
    )
    assert_well_behaved(done, exit_codes=[2])
    assert server.record.passwords_tried == [], done.describe()


# --- 9. known_hosts read as OpenSSH reads it ---------------------------------------------


def _hashed(name: str) -> str:
    import hashlib
    import hmac

    salt = os.urandom(20)
    digest = hmac.new(salt, name.encode(), hashlib.sha1).digest()
    return f"|1|{base64.b64encode(salt).decode()}|{base64.b64encode(digest).decode()}"


def _known_hosts_text(kind: str, name: str, key: str, other_key: str) -> str:
    return {
        "cert-authority": f"@cert-authority *.vendor.invalid {other_key}\n{name} {key}\n",
        "hashed": f"{_hashed(name)} {key}\n",
        "hashed-other-key": f"{_hashed(name)} {other_key}\n",
        "revoked": f"@revoked * {key}\n{name} {key}\n",
    }[kind]


# kind -> (status of the ssh step, its code). A refused key is any code that names the
# host key (a revoked key may get a code of its own), never ssh.unexpected_error.
KNOWN_HOSTS_EXPECTED = {
    "cert-authority": ("pass", None),
    "hashed": ("pass", None),
    "hashed-other-key": ("fail", "ssh.hostkey_mismatch"),
    "revoked": ("fail", "ssh.hostkey_"),
}


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(
            "cert-authority",
            marks=xfail("a @cert-authority line ends the ssh step in ssh.unexpected_error"),
        ),
        "hashed",
        "hashed-other-key",
        pytest.param(
            "revoked",
            marks=xfail("a @revoked line is refused, but as ssh.unexpected_error"),
        ),
    ],
)
def test_known_hosts_read_as_openssh_reads_it(
    sshd: object, home: Path, tmp_path: Path, kind: str
) -> None:
    import json

    from tests.servers.sshd import SshServer, other_public_key

    assert isinstance(sshd, SshServer)
    account = sshd.accounts["district"]
    key = " ".join(sshd.host_key_line.split()[-2:])
    other = other_public_key(sshd.host_key_type)
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(_known_hosts_text(kind, sshd.known_hosts_name, key, other))
    done = run_bounded(
        [
            "check", f"{account.username}@127.0.0.1", "--port", str(sshd.port),
            "--known-hosts", str(known_hosts), "--no-upload", "--timeout", "5",
            "--format", "json",
        ],
        home,
        wall_seconds=60,
        env={"SFTPCHECK_PASSWORD": str(account.password)},
    )  # fmt: skip
    assert_well_behaved(done)
    checks = {check["id"]: check for check in json.loads(done.stdout)["checks"]}
    status, code = KNOWN_HOSTS_EXPECTED[kind]
    assert checks["ssh"]["status"] == status, done.describe()
    if code is None:
        assert checks["ssh"]["code"] is None, done.describe()
    else:
        assert str(checks["ssh"]["code"]).startswith(code), done.describe()
    if status == "fail":
        assert checks["auth"]["status"] == "skip", "a login was tried with a refused host key"


# --- found by the fuzzers (tests/fuzz), not listed in issue 21 ----------------------------


@xfail("not listed: a TARGET holding a newline gets a two-line 'sentence' on stderr")
def test_a_target_with_a_newline_is_one_line(home: Path) -> None:
    done = run_bounded(["check", "sftp\n.vendor.invalid"], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])


@xfail("not listed: a damaged OpenSSH key raises cryptography's UnsupportedAlgorithm")
def test_a_key_with_a_damaged_type_is_one_sentence(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path, tmp_path: Path
) -> None:
    server, known_hosts = server_and_known_hosts
    key = tmp_path / "id_ed25519"
    made = subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
        capture_output=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    lines = key.read_text().splitlines()
    lines[2] = "AA=="  # the second line of the body: the key type is read misaligned
    key.write_text("\n".join(lines) + "\n")
    args = [*_check_args(server, known_hosts), "--key", str(key)]
    done = run_bounded(args, home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])


@pytest.mark.parametrize("locale", ["C.UTF-8", "strict-utf-8"])
@xfail("not listed: explain TEXT with bytes that are not UTF-8 echoes them, or a traceback")
def test_explain_of_an_argument_that_is_not_utf8(home: Path, locale: str) -> None:
    # A Windows-1252 log pasted as an argument: Python hands it over with surrogates.
    env = {"LC_ALL": "C.UTF-8"}
    if locale == "strict-utf-8":  # what a desktop's en_US.UTF-8 gives Python's stdout
        env["PYTHONIOENCODING"] = "utf-8:strict"
    argument = b"Network error: Connection refused caf\xe9".decode("utf-8", "surrogateescape")
    done = run_bounded(["explain", argument], home, wall_seconds=WALL_SECONDS, env=env)
    assert_well_behaved(done, exit_codes=[0, 1])


@xfail("not listed: a 65-byte binary .duck whose trailer claims 2**40 objects: MemoryError")
def test_a_duck_bookmark_claiming_huge_tables_is_one_sentence(home: Path, tmp_path: Path) -> None:
    import plistlib
    import struct

    data = plistlib.dumps({"Hostname": "sftp.vendor.invalid"}, fmt=plistlib.FMT_BINARY)
    # The 32-byte trailer: 6 unused, offset size, ref size, object count, top, table offset.
    unused, _, ref_size, _, top, table = struct.unpack(">6sBBQQQ", data[-32:])
    lying = data[:-32] + struct.pack(">6sBBQQQ", unused, 8, ref_size, 2**40, top, table)
    bookmark = tmp_path / "vendor.duck"
    bookmark.write_bytes(lying)
    done = run_bounded(["sites", str(bookmark)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[1, 2])
