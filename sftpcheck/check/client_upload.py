"""How the district's own client uploads, so that the upload and setstat steps do the same.

A small value chosen from the saved site (or --client): whether the client writes to a
temporary name and renames it afterwards, what it sends with the OPEN request, and
whether it sets the file's time or permissions after the upload. Taken from the
clients' sources:

- WinSCP: files from 100 KB (ResumeSupport "smart", ResumeThreshold) go to
  `name.filepart`; when done, an existing target is deleted and the part file renamed
  (SSH_FXP_RENAME). Then, with "Preserve timestamp" (on by default) or "Set
  permissions", one SETSTAT.
- OpenSSH sftp: OPEN carries the local file's permissions; `put -p` then sets times.
- PuTTY's psftp and FileZilla's fzsftp (the same engine): OPEN without attributes, straight
  to the real name; FileZilla sets the time only with "Preserve timestamps".
- Cyberduck and lftp: straight to the real name by default (their temporary-name options
  are off unless changed).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from sftpcheck.check.options import CheckOptions
from sftpcheck.check.session import Session
from sftpcheck.model import Outcome, Status
from sftpcheck.net.sftp_client import StatusKind, error_words, status_kind
from sftpcheck.reasons import client as reasons
from sftpcheck.reasons import sftp as sftp_reasons
from sftpcheck.sites.clients import ignores_setstat_refusal, where_to_change
from sftpcheck.sites.model import Client, SavedSite, TemporaryName, Toggle

OPENSSH_PERMISSIONS = 0o644  # what a typical export file's mode is, sent in OPEN
WINSCP_PART = TemporaryName("{name}.filepart", 100 * 1024)


@dataclass(frozen=True)
class UploadStyle:
    """How one client uploads a file. `client` None is sftpcheck's own plain upload."""

    client: Client | None = None
    temporary_name: TemporaryName | None = None
    open_permissions: int | None = OPENSSH_PERMISSIONS
    sets_time: bool = False
    sets_permissions: bool = False
    # Where the settings came from: the saved site, or the client's defaults.
    from_site: bool = False

    @property
    def sets_attributes(self) -> bool:
        return self.sets_time or self.sets_permissions

    def upload_name(self, name: str, size: int) -> str:
        """The name the client writes first: a temporary one, or the real one."""
        if self.temporary_name is not None and self.temporary_name.applies_to(size):
            return self.temporary_name.name_for(name)
        return name

    def probe_size(self, usual: int) -> int:
        """A probe big enough that the client's temporary-name rule applies to it."""
        if self.temporary_name is None:
            return usual
        return max(usual, self.temporary_name.from_bytes)

    def label(self) -> str:
        """`WinSCP (with the saved site's settings)`, for a report."""
        if self.client is None:
            return "sftpcheck's own plain upload"
        whose = "the saved site's settings" if self.from_site else "its default settings"
        return f"{self.client.display_name} (with {whose})"

    def setting(self, name: str) -> str:
        """Where to change `name` in this client, as its dialog says it."""
        if self.client is None:
            return "Turn off 'preserve timestamp' and 'set permissions' in the client"
        return where_to_change(self.client, name)


def style_of_site(site: SavedSite) -> UploadStyle:
    """The upload of the client that saved `site`, with the site's own settings."""
    return _style(site.client, site, from_site=True)


def default_style(client: Client) -> UploadStyle:
    """The upload of `client` with its factory settings (--client without a site of it)."""
    return _style(client, None, from_site=False)


def _style(client: Client, site: SavedSite | None, from_site: bool) -> UploadStyle:
    def on(toggle: Toggle | None, default: bool) -> bool:
        return default if toggle is None or toggle is Toggle.UNKNOWN else toggle is Toggle.ON

    time_setting = site.preserve_timestamp if site else None
    rights_setting = site.preserve_permissions if site else None
    if client is Client.WINSCP:
        return UploadStyle(
            client,
            temporary_name=site.temporary_name if site else WINSCP_PART,
            open_permissions=None,
            sets_time=on(time_setting, True),
            sets_permissions=on(rights_setting, False),
            from_site=from_site,
        )
    if client is Client.OPENSSH:
        return UploadStyle(
            client,
            open_permissions=OPENSSH_PERMISSIONS,
            sets_time=on(time_setting, False),
            sets_permissions=on(rights_setting, False),
            from_site=from_site,
        )
    return UploadStyle(
        client,
        temporary_name=site.temporary_name if site else None,
        open_permissions=None,
        # lftp sets the time too, but carries on when refused: nothing a district would see.
        sets_time=on(time_setting, False) and not ignores_setstat_refusal(client),
        sets_permissions=on(rights_setting, False),
        from_site=from_site,
    )


def upload_style(options: CheckOptions) -> UploadStyle:
    """Whose upload to imitate: --client, else the site's client, else sftpcheck's own."""
    client = options.imitate
    if client is None:
        return UploadStyle()
    site = options.site.site if options.site is not None else None
    if site is not None and site.client is client:
        return style_of_site(site)
    return default_style(client)


def setstat_runs(options: CheckOptions) -> bool:
    """The setstat step runs with --setstat, or when the imitated client sets attributes."""
    return options.setstat or upload_style(options).sets_attributes


