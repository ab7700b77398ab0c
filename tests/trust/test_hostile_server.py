"""Issue 21's promises, each against the hostile SFTP server (tests/servers/hostile.py).

Every run is the installed `sftpcheck check`, bounded in wall-clock time (the per-step
--timeout times the nine steps, plus start-up) and in memory. Whatever the server does,
the report must: end with a reason code in time; hold no raw terminal control byte in
text or markdown; quote no server string longer than a few hundred characters; show the
password in no form; and leave every file that was there before as it was.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.fuzz.sandbox import Outcome, assert_well_behaved, output_format, run_bounded
from tests.servers.hostile import STEPS, HostileServer, Hostility, run_hostile_server, snapshot

TIMEOUT = 2  # --timeout: seconds per network step
CHECK_STEPS = 9
START_UP = 10  # slack for starting Python on a loaded machine
WALL_SECONDS = TIMEOUT * CHECK_STEPS + START_UP
LONGEST_QUOTE = 500  # "at most a few hundred characters" of any one server string


class Checker:
    """Runs `sftpcheck check` against one hostile server, as the district would."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.runs = itertools.count()

    def __call__(
        self,
        server: HostileServer,
        *args: str,
        output_format: str = "text",
        password: str | None = None,
    ) -> Outcome:
        run = next(self.runs)
        known_hosts = self.folder / f"known_hosts-{run}"
        known_hosts.write_text(server.known_hosts_line)
        report = self.folder / f"report-{run}.{output_format}"
        argv = [
            "check", f"{server.username}@127.0.0.1", "--port", str(server.port),
            "--known-hosts", str(known_hosts), "--timeout", str(TIMEOUT),
            "--format", output_format, "--output", str(report), *args,
        ]  # fmt: skip
        done = run_bounded(
            argv,
            self.folder / f"home-{run}",
            wall_seconds=WALL_SECONDS,
            env={"SFTPCHECK_PASSWORD": server.password if password is None else password},
            read_back=[report],
        )
        if password is None and len(server.password) > 8:  # a random one: no word's part
            login = base64.b64encode(f"{server.username}:{server.password}".encode()).decode()
            for form in (server.password, login):
                assert form not in everything_shown(done), f"password shown\n{done.describe()}"
        return done


@pytest.fixture
def checker(tmp_path: Path) -> Checker:
    return Checker(tmp_path)


def everything_shown(done: Outcome) -> str:
    """stdout, stderr and the --output file: all a user or a script can see."""
    written = "".join(data.decode("utf-8", "replace") for data in done.written.values())
    return done.out + done.err + written


def assert_no_long_quote(done: Outcome, letter: str) -> None:
    runs = re.findall(f"{re.escape(letter)}+", everything_shown(done))
    longest = max((len(run) for run in runs), default=0)
    assert longest <= LONGEST_QUOTE, f"a server string quoted {longest} long\n{done.describe()}"


def assert_a_reason(done: Outcome) -> None:
    """Exit 0 or 1, and on 1 a failed step with a reason code."""
    assert_well_behaved(done, exit_codes=[0, 1])
    if done.exit_code != 1:
        return
    if output_format(done.argv) == "json":
        failed = [c for c in json.loads(done.stdout)["checks"] if c["status"] == "fail"]
        assert failed, done.describe()
        assert all(check["code"] for check in failed), done.describe()
    else:  # the text report names the code in brackets: [fail, upload.denied]
        assert re.search(r"\[fail,\s+[a-z_]+\.[a-z_]+\]", done.out), done.describe()


# --- 6, 7. escapes and huge strings in every field a server sends -------------------------

ESCAPES = "\x1b]52;c;cm0gLXJmIH4K\x07 \x1b[2J\x1b]0;PWNED\x07 \x00 \rhidden\x9b31m\x07\x7f"
HUGE_LETTER = "Q"
HUGE = "Quota: " + HUGE_LETTER * (1 << 20)

