"""The diagnosis, step by step: the one ordered list of steps, as data.

Each step names the earlier steps it needs; the runner, not the step, skips a step whose
prerequisite did not succeed. A step's function is `check_<id>` in check/steps/<id>.py,
imported only when the run loads it: importing this module loads neither paramiko nor
dnspython, so `--help`, `explain` and the tests can read the list at no cost.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from sftpcheck.check.session import Session
from sftpcheck.model import Outcome

CheckFunction = Callable[[Session], Outcome]


@dataclass(frozen=True)
class Step:
    """One step of the diagnosis: its id, its title in the report, and the steps it needs."""

    id: str
    title: str
    requires: tuple[str, ...]

    def load(self) -> Check:
        """The step with its function, `check_<id>` from check/steps/<id>.py."""
        module = importlib.import_module(f"sftpcheck.check.steps.{self.id}")
        function: CheckFunction = getattr(module, f"check_{self.id}")
        return Check(self.id, self.title, self.requires, function)


@dataclass(frozen=True)
class Check(Step):
    """A step ready to run: a function that takes the session and returns an Outcome."""

    run: CheckFunction


CHECKS: tuple[Step, ...] = (
    Step("client", "Client settings", ()),
    Step("dns", "DNS lookup", ()),
    Step("tcp", "TCP connection", ("dns",)),
    Step("protocol", "Protocol", ("tcp",)),
    Step("ssh", "SSH handshake", ("protocol",)),
    Step("auth", "Login", ("ssh",)),
    Step("remote_dir", "Remote directory", ("auth",)),
    Step("upload", "Upload", ("remote_dir",)),
    Step("setstat", "Set time and permissions", ("upload",)),
)

CHECK_IDS: tuple[str, ...] = tuple(step.id for step in CHECKS)


def load_checks() -> tuple[Check, ...]:
    """Every step with its function, in order. This is where paramiko is imported."""
    return tuple(step.load() for step in CHECKS)
