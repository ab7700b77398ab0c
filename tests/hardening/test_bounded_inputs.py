"""Issue 21, items 5 and 6: a bad local input is one sentence and exit 2, bounded.

A FIFO would block the open forever, /dev/zero would grow until the kernel kills the
run, a file far bigger than its kind ever is would be read whole. Each case runs the
installed command with a wall-clock and a memory bound (tests/hardening/bounded.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hardening.bounded import run_bounded, sparse_file
from tests.hardening.cli import assert_one_sentence

# Nothing listens on port 9 here, and every case stops before a connection is tried.
CHECK = ("check", "district42@127.0.0.1", "--port", "9", "--timeout", "2", "--no-upload")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A FIFO no one writes to: opening it to read blocks until a writer comes."""
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


# --- check's own inputs: --key, --known-hosts, --profile ----------------------------------

CHECK_INPUTS = {"--key": "key file", "--known-hosts": "known_hosts file", "--profile": "profile"}


@pytest.mark.parametrize("option", CHECK_INPUTS)
def test_a_fifo_given_to_check_is_one_sentence(home: Path, fifo: Path, option: str) -> None:
    done = run_bounded(home, *CHECK, option, str(fifo))
    assert_one_sentence(done, CHECK_INPUTS[option], str(fifo), "pipe", "not a file")


@pytest.mark.parametrize("option", CHECK_INPUTS)
def test_dev_zero_given_to_check_is_one_sentence(home: Path, option: str) -> None:
    done = run_bounded(home, *CHECK, option, "/dev/zero")
    assert_one_sentence(done, CHECK_INPUTS[option], "/dev/zero", "device", "not a file")


@pytest.mark.parametrize(
    ("option", "size", "words"),
    [
        ("--key", 1 << 20, ["1 MB", "key files of at most 64 KB"]),
        ("--known-hosts", 20 << 20, ["20 MB", "known_hosts files of at most 16 MB"]),
        ("--profile", 3 << 20, ["3 MB", "profiles of at most 1 MB"]),
    ],
)
def test_a_file_far_bigger_than_its_kind_names_the_cap(
    home: Path, tmp_path: Path, option: str, size: int, words: list[str]
) -> None:
    big = sparse_file(tmp_path / "big", size, b"# what it is does not matter\n")
    assert_one_sentence(run_bounded(home, *CHECK, option, str(big)), str(big), *words)


def test_dev_null_stays_an_empty_known_hosts(home: Path) -> None:
    """OpenSSH users give /dev/null for "trust no saved key"; it is no error."""
    done = run_bounded(home, *CHECK, "--known-hosts", "/dev/null")
    assert done.returncode == 1, done.stderr
    assert "tcp.refused" in done.stdout, done.stdout
