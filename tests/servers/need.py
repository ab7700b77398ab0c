"""What a server fixture needs from the machine, and what happens when it is missing.

Under CI (`CI=true`) a missing program or missing root is a failure: the suite must not
pass by skipping its real-server tests. On a developer's machine it is a skip that says
what to install.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def unavailable(message: str) -> NoReturn:
    """Fail under CI, skip elsewhere, with one message that says what is missing."""
    if in_ci():
        pytest.fail(f"{message} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(message)


def need_root(what: str) -> None:
    if os.geteuid() != 0:
        unavailable(f"{what} needs root (run the suite as root, e.g. in the CI container)")


def need_program(path_or_name: str, package: str) -> str:
    """The absolute path of a program, or fail/skip naming the Debian package to install."""
    found = path_or_name if Path(path_or_name).is_absolute() else shutil.which(path_or_name)
    if not found or not os.access(found, os.X_OK):
        unavailable(f"{path_or_name} is missing: install the {package} package (make servers)")
    return found


def ipv6_loopback_works() -> bool:
    """Whether ::1 can be bound and connected to here (some containers disable IPv6)."""
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as server:
            server.bind(("::1", 0))
            server.listen(1)
            with socket.create_connection(("::1", server.getsockname()[1]), timeout=2):
                return True
    except OSError:
        return False
