"""The three report formats, from one canned report: what a reader sees in each."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sftpcheck.model import CheckResult, Fact, Reason, Report, Status, TargetInfo
from sftpcheck.reasons import CATALOG
from sftpcheck.render import Format, render

IDS = ["dns", "tcp", "protocol", "ssh", "auth", "remote_dir", "upload", "setstat"]


def _report(tcp_reason: Reason = CATALOG["tcp.timeout"]) -> Report:
    checks = []
    for check_id in IDS:
        if check_id == "dns":
            checks.append(
                CheckResult(
                    "dns",
                    "DNS lookup",
                    Status.PASS,
                    "sftp.vendor.org resolves to 203.0.113.7.",
                    None,
                    {"addresses": ["203.0.113.7"]},
                    (Fact("Addresses to allow", "203.0.113.7"),),
                    12,
                )
            )
        elif check_id == "tcp":
            checks.append(
                CheckResult(
                    "tcp",
                    "TCP connection",
                    Status.FAIL,
                    "No answer from 203.0.113.7 on port 22 within 10 s. " * 3,
                    tcp_reason,
                    {"addresses": {"203.0.113.7": "timeout"}},
                    (),
                    10004,
                )
            )
        else:
            checks.append(
                CheckResult(
                    check_id,
                    check_id.title(),
                    Status.SKIP,
                    "Not run: the 'TCP connection' step failed.",
                    None,
                    {},
                    (),
                    0,
                )
            )
    return Report(
        "0.1.0",
        datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc),
        10020,
        TargetInfo("sftp.vendor.org", 22, "district42"),
        tuple(checks),
    )


def test_text_report_fits_100_columns_and_explains_the_problem() -> None:
    text = render(_report(), Format.TEXT)
    assert max(len(line) for line in text.splitlines()) <= 100
    long_title = render(_report(CATALOG["setstat.unsupported"]), Format.TEXT)
    assert max(len(line) for line in long_title.splitlines()) <= 100
    assert "district42@sftp.vendor.org, port 22" in text
    assert "2026-11-30 12:00:00 UTC" in text
    assert "[fail, tcp.timeout]" in text
    assert "What it means:" in text
    assert "    1. Ask your network team" in text
    *_, verdict, more = text.rstrip().splitlines()
    assert verdict.startswith("Verdict: FAIL (6 steps skipped). Start with 'TCP connection'")
    assert more == "More about it: sftpcheck explain tcp.timeout"
    assert "\x1b[" not in text


def test_text_report_colours_only_when_asked() -> None:
    assert "\x1b[31mfail\x1b[0m" in render(_report(), Format.TEXT, color=True)


def test_markdown_is_a_table_with_the_code() -> None:
    markdown = render(_report(), Format.MARKDOWN)
    assert "| 2 | TCP connection | **FAIL** | `tcp.timeout` |" in markdown
    assert "**What to do:**" in markdown


def test_json_follows_the_contract() -> None:
    data = json.loads(render(_report(), Format.JSON))
    assert data["schema"] == 1
    assert data["tool"] == {"name": "sftpcheck", "version": "0.1.0"}
    assert data["started_at"] == "2026-11-30T12:00:00Z"
    assert data["target"] == {"host": "sftp.vendor.org", "port": 22, "username": "district42"}
    assert data["verdict"] == "fail"
    assert [c["id"] for c in data["checks"]] == IDS
    tcp = data["checks"][1]
    assert tcp["code"] == "tcp.timeout"
    assert tcp["fix"]
    assert tcp["explanation"]
    assert data["checks"][2]["code"] is None


def test_a_number_stays_with_its_unit_at_any_width() -> None:
    for width in range(40, 101):
        text = render(_report(), Format.TEXT, width=width)
        for line in text.splitlines():
            assert not line.rstrip().endswith((" 10", " 22 within 10")), (width, line)
            assert not line.lstrip().startswith(("s.", "s ")), (width, line)
