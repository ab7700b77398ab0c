"""Merging TARGET, a --profile file and explicit options into one CheckOptions.

Precedence, strongest first: an option given on the command line, then what TARGET (or its
URL) says, then the profile. A vendor publishes a profile; a district's flags still win.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sftpcheck.check.options import DEFAULT_FILE_NAMES, CheckOptions
from sftpcheck.check.target import (
    DEFAULT_PORT,
    Target,
    check_remote_dir,
    is_ip_address,
    parse_port,
    parse_resolver,
    parse_target,
)
from sftpcheck.errors import InputError
from sftpcheck.local_files import check_known_hosts, decode_profile, read_bytes
from sftpcheck.model import Secret

if TYPE_CHECKING:
    from sftpcheck.net.proxy import Proxy

# Profile keys and the type each must have. Names match the long options.
PROFILE_KEYS: dict[str, type | tuple[type, ...]] = {
    "target": str,
    "host": str,
    "port": int,
    "user": str,
    "key": str,
    "remote-dir": str,
    "upload": str,
    "overwrite": bool,
    "upload-anyway": bool,
    "no-upload": bool,
    "setstat": bool,
    "expect-ip": list,
    "expect-fingerprint": str,
    "known-hosts": str,
    "resolver": list,
    "timeout": (int, float),
    "format": str,
    "output": str,
    "file-names": list,
    "site": str,
    "site-file": str,
    "client": str,
    "proxy": str,
}


@dataclass(frozen=True)
class Given:
    """The check options as typed on the command line; None means not given."""

    target: str | None = None
    port: int | None = None
    user: str | None = None
    key: Path | None = None
    remote_dir: str | None = None
    upload: Path | None = None
    overwrite: bool | None = None
    upload_anyway: bool | None = None
    no_upload: bool | None = None
    setstat: bool | None = None
    expect_ip: tuple[str, ...] = ()
    expect_fingerprint: str | None = None
    known_hosts: Path | None = None
    resolver: tuple[str, ...] = ()
    timeout: float | None = None
    format: str | None = None
    output: Path | None = None
    site: str | None = None
    site_file: Path | None = None
    client: str | None = None
    proxy: str | None = None


def read_profile(path: Path) -> dict[str, Any]:
    # Imported here, not at the top: only --profile reads TOML, and the parser is ~6 ms of
    # every start-up.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    text = decode_profile(path, read_bytes(path, "profile"))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"The profile {path} is not valid TOML: {error}.") from None
    profile = {key.replace("_", "-"): value for key, value in data.items()}
    for key, value in profile.items():
        expected = PROFILE_KEYS.get(key)
        if expected is None:
            known = ", ".join(sorted(PROFILE_KEYS))
            raise InputError(f"The profile {path} has an unknown setting '{key}'; known: {known}.")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise InputError(
                f"The profile setting '{key}' in {path} is {_type_words(type(value))}; "
                f"it must be {_type_words(expected)}."
            )
    if "target" in profile and "host" in profile:
        raise InputError(f"The profile {path} sets both 'target' and 'host'; keep one of them.")
    # A vendor's profile names its files beside itself: read them from the profile's folder.
    for key in PROFILE_PATHS:
        if key in profile:
            value = Path(profile[key]).expanduser()
            profile[key] = str(value if value.is_absolute() else path.parent / value)
    return profile


# The profile settings that name a file.
PROFILE_PATHS = ("key", "upload", "known-hosts", "output", "site-file")
_TYPE_WORDS: dict[type, str] = {
    str: "text in quotes",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list in [ ]",
    dict: "a table",
}


def _type_words(expected: type | tuple[type, ...]) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    words = [_TYPE_WORDS.get(kind, kind.__name__) for kind in types]
    return "a number" if set(types) == {int, float} else " or ".join(words)


def _first(*values: Any) -> Any:
    return next((value for value in values if value is not None), None)


def settle_target(given: Given, profile: Mapping[str, Any]) -> Target:
    """TARGET; what the command line's TARGET leaves out, the profile's target still says."""
    profile_text = profile.get("target") or profile.get("host")
    text = given.target or profile_text
    if not text:
        raise InputError("No target given; name the server, such as sftp.vendor.org.")
    target = parse_target(str(text))
    if not given.target or not profile_text:
        return target
    from_profile = parse_target(str(profile_text))
    return dataclasses.replace(
        target,
        port=_first(target.port, from_profile.port),
        username=_first(target.username, from_profile.username),
        remote_dir=_first(target.remote_dir, from_profile.remote_dir),
        # A host key the profile's URL names is never dropped, whoever names the host.
        fingerprint=_first(target.fingerprint, from_profile.fingerprint),
    )


def build_options(
    given: Given,
    profile: Mapping[str, Any],
    password: Secret | None,
) -> CheckOptions:
    """Everything but the key object, which the CLI loads once it knows the path."""
    from sftpcheck.check.site import apply_site, imitated_client

    given, site_use = apply_site(given, profile)  # --site: the saved site's values
    target = settle_target(given, profile)
    port = _first(given.port, target.port, profile.get("port"), DEFAULT_PORT)
    timeout = float(_first(given.timeout, profile.get("timeout"), 10.0))
    if not 0 < timeout <= 600:
        raise InputError(f"The timeout {timeout:g} is out of range; use 1 to 600 seconds.")
    upload = _path(given.upload, profile.get("upload"))
    if upload is not None and not upload.is_file():
        raise InputError(f"The file to upload, {upload}, does not exist or is not a file.")
    no_upload = bool(_first(given.no_upload, profile.get("no-upload"), False))
    overwrite = bool(_first(given.overwrite, profile.get("overwrite"), False))
    upload_anyway = bool(_first(given.upload_anyway, profile.get("upload-anyway"), False))
    if upload_anyway and upload is None:
        raise InputError("--upload-anyway only applies with --upload FILE.")
    setstat = bool(_first(given.setstat, profile.get("setstat"), False))
    # A profile's overwrite = true is a default for runs that upload; only the flag is refused.
    _refuse_contradictions(upload, no_upload, bool(given.overwrite), setstat)
    known_hosts = _path(given.known_hosts, profile.get("known-hosts"))
    if known_hosts is not None:
        check_known_hosts(known_hosts)
    remote_dir = _first(given.remote_dir, target.remote_dir, profile.get("remote-dir"))
    return CheckOptions(
        host=target.host,
        port=parse_port(port),
        username=_first(given.user, target.username, profile.get("user")),
        password=password,
        key_path=_path(given.key, profile.get("key")),
        remote_dir=check_remote_dir(remote_dir) if remote_dir is not None else None,
        upload=upload,
        overwrite=overwrite,
        upload_anyway=upload_anyway,
        no_upload=no_upload,
        setstat=setstat,
        expect_ips=_expected_ips(given.expect_ip or tuple(profile.get("expect-ip", ()))),
        expect_fingerprint=_expected_fingerprint(given, target, profile),
        known_hosts=known_hosts or _default_known_hosts(),
        resolvers=tuple(
            parse_resolver(str(r)) for r in given.resolver or profile.get("resolver", ())
        ),
        timeout=timeout,
        file_names=_file_names(profile.get("file-names")),
        site=site_use,
        imitate=imitated_client(given, profile, site_use),
        proxy=_proxy(_first(given.proxy, profile.get("proxy"))),
    )


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


def _expected_fingerprint(given: Given, target: Target, profile: Mapping[str, Any]) -> str | None:
    """--expect-fingerprint, else the URL's ;fingerprint=, else the profile's; never two."""
    explicit = _fingerprint(given.expect_fingerprint)
    if explicit and target.fingerprint and explicit != target.fingerprint:
        raise InputError(
            f"--expect-fingerprint {explicit} differs from the target URL's fingerprint "
            f"{target.fingerprint}; check which one the vendor publishes and give only that."
        )
    return explicit or target.fingerprint or _fingerprint(profile.get("expect-fingerprint"))


def _path(*values: Any) -> Path | None:
    value = _first(*values)
    return Path(value).expanduser() if value is not None else None


def _default_known_hosts() -> Path | None:
    path = Path("~/.ssh/known_hosts").expanduser()
    if not path.is_file():
        return None
    check_known_hosts(path)  # one sentence now, not an error blamed on the server later
    return path


def _expected_ips(values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        if not is_ip_address(str(value)):
            raise InputError(f"--expect-ip '{value}' is not an IP address.")
    return tuple(str(value) for value in values)


def _fingerprint(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    body = text.removeprefix("SHA256:")
    if not body or len(body) != 43 or not all(c.isalnum() or c in "+/" for c in body):
        raise InputError(
            f"The fingerprint '{value}' is not a SHA256 fingerprint such as "
            "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s."
        )
    return f"SHA256:{body}"


def _proxy(value: str | None) -> Proxy | None:
    if value is None:
        return None
    # Imported only when a proxy is given: the checks package loads paramiko.
    from sftpcheck.net.proxy import PROXY_PASSWORD_ENV, parse_proxy

    return parse_proxy(str(value), os.environ.get(PROXY_PASSWORD_ENV))


def _file_names(value: Any) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_FILE_NAMES
    names = tuple(str(name) for name in value)
    if not names:
        raise InputError("The profile's file-names list is empty.")
    return names
