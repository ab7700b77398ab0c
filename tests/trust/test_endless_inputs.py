"""Issue 21, item 5: inputs that never end or are far too big, each through the installed
command with a wall-clock bound and a 2 GB address-space limit (tests/fuzz/sandbox.py).

A FIFO no one writes to, /dev/zero, an endless pipe, an ssh config including itself, a zip
bomb, a 500 MB CSV line and a 200 MB WinSCP.ini: each must end in time, within memory,
with one sentence and exit 2 for what cannot be used, never with a traceback.
"""

from __future__ import annotations

import contextlib
import os
import threading
import zipfile
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz.sandbox import Outcome, assert_well_behaved, run_bounded
from tests.servers.hostile import HostileServer, Hostility, run_hostile_server
from tests.trust.marks import WALL_SECONDS, check_args

HEADER = b"student_id,school_id,first_name,last_name,grade\n"


# --- 5. a FIFO or /dev/zero where a file is expected; an ssh config including itself ------

SELF_INCLUDING = (
    "Host vendor\n  HostName sftp.vendor.invalid\n  User district42\nInclude config config config\n"
)


def _endless_writer(stream: int, stop: threading.Event) -> None:
    line = b"Network error: Connection timed out\n" * 1000
    with contextlib.suppress(OSError):
        while not stop.is_set():
            os.write(stream, line)
    os.close(stream)


@pytest.fixture(scope="module")
def hanging(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    """The inputs that hang today, each run once, side by side: a hang costs the module one
    wall-clock bound, not one per case. A FIFO no one writes to (open() blocks), an endless
    pipe on stdin, an ssh config that includes itself three times."""
    folder = tmp_path_factory.mktemp("hanging")
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    config = folder / "home-include-default" / ".ssh" / "config"
    config.parent.mkdir(parents=True)
    config.write_text(SELF_INCLUDING)
    named = folder / "named" / "config"
    named.parent.mkdir()
    named.write_text(SELF_INCLUDING)
    read_end, write_end = os.pipe()
    stop = threading.Event()
    writer = threading.Thread(target=_endless_writer, args=(write_end, stop), daemon=True)
    writer.start()
    with (
        run_hostile_server(folder / "server", Hostility()) as server,
        os.fdopen(read_end, "rb") as pipe,
    ):
        known_hosts = folder / "known_hosts"
        known_hosts.write_text(server.known_hosts_line)
        check = check_args(server, known_hosts)
        at = check.index("--known-hosts") + 1
        cases: dict[str, tuple[list[str], dict[str, Any]]] = {
            "check --key": ([*check, "--key", str(fifo)], {}),
            "check --known-hosts": ([*check[:at], str(fifo), *check[at + 1 :]], {}),
            "check --profile": ([*check, "--profile", str(fifo)], {}),
            "check --site-file": (
                ["check", "--site", "vendor", "--site-file", str(fifo), "--client", "winscp"],
                {},
            ),
            "sites client-named": (["sites", str(fifo), "--client", "winscp"], {}),
            "sites client-guessed": (["sites", str(fifo)], {}),
            "explain endless-pipe": (["explain", "-"], {"stdin": pipe}),
            "include default-place": (["sites", "--client", "openssh"], {}),
            "include named-file": (["sites", str(named), "--client", "openssh"], {}),
        }
        homes = {name: folder / f"home-{index}" for index, name in enumerate(cases)}
        homes["include default-place"] = config.parent.parent
        with ThreadPoolExecutor(len(cases)) as pool:
            running = {
                name: pool.submit(
                    run_bounded,
                    args,
                    homes[name],
                    wall_seconds=WALL_SECONDS,
                    env={"SFTPCHECK_PASSWORD": server.password},
                    **extra,
                )
                for name, (args, extra) in cases.items()
            }
            outcomes = {name: future.result() for name, future in running.items()}
        stop.set()
        yield outcomes
    writer.join(timeout=5)


@pytest.mark.parametrize("option", ["--key", "--known-hosts", "--profile", "--site-file"])
def test_a_fifo_given_to_check_is_one_sentence(hanging: dict[str, Outcome], option: str) -> None:
    assert_well_behaved(hanging[f"check {option}"], exit_codes=[2])


@pytest.mark.parametrize("how", ["client-named", "client-guessed"])
def test_a_fifo_as_a_site_file_is_one_sentence(hanging: dict[str, Outcome], how: str) -> None:
    assert_well_behaved(hanging[f"sites {how}"], exit_codes=[2])


def test_explain_reads_a_bounded_paste_from_an_endless_pipe(hanging: dict[str, Outcome]) -> None:
    assert_well_behaved(hanging["explain endless-pipe"], exit_codes=[2])


@pytest.mark.parametrize("where", ["default-place", "named-file"])
def test_an_ssh_config_that_includes_itself_ends(hanging: dict[str, Outcome], where: str) -> None:
    done = hanging[f"include {where}"]
    assert_well_behaved(done)
    if done.exit_code == 0:
        assert "sftp.vendor.invalid" in done.out, done.describe()


@pytest.mark.parametrize("option", ["--key", "--known-hosts", "--profile"])
def test_dev_zero_given_to_check_is_one_sentence(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path, option: str
) -> None:
    server, known_hosts = server_and_known_hosts
    args = check_args(server, known_hosts)
    if option == "--known-hosts":
        args[args.index("--known-hosts") + 1] = "/dev/zero"
    else:
        args += [option, "/dev/zero"]
    done = run_bounded(
        args, home, wall_seconds=WALL_SECONDS, env={"SFTPCHECK_PASSWORD": server.password}
    )
    assert_well_behaved(done, exit_codes=[2])


@pytest.mark.parametrize("named", [True, False], ids=["client-named", "client-guessed"])
def test_dev_zero_as_a_site_file_is_one_sentence(home: Path, named: bool) -> None:
    client = ["--client", "winscp"] if named else []
    done = run_bounded(["sites", "/dev/zero", *client], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])


