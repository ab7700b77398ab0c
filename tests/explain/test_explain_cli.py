"""`sftpcheck explain` as a user runs it: what it prints and how it exits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sftpcheck.reasons import CATALOG
from tests.explain.helpers import run_explain

SFTPCHECK = str(Path(sys.executable).with_name("sftpcheck"))


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        ("Server unexpectedly closed network connection", "protocol.closed"),
        ("Error code: 8", "setstat.unsupported"),
        ("Permission denied (publickey,password)", "auth.rejected"),
        ("Permission denied (publickey).", "auth.method_not_offered"),
        ("Network error: Connection timed out", "tcp.timeout"),
        ("Host key verification failed.", "ssh.hostkey_mismatch"),
        ("com.jcraft.jsch.JSchException: Auth fail", "auth.rejected"),
        ("curl: (67) Login denied", "auth.rejected"),
        ("TcpTestSucceeded       : False", "tcp.timeout"),
    ],
)
def test_messages_from_the_issue_find_their_reason_first(
    pasted: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_explain(capsys, pasted, "--format", "json")
    assert run.exit_code == 0
    assert run.codes()[0] == expected


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        # Quotes, another host and port, extra spaces and capitals do not stop a match.
        (
            "ssh: connect to host 'sftp.district.k12.us' port 2222:   CONNECTION REFUSED",
            "tcp.refused",
        ),
        ('Network error: Connection to "[2001:db8::7]" timed out.', "tcp.timeout"),
        (
            "Unable to negotiate with 198.51.100.20 port 22: no matching key exchange method "
            "found. Their offer: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1",
            "ssh.no_common_algorithm",
        ),
        ("Error listing directory '/'.", "remote_dir.root_denied"),
        ("Error listing directory '/uploads/nightly'.", "remote_dir.not_found"),
        (
            "Permission denied.\nError code: 3\n"
            "Error message from server (US-ASCII): Permission denied",
            "upload.denied",
        ),
        # Part of a message still matches, on the words it shares.
        ("Exhausted available authentication", "auth.rejected"),
        ("Connection timed out", "tcp.timeout"),
    ],
)
def test_variable_parts_and_partial_pastes_still_match(
    pasted: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_explain(capsys, pasted, "--format", "json").codes()[0] == expected


def test_a_pasted_filezilla_log_matches_on_any_of_its_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = """Status:\tConnecting to 203.0.113.7:22...
Response:\tfzSftp started, protocol_version=11
Command:\topen "district42@sftp.vendor-example.com" 22
Error:\tConnection timed out after 20 seconds of inactivity
Error:\tCould not connect to server
Status:\tWaiting to retry..."""
    run = run_explain(capsys, log, "--format", "json")
    assert run.codes()[0] == "tcp.timeout"
    first = run.json()["matches"][0]
    assert first["client"] == "FileZilla"
    assert first["message"] == "Connection timed out after %d seconds of inactivity"


def test_json_has_the_contract_shape(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_explain(capsys, "Network error: Connection timed out", "--format", "json")
    document = run.json()
    assert document["query"] == "Network error: Connection timed out"
    assert isinstance(document["matches"], list)
    assert document["matches"]
    for match in document["matches"]:
        reason = CATALOG[match["code"]]
        assert match["title"] == reason.title
        assert match["explanation"] == reason.explanation
        assert match["fix"] == list(reason.fix)
    assert document["matches"][0]["source"]


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_explain_code_puts_that_code_first(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_explain(capsys, code, "--format", "json")
    assert run.exit_code == 0
    assert run.codes()[0] == code


def test_explain_code_prints_its_page_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    reason = CATALOG["tcp.timeout"]
    run = run_explain(capsys, "TCP.Timeout")
    assert run.exit_code == 0
    flat = " ".join(run.out.split())
    assert run.out.startswith(f"tcp.timeout: {reason.title}")
    assert reason.explanation in flat
    assert reason.causes[0] in flat
    assert reason.confirm in flat
    for number, step in enumerate(reason.fix, start=1):
        assert f"{number}. {step}" in flat


def test_a_message_query_says_which_client_said_it(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_explain(capsys, "Server refused our key")
    assert run.exit_code == 0
    assert "That is a PuTTY / psftp / plink message." in run.out
    assert "1. auth.rejected:" in run.out
    assert "Likely reasons, best first: auth.rejected, auth.method_not_offered." in run.out


def test_markdown_reuses_the_docs_page(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_explain(capsys, "setstat.unsupported", "--format", "markdown")
    assert run.out.startswith("# `setstat.unsupported`:")
    assert "## What to change" in run.out
    assert "| WinSCP |" in run.out


def test_text_that_matches_nothing_says_so_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_explain(capsys, "The printer is out of paper")
    assert run.exit_code == 1
    assert "does not know this message" in run.out
    assert "sftpcheck check" in run.out
    json_run = run_explain(capsys, "The printer is out of paper", "--format", "json")
    assert json_run.exit_code == 1
    document = json_run.json()
    assert document["query"] == "The printer is out of paper"
    assert document["matches"] == []
    assert document["client"] is None


def test_a_mistyped_code_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_explain(capsys, "tcp.timout")
    assert run.exit_code == 1
    assert "Did you mean tcp.timeout" in run.out


@pytest.mark.parametrize("empty", ["", "   \n  "])
def test_empty_text_is_an_input_error(empty: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_explain(capsys, empty)
    assert run.exit_code == 2
    assert run.out == ""
    assert run.err.startswith("sftpcheck: Give the error message to explain")
    assert run.err.count("\n") == 1


def test_a_dash_reads_a_pasted_log_from_stdin() -> None:
    done = subprocess.run(
        [SFTPCHECK, "explain", "-", "--format", "json"],
        input="Status: Connecting...\nFATAL ERROR: Network error: Connection refused\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert '"code": "tcp.refused"' in done.stdout


def test_explain_starts_without_the_heavy_libraries() -> None:
    probe = (
        "import sys\n"
        "from sftpcheck.cli import main\n"
        "main(['explain', 'tcp.timeout'])\n"
        "heavy = [name for name in ('paramiko', 'dns', 'tabulate', 'textstat') "
        "if name in sys.modules]\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stderr == "[]"


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_an_argument_that_is_not_utf8_is_answered_in_utf8(output_format: str) -> None:
    """The fuzzer's find: bytes that are not UTF-8 reach Python as lone surrogates, and the
    answer held them, so stdout was not UTF-8 (or a UnicodeEncodeError under a strict
    locale). Each bad byte is shown as U+FFFD, as on standard input."""
    done = subprocess.run(
        [SFTPCHECK, "explain", "--format", output_format, b"Connection refused \xff\xfe"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = done.stdout.decode("utf-8")  # raises if the answer is not UTF-8
    assert "tcp.refused" in shown
    assert "\ufffd" in (shown if output_format == "text" else json.loads(shown)["query"])
