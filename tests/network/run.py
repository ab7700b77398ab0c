"""Running `sftpcheck check` for the network tests: the checks' own runner, which also
takes a proxy password (environment only) and proves it absent from every output."""

from __future__ import annotations

from tests.check.run import Runner

PROXY_PASSWORD_ENV = "SFTPCHECK_PROXY_PASSWORD"
NetworkRunner = Runner
