"""The recorded client runs: where they live, how they are cleaned, and the line a user pastes.

`tests/clients/fixtures/runs.json` lists every run (client, scenario, the code `sftpcheck
check` gave for that scenario, the client's exit code, and the pasted line); the whole
output of each run is `fixtures/SCENARIO/CLIENT.txt`. `make client-fixtures` rewrites
them all; the unit tests only read them.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INDEX = FIXTURES / "runs.json"
MASK = "********"


@dataclass(frozen=True)
class RecordedRun:
    """One client's run against one scenario, as checked in."""

    client: str
    client_name: str
    scenario: str
    check_code: str
    exit_code: int | None
    pasted_line: str

    @property
    def output_path(self) -> Path:
        return FIXTURES / self.scenario / f"{self.client}.txt"

    def output(self) -> str:
        return self.output_path.read_text(encoding="utf-8")


def load_runs() -> list[RecordedRun]:
    if not INDEX.exists():
        return []
    return [RecordedRun(**entry) for entry in json.loads(INDEX.read_text(encoding="utf-8"))]


def save_runs(runs: list[RecordedRun]) -> None:
    entries = [asdict(run) for run in sorted(runs, key=lambda r: (r.scenario, r.client))]
    INDEX.write_text(json.dumps(entries, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def sanitize(
    text: str, secrets: tuple[str, ...], ports: dict[int, str], paths: dict[str, str]
) -> str:
    """The output with secrets masked and the run's random parts (ports, account token,
    temporary paths) made stable, so a fixture changes only when a client's words do."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    for path, stable in sorted(paths.items(), key=lambda item: -len(item[0])):
        text = text.replace(path, stable)
    for port, stable in ports.items():
        text = re.sub(rf"(?<![0-9]){port}(?![0-9])", stable, text)
    text = re.sub(r"sfc[0-9a-f]{6}_", "district_", text)
    return re.sub(r"/srv/sftpcheck-tests/run-[0-9a-f]{6}", "/srv/drop", text)


# Lines a user does not copy as "the error": progress, echoes, debug and trace lines, and
# the generic epilogue each client prints after its real error.
_NOT_THE_ERROR = re.compile(
    r"^(?:debug\d?:|Trace:|Status:|Response:|Command:|sftp>|psftp>|\s+at |OpenSSH_|"
    r"Warning: Permanently added|Authenticated to|Transferred:|Bytes per second|"
    r"Connected to |Changing to:|Remote working directory|Remote directory is now|"
    r"Using username|Looking up host|Connecting to|Traceback|  File |    \S|"
    r"Error:\s+Could not connect to server|Error:\s+Failed to retrieve directory listing|"
    r"Error:\s+Critical error|Connection closed\.?$|"
    r"Keyboard-interactive authentication prompts|Pre-authentication banner)"
)


def pasted_line(output: str) -> str:
    """The line a user pastes into a ticket: the client's last line that states the error.

    A Java stack trace is pasted by its exception line, a Python traceback by its last
    line; for the rest, the last line that is not progress, debug output or a generic
    epilogue (sftp's "Connection closed", FileZilla's "Could not connect to server").
    """
    lines = [line.rstrip() for line in output.splitlines() if line.strip()]
    if not lines:
        return ""
    for line in lines:
        if re.match(r"^(?:Exception in thread|[a-z]+(?:\.[a-z]+)+\.\w*Exception\b)", line):
            return line.strip()
    curl_errors = [line for line in lines if line.startswith("curl: (")]
    if curl_errors:
        return curl_errors[-1].strip()
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1].strip()
    for line in reversed(lines):
        if not _NOT_THE_ERROR.match(line):
            return line.strip()
    return lines[-1].strip()


# What differs between two runs without telling their causes apart: the scenario's host
# name, addresses, ports, how long a wait took (but "after 0 ms", a refusal at once, does
# tell), temporary names.
_INCIDENTAL = (
    (re.compile(r"[\w.-]+\.sftp\.test"), "HOST"),
    (re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b"), "ADDRESS"),
    (re.compile(r"\bport \d+"), "port N"),
    (re.compile(r"\b(after|timed out after) [1-9]\d* (ms|milliseconds|seconds)"), r"\1 N \2"),
    (re.compile(r"sftpcheck-probe-\w+|/tmp/\S+"), "TEMP"),
)


def _comparable(text: str) -> str:
    for pattern, stand_in in _INCIDENTAL:
        text = pattern.sub(stand_in, text)
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


def same_words(runs: list[RecordedRun]) -> dict[tuple[str, str, str], frozenset[str]]:
    """For each (client, scenario, "line" or "whole"): the right codes of the client's other
    runs that printed the very same words for a different cause.

    No reader can tell those runs apart from the text, so the honest answer for them is
    the causes listed as equals; an empty set means the words alone can tell.
    """
    codes: dict[tuple[str, str, str], set[str]] = {}  # (client, input, words): right codes
    runs_words: dict[tuple[str, str, str], tuple[tuple[str, str, str], str]] = {}
    for run in runs:
        for what, text in (("line", run.pasted_line), ("whole", run.output())):
            words = (run.client, what, _comparable(text))
            codes.setdefault(words, set()).add(run.check_code)
            runs_words[run.client, run.scenario, what] = (words, run.check_code)
    return {key: frozenset(codes[words] - {own}) for key, (words, own) in runs_words.items()}