# field -> (Hostility field, value shape, options and more hostility that make it sent)
NO_UPLOAD = ("--no-upload",)
READ_ONLY = {"read_only": ("/", "/upload")}
FIELDS: dict[str, tuple[str, Callable[[str], Any], tuple[str, ...], dict[str, Any]]] = {
    "greeting": ("greeting", lambda text: f"Notice {text}\r\n", NO_UPLOAD, {}),
    "version": ("version_comment", lambda text: text, NO_UPLOAD, {}),
    "banner": ("banner", lambda text: text, NO_UPLOAD, {}),
    "disconnect": ("disconnect", lambda text: text, NO_UPLOAD, {}),
    "status-stat": ("status", lambda text: text, ("--remote-dir", "/missing", *NO_UPLOAD), {}),
    "status-open": ("status", lambda text: text, (), READ_ONLY),
    "listing": ("listing_names", lambda text: (f"{text}.csv",), NO_UPLOAD, {}),
    "realpath": ("landing", lambda text: f"/upload{text}", NO_UPLOAD, {}),
}


def field_server(hostile: Callable[..., HostileServer], field: str, text: str) -> HostileServer:
    name, shape, _, more = FIELDS[field]
    return hostile(**{name: shape(text)}, **more)


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_terminal_escapes_from_any_server_field_are_never_raw(
    hostile: Callable[..., HostileServer], checker: Checker, field: str, output_format: str
) -> None:
    server = field_server(hostile, field, ESCAPES)
    done = checker(server, *FIELDS[field][2], output_format=output_format)
    assert_well_behaved(done, exit_codes=[0, 1])


@pytest.mark.parametrize(
    "field",
    sorted(FIELDS),
)
def test_a_huge_server_string_is_quoted_at_most_a_few_hundred_characters(
    hostile: Callable[..., HostileServer], checker: Checker, field: str
) -> None:
    server = field_server(hostile, field, HUGE)
    done = checker(server, *FIELDS[field][2])
    assert_a_reason(done)
    assert_no_long_quote(done, HUGE_LETTER)


def test_a_text_line_with_an_escape_before_the_version_is_still_ssh(
    hostile: Callable[..., HostileServer], checker: Checker
) -> None:
    # RFC 4253 4.2 lets a server send other lines first; OpenSSH and paramiko skip them.
    server = hostile(greeting="Hi\x1b[2J\r\n")
    done = checker(server, "--no-upload")
    assert_well_behaved(done, exit_codes=[0])


# --- 4. the password a server echoes back, in any form ------------------------------------

PASSWORDS = {
    "upload": "upload",  # a word of sftpcheck's own ("Upload", /upload)
    "22": "22",  # the port number
    "a": "a",  # a letter of every sentence
    "glued": "S3cretPw",  # echoed glued to other letters: xxS3cretPwyy
    "special": "Pw d/+&x",  # URL-encoding changes it
}
ECHO_PLACES = {
    "banner": ("banner", ()),
    "status": ("status", ("--remote-dir", "/missing")),
    "disconnect": ("disconnect", ()),
}


def echoed_forms(username: str, password: str) -> dict[str, str]:
    """How a server may echo the password: each must appear nowhere in what is shown."""
    forms = {
        "bracketed": f"[{password}]",
        "base64 user:password": base64.b64encode(f"{username}:{password}".encode()).decode(),
    }
    if len(password) > 2:  # a one- or two-letter password is masked only as a whole word
        forms["glued"] = f"xx{password}yy"
    if quote(password, safe="") != password:
        forms["url-encoded"] = quote(password, safe="")
    return forms


@pytest.mark.parametrize(
    ("password", "place", "output_format"),
    [
        # The text report leaves out a refused stat's status text; JSON keeps it in details.
        pytest.param(
            password,
            place,
            output_format,
        )
        for password in sorted(PASSWORDS)
        for place in sorted(ECHO_PLACES)
        for output_format in ("text", "json")
    ],
)
def test_a_password_the_server_echoes_is_shown_in_no_form(
    hostile: Callable[..., HostileServer],
    checker: Checker,
    password: str,
    place: str,
    output_format: str,
) -> None:
    secret = PASSWORDS[password]
    field, options = ECHO_PLACES[place]
    forms = echoed_forms("district", secret)
    message = "Denied: " + " ".join(forms.values())
    server = hostile(password=secret, **{field: message})
    done = checker(server, *options, "--no-upload", output_format=output_format)
    assert_a_reason(done)
    shown = everything_shown(done)
    leaked = [form for form, text in forms.items() if text in shown]
    if len(secret) > 2 and secret != "upload":  # "upload" is also a word of sftpcheck's own
        leaked += ["raw"] if secret in shown else []
    assert not leaked, f"the password shown as {leaked}\n{done.describe()}"


