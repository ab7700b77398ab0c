"""Running `sftpcheck check` for the network tests: with a proxy password in the environment,
and proof that no secret shows in any output or any report format."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.check.run import CHECK_IDS, CheckRun, in_other_formats, sftpcheck_command
from tests.servers.netns import NetNamespace

PROXY_PASSWORD_ENV = "SFTPCHECK_PROXY_PASSWORD"


@dataclass(frozen=True)
class NetworkRunner:
    """`sftpcheck check ...` in a fresh HOME; secrets only ever in the environment."""

    home: Path

    def __call__(
        self,
        *args: str,
        password: str | None = None,
        proxy_password: str | None = None,
        namespace: NetNamespace | None = None,
        output_format: str = "json",
        wall_timeout: float = 90,
        env: Mapping[str, str] | None = None,
    ) -> CheckRun:
        self.home.mkdir(parents=True, exist_ok=True)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
        environment.update(HOME=str(self.home), NO_COLOR="1", COLUMNS="100", **(env or {}))
        if password is not None:
            environment["SFTPCHECK_PASSWORD"] = password
        if proxy_password is not None:
            environment[PROXY_PASSWORD_ENV] = proxy_password
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
        other_formats = in_other_formats(report) if report is not None else ""
        for secret in (password, proxy_password):
            if secret:
                for name, text in (
                    ("stdout", done.stdout),
                    ("stderr", done.stderr),
                    ("text/markdown", other_formats),
                ):
                    assert secret not in text, f"a secret on {name}:\n{run.describe()}"
        assert "Traceback" not in done.stderr, run.describe()
        if report is not None:
            assert [c["id"] for c in report["checks"]][-len(CHECK_IDS) :] == list(CHECK_IDS)
        return run
