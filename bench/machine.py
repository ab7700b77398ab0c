"""What the numbers were measured on: CPU, cores, memory, OS and the versions that matter."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path


def describe_machine() -> list[tuple[str, str]]:
    """(label, value) rows for the report's machine table."""
    return [
        ("CPU", _cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("Memory", _memory()),
        ("OS", f"{_os_name()}, Linux {platform.release()}"),
        ("Python", platform.python_version()),
        ("paramiko", _version("paramiko")),
        ("typer", _version("typer")),
        ("OpenSSH", _openssh_version()),
    ]


def _cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _memory() -> str:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            kib = int(line.split()[1])
            return f"{kib / 1024 / 1024:.1f} GiB"
    return "unknown"


def _os_name() -> str:
    for line in _read("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip().strip('"')
    return platform.system()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _openssh_version() -> str:
    try:
        done = subprocess.run(["ssh", "-V"], capture_output=True, text=True, check=False)
    except OSError:
        return "not installed"
    return (done.stderr or done.stdout).strip()


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def python_executable() -> str:
    """The interpreter running the bench: the project's venv under `make bench`."""
    return sys.executable