# --- 5. stalls and drips at every step ----------------------------------------------------

# step -> the checks that may be the one to fail when the server goes quiet there.
FAILS_AT = {
    "banner": {"protocol", "ssh"},
    "kex": {"ssh"},
    "auth": {"auth"},
    "subsystem": {"remote_dir"},
    # The remote_dir step now tries a write in '/' (an OPEN) to say whether a client set
    # to '/' could write there, so a server that stalls on OPEN is met there first.
    "open": {"remote_dir", "upload"},
    "write": {"upload"},
    "close": {"upload"},
    "stat": {"remote_dir", "upload"},
}


@pytest.fixture(scope="module")
def slow_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    """Every stall and drip, run side by side: each waits out timeouts, not the CPU."""
    folder = tmp_path_factory.mktemp("slow")
    cases = [(mode, step) for mode in ("stall", "drip") for step in STEPS]
    with ThreadPoolExecutor(len(cases)) as pool:

        def one(mode: str, step: str) -> Outcome:
            root = folder / f"{mode}-{step}"
            with run_hostile_server(root, Hostility(**{mode: step})) as server:
                return Checker(root.parent / f"{mode}-{step}-runs")(server, "--format", "json")

        for mode, step in cases:
            (folder / f"{mode}-{step}-runs").mkdir()
        running = {f"{mode}-{step}": pool.submit(one, mode, step) for mode, step in cases}
        yield {name: future.result() for name, future in running.items()}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("mode", ["stall", "drip"])
def test_a_server_that_goes_quiet_gets_a_reason_in_time(
    slow_runs: dict[str, Outcome], mode: str, step: str
) -> None:
    import json

    done = slow_runs[f"{mode}-{step}"]
    assert_well_behaved(done, exit_codes=[1])
    report = json.loads(done.stdout)
    failed = [check for check in report["checks"] if check["status"] == "fail"]
    assert failed, done.describe()
    assert failed[0]["id"] in FAILS_AT[step], done.describe()
    assert failed[0]["code"], done.describe()


# --- 1. never delete or change a file that was there --------------------------------------

OLD_PART = b"student_id,school_id\n1,1\n"  # what WinSCP left of yesterday's transfer
OLD_FILE = b"student_id,school_id,first_name,last_name,grade\n9,9,Old,Row,5\n"


def students_csv(folder: Path) -> Path:
    """A real students.csv of about 120 KB: WinSCP sends files from 100 KB as .filepart."""
    rows = ["student_id,school_id,first_name,last_name,grade"]
    rows += [f"{n},1,First{n},Last{n},5" for n in range(1, 4500)]
    path = folder / "upload-from" / "students.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(rows) + "\n")
    return path


PRE_EXISTING = {
    "filepart": ({"students.csv.filepart": OLD_PART}, ()),
    "real-name": ({"students.csv": OLD_FILE}, ()),
    "both": ({"students.csv.filepart": OLD_PART, "students.csv": OLD_FILE}, ()),
    # A file that appears between the look and the create: stat does not see it yet.
    "filepart-appears": ({"students.csv.filepart": OLD_PART}, ("students.csv.filepart",)),
    "real-name-appears": ({"students.csv": OLD_FILE}, ("students.csv",)),
}