def rename_into_place(
    session: Session, temporary: str, final: str, replace: bool, style: UploadStyle
) -> Outcome | None:
    """Rename the uploaded part file to its real name, as the client does; a fail outcome
    (upload.rename_denied) if the server refuses, else None.

    With `replace` (--overwrite), an existing target is deleted first, as WinSCP does:
    SFTP version 3 servers refuse to rename onto an existing name.
    """
    sftp = session.sftp
    assert sftp is not None
    # The names as the report shows them: the folder the server named, quoted.
    shown_temporary, shown_final = session.shown(temporary), session.shown(final)
    details: dict[str, Any] = {"temporary_path": shown_temporary, "path": shown_final}
    name = style.client.display_name if style.client else "the client"
    old_deleted = False
    try:
        if replace and sftp.exists(final):
            sftp.remove(final)
            old_deleted = True
        sftp.rename(temporary, final)
    except TimeoutError:
        raise
    except OSError as error:
        words = error_words(error)
        details["error"] = words
        refused = (
            f"refused to rename it to {shown_final} ({words})."
            if old_deleted or not replace
            else f"refused to delete the old {shown_final} first, as {name} does before its "
            f"rename ({words})."
        )
        if old_deleted:  # --overwrite: the district's old file went first, as in the client
            refused += f" The old {shown_final} had been deleted, so none is in the folder now."
        details["old_file_deleted"] = old_deleted
        removed = sftp.remove_quietly(temporary)
        left = (
            f" sftpcheck removed its {shown_temporary} again."
            if removed
            else f" {shown_temporary} is still there; ask the vendor to delete it."
        )
        details["temporary_left"] = not removed
        if not replace and status_kind(error) is not StatusKind.DENIED:
            there = _hidden_file_there(session, shown_temporary, final, words, details)
            if there is not None:
                return there
        who = f"sftpcheck sent it as {style.label()} does, and {name} would stop here"
        return Outcome(
            status=Status.FAIL,
            summary=f"The file arrived as {shown_temporary}, but the server {refused} {who} "
            f"with an error.{left} {style.setting('temporary_name')}, or ask the vendor to allow "
            "a rename.",
            reason=reasons.UPLOAD_RENAME_DENIED,
            details=details,
        )
    return None


def _hidden_file_there(
    session: Session, shown_temporary: str, final: str, words: str, details: dict[str, Any]
) -> Outcome | None:
    """A refused rename onto a name that stat did not show, but that opens for reading:
    someone else's file is there (SFTP version 3 servers refuse to rename onto one)."""
    assert session.sftp is not None
    if not session.sftp.opens_for_reading(final):
        return None
    shown_final = session.shown(final)
    gone = (
        "could not be removed (ask the vendor to delete it)"
        if details["temporary_left"]
        else "was removed again"
    )
    return Outcome(
        status=Status.WARN,
        summary=f"{shown_final} is already on the server (its file listing does not show it, "
        f"but it opens for reading): the server refused to rename {shown_temporary} onto it "
        f"({words}). It was left alone, and sftpcheck's {shown_temporary} {gone}. Add "
        "--overwrite to replace it.",
        reason=sftp_reasons.UPLOAD_EXISTS,
        details={**details, "existing": shown_final, "hidden_from_stat": True},
    )


def finish_temporary_upload(
    session: Session, temporary: str, final: str, is_probe: bool, style: UploadStyle
) -> Outcome | None:
    """After a whole upload to `temporary`, rename it as the client does; the refusal as a
    fail outcome, else None. A probe's path follows the file, so it is still removed."""
    assert session.sftp is not None
    # --overwrite is about the district's file: a probe's rename never replaces anything.
    replace = session.options.overwrite and not is_probe
    refused = rename_into_place(session, temporary, final, replace, style)
    if is_probe:
        left = refused is not None and refused.details.get("temporary_left")
        session.probe_path = temporary if left else (None if refused else final)
    return refused


def with_imitation_note(outcome: Outcome, style: UploadStyle, written: str, final: str) -> Outcome:
    """A passing upload's summary says whose upload it imitated, and how."""
    if style.client is None or outcome.status is Status.FAIL:
        return outcome
    how = (
        f"as {posixpath.basename(written)}, then renamed"
        if written != final
        else "straight to its real name"
    )
    then = " It then sets the file's time, as the next step tries." if style.sets_attributes else ""
    note = f" Sent as {style.label()} sends it: {how}.{then}"
    return Outcome(
        status=outcome.status,
        summary=outcome.summary + note,
        reason=outcome.reason,
        details={**outcome.details, "imitated": style.label()},
        facts=outcome.facts,
    )


def setstat_operations(options: CheckOptions) -> tuple[bool, bool]:
    """(permissions, timestamp): what the setstat step tries. --setstat tries both; an
    imitated client tries only what it would set."""
    style = upload_style(options)
    if options.setstat or style.client is None:
        return True, True
    return style.sets_permissions, style.sets_time


def setstat_advice(options: CheckOptions) -> str:
    """What to turn off when the server refuses, in the imitated client's own words."""
    style = upload_style(options)
    if style.client is None:
        return "Turn off 'preserve timestamp' and 'set permissions' in the client."
    return style.setting("preserve_timestamp") + "."