def test_explain_reads_a_bounded_paste_from_dev_zero(home: Path) -> None:
    with Path("/dev/zero").open("rb") as zero:
        done = run_bounded(["explain", "-"], home, wall_seconds=WALL_SECONDS, stdin=zero)
    assert_well_behaved(done, exit_codes=[2])


# --- 5. sftpcheck's own cache and state replaced by a FIFO ---------------------------------


def test_a_fifo_in_place_of_the_servers_seen_cache_is_passed_over(
    server_and_known_hosts: tuple[HostileServer, Path], home: Path
) -> None:
    cache = home / ".cache" / "sftpcheck" / "servers-seen.json"
    cache.parent.mkdir(parents=True)
    os.mkfifo(cache)
    server, known_hosts = server_and_known_hosts
    done = run_bounded(check_args(server, known_hosts), home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[0])


def test_a_fifo_in_place_of_the_remembering_key_turns_remembering_off(
    home: Path, tmp_path: Path
) -> None:
    key = home / ".local" / "state" / "sftpcheck" / "key"
    key.parent.mkdir(parents=True)
    os.mkfifo(key)
    export = tmp_path / "export"
    export.mkdir()
    (export / "students.csv").write_bytes(HEADER + b"1,1,Ada,Lovelace,5\n")
    done = run_bounded(["files", str(export)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[0, 1])
    assert "cannot keep a summary" in done.out, done.describe()
    assert "is a pipe (FIFO)" in done.out, done.describe()


# --- 5. a zip bomb ------------------------------------------------------------------------


def _zeros_zip(path: Path, member: str, gigabytes: int) -> None:
    """A zip whose member unpacks to `gigabytes` GB of zeros, a few MB on disk.

    Each megabyte of zeros deflates, after a full flush, to the same bytes: they are
    computed once and repeated, so no gigabytes pass through zlib or onto the disk.
    """
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    ending = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)

    class Repeating:
        def compress(self, data: bytes) -> bytes:
            assert data == chunk
            return block

        def flush(self) -> bytes:
            return ending

    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as stream,
    ):
        stream._compressor = Repeating()  # type: ignore[attr-defined]
        for _ in range(gigabytes << 10):
            stream.write(chunk)


def test_a_zip_bomb_is_refused_in_one_sentence(home: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "export.zip"
    _zeros_zip(bomb, "students.csv", gigabytes=4)
    with zipfile.ZipFile(bomb) as archive:  # the zip is real: what it says it holds
        assert archive.getinfo("students.csv").file_size == 4 << 30
    done = run_bounded(["files", str(bomb)], home, wall_seconds=WALL_SECONDS)
    assert_well_behaved(done, exit_codes=[2])
    # The test's own file-size limit (256 MB) must not be what stopped it: sftpcheck's cap.
    assert "File too large" not in done.err, done.describe()
    assert "Errno" not in done.err, done.describe()


def test_a_500_mb_csv_line(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    csv_file = export / "students.csv"
    try:
        with csv_file.open("wb") as stream:
            stream.write(HEADER + b"1,1,")
            block = b"x" * (1 << 20)
            for _ in range(500):
                stream.write(block)
            stream.write(b",Lee,5\n")
        done = run_bounded(["files", str(export)], home, wall_seconds=WALL_SECONDS * 4)
    finally:
        csv_file.unlink()
    assert_well_behaved(done)


# --- 6. a 200 MB WinSCP.ini ---------------------------------------------------------------


def test_a_200_mb_winscp_ini_is_one_sentence(home: Path, tmp_path: Path) -> None:
    ini = tmp_path / "WinSCP.ini"
    try:
        with ini.open("wb") as stream:
            stream.write(b"[Sessions\\vendor]\r\nHostName=sftp.vendor.invalid\r\n")
            line = b"; " + b"x" * 1022 + b"\r\n"
            for _ in range(200 << 10):
                stream.write(line)
        done = run_bounded(["sites", str(ini)], home, wall_seconds=WALL_SECONDS * 2)
    finally:
        ini.unlink()
    assert_well_behaved(done, exit_codes=[2])
