"""Running the real `sftpcheck check` command, as a user would, and reading its report.

Each run is a separate process with stdin not a terminal, a fresh HOME (so no personal
~/.ssh/known_hosts leaks in), the password only in SFTPCHECK_PASSWORD, and, for firewall
tests, inside a network namespace. Every run is also checked for leaked secrets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sftpcheck.check.pipeline import CHECK_IDS
from sftpcheck.model import CheckResult, Fact, Report, Status, TargetInfo
from sftpcheck.reasons import CATALOG
from sftpcheck.render import Format, render
from tests.servers.netns import NetNamespace
from tests.servers.quirky_sftp import QuirkySftpServer
from tests.servers.sshd import SshServer


def sftpcheck_command() -> list[str]:
    """The installed console script next to this Python, else `python -m sftpcheck`."""
    script = Path(sys.executable).with_name("sftpcheck")
    if script.exists():
        return [str(script)]
    found = shutil.which("sftpcheck")
    return [found] if found else [sys.executable, "-m", "sftpcheck"]


@dataclass(frozen=True)
class CheckRun:
    """One finished run: exit code, both streams, wall time, and the JSON report if any."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    report: dict[str, Any] | None = field(default=None, hash=False)

    def check(self, check_id: str) -> dict[str, Any]:
        assert self.report is not None, f"no JSON report:\n{self.describe()}"
        for check in self.report["checks"]:
            if check["id"] == check_id:
                return dict(check)
        raise AssertionError(f"no check {check_id!r} in the report:\n{self.describe()}")

    def status(self, check_id: str) -> str:
        return str(self.check(check_id)["status"])

    def code(self, check_id: str) -> str | None:
        return self.check(check_id)["code"]

    def summary(self, check_id: str) -> str:
        return str(self.check(check_id)["summary"])

    def describe(self) -> str:
        """What a failing assertion should show: the command, exit code, each check's line."""
        lines = [f"$ sftpcheck {' '.join(self.args)}", f"exit {self.exit_code}"]
        if self.report is not None:
            for check in self.report["checks"]:
                lines.append(
                    f"  {check['id']:<10} {check['status']:<4} {check['code'] or '-':<26} "
                    f"{check['summary']}"
                )
        else:
            lines.append(self.stdout[-3000:])
        if self.stderr:
            lines.append(f"stderr: {self.stderr[-2000:]}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Runner:
    """Runs `sftpcheck check` with a private HOME; secrets go through the environment only."""

    home: Path

    def __call__(
        self,
        *args: str,
        password: str | None = None,
        passphrase: str | None = None,
        proxy_password: str | None = None,
        namespace: NetNamespace | None = None,
        output_format: str = "json",
        wall_timeout: float = 90,
        env: Mapping[str, str] | None = None,
    ) -> CheckRun:
        self.home.mkdir(parents=True, exist_ok=True)
        # HOME alone decides where the run keeps its memory (~/.cache/sftpcheck).
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("SFTPCHECK_") and k != "XDG_CACHE_HOME"
        }
        environment.update(HOME=str(self.home), NO_COLOR="1", COLUMNS="100", **(env or {}))
        secrets = {
            "SFTPCHECK_PASSWORD": password,
            "SFTPCHECK_PASSPHRASE": passphrase,
            "SFTPCHECK_PROXY_PASSWORD": proxy_password,
        }
        environment.update({name: value for name, value in secrets.items() if value is not None})
        argv = ["check", *args, "--format", output_format]
        command: Sequence[str] = [*sftpcheck_command(), *argv]
        if namespace is not None:
            command = namespace.command(command)
        started = time.monotonic()
        done = subprocess.run(
            command,
            env=environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=wall_timeout,
            check=False,
        )
        seconds = time.monotonic() - started
        report = None
        if output_format == "json" and done.returncode in (0, 1):
            report = json.loads(done.stdout)
        run = CheckRun(tuple(argv), done.returncode, done.stdout, done.stderr, seconds, report)
        # The same report in the other two formats: the renderers are pure functions of it,
        # so every run proves the secret absent from all three without asking the server again.
        other_formats = in_other_formats(report) if report is not None else ""
        for secret in (password, passphrase, proxy_password):
            if secret:
                assert secret not in done.stdout, f"secret on stdout:\n{run.describe()}"
                assert secret not in done.stderr, f"secret on stderr:\n{run.describe()}"
                assert secret not in other_formats, f"secret in text/markdown:\n{run.describe()}"
        assert "Traceback" not in done.stderr, run.describe()
        if report is not None:
            assert [c["id"] for c in report["checks"]] == list(CHECK_IDS), run.describe()
        return run


