"""Each real client, run once, non-interactively and with a timeout, against a staged Target.

Every runner gets a fresh working directory (its HOME: no personal keys, caches or
configs leak in) holding `students.csv`, and returns everything the client printed,
stdout and stderr interleaved as a terminal shows them. Passwords reach the clients
through files or the environment (sshpass -e, psftp -pwfile, curl --netrc-file, lftp
--env-password, CLIENT_PASSWORD), never their argv, and are masked in the fixtures.
"""

from __future__ import annotations

import base64
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.clients.filezilla import run_fzsftp
from tests.clients.staging import Target

HERE = Path(__file__).resolve().parent
WALL_TIMEOUT = 40.0
JSCH_JAR = "/usr/share/java/jsch.jar"


@dataclass(frozen=True)
class ClientRun:
    """What one client printed and how it exited (`None`: killed at the wall timeout)."""

    output: str
    exit_code: int | None


def run(args: list[str], work: Path, target: Target, env: dict[str, str] | None = None,
        stdin: str | None = None) -> ClientRun:  # fmt: skip
    environment = {"PATH": os.environ["PATH"], "HOME": str(work), "LANG": "C.UTF-8"}
    environment.update(env or {})
    try:
        done = subprocess.run(
            target.prefix(args),
            cwd=work,
            env=environment,
            input=stdin if stdin is not None else "",
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            timeout=WALL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout or ""
        text = output.decode(errors="replace") if isinstance(output, bytes) else output
        return ClientRun(text, None)
    return ClientRun(done.stdout, done.returncode)


def _write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


def _sftp_script(target: Target, preserve: str, chmod: bool = False) -> str:
    scenario = target.scenario
    if scenario.action == "list":
        return f"cd {scenario.remote_dir}\nls\n"
    lines = [f"cd {scenario.remote_dir}"]
    if scenario.action == "upload_preserve":
        lines.append(f"put {preserve}students.csv" if preserve else "put students.csv")
        if chmod:
            lines.append("chmod 644 students.csv")
    else:
        lines.append("put students.csv")
    return "\n".join(lines) + "\n"


def _openssh_options(target: Target, work: Path) -> list[str]:
    known = _write(work / "known_hosts", target.known_hosts_line + "\n")
    options = ["-F", "/dev/null", "-o", f"UserKnownHostsFile={known}"]
    options += ["-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes"]
    options += ["-o", "ConnectTimeout=8", "-o", "ServerAliveInterval=5"]
    options += ["-o", "ServerAliveCountMax=1"]
    if target.key_path is not None:
        options += ["-i", str(target.key_path), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes"]
    else:
        options += ["-o", "BatchMode=no", "-o", "PubkeyAuthentication=no"]
        options += ["-o", "NumberOfPasswordPrompts=1"]
    return options


def _openssh(verbose: bool) -> Callable[[Target, Path], ClientRun]:
    def run_sftp(target: Target, work: Path) -> ClientRun:
        batch = _write(work / "batch.txt", _sftp_script(target, preserve="-p "))
        args = ["sftp", *(["-v"] if verbose else []), *_openssh_options(target, work)]
        args += ["-P", str(target.port), "-b", str(batch), f"{target.username}@{target.host}"]
        if target.key_path is None and target.password is not None:
            return run(["sshpass", "-e", *args], work, target, {"SSHPASS": target.password})
        return run(args, work, target)

    return run_sftp


# --- PuTTY's psftp: its host key cache, its key format ------------------------------------

_P25519 = 2**255 - 19
_D25519 = -121665 * pow(121666, _P25519 - 2, _P25519) % _P25519


def _ed25519_point(blob: bytes) -> tuple[int, int]:
    """The affine (x, y) of an ed25519 public key: PuTTY's cache stores the two numbers."""
    encoded = int.from_bytes(blob, "little")
    y = encoded & ((1 << 255) - 1)
    sign = encoded >> 255
    u = (y * y - 1) % _P25519
    v = (_D25519 * y * y + 1) % _P25519
    x2 = u * pow(v, _P25519 - 2, _P25519) % _P25519
    x = pow(x2, (_P25519 + 3) // 8, _P25519)
    if (x * x - x2) % _P25519:
        x = x * pow(2, (_P25519 - 1) // 4, _P25519) % _P25519
    if x & 1 != sign:
        x = _P25519 - x
    return x, y


def _ssh_strings(blob: bytes) -> list[bytes]:
    parts = []
    while blob:
        length = int.from_bytes(blob[:4], "big")
        parts.append(blob[4 : 4 + length])
        blob = blob[4 + length :]
    return parts


def putty_cache_line(known_hosts_line: str) -> str:
    """An OpenSSH known_hosts line as a line of PuTTY's ~/.putty/sshhostkeys."""
    name, key_type, data = known_hosts_line.split()[:3]
    host, _, port = name.removeprefix("[").partition("]:")
    parts = _ssh_strings(base64.b64decode(data))
    if key_type == "ssh-ed25519":
        x, y = _ed25519_point(parts[1])
        return f"ssh-ed25519@{port or 22}:{host} 0x{x:x},0x{y:x}"
    exponent, modulus = (int.from_bytes(part, "big") for part in parts[1:3])
    return f"rsa2@{port or 22}:{host} 0x{exponent:x},0x{modulus:x}"


def _ppk(key_path: Path, work: Path) -> Path:
    converted = work / "key.ppk"
    subprocess.run(
        ["puttygen", str(key_path), "-O", "private", "-o", str(converted)],
        check=True,
        capture_output=True,
    )
    return converted


def putty_key(target: Target, work: Path) -> Path | None:
    """The key file a PuTTY-based client is given: the account's key as a .ppk, as its
    user would have converted it, or, in the wrong-key scenarios, the wrong file as is."""
    if target.putty_key_path is not None:
        return target.putty_key_path
    return _ppk(target.key_path, work) if target.key_path is not None else None


def run_psftp(target: Target, work: Path) -> ClientRun:
    putty = work / ".putty"
    putty.mkdir(mode=0o700, exist_ok=True)
    _write(putty / "sshhostkeys", putty_cache_line(target.known_hosts_line) + "\n")
    script = _write(work / "script.txt", _sftp_script(target, preserve="", chmod=True))
    args = ["psftp", "-batch", "-P", str(target.port), "-l", target.username]
    key = putty_key(target, work)
    if key is not None:
        args += ["-i", str(key)]
    elif target.password is not None:
        args += ["-pwfile", str(_write(work / "password.txt", target.password + "\n"))]
    return run([*args, "-b", str(script), target.host], work, target)


def run_curl(target: Target, work: Path) -> ClientRun:
    ssh = work / ".ssh"
    ssh.mkdir(mode=0o700, exist_ok=True)
    _write(ssh / "known_hosts", target.known_hosts_line + "\n")
    scenario = target.scenario
    base = f"sftp://{target.host}:{target.port}"
    args = ["curl", "-sS", "--connect-timeout", "8", "--max-time", "20"]
    if target.key_path is not None:
        args += ["-u", f"{target.username}:", "--key", str(target.key_path)]
        if Path(f"{target.key_path}.pub").exists():  # not beside a .ppk or a .pub itself
            args += ["--pubkey", f"{target.key_path}.pub"]
    else:
        netrc = f"machine {target.host} login {target.username} password {target.password}\n"
        args += ["--netrc-file", str(_write(work / "netrc", netrc))]
    if scenario.action == "list":
        return run([*args, f"{base}{scenario.remote_dir.rstrip('/')}/"], work, target)
    if scenario.action == "upload_preserve":
        args += ["-Q", f"-chmod 644 {scenario.remote_dir.rstrip('/')}/students.csv"]
    return run([*args, "-T", "students.csv", f"{base}{scenario.remote_dir}/"], work, target)


def run_lftp(target: Target, work: Path) -> ClientRun:
    ssh = ["ssh", "-a", "-x", *_openssh_options(target, work)]
    # lftp types the password into ssh's prompt itself; key logins must not be prompted.
    if target.key_path is None:
        at = ssh.index("BatchMode=no")
        del ssh[at - 1 : at + 1]
    settings = [
        "set net:timeout 8",
        "set net:max-retries 1",
        "set net:reconnect-interval-base 1",
        f"set sftp:connect-program {shlex.quote(shlex.join(ssh))}",
    ]
    login = "--env-password " if target.password is not None and target.key_path is None else ""
    user = target.username if login else f"{target.username},"
    commands = [
        *settings,
        f"open {login}-u {user} -p {target.port} sftp://{target.host}",
        *_sftp_script(target, preserve="", chmod=True).strip().splitlines(),
    ]
    env = {"LFTP_PASSWORD": target.password} if login and target.password else {}
    return run(["lftp", "-c", "; ".join(commands)], work, target, env)


def _known_rsa(target: Target, work: Path) -> Path:
    return _write(work / "known_hosts", (target.rsa_known_hosts_line or "") + "\n")


def run_jsch(target: Target, work: Path) -> ClientRun:
    scenario = target.scenario
    args = ["java", "-cp", JSCH_JAR, str(HERE / "JschUpload.java"), target.host]
    args += [str(target.rsa_port or target.port), target.username, str(_known_rsa(target, work))]
    args += [scenario.remote_dir, scenario.action]
    if target.key_path is not None:
        args.append(str(target.key_path))
    env = {"CLIENT_PASSWORD": target.password} if target.password and not target.key_path else {}
    return run(args, work, target, env)


def run_paramiko(target: Target, work: Path) -> ClientRun:
    scenario = target.scenario
    known = _write(work / "known_hosts", target.known_hosts_line + "\n")
    args = [sys.executable, str(HERE / "paramiko_upload.py"), target.host, str(target.port)]
    args += [target.username, str(known), scenario.remote_dir, scenario.action]
    if target.key_path is not None:
        args.append(str(target.key_path))
    env = {"CLIENT_PASSWORD": target.password} if target.password and not target.key_path else {}
    return run(args, work, target, env)


# Scenarios where the server shows a key that is not the saved one, without the flag
# `wrong_host_key` (which gives every client a changed key of the same type).
SAVED_KEY_DIFFERS = ("hostkey_other_type",)


def run_filezilla(target: Target, work: Path) -> ClientRun:
    # A user who connected before has the key in PuTTY's cache, which fzsftp reads; only
    # the scenarios of a key other than the saved one need it there (fzsftp otherwise asks,
    # and is told yes).
    saved = target.scenario.wrong_host_key or target.scenario.name in SAVED_KEY_DIFFERS
    cache = putty_cache_line(target.known_hosts_line) if saved else None
    output, exit_code = run_fzsftp(target, work, putty_key(target, work), cache)
    return ClientRun(output, exit_code)


@dataclass(frozen=True)
class Client:
    """A client of the harness: its id, the name `explain` must give it, and its runner."""

    id: str
    name: str
    runner: Callable[[Target, Path], ClientRun]
    program: str
    package: str


# The names are those of sftpcheck/explain/messages/clients.py (what `explain` says printed it).
CLIENTS = (
    Client("openssh", "OpenSSH ssh/sftp/scp", _openssh(verbose=False), "sftp", "openssh-client"),
    Client("openssh-v", "OpenSSH ssh/sftp/scp", _openssh(verbose=True), "sftp", "openssh-client"),
    Client("psftp", "PuTTY / psftp / plink", run_psftp, "psftp", "putty-tools"),
    Client("filezilla", "FileZilla", run_filezilla, "fzsftp", "filezilla"),
    Client("curl", "curl", run_curl, "curl", "curl"),
    Client("lftp", "lftp", run_lftp, "lftp", "lftp"),
    Client("jsch", "JSch (Java)", run_jsch, "java", "default-jre-headless"),
    Client("paramiko", "paramiko (Python)", run_paramiko, sys.executable, "python3-paramiko"),
)

# Runs where the scenario does not make the client fail: nothing to explain, so nothing
# recorded; the figures list them.
SUCCEEDS = {
    ("curl", "legacy_algorithms"): "libssh2 1.10 still offers group1, ssh-rsa and CBC",
    ("jsch", "legacy_algorithms"): "JSch 0.1.54 still offers group1, ssh-rsa and CBC",
    ("filezilla", "key_other_format"): "fzsftp reads OpenSSH private keys as well as .ppk",
    ("curl", "hostkey_sha1_only"): "libssh2 1.10 still accepts ssh-rsa (SHA-1) host keys",
    ("jsch", "hostkey_sha1_only"): "JSch 0.1.54 still accepts ssh-rsa (SHA-1) host keys",
    ("psftp", "hostkey_sha1_only"): "PuTTY 0.78 still accepts ssh-rsa (SHA-1) host keys",
    ("filezilla", "hostkey_sha1_only"): "FileZilla 3.63 still accepts ssh-rsa (SHA-1) host keys",
    ("filezilla", "hostkey_other_type"): "fzsftp asks about a key of a type it has none saved "
    "of as about a new server's (\"we don't know any of them\"), and is told yes",
}

# Runs the harness cannot stage faithfully, and why (recorded in the figures, not hidden).
_PUTTY_WAITS = "PuTTY has no timeout: psftp waits, silent, until it is killed"
_NO_SFTP_TIMEOUT = "waits for the SFTP server's answer with no timeout: silent until killed"
NOT_STAGED = {
    ("jsch", "two_factor"): "JSch 0.1.54 cannot read the account's ed25519 key",
    ("jsch", "no_sftp"): "the no-SFTP sshd has only an ed25519 host key, which JSch 0.1.54 lacks",
    ("jsch", "password_expired"): "the sshd with PAM has only an ed25519 host key, which JSch "
    "0.1.54 lacks",
    ("psftp", "silent"): "PuTTY has no banner timeout: psftp waits, silent, until it is killed",
    ("psftp", "setstat_refused"): "psftp cannot keep a file's time, and its chmod printed nothing",
    ("psftp", "dropped_after_banner"): _PUTTY_WAITS,
    ("psftp", "login_stalls"): _PUTTY_WAITS,
    ("psftp", "sftp_stalls"): _PUTTY_WAITS,
    ("psftp", "upload_stalls"): _PUTTY_WAITS,
    ("openssh", "one_time_code"): "sshpass answers the password prompt, not the code prompt: "
    "sftp waits, silent, until it is killed (-v shows where)",
    ("openssh", "sftp_stalls"): "sftp " + _NO_SFTP_TIMEOUT + " (the server answers keepalives)",
    ("jsch", "sftp_stalls"): "JSch " + _NO_SFTP_TIMEOUT,
    ("jsch", "upload_stalls"): "JSch " + _NO_SFTP_TIMEOUT,
    ("paramiko", "sftp_stalls"): "paramiko's SFTP client " + _NO_SFTP_TIMEOUT,
    ("paramiko", "upload_stalls"): "paramiko's SFTP client " + _NO_SFTP_TIMEOUT,
    ("lftp", "upload_stalls"): "lftp waits and retries in silence until it is killed",
    ("lftp", "upload_cut"): "lftp retries the cut upload in silence until it is killed",
}
