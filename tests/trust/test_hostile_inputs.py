"""Issue 21's hostile local inputs that end in a traceback, a raw control byte or a leaked
secret today, each through the installed command, bounded (tests/fuzz/sandbox.py).

What each must do: exit 2 with one sentence on stderr and nothing on stdout when the input
is unusable, and otherwise exit 0 or 1 with no traceback and no raw terminal control byte
in its output.
"""

from __future__ import annotations

import base64
import codecs
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fuzz.sandbox import assert_well_behaved, run_bounded
from tests.servers.hostile import HostileServer
from tests.trust.marks import WALL_SECONDS, check_args

# --- 6. inputs that end in a traceback ----------------------------------------------------


def _winscp_reg(host: str) -> str:
    return (
        "Windows Registry Editor Version 5.00\r\n\r\n"
        "[HKEY_CURRENT_USER\\Software\\Martin Prikryl\\WinSCP 2\\Sessions\\vendor]\r\n"
        f'"HostName"="{host}"\r\n"UserName"="district42"\r\n'
    )


def test_a_reg_export_ending_in_half_a_character(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "winscp.reg"
    text = _winscp_reg("sftp.vendor.invalid")
    export.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x0a")
    done = run_bounded(["sites", str(export)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done)


HEADER = b"student_id,school_id,first_name,last_name,grade\n"


def test_a_csv_field_over_the_csv_module_limit(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "students.csv").write_bytes(HEADER + b'1,1,"' + b"x" * 200_000 + b'",Lee,5\n')
    done = run_bounded(["files", str(export)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done)


DEEP_TOML = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"


@pytest.mark.parametrize("command", ["check --profile", "files --spec"])
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
    list(MATCH_SPELLINGS),
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
        "explain",
        "files",
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
    ["winscp-ini", "reg", "filezilla", "openssh", "cyberduck", "lftp"],
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


@pytest.mark.parametrize("command", ["explain", "files"])
def test_json_output_holds_no_raw_control_character(
    home: Path, tmp_path: Path, command: str
) -> None:
    """A script may print a JSON field as it is: DEL and C1 controls (U+009B is a CSI to
    some terminals) are escaped in the JSON itself, as the check report's JSON does."""
    if command == "explain":
        args = ["explain", "-", "--format", "json"]
        stdin: bytes | None = ("Network error: Connection refused\x7f\x9b2J").encode()
    else:
        folder = tmp_path / "export"
        folder.mkdir()
        (folder / "students\x9b2J.csv").write_text("student_id\x7f\n1\n")
        args, stdin = ["files", str(folder), "--format", "json"], None
    done = run_bounded(args, home, wall_seconds=WALL_SECONDS, stdin=stdin)
    assert done.exit_code in (0, 1), done.describe()
    raw = [char for char in done.out if ord(char) == 0x7F or 0x80 <= ord(char) <= 0x9F]
    assert raw == [], done.describe()
    assert "\\u009b" in done.out, done.describe()


# --- 4. a password in TARGET; an empty SFTPCHECK_PASSWORD --------------------------------


def test_a_password_in_target_is_refused_and_nothing_is_sent(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path
) -> None:
    server, known_hosts = server_and_known_hosts
    args = check_args(server, known_hosts)
    args[1] = "district42:S3cretPw@127.0.0.1"
    done = run_bounded(args, home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    assert "S3cretPw" not in done.out + done.err, done.describe()
    assert server.record.connections == 0, "something was sent before the target was refused"


def test_an_empty_password_variable_is_one_sentence(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path
) -> None:
    server, known_hosts = server_and_known_hosts
    done = run_bounded(
        check_args(server, known_hosts),
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
        ),
        "hashed",
        "hashed-other-key",
        pytest.param(
            "revoked",
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


def test_a_target_with_a_newline_is_one_line(home: Path) -> None:
    done = run_bounded(["check", "sftp\n.vendor.invalid"], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])


def test_a_huge_target_is_quoted_not_repeated(home: Path) -> None:
    done = run_bounded(["check", "s" * 100_000 + ".invalid"], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    # The sentence keeps its verdict; the middle of the quoted name is left out.
    assert done.err.rstrip().endswith("is not a valid server name or IP address."), done.describe()
    assert "characters left out" in done.err, done.describe()
    assert len(done.err) < 2_000, done.describe()


@pytest.mark.parametrize(
    "target",
    # What a user writes after seeing [v6addr]:port; the third and fourth long runs found them.
    [
        "sftp://district42@[sftp.vendor.invalid]:22/",
        "sftp://district42@[v:sftp.vendor.invalid]/",
        "sftp://district42@sftp.vendor.invalid]/",
    ],
    ids=["name", "ipvfuture", "stray-bracket"],
)
def test_a_url_with_a_bracketed_name_is_one_sentence(home: Path, target: str) -> None:
    done = run_bounded(["check", target], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])


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
    args = [*check_args(server, known_hosts), "--key", str(key)]
    done = run_bounded(args, home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    assert "its contents are damaged or cut short" in done.err, done.describe()


@pytest.mark.parametrize("locale", ["C.UTF-8", "strict-utf-8"])
def test_explain_of_an_argument_that_is_not_utf8(home: Path, locale: str) -> None:
    # A Windows-1252 log pasted as an argument: Python hands it over with surrogates.
    env = {"LC_ALL": "C.UTF-8"}
    if locale == "strict-utf-8":  # what a desktop's en_US.UTF-8 gives Python's stdout
        env["PYTHONIOENCODING"] = "utf-8:strict"
    argument = b"Network error: Connection refused caf\xe9".decode("utf-8", "surrogateescape")
    done = run_bounded(["explain", argument], home, wall_seconds=WALL_SECONDS, env=env)
    assert_well_behaved(done, exit_codes=[0, 1])


def test_a_duck_bookmark_in_an_unknown_encoding_is_one_sentence(home: Path, tmp_path: Path) -> None:
    # The fuzzer's finding: plistlib hands the declared encoding to expat, which looks it up.
    bookmark = tmp_path / "vendor.duck"
    bookmark.write_bytes(
        b'<?xml version="1.0" encoding="TTF-8"?>\n<plist version="1.0"><dict>'
        b"<key>Hostname</key><string>sftp.vendor.invalid</string></dict></plist>\n"
    )
    done = run_bounded(["sites", str(bookmark)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    assert "is not a Cyberduck bookmark" in done.err, done.describe()


def test_a_duck_bookmark_nested_thousands_deep_is_one_sentence(home: Path, tmp_path: Path) -> None:
    import plistlib

    # A binary property list holding an array in an array, 5,000 deep: plistlib reads it by
    # recursion. It writes it by recursion too, so the test lifts its own limit to make it.
    nested: list[object] = []
    innermost = nested
    for _ in range(5000):
        inner: list[object] = []
        innermost.append(inner)
        innermost = inner
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(50_000)
    try:
        body = plistlib.dumps(
            {"Hostname": "sftp.vendor.invalid", "x": nested}, fmt=plistlib.FMT_BINARY
        )
    finally:
        sys.setrecursionlimit(limit)
    bookmark = tmp_path / "vendor.duck"
    bookmark.write_bytes(body)
    done = run_bounded(["sites", str(bookmark)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    assert "is not a Cyberduck bookmark" in done.err, done.describe()


@pytest.mark.parametrize(("depth", "code"), [(100, 0), (5000, 2)])
def test_filezilla_folders_nested_deep_are_read_or_refused_in_one_sentence(
    home: Path, tmp_path: Path, depth: int, code: int
) -> None:
    server = "<Server><Host>sftp.vendor.invalid</Host><Name>v</Name><Protocol>1</Protocol></Server>"
    body = "<Folder>f" * depth + server + "</Folder>" * depth
    site_file = tmp_path / "sitemanager.xml"
    site_file.write_text(f"<?xml version='1.0'?><FileZilla3><Servers>{body}</Servers></FileZilla3>")
    done = run_bounded(["sites", str(site_file)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[code])
    if code == 0:
        assert "sftp.vendor.invalid" in done.out, done.describe()
    else:
        assert "nested more than 100 deep" in done.err, done.describe()


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


def test_an_ecdsa_key_with_a_damaged_point_is_one_sentence(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path, tmp_path: Path
) -> None:
    server, known_hosts = server_and_known_hosts
    key = tmp_path / "id_ecdsa"
    made = subprocess.run(
        ["ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", str(key)],
        capture_output=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    lines = key.read_text().splitlines()
    body = base64.b64decode("".join(lines[1:-1]))
    point = body.find(b"\x00\x00\x00\x41\x04")  # the 65-byte uncompressed public point
    body = body[: point + 4] + b"\x05" + body[point + 5 :]  # no longer marked uncompressed
    text = base64.b64encode(body).decode()
    wrapped = [text[at : at + 70] for at in range(0, len(text), 70)]
    key.write_text("\n".join([lines[0], *wrapped, lines[-1]]) + "\n")
    args = [*check_args(server, known_hosts), "--key", str(key)]
    done = run_bounded(args, home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    assert "its contents are damaged or cut short" in done.err, done.describe()


def test_a_zip_with_a_damaged_member_is_one_sentence(home: Path, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("students.csv", HEADER * 50)
    data = bytearray(buffer.getvalue())
    data[30 + len("students.csv")] = 0x07  # the first deflate block: final, type 3 (invalid)
    export = tmp_path / "export.zip"
    export.write_bytes(bytes(data))
    done = run_bounded(["files", str(export)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
