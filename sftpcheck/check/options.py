"""The settled options of one `check` run, after TARGET, profile and flags are merged."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sftpcheck.check.site import SiteUse
from sftpcheck.model import Secret
from sftpcheck.net.proxy import Proxy
from sftpcheck.sites.model import Client

if TYPE_CHECKING:
    import paramiko

# The file names a typical school-data vendor imports; a profile may replace the list.
DEFAULT_FILE_NAMES = (
    "schools.csv",
    "students.csv",
    "staff.csv",
    "parents.csv",
    "sections.csv",
    "rosters.csv",
)


@dataclass(frozen=True)
class CheckOptions:
    """Everything the checks need to know, settled and validated."""

    host: str
    port: int = 22
    username: str | None = None
    password: Secret | None = None
    private_key: paramiko.PKey | None = None
    # The key's passphrase, if it asked for one: never sent, but masked all the same.
    passphrase: Secret | None = None
    key_path: Path | None = None
    remote_dir: str | None = None
    upload: Path | None = None
    overwrite: bool = False
    # Send an --upload file even though its own checks found errors in it.
    upload_anyway: bool = False
    no_upload: bool = False
    setstat: bool = False
    expect_ips: tuple[str, ...] = ()
    expect_fingerprint: str | None = None
    known_hosts: Path | None = None
    resolvers: tuple[tuple[str, int], ...] = ()
    timeout: float = 10.0
    file_names: tuple[str, ...] = DEFAULT_FILE_NAMES
    # Where the hosts file lives; tests and network namespaces point it elsewhere.
    hosts_file: Path | None = None
    # --site: the saved client site these options came from (the client check judges it).
    site: SiteUse | None = None
    # --client, or the site's client: whose way of uploading the upload step imitates.
    imitate: Client | None = None
    # Reach the server through this proxy (--proxy), as the district's client does.
    proxy: Proxy | None = None

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value of the run: each is masked in every outside text it quotes."""
        proxy_password = self.proxy.password if self.proxy else None
        candidates = (self.password, self.passphrase, proxy_password)
        return tuple(s.reveal() for s in candidates if s is not None and s.reveal())
