"""The JSON report, schema 1 of the contract."""

from __future__ import annotations

import json
from typing import Any

from sftpcheck.model import CheckResult, Report

SCHEMA = 1


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "tool": {"name": "sftpcheck", "version": report.tool_version},
        "started_at": report.started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_ms": report.duration_ms,
        "target": {
            "host": report.target.host,
            "port": report.target.port,
            "username": report.target.username,
        },
        "verdict": report.verdict.value,
        "checks": [_check_to_dict(check) for check in report.checks],
    }


def _check_to_dict(check: CheckResult) -> dict[str, Any]:
    reason = check.reason
    return {
        "id": check.id,
        "title": check.title,
        "status": check.status.value,
        "code": check.code,
        "summary": check.summary,
        "explanation": reason.explanation if reason else None,
        "fix": list(reason.fix) if reason else [],
        "details": dict(check.details),
        "facts": {fact.label: fact.value for fact in check.facts},
        "duration_ms": check.duration_ms,
    }


def render_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), indent=2, default=str)
