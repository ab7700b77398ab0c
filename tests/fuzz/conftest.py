"""The fuzzers' sandbox: a warm sftpcheck and its only peers, in a namespace with only `lo`."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from tests.fuzz import budget
from tests.fuzz.sandbox import Sandbox, start_sandbox
from tests.servers.netns import network_namespace


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "fuzz: a Hypothesis fuzzer (its budget: tests/fuzz/budget.py)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    fuzzers = [item for item in items if item.get_closest_marker("fuzz") is not None]
    budget.fuzzers_selected = max(len(fuzzers), 1)
    if budget.LONG_SECONDS:
        share = budget.LONG_SECONDS / budget.fuzzers_selected
        for item in fuzzers:  # its share, the last chunk and the shrinking of a finding
            item.add_marker(pytest.mark.timeout(share + 600))


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """sftpcheck's command line, forked per input, in a network namespace of its own: a
    fuzzed TARGET, profile or site can reach nothing but the namespace's name server and
    SSH server on loopback."""
    with (
        network_namespace() as namespace,
        start_sandbox(tmp_path_factory.mktemp("fuzz"), namespace.command([])) as running,
    ):
        yield running


@pytest.fixture(scope="session")
def real_keys(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """Private keys as ssh-keygen writes them, to be broken by the key fuzzer."""
    folder = tmp_path_factory.mktemp("keys")
    kinds = [
        ("ed25519", [], ""),
        ("rsa", ["-b", "1024"], ""),
        ("ecdsa", [], ""),
        ("rsa", ["-b", "1024", "-m", "PEM"], ""),
        ("ecdsa", ["-m", "PEM"], ""),
        ("ed25519", [], "passphrase"),
        ("rsa", ["-b", "1024", "-m", "PEM"], "passphrase"),
    ]
    keys = []
    for index, (kind, options, passphrase) in enumerate(kinds):
        path = folder / f"key{index}"
        subprocess.run(
            ["ssh-keygen", "-q", "-t", kind, *options, "-N", passphrase, "-f", str(path)],
            check=True,
            capture_output=True,
        )
        keys.append(path.read_bytes())
    return keys
