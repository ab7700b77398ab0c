"""Reasons for the findings of `sftpcheck files` (filled in by the files checks)."""

from __future__ import annotations

from sftpcheck.model import Reason

REASONS: tuple[Reason, ...] = ()
