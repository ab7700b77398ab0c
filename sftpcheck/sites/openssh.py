"""OpenSSH's `~/.ssh/config`: each `Host` alias that names one host is a saved site.

Read through paramiko.SSHConfig, as `sftp ALIAS` would resolve it. paramiko ignores
`Include`, so the included files are put in place first (relative names are under
~/.ssh, as ssh_config(5) says). `sftp` has no per-host remote directory; `put` sends the
file's permissions with the open request and sets times only with `-p`. `Match` blocks
are left out (a `Match exec` would run a command).
"""

from __future__ import annotations

import glob
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sftpcheck.errors import InputError
from sftpcheck.local_files import SITE_FILE, read_input, size_words
from sftpcheck.sites import model
from sftpcheck.sites.model import Client, SavedSite, Toggle
from sftpcheck.sites.reader import ClientReader, Places

# A line's keyword and its arguments: ssh_config(5) separates them by white space or by one
# "=" (`Match=all`, `Include = a b`), and a keyword is matched ignoring case.
_KEYWORD = re.compile(r"^\s*([^\s=]+)(?:\s*=\s*|\s+|$)(.*?)\s*$")
MAX_DEPTH = 16  # ssh's own limit on nested Include


def read_file(path: Path) -> list[SavedSite]:
    import paramiko

    text = without_match_blocks(expand_includes(path, path.parent))
    try:
        config = paramiko.SSHConfig.from_text(text)
    except paramiko.SSHException:
        # ConfigParseError quotes the line; never repeat a settings file's text, which may
        # be another client's file holding a stored password.
        raise InputError(
            f"{path} is not a valid ssh config (a line has no value); check it, or give "
            "the right --client."
        ) from None
    sites = []
    for alias in sorted(config.get_hostnames()):
        if any(char in alias for char in "*?!") or not alias:
            continue
        found = config.lookup(alias)
        sites.append(_site(alias, found, path))
    return sites


def keyword_of(line: str) -> tuple[str, str]:
    """A config line's keyword (lower case) and the rest; ("", "") for a blank line."""
    match = _KEYWORD.match(line)
    if match is None:
        return "", ""
    return match.group(1).lower(), match.group(2)


@dataclass
class _Includes:
    """What the Include lines of one config have read so far.

    Each file is read once, however many times it is named: a config that includes
    itself three times would otherwise be read 3 ** 16 times before the depth limit
    stops it. All of them together are held to one site file's cap.
    """

    ssh_dir: Path
    top: Path
    read: set[Path] = field(default_factory=set)
    size: int = 0


def expand_includes(path: Path, ssh_dir: Path) -> str:
    """The file's text with every `Include` line replaced by the files it names."""
    return _expanded(path, _Includes(ssh_dir, path), 0)


def _expanded(path: Path, includes: _Includes, depth: int) -> str:
    resolved = path.resolve()
    if depth > MAX_DEPTH or resolved in includes.read:
        return ""
    includes.read.add(resolved)
    data = read_input(path, SITE_FILE)
    includes.size += len(data)
    if includes.size > SITE_FILE.limit:
        raise InputError(
            f"The ssh config {includes.top} and the files it includes are more than "
            f"{size_words(SITE_FILE.limit)} together; sftpcheck reads site files of at most "
            f"{size_words(SITE_FILE.limit)}."
        )
    lines = []
    for line in data.decode("utf-8", "replace").splitlines():
        keyword, rest = keyword_of(line)
        if keyword != "include":
            lines.append(line)
            continue
        for name in _included_files(rest, includes.ssh_dir):
            lines.append(_expanded(name, includes, depth + 1))
    return "\n".join(lines)


def _included_files(patterns: str, ssh_dir: Path) -> list[Path]:
    try:
        words = shlex.split(patterns)
    except ValueError:  # an unclosed quote: ssh refuses the line too
        return []
    found = []
    for pattern in words:
        expanded = Path(pattern).expanduser()
        if not expanded.is_absolute():
            expanded = ssh_dir / expanded
        for name in sorted(glob.glob(str(expanded))):  # noqa: PTH207 - an absolute pattern
            if Path(name).is_file():
                found.append(Path(name))
    return found


def without_match_blocks(text: str) -> str:
    """The config without its `Match` blocks: paramiko would run a `Match exec` command
    while looking a host up, and reading a settings file must not run anything. A Match
    block's settings hold only when its condition does, as ssh(1) decides at connect
    time; sftpcheck reads only what holds for every connection to a Host."""
    kept = []
    in_match = False
    for line in text.splitlines():
        keyword, _ = keyword_of(line)
        if keyword == "match":
            in_match = True
        elif keyword == "host":
            in_match = False
        if not in_match:
            kept.append(line)
    return "\n".join(kept)


def _site(alias: str, found: Mapping[str, Any], path: Path) -> SavedSite:
    identity = found.get("identityfile")
    key_file = identity[0] if isinstance(identity, list) and identity else None
    port = str(found.get("port", ""))
    return SavedSite(
        client=Client.OPENSSH,
        name=alias,
        host=str(found.get("hostname", alias)),
        port=int(port) if port.isdigit() else None,
        user=str(found["user"]) if found.get("user") else None,
        protocol=model.SFTP,
        key_file=str(key_file) if key_file else None,
        remote_dir=None,
        preserve_timestamp=Toggle.OFF,  # only with `put -p` or `sftp -p`
        preserve_permissions=Toggle.OFF,
        temporary_name=None,
        proxy=_proxy(found),
        source=f"{path} [Host {alias}]",
    )


def _proxy(found: Mapping[str, Any]) -> str | None:
    """ProxyJump as ssh://..., a `nc -X connect|5|4 -x host:port` ProxyCommand as a URL."""
    if found.get("proxyjump"):
        return f"ssh://{found['proxyjump']}"
    command = str(found.get("proxycommand") or "")
    if not command or command.lower() == "none":
        return None
    words = command.split()
    kinds = {"connect": "http", "5": "socks5", "4": "socks4"}
    if "-x" in words and words.index("-x") + 1 < len(words):
        where = words[words.index("-x") + 1]
        kind = "socks5"
        if "-X" in words and words.index("-X") + 1 < len(words):
            kind = kinds.get(words[words.index("-X") + 1], "socks5")
        return f"{kind}://{where}"
    return f"command: {command}"


def _default_files(places: Places) -> tuple[Path, ...]:
    return (places.home / ".ssh" / "config",)


def _wrote_file(path: Path, head: str) -> bool:
    lines = (line.strip() for line in head.splitlines())
    return path.name.lower().endswith("config") or any(
        line.startswith(("host ", "include ")) for line in lines
    )


READER = ClientReader(
    client=Client.OPENSSH,
    read_file=read_file,
    default_files=_default_files,
    wrote_file=_wrote_file,
    dialogs={
        "protocol": "OpenSSH's sftp always uses SFTP",
        "port": "In ~/.ssh/config, set 'Port' in this Host block",
        "host": "In ~/.ssh/config, set 'HostName' in this Host block",
        "remote_dir": "sftp has no saved remote directory; check the 'cd' in your batch file",
        "preserve_timestamp": "Use 'put' without -p, and run sftp without -p",
        "temporary_name": "sftp does not upload under a temporary name",
        "proxy": "In ~/.ssh/config, see 'ProxyJump' or 'ProxyCommand' in this Host block",
    },
)
