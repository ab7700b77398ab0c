"""The client check: what the user's saved site would make their client do (skip without --site).

It reads only the SavedSite (never a client's file) and the vendor profile's values, and
judges protocol, port, host, remote directory, preserve timestamp and permissions,
temporary file names and proxy. Each problem names the setting the way the client's
own dialog names it. A fail here does not stop the later checks: they run over SFTP on
the right port, so the report also says whether the account works once the site is fixed.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from sftpcheck.check.session import Session
from sftpcheck.check.site import PROXY_SCHEMES, SiteUse, site_port_is_wrong
from sftpcheck.model import Fact, Outcome, Reason, Status
from sftpcheck.outside import quoted
from sftpcheck.reasons import client as reasons
from sftpcheck.sites.clients import ignores_setstat_refusal, where_to_change
from sftpcheck.sites.model import SavedSite, Toggle


@dataclass(frozen=True)
class Problem:
    """One wrong setting in the site: its reason and the sentence that says what to change."""

    reason: Reason
    sentence: str


def check_client(session: Session) -> Outcome:
    """Judge the saved site given with --site, as its client would use it."""
    use = session.options.site
    if use is None:
        return Outcome(
            status=Status.SKIP, summary="Not run: add --site NAME to check a saved site."
        )
    site = use.site
    problems = find_problems(use)
    # The site as the report shows it: each text read from the file quoted.
    shown = site.as_dict()
    details = {"site": shown, "problems": [p.reason.code for p in problems]}
    facts = site_facts(use)
    if not problems:
        return Outcome(
            status=Status.PASS,
            summary=f"{site.client.display_name}'s site '{shown['name']}' uses SFTP on port "
            f"{site.port_or_default}; nothing in it should stop an upload.{_notes(use)}",
            details=details,
            facts=facts,
        )
    status = Status.FAIL if any(p.reason.status is Status.FAIL for p in problems) else Status.WARN
    # The status is the worst problem's; the code is that of the first problem of that status.
    lead = next(p for p in problems if p.reason.status is status)
    others = [p.sentence for p in problems if p is not lead]
    summary = f"{site.client.display_name} site '{shown['name']}': {lead.sentence}"
    if others:
        summary += " Also: " + " ".join(others)
    return Outcome(
        status=status,
        summary=summary + _notes(use),
        reason=lead.reason,
        details=details,
        facts=facts,
    )


def find_problems(use: SiteUse) -> list[Problem]:
    """Every wrong setting, worst first: protocol, port, remote directory, host, then the
    upload settings."""
    site = use.site
    problems = []

    def change(setting: str) -> str:
        return where_to_change(site.client, setting)

    if not site.uses_sftp:
        problems.append(
            Problem(
                reasons.CLIENT_PROTOCOL,
                f"It uses {quoted(site.protocol).upper()}, not SFTP. {change('protocol')}. The "
                f"later steps were run over SFTP on port {use.checked_port}.",
            )
        )
    elif site_port_is_wrong(site, use.profile_port):
        expected = use.profile_port or use.checked_port
        problems.append(
            Problem(
                reasons.CLIENT_PORT,
                f"It connects to port {site.port_or_default}, but the SFTP server is on port "
                f"{expected}. {change('port')} to {expected}. The later steps were run on "
                f"port {use.checked_port}.",
            )
        )
    if site.remote_dir is not None and posixpath.normpath(site.remote_dir) in ("/", "//"):
        problems.append(
            Problem(
                reasons.CLIENT_REMOTE_DIR_ROOT,
                f"It opens '/' after login, which most vendor accounts may not open. "
                f"{change('remote_dir')}.",
            )
        )
    if use.profile_host and use.profile_host.lower() != site.host.lower():
        problems.append(
            Problem(
                reasons.CLIENT_HOST,
                f"It connects to {quoted(site.host)}, but the vendor's profile names "
                f"{quoted(use.profile_host)}. {change('host')}.",
            )
        )
    problems += _upload_problems(use)
    return problems


def _upload_problems(use: SiteUse) -> list[Problem]:
    site = use.site
    problems = []
    what = [
        label
        for label, toggle in (
            ("time", site.preserve_timestamp),
            ("permissions", site.preserve_permissions),
        )
        if toggle is Toggle.ON
    ]
    if what and not ignores_setstat_refusal(site.client):
        problems.append(
            Problem(
                reasons.CLIENT_PRESERVE_TIMESTAMP,
                f"It sets each file's {' and '.join(what)} after the upload, which many "
                f"vendor servers refuse. {where_to_change(site.client, 'preserve_timestamp')}.",
            )
        )
    if site.temporary_name is not None:
        imported = ", ".join(use.profile_file_names[:3]) if use.profile_file_names else ""
        watched = f" The vendor imports files named {imported}." if imported else ""
        problems.append(
            Problem(
                reasons.CLIENT_TEMPORARY_NAME,
                f"It uploads {site.temporary_name.describe()}, then renames them.{watched} "
                f"{where_to_change(site.client, 'temporary_name')} if the server refuses "
                "the rename.",
            )
        )
    return problems


def _notes(use: SiteUse) -> str:
    notes = ""
    if use.unused_key is not None:
        notes += (
            f" The site's key file {quoted(use.unused_key)} was not used: {use.unused_key_why}."
        )
    proxy = use.site.proxy
    if proxy and not proxy.startswith(PROXY_SCHEMES):
        notes += (
            f" The site goes through {quoted(proxy)}, which sftpcheck cannot use, so the checks "
            f"connected directly. {where_to_change(use.site.client, 'proxy')}."
        )
    return notes


def site_facts(use: SiteUse) -> tuple[Fact, ...]:
    """The site's settings as the report lists them (a password is never among them)."""
    site: SavedSite = use.site
    values = site.as_dict()  # each text read from the file quoted
    shown = (
        ("Client", site.client.display_name),
        ("Site", values["name"]),
        ("Protocol", values["protocol"]),
        ("Host", values["host"]),
        ("Port", str(site.port_or_default)),
        ("User", values["user"]),
        ("Remote directory", values["remote_dir"]),
        ("Key file", values["key_file"]),
        ("Preserve timestamp", site.preserve_timestamp.value),
        ("Set permissions", site.preserve_permissions.value),
        ("Temporary file names", values["temporary_name"] or "off"),
        ("Proxy", values["proxy"]),
        ("Read from", values["source"]),
    )
    return tuple(Fact(label, str(value)) for label, value in shown if value)
