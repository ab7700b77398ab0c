"""Settling a check run's settings: every source a layer, the precedence in one function.

Strongest first: an option typed on the command line, then what TARGET (or its URL) says,
then the saved site (--site), then the profile's target, then the profile's other
settings, then the defaults. A vendor publishes a profile; a district's flags still win.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sftpcheck.check.credentials import environment_secret
from sftpcheck.check.layer import Layer
from sftpcheck.check.options import DEFAULT_FILE_NAMES, CheckOptions
from sftpcheck.check.profile import Profile
from sftpcheck.check.site import SiteUse, read_site, site_layer, site_use
from sftpcheck.check.target import (
    DEFAULT_PORT,
    check_remote_dir,
    check_username,
    parse_expected_ip,
    parse_fingerprint,
    parse_port,
    parse_resolver,
    target_layer,
)
from sftpcheck.errors import InputError
from sftpcheck.local_files import UPLOAD, check_input, check_known_hosts
from sftpcheck.net.proxy import PROXY_PASSWORD_ENV, Proxy, parse_proxy
from sftpcheck.render import Format
from sftpcheck.sites import parse_client
from sftpcheck.sites.model import Client

DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Settings:
    """A run's settled settings: the check options, and where and how the report goes."""

    options: CheckOptions
    output_format: Format
    output: Path | None
    # What the report must never overwrite, each named as the error would name it.
    inputs: tuple[tuple[str, Path | None], ...]


def settle(layers: Sequence[Layer]) -> Layer:
    """The precedence, in one place: each setting from the first layer that names it."""
    values = {
        field.name: next(
            (value for layer in layers if (value := getattr(layer, field.name)) is not None),
            None,
        )
        for field in dataclasses.fields(Layer)
    }
    return Layer(**values)


def settle_options(target: str | None, flags: Layer, profile: Profile | None) -> Settings:
    """TARGET and the flags as typed, the saved site and the profile: one run's settings."""
    vendor_layers = [profile.target, profile.settings] if profile else []
    output_format = _format(settle([flags, *vendor_layers]).format)
    typed = [flags, target_layer(target)] if target else [flags]
    settled = settle([*typed, *vendor_layers])
    client = parse_client(settled.client)
    use = None
    if settled.site:
        vendor = settle(vendor_layers)
        site = read_site(settled.site, _path(settled.site_file), client)
        settled = settle([*typed, site_layer(site, vendor.port), *vendor_layers])
        use = site_use(site, vendor, _port(settled))
        # --client (or the profile's) names whose upload to imitate; else the site's client.
        client = client or site.client
    url_fingerprint = settle([*typed[1:], *vendor_layers[:1]]).expect_fingerprint
    options = build_options(settled, flags, url_fingerprint, use, client)
    return Settings(
        options=options,
        output_format=output_format,
        output=settled.output,
        inputs=(
            ("the file to upload", options.upload),
            ("the key", options.key_path),
            ("the known_hosts file", options.known_hosts),
            ("the profile", profile.path if profile else None),
            ("the saved sites file", _path(settled.site_file)),
        ),
    )


