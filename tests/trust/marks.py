"""What the tests of issue 21's promises share: their marks, bounds and the check they run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.servers.hostile import HostileServer

ISSUE = "issue 21"
# sftpcheck starts in well under a second; the bound only tells "ends" from "hangs".
WALL_SECONDS = 15


def xfail(reason: str) -> pytest.MarkDecorator:
    """A promise of issue 21 that does not hold yet (the lead removes the mark with the fix)."""
    return pytest.mark.xfail(strict=True, reason=f"{ISSUE}: {reason}")


def unlisted(reason: str) -> pytest.MarkDecorator:
    """A defect this branch's tools found that issue 21 does not list."""
    return pytest.mark.xfail(strict=True, reason=f"not in {ISSUE}, found here: {reason}")


def check_args(server: HostileServer, known_hosts: Path) -> list[str]:
    """A read-only check of the hostile server, trusting its host key."""
    return [
        "check", f"{server.username}@127.0.0.1", "--port", str(server.port),
        "--known-hosts", str(known_hosts), "--timeout", "3", "--no-upload",
    ]  # fmt: skip
