"""dropbear on loopback, running OpenSSH's sftp-server for system accounts.

dropbear's login settings are server-wide, so three instances serve the roles:

| instance | roles | options |
|---|---|---|
| main | district, readonly, nosetstat | password and key |
| keyonly | keyonly | `-s`: no password logins offered |
| twofactor | twofactor | `-t`: a key, then the password |

Every session runs one forced command (`-c`), a small script that starts sftp-server,
with `-P setstat,fsetstat` (refused, status 3) for the nosetstat account. There is no
chroot: `/` is this machine's own root, and sftp-server cannot ignore a setstat.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.servers.matrix_accounts import (
    MatrixAccount,
    MatrixServer,
    RunDirectory,
    run_directory,
    wait_until_listening,
)
from tests.servers.need import need_program
from tests.servers.processes import free_port, stop_process_tree
from tests.servers.system_accounts import system_accounts

DROPBEAR = "/usr/sbin/dropbear"
SFTP_SERVER = "/usr/lib/openssh/sftp-server"
INSTANCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "main": (("district", "readonly", "nosetstat"), ()),
    "keyonly": (("keyonly",), ("-s",)),
    "twofactor": (("twofactor",), ("-t",)),
}
ROLES = tuple(role for roles, _ in INSTANCES.values() for role in roles)


def _sftp_wrapper(run: RunDirectory, accounts: dict[str, MatrixAccount]) -> Path:
    wrapper = run.path / "sftp-server-for-user"
    wrapper.write_text(
        "#!/bin/sh\n"
        "# dropbear's forced command: OpenSSH's sftp-server, setstat refused for one account.\n"
        f'if [ "$(id -un)" = "{accounts["nosetstat"].username}" ]; then\n'
        f"    exec {SFTP_SERVER} -P setstat,fsetstat\n"
        "fi\n"
        f"exec {SFTP_SERVER}\n"
    )
    wrapper.chmod(0o755)
    return wrapper


def _host_key(run: RunDirectory) -> tuple[Path, str]:
    need_program("dropbearkey", "dropbear-bin")
    key = run.sub("host-key", 0o700) / "dropbear_ed25519"
    subprocess.run(
        ["dropbearkey", "-t", "ed25519", "-f", str(key)], check=True, capture_output=True
    )
    shown = subprocess.run(
        ["dropbearkey", "-y", "-f", str(key)], check=True, capture_output=True, text=True
    ).stdout
    line = next(line for line in shown.splitlines() if line.startswith("ssh-ed25519 "))
    return key, " ".join(line.split()[:2])


@contextlib.contextmanager
def run_dropbear() -> Iterator[MatrixServer]:
    need_program(DROPBEAR, "dropbear-bin")
    need_program(SFTP_SERVER, "openssh-sftp-server")
    with (
        run_directory("dropbear") as run,
        system_accounts(run, ROLES) as accounts,
        contextlib.ExitStack() as stack,
    ):
        wrapper = _sftp_wrapper(run, accounts)
        key, public = _host_key(run)
        ports: dict[str, int] = {}
        logs = []
        for instance, (roles, options) in INSTANCES.items():
            port, log = _start(stack, run, instance, [*options, "-r", str(key), "-c", str(wrapper)])
            ports.update(dict.fromkeys(roles, port))
            logs.append(log)
        yield MatrixServer(
            name="dropbear",
            host="127.0.0.1",
            port=ports["district"],
            host_key_line=public,
            accounts=accounts,
            ports=ports,
            log_paths=tuple(logs),
            password_refused="Bad password attempt for '{username}'",
        )


def _start(
    stack: contextlib.ExitStack, run: RunDirectory, instance: str, options: list[str]
) -> tuple[int, Path]:
    state = run.sub(instance)
    log = state / "dropbear.log"
    last_error: Exception | None = None
    for _ in range(5):  # the port may be taken between our probe and dropbear's bind
        port = free_port()
        log.write_bytes(b"")
        command = [DROPBEAR, "-F", "-E", "-m", "-w", "-j", "-k", "-p", f"127.0.0.1:{port}"]
        command += ["-P", str(state / "dropbear.pid"), *options]
        with log.open("ab") as log_file:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file
            )
        try:
            wait_until_listening(port, process, log)
        except RuntimeError as error:
            stop_process_tree(process)
            last_error = error
            continue
        stack.callback(stop_process_tree, process)
        return port, log
    raise RuntimeError(f"dropbear ({instance}) did not start: {last_error}")
