"""A --profile file: TOML holding any of the check options, read into typed layers.

A vendor publishes a profile; a district's flags and TARGET still win over it (see
settings.settle). Paths in it are read from the profile's own folder, since a vendor's
profile names its files beside itself.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sftpcheck.check.layer import Layer
from sftpcheck.check.target import target_layer
from sftpcheck.errors import InputError
from sftpcheck.local_files import PROFILE, decode_profile, read_input, too_deep

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
# The profile settings that name a file.
PROFILE_PATHS = ("key", "upload", "known-hosts", "output", "site-file")


@dataclass(frozen=True)
class Profile:
    """A profile, read and typed: what its `target` (or `host`) names, and its other settings."""

    path: Path
    target: Layer
    settings: Layer


def read_profile(path: Path) -> Profile:
    # Imported here, not at the top: only --profile reads TOML, and the parser is ~6 ms of
    # every start-up.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    text = decode_profile(path, read_input(path, PROFILE))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"The profile {path} is not valid TOML: {error}.") from None
    except RecursionError:
        raise too_deep(f"The profile {path}") from None
    profile = {key.replace("_", "-"): value for key, value in data.items()}
    _check_types(path, profile)
    if "target" in profile and "host" in profile:
        raise InputError(f"The profile {path} sets both 'target' and 'host'; keep one of them.")
    target_text = profile.pop("target", None) or profile.pop("host", None)
    settings = {key.replace("-", "_"): _typed(path, key, value) for key, value in profile.items()}
    return Profile(
        path=path,
        target=target_layer(target_text) if target_text else Layer(),
        settings=Layer(**settings),
    )


def _check_types(path: Path, profile: dict[str, Any]) -> None:
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


def _typed(path: Path, key: str, value: Any) -> Any:
    """A checked profile value as its layer field holds it."""
    if key in PROFILE_PATHS:
        # A vendor's profile names its files beside itself: read them from its folder.
        named = Path(value).expanduser()
        return named if named.is_absolute() else path.parent / named
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    if key == "timeout":
        return float(value)
    return value


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