def report_from_json(data: dict[str, Any]) -> Report:
    """Rebuild the Report a JSON report was rendered from (reasons come from the catalog)."""
    checks = tuple(
        CheckResult(
            id=check["id"],
            title=check["title"],
            status=Status(check["status"]),
            summary=check["summary"],
            reason=CATALOG[check["code"]] if check["code"] else None,
            details=check["details"],
            facts=tuple(Fact(label, value) for label, value in check["facts"].items()),
            duration_ms=check["duration_ms"],
        )
        for check in data["checks"]
    )
    target = data["target"]
    return Report(
        tool_version=data["tool"]["version"],
        started_at=datetime.strptime(data["started_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=timezone.utc
        ),
        duration_ms=data["duration_ms"],
        target=TargetInfo(target["host"], target["port"], target["username"]),
        checks=checks,
    )


def in_other_formats(data: dict[str, Any]) -> str:
    report = report_from_json(data)
    rebuilt = json.loads(render(report, Format.JSON))
    assert rebuilt == data, "the rebuilt report differs from the one sftpcheck printed"
    return render(report, Format.TEXT) + render(report, Format.MARKDOWN)


def assert_stops_at(run: CheckRun, check_id: str, code: str) -> None:
    """`check_id` failed with `code`, every later check was skipped, and the exit code is 1."""
    assert run.status(check_id) == "fail", run.describe()
    assert run.code(check_id) == code, run.describe()
    for earlier in CHECK_IDS[: CHECK_IDS.index(check_id)]:
        assert run.status(earlier) in ("pass", "warn", "skip"), run.describe()
    for later in CHECK_IDS[CHECK_IDS.index(check_id) + 1 :]:
        assert run.status(later) == "skip", run.describe()
        assert run.code(later) is None, run.describe()
    assert run.report is not None
    assert run.report["verdict"] == "fail", run.describe()
    assert run.exit_code == 1, run.describe()


def assert_passes(run: CheckRun, *check_ids: str) -> None:
    for check_id in check_ids:
        assert run.status(check_id) == "pass", run.describe()
        assert run.code(check_id) is None, run.describe()


def assert_input_error(run: CheckRun, *words: str) -> None:
    """Exit 2 with one clear line on stderr, no report and no traceback."""
    assert run.exit_code == 2, run.describe()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.describe()
    for word in words:
        assert word.lower() in lines[0].lower(), run.describe()
    assert run.stdout == "", run.describe()


def login_args(
    server: SshServer, role: str, known_hosts: Path | None, timeout: float = 5
) -> list[str]:
    """TARGET and options for one of the drop's accounts (secrets go in the environment)."""
    args = ["127.0.0.1", "--port", str(server.port), "--user", server.accounts[role].username]
    if known_hosts is not None:
        args += ["--known-hosts", str(known_hosts)]
    return [*args, "--timeout", f"{timeout:g}"]


def login_tries_in_log(server: SshServer, username: str) -> int:
    """How many sshd log lines record a password or key try by `username`."""
    return sum(
        1
        for line in server.log_text().splitlines()
        if f"for {username} from" in line or f"for invalid user {username} from" in line
    )


def check_quirky(
    sftpcheck: Runner,
    server: QuirkySftpServer,
    *extra: str,
    output_format: str = "json",
    timeout: str = "5",
) -> CheckRun:
    """A check of the quirky paramiko server (tests/servers/quirky_sftp.py), its key pinned."""
    return sftpcheck(
        "127.0.0.1",
        "--port",
        str(server.port),
        "--user",
        server.username,
        "--expect-fingerprint",
        server.fingerprint,
        "--timeout",
        timeout,
        *extra,
        password=server.password,
        output_format=output_format,
    )
