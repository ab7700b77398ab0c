"""Keeps paramiko from importing invoke. `sftpcheck.net` imports this before paramiko.

paramiko imports invoke (and with it asyncio, unittest.mock and a YAML parser) only to run
the `Match exec` lines of an ssh_config file, which sftpcheck never reads. That import and
its teardown at exit cost about 50 ms of every `check`. A None entry in sys.modules makes
paramiko's `import invoke` fail at once, and paramiko then runs as if invoke were absent.
"""

from __future__ import annotations

import sys

if "invoke" not in sys.modules:
    sys.modules["invoke"] = None  # type: ignore[assignment]
