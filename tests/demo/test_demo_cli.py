"""`sftpcheck demo` through the real CLI: every scenario's report carries its reason code."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import paramiko
import pytest

from sftpcheck.check.pipeline import CHECK_IDS
from sftpcheck.cli import main
from sftpcheck.demo.listeners import SilentServer
from sftpcheck.demo.scenarios import DEFAULT_SCENARIO, SCENARIOS, Scenario
from sftpcheck.reasons import CATALOG

SFTPCHECK = Path(sys.executable).parent / "sftpcheck"


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private temp directory for the demo, to prove it leaves nothing behind."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    yield root
    assert list(root.iterdir()) == [], "the demo left files behind"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_each_scenario_reports_its_code(
    scenario: Scenario, temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["demo", "--scenario", scenario.name, "--format", "json"], capsys)

    report = json.loads(out)  # stdout holds the report and nothing else
    assert [check["id"] for check in report["checks"]] == list(CHECK_IDS)
    check = _check(report, scenario.check_id)
    expected_status = CATALOG[scenario.code].status.value
    assert (check["status"], check["code"]) == (expected_status, scenario.code)
    # The scenario's failure is the report's only problem.
    problems = [c["code"] for c in report["checks"] if c["status"] in ("warn", "fail")]
    assert problems == [scenario.code]
    assert report["verdict"] == expected_status
    assert code == (1 if expected_status == "fail" else 0)
    assert report["target"]["host"] == "127.0.0.1"
    # stderr holds the one introduction, wrapped to the terminal: its lines after the
    # first are its continuation, indented.
    first, *rest = err.splitlines()
    assert first.startswith("sftpcheck demo: "), err
    assert all(line.startswith("  ") for line in rest), err


def test_the_default_demo_is_the_healthy_drop_with_setstat(
    temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["demo"], capsys)
    assert code == 0
    assert re.search(r"^Verdict: WARN", out, re.MULTILINE)
    assert "setstat.unsupported" in out
    assert "typical school-data drop" in err


def test_the_default_demo_as_json_passes_every_step_but_setstat(
    temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["demo", "-f", "json"], capsys)
    report = json.loads(out)
    statuses = {check["id"]: check["status"] for check in report["checks"]}
    # The demo checks no saved client site, so the client step is skipped.
    expected = {**dict.fromkeys(CHECK_IDS, "pass"), "client": "skip", "setstat": "warn"}
    assert statuses == expected
    assert _check(report, "remote_dir")["details"] is not None
    assert code == 0


def test_markdown_format(temp_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["demo", "--scenario", "read-only", "--format", "markdown"], capsys)
    assert code == 1
    assert "upload.denied" in out
    assert out.lstrip().startswith("#")


def test_output_file_holds_the_same_report(
    temp_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.json"
    args = ["demo", "-s", "wrong-password", "-f", "json", "--output", str(target)]
    code, out, _ = run_cli(args, capsys)
    assert code == 1
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(out)


def test_list_names_every_scenario_with_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["demo", "--list"], capsys)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    for scenario in SCENARIOS:
        (line,) = [line for line in lines if line.startswith(scenario.name + " ")]
        assert scenario.code in line
        assert scenario.description in line
    assert DEFAULT_SCENARIO in lines[-1]


def test_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["demo", "--list", "--format", "json"], capsys)
    assert code == 0
    entries = json.loads(out)["scenarios"]
    assert [(e["name"], e["code"]) for e in entries] == [(s.name, s.code) for s in SCENARIOS]


def test_unknown_scenario_is_one_line_and_exit_2(
    temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["demo", "--scenario", "nope"], capsys)
    assert code == 2
    assert out == ""
    assert err == ("sftpcheck: Unknown scenario 'nope'; run 'sftpcheck demo --list' to see them.\n")


def test_output_with_serve_is_refused(temp_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["demo", "--serve", "--output", "x.json"], capsys)
    assert code == 2
    assert err.count("\n") == 1


def test_a_scenario_this_system_cannot_play_is_one_line_and_exit_2(
    temp_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the listen queue could never be filled (a system that refuses instead of dropping).
    monkeypatch.setattr(SilentServer, "_MAX_FILLERS", 0)
    code, out, err = run_cli(["demo", "--scenario", "firewall"], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("sftpcheck: This system answers connections")
    assert err.count("\n") == 1


def test_the_default_demo_in_a_fresh_process(tmp_path: Path) -> None:
    """What `make demo` runs: the installed command, nothing configured."""
    done = subprocess.run(
        [str(SFTPCHECK), "demo"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"^Verdict: WARN", done.stdout, re.MULTILINE)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_serve_lets_a_client_in_and_ctrl_c_cleans_up(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [str(SFTPCHECK), "demo", "--serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        assert server.stdout is not None
        shown = _read_until(server.stdout, "Press Ctrl-C")
        port = int(_field(shown, "Port"))
        password = _field(shown, "Password")
        assert _field(shown, "User") == "district42"
        assert f"sftp -P {port} district42@127.0.0.1" in shown
        assert len(list(tmp_path.iterdir())) == 1

        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            transport = paramiko.Transport(sock)
            transport.start_client(timeout=5)
            transport.auth_password("district42", password)
            sftp = paramiko.SFTPClient.from_transport(transport)
            assert sftp is not None
            assert sftp.normalize(".") == "/upload"
            assert "README.txt" in sftp.listdir()
            transport.close()

        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=10)
    finally:
        server.kill()
        server.wait()
    assert server.returncode == 0, err
    assert "Stopped the demo server" in out
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


# What a script's background job (`make test &`, a scheduler) hands its programs: SIGINT
# ignored. Python then sets no Ctrl-C handler of its own; --serve must still stop on it.
_WITH_SIGINT_IGNORED = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    "os.execv(sys.argv[1], sys.argv[1:])"
)


def test_serve_stops_on_ctrl_c_when_started_with_it_ignored(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-c", _WITH_SIGINT_IGNORED, str(SFTPCHECK), "demo", "--serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        assert server.stdout is not None
        _read_until(server.stdout, "Press Ctrl-C")
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=10)
    finally:
        server.kill()
        server.wait()
    assert server.returncode == 0, err
    assert "Stopped the demo server" in out
    assert list(tmp_path.iterdir()) == []


def test_serve_stops_cleanly_on_terminate(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [str(SFTPCHECK), "demo", "--serve", "--scenario", "ftp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        assert server.stdout is not None
        shown = _read_until(server.stdout, "Press Ctrl-C")
        assert "Password" not in shown
        server.terminate()
        server.communicate(timeout=10)
    finally:
        server.kill()
        server.wait()
    assert server.returncode == 0
    assert list(tmp_path.iterdir()) == []


def _check(report: dict[str, Any], check_id: str) -> dict[str, Any]:
    (check,) = [c for c in report["checks"] if c["id"] == check_id]
    return check


def _read_until(stream: Any, marker: str, seconds: float = 15) -> str:
    deadline = time.monotonic() + seconds
    lines: list[str] = []
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        lines.append(line)
        if marker in line:
            return "".join(lines)
    raise AssertionError(f"no {marker!r} in: {''.join(lines)}")


def _field(text: str, label: str) -> str:
    found = re.search(rf"^\s*{label}:\s+(\S+)", text, re.MULTILINE)
    assert found, f"no {label} in {text}"
    return found.group(1)


def test_the_demo_fits_an_80_column_terminal() -> None:
    done = subprocess.run(
        [str(SFTPCHECK), "demo"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    wide = [line for line in (done.stderr + done.stdout).splitlines() if len(line) > 80]
    assert wide == [], wide
