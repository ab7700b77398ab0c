"""known_hosts read as OpenSSH reads it: markers, hashed names, patterns, and the lines it
skips. Each file is judged twice, against the real sshd: by OpenSSH's own `ssh` (strict
host key checking, no login tried) and by sftpcheck; the two must agree.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.check.run import Runner, assert_passes, assert_stops_at, login_args, login_tries_in_log
from tests.servers.need import need_program
from tests.servers.sshd import SftpDrop, SshServer, other_public_key, run_sshd


@dataclass(frozen=True)
class Case:
    """A known_hosts file, and what OpenSSH makes of the server's key with it."""

    lines: Callable[[SshServer], list[str]]
    verdict: str  # saved, unknown, changed or revoked
    hashed: bool = False  # hash every name with OpenSSH's ssh-keygen -H


def _key(server: SshServer) -> str:
    """The server's host key as a known_hosts line has it: `type base64`."""
    return server.host_key_line.split(" ", 1)[1]


def _other() -> str:
    return other_public_key("ssh-ed25519")


CASES = {
    "plain": Case(lambda s: [s.host_key_line], "saved"),
    "cert_authority_before_the_key": Case(
        lambda s: [f"@cert-authority * {_other()}", s.host_key_line], "saved"
    ),
    # A CA key signs host certificates; it is not a host key, even when it is this one.
    "cert_authority_only": Case(
        lambda s: [f"@cert-authority {s.known_hosts_name} {_key(s)}"], "unknown"
    ),
    "hashed": Case(lambda s: [s.host_key_line], "saved", hashed=True),
    "hashed_other_key": Case(lambda s: [f"{s.known_hosts_name} {_other()}"], "changed", True),
    "comments_blank_and_bad_lines": Case(
        lambda s: [
            "# saved by WinSCP's import",
            "",
            "   # an indented comment",
            "\t",
            "onlyonefield",
            f"{s.known_hosts_name} ssh-ed25519 !!!not-base64!!!",
            f"{s.known_hosts_name} ssh-unknown-type AAAAB3NzaC1yc2E=",
            f"@bogus-marker {s.known_hosts_name} {_other()}",
            f"{s.known_hosts_name} ssh-rsa {_key(s).split()[1]}",  # the type disagrees
            f"{s.host_key_line} a comment after the key",
        ],
        "saved",
    ),
    "revoked": Case(lambda s: [f"@revoked * {_key(s)}", s.host_key_line], "revoked"),
    "revoked_elsewhere": Case(
        lambda s: [f"@revoked other.example {_key(s)}", s.host_key_line], "saved"
    ),
    "wildcard": Case(lambda s: [f"[127.0.0.*]:{s.port} {_key(s)}"], "saved"),
    "wildcard_other_key": Case(lambda s: [f"* {_other()}"], "changed"),
    "negated": Case(lambda s: [f"*,!{s.known_hosts_name} {_other()}", s.host_key_line], "saved"),
    "several_names": Case(
        lambda s: [f"sftp.vendor.example,{s.known_hosts_name},10.0.0.9 {_key(s)}"], "saved"
    ),
    "other_key_then_the_right_one": Case(
        lambda s: [f"{s.known_hosts_name} {_other()}", s.host_key_line], "saved"
    ),
    # OpenSSH takes a key that equals none saved for the host, of any type, for a change.
    "only_another_type": Case(
        lambda s: [f"{s.known_hosts_name} {other_public_key('ssh-rsa')}"], "changed"
    ),
}


def _write(case: Case, server: SshServer, path: Path) -> Path:
    path.write_text("\n".join(case.lines(server)) + "\n")
    if case.hashed:
        subprocess.run(["ssh-keygen", "-q", "-H", "-f", str(path)], check=True, capture_output=True)
        assert "|1|" in path.read_text()
    return path


def _openssh_verdict(server: SshServer, known_hosts: Path, username: str) -> str:
    """What OpenSSH's ssh makes of the server's key with this file (it logs in with nothing,
    so the server refuses the login once the key is accepted)."""
    ssh = need_program("ssh", "openssh-client")
    done = subprocess.run(
        [
            ssh,
            "-F",
            "/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            f"UserKnownHostsFile={known_hosts}",
            "-o",
            "GlobalKnownHostsFile=/dev/null",
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "PasswordAuthentication=no",
            "-o",
            "KbdInteractiveAuthentication=no",
            "-p",
            str(server.port),
            f"{username}@{server.host}",
            "true",
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    said = done.stderr
    if "Permission denied" in said:
        return "saved"
    if "revoked" in said:
        return "revoked"
    if "IDENTIFICATION HAS CHANGED" in said:
        return "changed"
    if "host key is known" in said:
        return "unknown"
    raise AssertionError(f"ssh said something unforeseen:\n{said}")


@pytest.mark.parametrize("name", list(CASES))
def test_known_hosts_is_read_as_openssh_reads_it(
    name: str, sftpcheck: Runner, sshd: SshServer, tmp_path: Path
) -> None:
    case = CASES[name]
    account = sshd.accounts["district"]
    known_hosts = _write(case, sshd, tmp_path / "known_hosts")
    assert _openssh_verdict(sshd, known_hosts, account.username) == case.verdict
    tries_before = login_tries_in_log(sshd, account.username)
    run = sftpcheck(
        *login_args(sshd, "district", known_hosts), "--no-upload", password=account.password
    )
    summary = run.summary("ssh")
    if case.verdict in ("saved", "unknown"):
        assert_passes(run, "ssh", "auth")
        said = "the one saved in known_hosts" if case.verdict == "saved" else "not saved anywhere"
        assert said in summary, run.describe()
        return
    assert_stops_at(run, "ssh", "ssh.hostkey_mismatch")
    assert sshd.fingerprint in summary
    assert ("revoked" in summary) is (case.verdict == "revoked"), run.describe()
    assert login_tries_in_log(sshd, account.username) == tries_before  # no password was sent


@pytest.fixture(scope="module")
def sshd_two_keys(openssh_drop: SftpDrop) -> Iterator[SshServer]:
    """The drop with an Ed25519 and an RSA host key."""
    with run_sshd(openssh_drop, "two_keys") as server:
        yield server


def test_a_saved_key_of_the_other_type_is_the_one_asked_for(
    sftpcheck: Runner, sshd_two_keys: SshServer, tmp_path: Path
) -> None:
    """A file holding only the server's RSA key: OpenSSH asks for RSA first and finds it;
    so does sftpcheck, where its engine would otherwise take Ed25519 and cry "changed"."""
    server = sshd_two_keys
    assert server.log_path is not None
    rsa = (server.log_path.parent / "host_rsa.pub").read_text().split()
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(f"{server.known_hosts_name} {rsa[0]} {rsa[1]}\n")
    account = server.accounts["district"]
    assert _openssh_verdict(server, known_hosts, account.username) == "saved"
    run = sftpcheck(
        *login_args(server, "district", known_hosts), "--no-upload", password=account.password
    )
    assert_passes(run, "ssh", "auth")
    assert "the one saved in known_hosts" in run.summary("ssh"), run.describe()
    assert run.check("ssh")["details"]["host_key_type"] == "ssh-rsa"