@pytest.mark.parametrize(
    ("case", "client"),
    [(case, client) for case in sorted(PRE_EXISTING) for client in ("winscp", "filezilla", "none")],
)
def test_a_file_that_was_there_is_never_deleted_or_changed(
    hostile: Callable[..., HostileServer],
    checker: Checker,
    tmp_path: Path,
    case: str,
    client: str,
) -> None:
    existing, hidden = PRE_EXISTING[case]
    server = hostile(existing=existing, hidden=hidden)
    before = snapshot(server.upload_dir_on_disk)
    upload = students_csv(tmp_path)
    client_args = ["--client", client] if client != "none" else []
    done = checker(server, "--upload", str(upload), "--upload-anyway", *client_args)
    assert_a_reason(done)
    after = snapshot(server.upload_dir_on_disk)
    for name in existing:
        assert after.get(name) == before[name], f"{name} was changed or removed\n{done.describe()}"
        assert f"/upload/{name}" not in server.record.removed, done.describe()
    # What this client would create: WinSCP sends a file of 100 KB or more as .filepart.
    creates = {"students.csv"} | ({"students.csv.filepart"} if client == "winscp" else set())
    if creates & set(existing):
        assert "already" in done.out.lower(), f"not said to be there already\n{done.describe()}"


# --- 2. never leave a broken copy behind ---------------------------------------------------


@pytest.mark.parametrize("client", ["none", "winscp"])
def test_a_short_copy_is_removed(
    hostile: Callable[..., HostileServer], checker: Checker, tmp_path: Path, client: str
) -> None:
    server = hostile(keep_bytes=32 * 1024)
    client_args = ["--client", client] if client != "none" else []
    done = checker(server, "--upload", str(students_csv(tmp_path)), "--upload-anyway", *client_args)
    assert_a_reason(done)
    assert "upload.incomplete" in done.out, done.describe()
    left = sorted(snapshot(server.upload_dir_on_disk))
    assert left == [], f"a broken copy was left: {left}\n{done.describe()}"


@pytest.mark.parametrize("client", ["none", "winscp"])
def test_a_short_copy_that_cannot_be_removed_is_said_first(
    hostile: Callable[..., HostileServer], checker: Checker, tmp_path: Path, client: str
) -> None:
    server = hostile(keep_bytes=32 * 1024, refuse_remove=True)
    client_args = ["--client", client] if client != "none" else []
    done = checker(server, "--upload", str(students_csv(tmp_path)), "--upload-anyway", *client_args)
    assert_a_reason(done)
    assert server.record.removed, f"no remove was tried\n{done.describe()}"
    # The report's first line says the broken file is still there, above the title; its
    # first paragraph (wrapped to the terminal) names the file and what to do.
    first = done.out.splitlines()[0]
    assert first.startswith("ATTENTION: A broken copy"), done.describe()
    assert "still" in first, done.describe()
    paragraph = " ".join(line.strip() for line in done.out.split("\n\n")[0].splitlines())
    assert "/upload/students.csv" in paragraph, done.describe()
    assert "Ask the vendor to delete it" in paragraph, done.describe()


# --- 3. claim only what was tried ----------------------------------------------------------


def test_root_is_not_claimed_to_work_when_it_cannot_be_written(
    hostile: Callable[..., HostileServer], checker: Checker
) -> None:
    server = hostile(read_only=("/",))
    done = checker(server)
    assert_a_reason(done)
    assert "would work too" not in done.out, done.describe()
    at_root = checker(server, "--remote-dir", "/")
    assert "upload.denied" in at_root.out, at_root.describe()


def test_a_read_only_landing_folder_names_the_writable_one(
    hostile: Callable[..., HostileServer], checker: Checker
) -> None:
    server = hostile(read_only=("/", "/upload"), folders=("incoming",))
    done = checker(server)
    assert_a_reason(done)
    assert "/upload/incoming" in done.out, done.describe()


# --- 8. an expired password is never changed ----------------------------------------------


def test_an_expired_password_asked_by_prompts_is_never_changed(
    hostile: Callable[..., HostileServer], checker: Checker
) -> None:
    server = hostile(expired="keyboard-interactive")
    done = checker(server, "--no-upload")
    assert_a_reason(done)
    answered = [prompt for prompt, _ in server.record.prompts_answered]
    assert answered == ["Password: "], f"prompts answered: {answered}\n{done.describe()}"
    assert "auth.password_expired" in done.out, done.describe()


def test_an_expired_password_said_in_a_banner_is_named(
    hostile: Callable[..., HostileServer], checker: Checker
) -> None:
    server = hostile(expired="banner")
    done = checker(server, "--no-upload")
    assert_a_reason(done)
    assert "auth.password_expired" in done.out, done.describe()
