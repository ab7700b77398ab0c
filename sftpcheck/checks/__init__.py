"""The diagnosis, step by step: the one ordered list of checks."""

from __future__ import annotations

from sftpcheck.checks.base import Check

CHECKS: tuple[Check, ...] = ()