def build_options(
    settled: Layer,
    flags: Layer,
    url_fingerprint: str | None = None,
    site: SiteUse | None = None,
    imitate: Client | None = None,
) -> CheckOptions:
    """The settled layer, checked, as CheckOptions (all but the key, loaded later).

    `flags` answers "was it typed?" for the rules that hold only for a typed option;
    `url_fingerprint` is the host key a TARGET URL names, which --expect-fingerprint must match.
    """
    if not settled.host:
        raise InputError("No target given; name the server, such as sftp.vendor.org.")
    timeout = settled.timeout if settled.timeout is not None else DEFAULT_TIMEOUT
    if not 0 < timeout <= 600:
        raise InputError(f"The timeout {timeout:g} is out of range; use 1 to 600 seconds.")
    upload = _path(settled.upload)
    if upload is not None and not upload.is_file():
        raise InputError(f"The file to upload, {upload}, does not exist or is not a file.")
    if upload is not None:
        check_input(upload, UPLOAD)  # sent from memory: at most 1 GB
    no_upload = bool(settled.no_upload)
    upload_anyway = bool(settled.upload_anyway)
    if upload_anyway and upload is None:
        raise InputError("--upload-anyway only applies with --upload FILE.")
    setstat = bool(settled.setstat)
    # A profile's overwrite = true is a default for runs that upload; only the flag is refused.
    _refuse_contradictions(upload, no_upload, bool(flags.overwrite), setstat)
    known_hosts = _path(settled.known_hosts)
    if known_hosts is not None:
        check_known_hosts(known_hosts)
    remote_dir = settled.remote_dir
    return CheckOptions(
        host=settled.host,
        port=_port(settled),
        username=check_username(settled.user, "The user name")
        if settled.user is not None
        else None,
        key_path=_path(settled.key),
        remote_dir=check_remote_dir(remote_dir) if remote_dir is not None else None,
        upload=upload,
        overwrite=bool(settled.overwrite),
        upload_anyway=upload_anyway,
        no_upload=no_upload,
        setstat=setstat,
        expect_ips=tuple(parse_expected_ip(value) for value in settled.expect_ip or ()),
        expect_fingerprint=_expected_fingerprint(settled, flags, url_fingerprint),
        known_hosts=known_hosts or _default_known_hosts(),
        resolvers=tuple(parse_resolver(value) for value in settled.resolver or ()),
        timeout=timeout,
        file_names=_file_names(settled.file_names),
        site=site,
        imitate=imitate,
        proxy=_proxy(settled.proxy),
    )


def _format(value: str | None) -> Format:
    if value is None:
        return Format.TEXT
    try:
        return Format(value)
    except ValueError:
        raise InputError(f"The format '{value}' is unknown; use text, markdown or json.") from None


def _port(settled: Layer) -> int:
    return parse_port(settled.port if settled.port is not None else DEFAULT_PORT)


def _refuse_contradictions(
    upload: Path | None, no_upload: bool, overwrite: bool, setstat: bool
) -> None:
    """Options that cannot all be meant: one sentence, instead of silently dropping one."""
    if no_upload and upload is not None:
        raise InputError("--upload and --no-upload contradict each other; give one of them.")
    if no_upload and setstat:
        raise InputError(
            "--setstat and --no-upload contradict each other: setstat needs an upload."
        )
    if overwrite and upload is None:
        raise InputError(
            "--overwrite only applies with --upload FILE; the probe file never replaces anything."
        )


def _expected_fingerprint(settled: Layer, flags: Layer, url: str | None) -> str | None:
    """--expect-fingerprint, else the URL's ;fingerprint=, else the profile's; never two."""
    fingerprint = parse_fingerprint(settled.expect_fingerprint)
    if flags.expect_fingerprint is not None and url and fingerprint != url:
        raise InputError(
            f"--expect-fingerprint {fingerprint} differs from the target URL's fingerprint "
            f"{url}; check which one the vendor publishes and give only that."
        )
    return fingerprint


def _path(value: Path | None) -> Path | None:
    return value.expanduser() if value is not None else None


def _default_known_hosts() -> Path | None:
    path = Path("~/.ssh/known_hosts").expanduser()
    if not path.is_file():
        return None
    check_known_hosts(path)  # one sentence now, not an error blamed on the server later
    return path


def _proxy(value: str | None) -> Proxy | None:
    if value is None or value.strip().lower() == "none":
        return None
    password = environment_secret(PROXY_PASSWORD_ENV, "the proxy's password")
    return parse_proxy(value, password.reveal() if password else None)


def _file_names(value: tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_FILE_NAMES
    if not value:
        raise InputError("The profile's file-names list is empty.")
    return value
