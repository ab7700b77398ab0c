"""Run every real client against every scenario and rewrite the fixtures (`make client-fixtures`).

Only runs with SFTPCHECK_RECORD_CLIENTS=1: the recording takes a few minutes and
rewrites checked-in files. For each scenario it also runs `sftpcheck check` with the same
login and records the code it gives: that code is the answer `explain` must find.
SFTPCHECK_RECORD_ONLY=a,b records only those scenarios, SFTPCHECK_RECORD_CLIENT=x,y only
those clients; every other recorded run is kept as it is.
"""

from __future__ import annotations

import contextlib
import itertools
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
from tests.clients.runners import CLIENTS, NOT_STAGED, SUCCEEDS
from tests.clients.staging import SCENARIOS, Servers, Target, stage, students_csv
from tests.clients.variant_sshd import VARIANTS, run_variant_sshd
from tests.servers.faults import FaultServer
from tests.servers.ftp import FtpServer
from tests.servers.need import need_program
from tests.servers.netns import network_namespace
from tests.servers.pam_sshd import run_pam_sshd
from tests.servers.quirky_sftp import Quirks, QuirkySftpServer, run_quirky_sftp_server
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
    tmp_path: Path,
) -> Iterator[Servers]:
    quirky_roots = (tmp_path / f"quirky-{number}" for number in itertools.count())

    def quirky(quirks: Quirks) -> contextlib.AbstractContextManager[QuirkySftpServer]:
        return run_quirky_sftp_server(next(quirky_roots), quirks, ecdsa_host_key=True)

    with contextlib.ExitStack() as stack:
        rsa_server, rsa_line = stack.enter_context(run_rsa_sshd(openssh_drop))
        variants = {
            kind: stack.enter_context(run_variant_sshd(openssh_drop, kind)) for kind in VARIANTS
        }
        yield Servers(
            drop=openssh_drop,
            sshd=sshd_session,
            sshd_no_sftp=sshd_no_sftp,
            sshd_rsa=rsa_server,
            rsa_host_key_line=rsa_line,
            ftp=ftp_server,
            fault=fault_server,
            netns=network_namespace,
            variants=variants,
            quirky=quirky,
            pam=stack.enter_context(run_pam_sshd(openssh_drop, "password")),
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
        if scenario.upload_bytes:
            upload = Path(scratch) / "students.csv"
            upload.write_text(students_csv(scenario.upload_bytes))
            args += ["--upload", str(upload)]
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
    if done.returncode == 2 and scenario.code:
        # The input itself is refused, in one sentence: the scenario names the code.
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        return scenario.code
    assert done.returncode in (0, 1), done.stderr
    for secret in target.secrets:
        assert secret not in done.stdout + done.stderr
    for check in json.loads(done.stdout)["checks"]:
        if check["status"] in ("fail", "warn") and check["code"]:
            code = str(check["code"])
            # An error check cannot explain is no answer; the scenario names the right one.
            return scenario.code if code.endswith(".unexpected_error") and scenario.code else code
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


# Where the first recording was made. Python tracebacks show the checkout's path; every
# run shows this one, so that two runs' words differ only where the clients' words do.
RECORDED_IN = "/work/main"
REPO = Path(__file__).resolve().parents[2]


def _wanted(variable: str) -> set[str]:
    return set(filter(None, os.environ.get(variable, "").split(",")))


@pytest.mark.timeout(3600)
def test_record_every_client_against_every_scenario(servers: Servers, tmp_path: Path) -> None:
    only, only_clients = _wanted("SFTPCHECK_RECORD_ONLY"), _wanted("SFTPCHECK_RECORD_CLIENT")
    clients = [client for client in CLIENTS if not only_clients or client.id in only_clients]
    for client in clients:
        need_program(client.program, client.package)
    runs: list[RecordedRun] = []
    for scenario in SCENARIOS:
        if only and scenario.name not in only:
            continue
        (FIXTURES / scenario.name).mkdir(parents=True, exist_ok=True)
        check_code = ""
        for client in clients:
            if (client.id, scenario.name) in NOT_STAGED or (client.id, scenario.name) in SUCCEEDS:
                continue
            servers.drop.empty_upload_dirs()
            with stage(scenario, servers) as target:
                if not check_code:
                    check_code = _check_code(target, tmp_path / "check-home")
                work = tmp_path / scenario.name / client.id
                work.mkdir(parents=True)
                (work / "students.csv").write_text(students_csv(scenario.upload_bytes))
                done = client.runner(target, work)
                ports = {target.port: "2222"}
                if target.rsa_port:
                    ports[target.rsa_port] = "2222"
                paths = {str(work): "/home/district", str(REPO): RECORDED_IN}
                text = sanitize(done.output, target.secrets, ports, paths)
                _assert_logged_in_if_it_should(check_code, client.id, text)
                # A client that printed nothing did not fail, or hung silent: list it in
                # runners.SUCCEEDS or NOT_STAGED, with why, rather than record nothing.
                assert choose_pasted_line(text), f"{client.id} printed nothing: {done}"
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
        recorded = {(run.scenario, run.client) for run in runs}
        kept = [old for old in load_runs() if (old.scenario, old.client) not in recorded]
        save_runs([*kept, *runs])
