"""Run every real client against every scenario and rewrite the fixtures (`make client-fixtures`).

Only runs with SFTPCHECK_RECORD_CLIENTS=1: the recording takes a few minutes and
rewrites checked-in files. For each scenario it also runs `sftpcheck check` with the same
login and records the code it gives: that code is the answer `explain` must find.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.check.run import sftpcheck_command
from tests.clients.fixtures import FIXTURES, RecordedRun, load_runs, sanitize, save_runs
from tests.clients.fixtures import pasted_line as choose_pasted_line
from tests.clients.rsa_sshd import run_rsa_sshd
from tests.clients.runners import CLIENTS, NOT_STAGED
from tests.clients.staging import SCENARIOS, Servers, Target, stage
from tests.servers.faults import FaultServer
from tests.servers.ftp import FtpServer
from tests.servers.need import need_program
from tests.servers.netns import network_namespace
from tests.servers.sshd import SftpDrop, SshServer

pytestmark = pytest.mark.skipif(
    os.environ.get("SFTPCHECK_RECORD_CLIENTS") != "1",
    reason="recording real clients: run `make client-fixtures`",
)


@pytest.fixture
def servers(
    openssh_drop: SftpDrop,
    sshd_session: SshServer,
    sshd_no_sftp: SshServer,
    ftp_server: FtpServer,
    fault_server: Callable[[str], FaultServer],
) -> Iterator[Servers]:
    with run_rsa_sshd(openssh_drop) as (rsa_server, rsa_line):
        yield Servers(
            drop=openssh_drop,
            sshd=sshd_session,
            sshd_no_sftp=sshd_no_sftp,
            sshd_rsa=rsa_server,
            rsa_host_key_line=rsa_line,
            ftp=ftp_server,
            fault=fault_server,
            netns=network_namespace,
        )


def _check_code(target: Target, home: Path) -> str:
    """The code of the first check that did not pass, as `sftpcheck check` reports it."""
    scenario = target.scenario
    with tempfile.TemporaryDirectory() as scratch:
        known = Path(scratch) / "known_hosts"
        known.write_text(target.known_hosts_line + "\n")
        args = [target.host, "--port", str(target.port), "--user", target.username]
        args += ["--known-hosts", str(known), "--timeout", "8"]
        args += ["--remote-dir", scenario.remote_dir]
        if target.key_path is not None:
            args += ["--key", str(target.key_path)]
        if scenario.action == "upload_preserve":
            args.append("--setstat")
        if scenario.action == "list":
            args.append("--no-upload")
        env = {k: v for k, v in os.environ.items() if not k.startswith("SFTPCHECK_")}
        env["HOME"] = str(home)
        if target.password is not None and target.key_path is None:
            env["SFTPCHECK_PASSWORD"] = target.password
        home.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            target.prefix([*sftpcheck_command(), "check", *args, "--format", "json"]),
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode in (0, 1), done.stderr
    for secret in target.secrets:
        assert secret not in done.stdout + done.stderr
    for check in json.loads(done.stdout)["checks"]:
        if check["status"] in ("fail", "warn") and check["code"]:
            return str(check["code"])
    raise AssertionError(f"sftpcheck found nothing wrong:\n{done.stdout}")


# How each client says the login was refused. A scenario whose check got past the login
# must not record one: that would be the harness failing (a password sent wrong), not
# the scenario.
_LOGIN_REFUSED = re.compile(
    r"Authentication failed|Password authentication failed|Auth fail|Login denied"
    r"|Authentication failure|Permission denied \((?:publickey|password|keyboard)"
    r"|AuthenticationException"
)
_BEFORE_LOGIN = ("dns.", "tcp.", "protocol.", "ssh.", "auth.")


def _assert_logged_in_if_it_should(check_code: str, client: str, text: str) -> None:
    if check_code.startswith(_BEFORE_LOGIN):
        return
    refused = _LOGIN_REFUSED.search(text)
    assert refused is None, f"{client}: the login failed ({refused.group(0)!r}):\n{text}"


@pytest.mark.timeout(1800)
def test_record_every_client_against_every_scenario(servers: Servers, tmp_path: Path) -> None:
    for client in CLIENTS:
        need_program(client.program, client.package)
    runs: list[RecordedRun] = []
    only = set(filter(None, os.environ.get("SFTPCHECK_RECORD_ONLY", "").split(",")))
    for scenario in SCENARIOS:
        if only and scenario.name not in only:
            continue
        (FIXTURES / scenario.name).mkdir(parents=True, exist_ok=True)
        for client in CLIENTS:
            if (client.id, scenario.name) in NOT_STAGED:
                continue
            servers.drop.empty_upload_dirs()
            with stage(scenario, servers) as target:
                if client is CLIENTS[0]:
                    check_code = _check_code(target, tmp_path / "check-home")
                work = tmp_path / scenario.name / client.id
                work.mkdir(parents=True)
                (work / "students.csv").write_text("school_id,school_name\n1,North\n")
                done = client.runner(target, work)
                ports = {target.port: "2222"}
                if target.rsa_port:
                    ports[target.rsa_port] = "2222"
                text = sanitize(done.output, target.secrets, ports, {str(work): "/home/district"})
                _assert_logged_in_if_it_should(check_code, client.id, text)
                (FIXTURES / scenario.name / f"{client.id}.txt").write_text(text, encoding="utf-8")
                runs.append(
                    RecordedRun(
                        client=client.id,
                        client_name=client.name,
                        scenario=scenario.name,
                        check_code=check_code,
                        exit_code=done.exit_code,
                        pasted_line=choose_pasted_line(text),
                    )
                )
        recorded = {run.scenario for run in runs}
        save_runs([*[old for old in load_runs() if old.scenario not in recorded], *runs])
