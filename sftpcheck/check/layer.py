"""What one source says about a check run: the command line's flags, TARGET, a saved site,
or a --profile file. Each becomes a Layer of the same type, None where it says nothing;
settings.settle() stacks them, strongest first, as git and pip stack their configuration
files and click's default_map sits under the typed options.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Layer:
    """The check settings one source gives; None means this source does not say.

    The names are the long options' (`--remote-dir` is `remote_dir`), as a profile's keys.
    """

    host: str | None = None
    port: int | None = None
    user: str | None = None
    key: Path | None = None
    remote_dir: str | None = None
    upload: Path | None = None
    overwrite: bool | None = None
    upload_anyway: bool | None = None
    no_upload: bool | None = None
    setstat: bool | None = None
    expect_ip: tuple[str, ...] | None = None
    expect_fingerprint: str | None = None
    known_hosts: Path | None = None
    resolver: tuple[str, ...] | None = None
    timeout: float | None = None
    format: str | None = None
    output: Path | None = None
    file_names: tuple[str, ...] | None = None
    site: str | None = None
    site_file: Path | None = None
    client: str | None = None
    proxy: str | None = None
