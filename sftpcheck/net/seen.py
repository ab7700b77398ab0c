"""What this computer last heard from each SSH server: the memory that tells "this server
turns us away for now" from "this server never worked".

A server that answered in SSH an hour ago and now hangs up at once has most likely
blocked the district's address (fail2ban, OpenSSH's penalties, connection limits); one
that no longer accepts connections may have blocked it, or be down. Only the host, port,
time and server software are kept, in the user's cache folder; nothing secret.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sftpcheck.errors import InputError
from sftpcheck.local_files import STATE, read_input

# Long enough to span a night's failed uploads and the morning's look at them.
RECENT = 24 * 3600
_LIMIT = 200  # servers remembered; the oldest are forgotten first


@dataclass(frozen=True)
class Sighting:
    """When a server last answered in SSH here, and as what."""

    when: float
    software: str

    def words(self) -> str:
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(self.when))
        return f"it answered in SSH from this computer at {stamp} ({self.software})"


def _path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sftpcheck" / "servers-seen.json"


def _key(host: str, port: int) -> str:
    return f"{host.lower()}:{port}"


def _load() -> dict[str, dict[str, object]]:
    path = _path()
    if not path.exists():
        return {}
    try:
        data = json.loads(read_input(path, STATE).decode("utf-8"))
    except (InputError, ValueError):  # a cache that cannot be read is started afresh
        return {}
    return data if isinstance(data, dict) else {}


def remember(host: str, port: int, software: str) -> None:
    """Note that the server answered in SSH now. A cache that cannot be written is skipped."""
    seen = _load()
    seen[_key(host, port)] = {"when": time.time(), "software": software[:100]}
    newest = dict(
        sorted(seen.items(), key=lambda item: -float(str(item[1].get("when", 0))))[:_LIMIT]
    )
    path = _path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(newest), encoding="utf-8")
        temporary.replace(path)


def recent_sighting(host: str, port: int) -> Sighting | None:
    """The last time the server answered in SSH here, if within a day."""
    entry = _load().get(_key(host, port))
    if not isinstance(entry, dict):
        return None
    try:
        when = float(str(entry.get("when")))
    except ValueError:
        return None
    if time.time() - when > RECENT:
        return None
    return Sighting(when=when, software=str(entry.get("software", "SSH")))
