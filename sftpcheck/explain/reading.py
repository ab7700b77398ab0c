"""Reading a pasted log the way a helpdesk engineer does, before any message is matched.

A paste is cut into lines; each line is cleaned (log prefixes and timestamps dropped) and
given a weight: debug and trace lines, stack frames and source lines count little, and the
last lines count most, since a client prints its real error last. The whole paste also says
how far the connection got (the phase: TCP connected, SSH spoken, logged in), which
operation failed (upload, listing, setting a file's time), and which client printed it
(from the shape of its log, never from one phrase).

Each line is cut to `MAX_LINE_CHARS` and only the last `MAX_LINES` lines are read, so a
paste of any size costs time in proportion to its length at most.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_LINE_CHARS = 1000
MAX_LINES = 400
DEBUG_WEIGHT = 0.2

# Prefixes that carry no meaning of their own: timestamps of common log formats, FileZilla's
# and WinSCP's log columns, syslog's host and program.
_PREFIXES = re.compile(
    r"^(?:\[?\d{4}-\d\d-\d\d[ t]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:z|[+-]\d\d:?\d\d)?\]?\s*"
    r"|\[?\d\d:\d\d:\d\d(?:[.,]\d+)?\]?\s+"
    r"|[a-z]{3} +\d+ \d\d:\d\d:\d\d \S+ [\w.-]+(?:\[\d+\])?: "
    r"|[.!<>*] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ "
    r"|(?:status|error|command|response|trace|warning):\s*(?=\S)"
    # PowerShell's error record: "New-SFTPSession : Permission denied (password)."
    r"|[a-z]+-[a-z]+ : )+"
)
# Lines a helpdesk engineer reads past: verbose output, stack frames, source lines.
_DEBUG = re.compile(
    r"^(?:debug\d?:|trace:|looking up host|connecting to |command:|response:"
    r"|at [\w$.]+\(|file \"|traceback \(most recent|\^+$|~+$|ok$"
    r"|(?:p?s|l)?ftp> |local:.* => remote:)"
)
# A log that ends on one of these shows where the client was waiting when it was stopped
# (a command it sent, a login step it began): that last line counts in full.
_WAITING = re.compile(r"^(?:debug\d?:|trace:|(?:p?s|l)?ftp> |local:.* => remote:)")


@dataclass(frozen=True)
class Line:
    """One line of a paste, cleaned, with how much it counts."""

    text: str
    weight: float
    debug: bool


@dataclass(frozen=True)
class Reading:
    """What the paste shows as a whole."""

    lines: tuple[Line, ...]
    phase: str  # "", "tcp", "ssh" or "login": how far the connection got
    # "", "upload", "setstat", or a listing: "list_root" ('/'), "list_named" (another
    # folder) or "list" (no folder shown): what failed last
    operation: str
    client: str | None  # the client whose log this looks like


# How far a connection got, in order: connected (tcp), the server's SSH version read (ssh),
# the login begun (auth), logged in (login), a file being sent (upload).
PHASES = ("", "tcp", "ssh", "auth", "login", "upload")
_PHASES = (
    ("upload", re.compile(
        r"^local:.* => remote:|=> remote:|starting upload of|^sftp> put |^psftp> put "
        r"|in putfo$|channelsftp\._?put\(|uploading ")),
    ("login", re.compile(
        r"authenticated to |access granted|authentication succeeded|remote working directory"
        r"|^sftp> |new directory is|listing directory|^status:\s*connected$"
        r"|entering interactive session|sending subsystem: sftp|open_sftp\(|openchannel\("
        r"|channelsftp\.|in open_sftp|sftp_client\.py")),
    ("auth", re.compile(
        r"authentications that can continue|next authentication method|offering public key"
        r"|server accepts key|^(?:status:\s*)?using username|sent password|offered public key"
        r"|attempting keyboard-interactive|sent public key signature|further authentication"
        r"|in _auth$|auth_handler|in auth_\w+$|permission denied \(|access denied")),
    ("ssh", re.compile(
        r"remote protocol version|remote version:|server version:|host key fingerprint"
        r"|server host key:|kex: algorithm|session\.checkhost|ssh2_msg_kexinit received"
        r"|using ssh protocol version|packetizer\.read_message\("
        # paramiko's transport.py run sends its KEXINIT only once _check_banner has read
        # the server's version.
        r"|in _send_kex_init$")),
    ("tcp", re.compile(
        r"connection established|^(?:trace:\s*)?connected to \S+$|local version string"
        r"|we claim version|banner line \d|in start_client|read timed out")),
)  # fmt: skip
_OPERATIONS = (
    ("setstat", re.compile(
        r"fsetstat|setstat|utime|setmtime|chmtime|set attrs|chmod|set sftp stats|set_times"
        r"|change (?:timestamp|permissions) of")),
    ("upload", re.compile(
        r"^sftp> put|^put: |uploading |=> remote:|\.put\(|channelsftp\.\w*put|in put$"
        r"|upload failed|dest open|open for write|cannot create remote file")),
    ("list", re.compile(
        r"readdir|listdir|opendir|^c?ls: |^cd: |^sftp> ls|listing directory|channelsftp\.ls"
        r"|open directory|directory listing|error listing directory|couldn.t read directory"
        r"|^directory .*: permission denied")),
)  # fmt: skip
# A listing's folder, as the line names it: '/' alone, or a folder below it.
_LISTED = r"(?:readdir|opendir|directory|listing directory)\W*/"
# lftp names it last, in brackets: "cd: Access failed: Permission denied (/upload/archive)".
_LFTP_FOLDER = r"^(?:c?ls|cd): .*\(/"
_ROOT = re.compile(_LISTED + r"\W*(?::|$|\s)|" + _LFTP_FOLDER + r"\)")
_NAMED_FOLDER = re.compile(_LISTED + r"[\w.~-]|" + _LFTP_FOLDER + r"[\w.~-]")

# Log shapes: each client's own way of writing lines. A name wins by the weight of the
# shapes it shows, so one borrowed phrase cannot name the wrong client.
_SHAPES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (client, weight, re.compile(pattern, re.MULTILINE))
    for client, weight, pattern in (
        ("FileZilla", 5.0, r"^(?:status|error|command|response|trace):\t"),
        ("FileZilla", 5.0, r"fzsftp started"),
        ("WinSCP", 5.0, r"winscp|^error code: \d+$|error message from server|^authentication log"),
        ("WinSCP", 3.0, r"^[.!<>*] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ "),
        # WinSCP's translations of PuTTY's network errors name the host in quotes.
        ("WinSCP", 3.0, r'^network error: (?:connection to "|no route to host ")'
                        r"|^warning \u2013 potential security breach"),
        ("curl", 5.0, r"^curl: \(\d+\)"),
        ("lftp", 5.0, r"^(?:put|get|cd|ls|cls|mirror|open|mput|mget|chmod|rm|mkdir|lftp): "
                        r"(?:[^:\n]+: )?(?:fatal error|access failed|login failed):"),
        ("lftp", 3.0, r"max-retries exceeded"),
        ("lftp", 5.0, r"^(?:put|get|cd|ls|cls|mirror|mput|mget|chmod): (?:[^:\n]+: )?ssh: "),
        ("JSch (Java)", 6.0, r"com\.jcraft\.jsch|jschexception"),
        ("JSch (Java)", 3.0, r"^exception in thread \"\w+\" \d+: "),
        ("SSHJ (Java)", 6.0, r"net\.schmizz\.sshj|sshj"),
        # Not "paramiko_5.1.0": a server's version, which OpenSSH and FileZilla logs show.
        ("paramiko (Python)", 6.0, r"paramiko(?!_\d)"),
        ("paramiko (Python)", 2.0, r"^traceback \(most recent call last\)|^\w*error: \[errno"),
        ("paramiko (Python)", 2.0, r"^socket\.gaierror"),
        ("PowerShell Posh-SSH (SSH.NET)", 6.0, r"renci\.sshnet|new-sftpsession|posh-ssh"),
        # SSH.NET's refusal alone on its line; OpenSSH's has user@host before it.
        ("PowerShell Posh-SSH (SSH.NET)", 1.0, r"^permission denied \([^()]*\)\.$"),
        ("PowerShell Test-NetConnection", 6.0, r"tcptestsucceeded|test-netconnection"),
        ("Cyberduck", 6.0, r"cyberduck"),
        ("PuTTY / psftp / plink", 4.0, r"^fatal error: |^using username \"|^psftp> |^fatal: "),
        ("PuTTY / psftp / plink", 3.0, r"psftp|pscp|plink|potential security breach"),
        ("PuTTY / psftp / plink", 2.0, r"^remote directory is now |^local:.* => remote:"),
        ("PuTTY / psftp / plink", 2.0, r"^further authentication required|: open for write: "),
        ("PuTTY / psftp / plink", 2.0, r"^ssh_init: |^network error: |^directory .*: permission denied"),  # noqa: E501
        ("OpenSSH ssh/sftp/scp", 3.0, r"^debug\d: |^openssh_\d|^ssh: |^kex_exchange_identification"),  # noqa: E501
        ("OpenSSH ssh/sftp/scp", 3.0, r"^sftp> |^remote (?:open|readdir|f?setstat)|^dest open"),
        ("OpenSSH ssh/sftp/scp", 2.0, r"\S@\S+: permission denied \(|^connection (?:closed|reset) by "),  # noqa: E501
        ("OpenSSH ssh/sftp/scp", 2.0, r"^host key verification failed|^connection to \S+ port \d+ timed out"),  # noqa: E501
        ("OpenSSH ssh/sftp/scp", 2.0, r"^subsystem request failed|remote host identification has changed"),  # noqa: E501
    )
)  # fmt: skip


# lftp wraps the ssh program's own message: "put: f: Fatal error: max-retries exceeded (X)".
_WRAPPED = re.compile(r"max-retries exceeded \((.+)\)\s*$")
_SSH_WORDS = ("connect to host", "could not resolve hostname")


def _unwrap(lines: list[str]) -> list[str]:
    """Each wrapped message also as a line of its own, as its program printed it."""
    unwrapped = []
    for line in lines:
        unwrapped.append(line)
        inner = _WRAPPED.search(line)
        if inner:
            text = inner.group(1)
            unwrapped.append(f"ssh: {text}" if text.startswith(_SSH_WORDS) else text)
    return unwrapped


def _clean(raw: str) -> str:
    return _PREFIXES.sub("", raw.strip(), count=1).strip()


def read_paste(text: str, normalize_line: Callable[[str], str]) -> Reading:
    """Lines, weights, phase, operation and client of a paste; lines are lower-cased and
    made comparable with `normalize_line` (the matcher's own normalization)."""
    raw_lines = [line[:MAX_LINE_CHARS] for line in text.lower().splitlines() if line.strip()]
    raw_lines = _unwrap(raw_lines[-MAX_LINES:])
    texts = [_clean(raw) for raw in raw_lines]
    cleaned = [(text, _is_debug(raw, text)) for raw, text in zip(raw_lines, texts, strict=True)]
    if raw_lines and _WAITING.match(raw_lines[-1].strip()):
        cleaned[-1] = (cleaned[-1][0], False)
    plain = [index for index, (_, debug) in enumerate(cleaned) if not debug]
    rank_from_end = {index: len(plain) - 1 - position for position, index in enumerate(plain)}
    cleaned = [(normalize_line(text), debug) for text, debug in cleaned]
    lines = tuple(
        Line(text, DEBUG_WEIGHT if debug else max(0.4, 1.0 - 0.08 * rank_from_end[index]), debug)
        for index, (text, debug) in enumerate(cleaned)
    )
    return Reading(lines, _phase(raw_lines), _operation(raw_lines), _client("\n".join(raw_lines)))


def _is_debug(raw: str, cleaned: str) -> bool:
    """A line a helpdesk engineer reads past, with or without its log prefix, or indented."""
    if raw.startswith(("    ", "\t")):
        return True
    return bool(_DEBUG.match(raw.strip()) or _DEBUG.match(cleaned))


def _phase(lines: list[str]) -> str:
    for phase, pattern in _PHASES:
        if any(pattern.search(line) for line in lines):
            return phase
    return ""


def _operation(lines: list[str]) -> str:
    latest, found = -1, ""
    for index, line in enumerate(lines):
        for operation, pattern in _OPERATIONS:
            if pattern.search(line) and index >= latest:
                latest, found = index, operation
                if operation == "list" and _ROOT.search(line):
                    found = "list_root"
                elif operation == "list" and _NAMED_FOLDER.search(line):
                    found = "list_named"
                break
    return found


def _client(text: str) -> str | None:
    scores: dict[str, float] = {}
    for client, weight, pattern in _SHAPES:
        if pattern.search(text):
            scores[client] = scores.get(client, 0.0) + weight
    if not scores:
        return None
    return max(scores.items(), key=lambda item: item[1])[0]
