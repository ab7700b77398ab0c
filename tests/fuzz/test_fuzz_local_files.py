"""Fuzzing the readers of local files: each client's saved sites, CSV exports and zips, and
explain's pasted text (stdin, binary included).

The property is issue 21's: exit 0, 1 or 2, no traceback, one sentence for 2, no control
byte in a text or markdown output, within time and memory bounds. Reading a settings file
must also never run anything (an ssh config's `Match exec`).
"""

from __future__ import annotations

import codecs
import plistlib

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.budget import FUZZ, keep_fuzzing
from tests.fuzz.file_strategies import (
    SITE_CLIENTS,
    SITE_FILES,
    export_files,
    pasted_logs,
    zipped,
)
from tests.fuzz.sandbox import Sandbox, as_argument, assert_well_behaved
from tests.fuzz.strategies import hostile_text

pytestmark = [
    pytest.mark.fuzz,
    # A CSV field longer than csv.field_size_limit() is one of the inputs: 140 kB to print.
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]
SITE_KINDS = ["cyberduck", "filezilla", "lftp", "openssh", "reg", "winscp-ini"]
# Each filed defect as an explicit first input: it is tried whatever inputs a Hypothesis
# version draws, and stays a regression test now that it is fixed.
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4K\x07"
REG = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\x]\r\n"
SITE_SEEDS = {
    "cyberduck": plistlib.dumps({"Hostname": f"a{CLIPBOARD}.invalid"}, fmt=plistlib.FMT_BINARY),
    "lftp": f"vendor\tsftp://a{CLIPBOARD}.invalid/\n".encode(),
    "openssh": b"Host vendor\n  HostName a.invalid\nMatch=host vendor\n  User x\n",
    "reg": codecs.BOM_UTF16_LE + REG.encode("utf-16-le") + b"A",
    "winscp-ini": f"[Sessions\\vendor]\r\nHostName=a{CLIPBOARD}.invalid\r\n".encode(),
}
LONG_FIELD = b'student_id,school_id,first_name,last_name,grade\n1,1,"' + b"x" * 140_000 + b'",L,5\n'

FORMATS = st.sampled_from(["text", "markdown", "json"])


def _zip_of(files: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PORTS = [22, 2222, 65535]


@pytest.mark.parametrize("kind", SITE_KINDS)
def test_fuzz_site_reader(sandbox: Sandbox, kind: str) -> None:
    name, strategy = SITE_FILES[kind]

    @FUZZ
    @given(data=strategy(PORTS), output_format=FORMATS, named=st.booleans())
    def one_site_file(data: bytes, output_format: str, named: bool) -> None:
        client = ["--client", SITE_CLIENTS[kind]] if named else []
        argv = ["sites", f"{{dir}}/{name}", *client, "--format", output_format]
        outcome = sandbox.run(argv, {name: data}, read_back=["RAN"])
        assert_well_behaved(outcome)
        # `Match exec "touch RAN"`: reading a settings file must never run a command.
        assert "RAN" not in outcome.written, f"a Match exec ran\n{outcome.describe()}"

    if kind in SITE_SEEDS:
        one_site_file = example(data=SITE_SEEDS[kind], output_format="text", named=False)(
            one_site_file
        )
    keep_fuzzing(one_site_file)


def test_fuzz_csv_folder(sandbox: Sandbox) -> None:
    @FUZZ
    @given(files=export_files(), output_format=FORMATS)
    @example(files={"students.csv": LONG_FIELD}, output_format="text")
    def one_export(files: dict[str, bytes], output_format: str) -> None:
        exported = {f"export/{name}": data for name, data in files.items()}
        exported.setdefault("export/.keep", b"")
        argv = ["files", "{dir}/export", "--format", output_format, "--output", "{dir}/r.out"]
        assert_well_behaved(sandbox.run(argv, exported, read_back=["r.out"]))

    keep_fuzzing(one_export)


def test_fuzz_zip(sandbox: Sandbox) -> None:
    @FUZZ
    @given(archive=export_files().flatmap(zipped), output_format=FORMATS)
    @example(archive=_zip_of({"students.csv": LONG_FIELD}), output_format="text")
    def one_zip(archive: bytes, output_format: str) -> None:
        argv = ["files", "{dir}/export.zip", "--format", output_format]
        assert_well_behaved(sandbox.run(argv, {"export.zip": archive}))

    keep_fuzzing(one_zip)


def test_fuzz_explain_stdin(sandbox: Sandbox) -> None:
    @FUZZ
    @given(pasted=pasted_logs(), output_format=FORMATS)
    @example(pasted=f"Connection refused{CLIPBOARD}".encode(), output_format="text")
    def one_paste(pasted: bytes, output_format: str) -> None:
        argv = ["explain", "-", "--format", output_format, "--output", "{dir}/r.out"]
        assert_well_behaved(sandbox.run(argv, stdin=pasted, read_back=["r.out"]))

    keep_fuzzing(one_paste)


def test_fuzz_explain_argument(sandbox: Sandbox) -> None:
    @FUZZ
    @given(text=hostile_text(200), output_format=FORMATS)
    @example(text=f"Connection refused{CLIPBOARD}", output_format="text")
    def one_argument(text: str, output_format: str) -> None:
        argv = ["explain", "--format", output_format, "--", as_argument(text)]
        assert_well_behaved(sandbox.run(argv))

    keep_fuzzing(one_argument)
