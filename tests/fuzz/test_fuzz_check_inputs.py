"""Fuzzing what `check` reads before it connects: TARGET and URLs, profiles, known_hosts, keys.

Every run happens in the fuzzers' namespace (only `lo`), with --resolver pointing at its
own name server and --timeout 1, so a fuzzed input can reach nothing but loopback. The
property is issue 21's: exit 0, 1 or 2, no traceback, one sentence for 2, no control byte
in a text or markdown report, within time and memory bounds; and the password given in
the environment appears in no output.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import FUZZ, keep_fuzzing
from tests.fuzz.sandbox import Outcome, Sandbox, as_argument, assert_well_behaved
from tests.fuzz.strategies import known_hosts, private_keys, profiles, targets

pytestmark = pytest.mark.fuzz

FORMATS = st.sampled_from(["text", "markdown", "json"])
PASSWORD = "Fz-9c41e7d2b8"
# Steps that may each take --timeout 1, and slack for a loaded machine.
WALL_SECONDS = 30


def _ports(sandbox: Sandbox) -> list[int]:
    # 22 and 2222: nothing listens in the namespace, so refused at once.
    return [22, 2222, int(sandbox.peers["ssh"])]


def _check(sandbox: Sandbox, options: list[str], target: str | None, **run: object) -> Outcome:
    argv = ["check", "--no-upload", "--timeout", "1", "--resolver", sandbox.resolver, *options]
    if target is not None:
        argv += ["--", as_argument(target)]
    outcome = sandbox.run(argv, env={"SFTPCHECK_PASSWORD": PASSWORD}, **run)  # type: ignore[arg-type]
    assert_well_behaved(outcome)
    assert PASSWORD not in outcome.out + outcome.err, f"the password shown\n{outcome.describe()}"
    return outcome


def test_fuzz_target_and_url(sandbox: Sandbox) -> None:
    @FUZZ
    @given(target=targets(_ports(sandbox)), output_format=FORMATS)
    def one_target(target: str, output_format: str) -> None:
        _check(sandbox, ["--format", output_format], target)

    keep_fuzzing(one_target)


def test_fuzz_profile(sandbox: Sandbox) -> None:
    @FUZZ
    @given(profile=profiles(_ports(sandbox)), output_format=FORMATS, with_target=st.booleans())
    def one_profile(profile: bytes, output_format: str, with_target: bool) -> None:
        target = "profile.invalid" if with_target else None
        options = ["--profile", "{dir}/vendor.toml", "--format", output_format]
        _check(sandbox, options, target, files={"vendor.toml": profile}, read_back=["report.out"])

    keep_fuzzing(one_profile)


def test_fuzz_known_hosts(sandbox: Sandbox) -> None:
    port = int(sandbox.peers["ssh"])

    @FUZZ
    @given(data=known_hosts(str(sandbox.peers["host_key"]), port), output_format=FORMATS)
    def one_known_hosts(data: bytes, output_format: str) -> None:
        options = ["--port", str(port), "--user", "district", "--known-hosts", "{dir}/kh"]
        _check(sandbox, [*options, "--format", output_format], "127.0.0.1", files={"kh": data})

    keep_fuzzing(one_known_hosts)


def test_fuzz_private_key(sandbox: Sandbox, real_keys: list[bytes]) -> None:
    port = int(sandbox.peers["ssh"])

    @FUZZ
    @given(key=private_keys(real_keys), passphrase=st.sampled_from([None, "passphrase", "x"]))
    def one_key(key: bytes, passphrase: str | None) -> None:
        options = ["--port", str(port), "--user", "district", "--key", "{dir}/id_key"]
        env = {"SFTPCHECK_PASSWORD": PASSWORD}
        if passphrase is not None:
            env["SFTPCHECK_PASSPHRASE"] = passphrase
        argv = ["check", "--no-upload", "--timeout", "1", *options, "--", "127.0.0.1"]
        outcome = sandbox.run(argv, {"id_key": key}, env=env)
        assert_well_behaved(outcome)
        assert PASSWORD not in outcome.out + outcome.err, outcome.describe()

    keep_fuzzing(one_key)
