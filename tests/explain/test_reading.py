"""Reading a paste like a helpdesk engineer: debug lines, last lines, phase, client, equals,
the minimum evidence rule, big pastes (the right code, an answer of a normal size; their time
is a figure in bench/RESULTS.md, benchmark 6), and UTF-16/CRLF pastes from Windows."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sftpcheck.explain.matching import EXACT, find_hits
from sftpcheck.explain.messages import WINSCP, ClientMessage
from tests.clients.fixtures import FIXTURES
from tests.explain.helpers import Run, run_explain

SFTPCHECK = str(Path(sys.executable).with_name("sftpcheck"))


@pytest.mark.parametrize("text", ["a long message", "please try again later", "It failed."])
def test_common_words_alone_match_nothing(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_explain(capsys, text, "--format", "json")
    assert run.exit_code == 1
    assert run.json()["matches"] == []


def test_openssh_fsetstat_is_named_openssh_not_winscp(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_explain(capsys, "remote fsetstat: Permission denied")
    assert "That is an OpenSSH ssh/sftp/scp message." in run.out
    assert "WinSCP message" not in run.out
    assert run_explain(capsys, "remote fsetstat: Permission denied", "--format", "json").codes()[
        0
    ] == ("setstat.unsupported")


def test_debug_lines_do_not_outrank_the_error(capsys: pytest.CaptureFixture[str]) -> None:
    log = "\n".join(
        [
            "debug1: load_hostkeys: fopen /root/.ssh/known_hosts2: No such file or directory",
            "debug1: Connecting to sftp.example.org [203.0.113.7] port 22.",
            "ssh: connect to host sftp.example.org port 22: Connection refused",
            "Connection closed",
        ]
    )
    assert run_explain(capsys, log, "--format", "json").codes()[0] == "tcp.refused"


def test_a_python_source_line_is_not_read_as_the_error(capsys: pytest.CaptureFixture[str]) -> None:
    log = "\n".join(
        [
            "Traceback (most recent call last):",
            '  File "upload.py", line 18, in <module>',
            "    client.connect(host, port)  # Connection refused here?",
            "paramiko.ssh_exception.AuthenticationException: Authentication failed.",
        ]
    )
    document = run_explain(capsys, log, "--format", "json").json()
    assert document["matches"][0]["code"] == "auth.rejected"
    assert document["client"] == "paramiko (Python)"


def test_a_bare_refusal_takes_its_code_from_the_operation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    upload = "\tat com.jcraft.jsch.ChannelSftp.put(ChannelSftp.java:475)\n3: Permission denied"
    stamp = "\tat com.jcraft.jsch.ChannelSftp.setMtime(ChannelSftp.java:2111)\n3: Permission denied"
    refused = run_explain(capsys, upload, "--format", "json")
    assert refused.codes()[0] == "upload.denied"
    # A folder the account may not open refuses the file in the same words as a read-only
    # one (paramiko's runs in tests/clients/fixtures/read_only and subfolder_denied).
    assert refused.json()["equals"] == ["upload.denied", "remote_dir.denied"]
    assert run_explain(capsys, stamp, "--format", "json").codes()[0] == "setstat.unsupported"


@pytest.mark.parametrize(
    ("paste", "first"),
    [
        # No folder named: the usual cause is a client set to open '/'.
        ("lftp> ls\nls: Access failed: Permission denied", "remote_dir.root_denied"),
        ('sftp> ls\nremote readdir("/"): Permission denied', "remote_dir.root_denied"),
        # A folder of the vendor's is named: that folder is the one refused.
        ('sftp> ls\nremote readdir("/upload"): Permission denied', "remote_dir.denied"),
        # lftp names the folder last, in brackets (tests/clients/fixtures/subfolder_denied).
        ("cd: Access failed: Permission denied (/upload/archive)", "remote_dir.denied"),
        ("cd: Access failed: Permission denied (/)", "remote_dir.root_denied"),
    ],
)
def test_a_listing_refused_points_at_the_folder_it_names(
    paste: str, first: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_explain(capsys, paste, "--format", "json").codes()[0] == first


def test_a_server_named_paramiko_does_not_make_an_openssh_log_paramikos(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = "\n".join(
        [
            "OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026",
            "debug1: Connecting to 127.0.0.1 [127.0.0.1] port 2222.",
            "debug1: Connection established.",
            "debug1: Remote protocol version 2.0, remote software version paramiko_5.1.0",
            "debug1: compat_banner: no match: paramiko_5.1.0",
            "debug1: Authentications that can continue: keyboard-interactive",
            "debug1: Next authentication method: keyboard-interactive",
        ]
    )
    assert run_explain(capsys, log, "--format", "json").json()["client"] == "OpenSSH ssh/sftp/scp"


def test_other_lines_of_a_traceback_break_a_tie(capsys: pytest.CaptureFixture[str]) -> None:
    banner = "paramiko.ssh_exception.SSHException: Error reading SSH protocol banner"
    alone = run_explain(capsys, banner, "--format", "json").json()
    assert {"protocol.closed", "protocol.no_banner"} <= set(alone["equals"])
    closed = run_explain(capsys, f"    raise EOFError()\nEOFError\n{banner}", "--format", "json")
    # The server closed: at once, or after reading paramiko's SSH line, as a web server
    # does (paramiko's closed and http_on_port runs print the very same traceback). It did
    # not keep silent: neither of those two is an equal now. A busy server past sshd's
    # MaxStartups closes at once too.
    assert closed.codes()[0] == "protocol.closed"
    assert closed.json()["equals"] == ["protocol.closed", "protocol.not_ssh", "protocol.throttled"]
    waited = run_explain(
        capsys, f"    raise socket.timeout()\nTimeoutError\n{banner}", "--format", "json"
    )
    assert set(waited.json()["equals"]) == {"protocol.no_banner", "protocol.ftp"}


def test_words_that_fit_several_causes_are_listed_as_equals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = "socket.gaierror: [Errno -3] Temporary failure in name resolution"
    document = run_explain(capsys, line, "--format", "json").json()
    assert set(document["equals"]) == {"dns.timeout", "dns.servfail"}
    text = run_explain(capsys, line).out
    assert "fit the words equally" in text
    assert "`dns` step" in text


def _verbose_log(recorded: str, count: int) -> str:
    """`count` OpenSSH debug lines of about 700 characters, then a recorded run: an
    `ssh -vvv` log of a whole session, with the error at its end."""
    algorithms = next(line for line in recorded.splitlines() if "server-sig-algs=" in line)
    filler = (f"debug3: {number:05d} {algorithms * 3}"[:700] for number in range(count))
    return "\n".join(filler) + "\n" + recorded


def _filezilla_log(recorded: str, megabytes: int) -> str:
    """FileZilla trace lines of 2,000 characters (twice what explain reads of a line),
    then a recorded run, with Windows line ends."""
    # The handshake's traces, repeated: none says how the login ended.
    traces = [line for line in recorded.splitlines() if line.startswith("Trace:\t")]
    handshake = [line for line in traces if "password" not in line.lower()]
    line = f"Trace:\t{' '.join(handshake * 4)}"[:2000]
    count = megabytes * 1_000_000 // 2002
    return (f"{line}\r\n" * count) + recorded.replace("\n", "\r\n")


def _short_answer(run: Run) -> None:
    """What a big paste must not do to the answer: the text quotes at most 200 of its
    characters, names the client, and stays the size of an answer to one line."""
    quoted = re.search(r'^You pasted: "(.*?)"\nThat is an? ', run.out, re.DOTALL)
    assert quoted is not None, run.out[:500]
    assert len(" ".join(quoted.group(1).split())) <= 200
    assert len(run.out) < 10_000


def test_a_5000_line_verbose_log_gets_its_last_lines_answer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    recorded = (FIXTURES / "wrong_password" / "openssh-v.txt").read_text(encoding="utf-8")
    log = _verbose_log(recorded, 5_000)
    assert len(log) > 3_000_000
    document = run_explain(capsys, log, "--format", "json").json()
    assert document["matches"][0]["code"] == "auth.rejected"
    assert document["client"] == "OpenSSH ssh/sftp/scp"
    # The JSON quotes the paste (the contract's "query"); the rest is an answer's size.
    assert document["query"] == log.strip()
    assert len(json.dumps({**document, "query": ""})) < 30_000
    text = run_explain(capsys, log)
    assert text.exit_code == 0
    assert "1. auth.rejected: " in text.out
    _short_answer(text)


def test_a_megabyte_on_one_line_before_the_error_is_read_past(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = "\n".join(
        [
            "debug1: Connecting to sftp.example.org [203.0.113.7] port 22.",
            "debug3: " + "0a1b2c3d" * 125_000,
            "ssh: connect to host sftp.example.org port 22: Connection refused",
        ]
    )
    assert run_explain(capsys, log, "--format", "json").codes()[0] == "tcp.refused"
    _short_answer(run_explain(capsys, log))


def test_a_big_filezilla_log_from_windows_on_stdin_gets_its_code() -> None:
    recorded = (FIXTURES / "wrong_password" / "filezilla.txt").read_text(encoding="utf-8")
    log = _filezilla_log(recorded, 2)
    done = subprocess.run(
        [SFTPCHECK, "explain", "-", "--format", "json"],
        input=log.encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["matches"][0]["code"] == "auth.rejected"
    assert document["client"] == "FileZilla"
    text = subprocess.run(
        [SFTPCHECK, "explain", "-"], input=log.encode("utf-8"), capture_output=True, check=False
    )
    _short_answer(Run(text.returncode, text.stdout.decode("utf-8"), ""))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_a_windows_paste_is_read_as_text(encoding: str) -> None:
    log = "Status:\tConnecting...\r\nError:\tFATAL ERROR: Network error: Connection refused\r\n"
    done = subprocess.run(
        [SFTPCHECK, "explain", "-", "--format", "json"],
        input=log.encode(encoding),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b'"code": "tcp.refused"' in done.stdout


def test_markdown_keeps_the_paste_out_of_the_heading_and_escapes_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = "Status: `busy` *now* <b>\n" * 30 + "FATAL ERROR: Connection refused"
    run = run_explain(capsys, log, "--format", "markdown")
    first = run.out.splitlines()[0]
    assert first == "# What the pasted message means"
    assert "\\`busy\\`" in run.out
    assert "\\*now\\*" in run.out
    assert "\\<b\\>" in run.out


def test_output_writes_the_explanation_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "explained.md"
    run = run_explain(capsys, "Host key verification failed.", "--output", str(target))
    assert run.exit_code == 0
    assert target.read_text(encoding="utf-8") == run.out


def test_delphis_indexed_placeholder_stands_for_what_winscp_shows() -> None:
    """WinSCP's texts are Delphi format strings: '%0:d' repeats the first number."""
    prompt = ClientMessage(
        WINSCP,
        "Host is not communicating for %d seconds.\n\nWait for another %0:d seconds?",
        "github.com/winscp/winscp source/resource/TextsCore1.rc (CONFIRM_PROLONG_TIMEOUT3)",
        ("upload.timeout",),
    )
    shown = "Host is not communicating for 15 seconds.\n\nWait for another 15 seconds?"
    assert find_hits(shown, [prompt])
    alone = find_hits("Wait for another 15 seconds?", [prompt])
    assert [hit.tier for hit in alone] == [EXACT]


def test_a_whole_line_message_may_end_with_a_full_stop_its_template_lacks() -> None:
    """PuTTY prints 'Access denied'; WinSCP's translation of it ends with a full stop."""
    refusal = ClientMessage(
        WINSCP, "Access denied", "PuTTY ssh/userauth2-client.c", ("auth.rejected",), whole_line=True
    )
    assert [hit.tier for hit in find_hits("Access denied.", [refusal])] == [EXACT]
    assert EXACT not in [hit.tier for hit in find_hits("Access denied to /upload", [refusal])]


def test_equals_from_several_steps_name_the_steps_in_plain_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = "curl: (28) Operation timed out after 8001 milliseconds with 0 bytes received"
    out = " ".join(run_explain(capsys, line).out.split())
    assert "The `auth`, `protocol`, `remote_dir`, `ssh` and `upload` steps of" in out
    assert "tell them apart." in out
