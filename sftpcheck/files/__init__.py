"""`sftpcheck files`: check the CSV exports against the vendor's spec before the upload."""

from __future__ import annotations

from sftpcheck.files.check import check_directory, check_single_file
from sftpcheck.files.finding import FilesReport, Finding, Severity
from sftpcheck.files.spec import FileSpec, Link, Spec, load_spec

__all__ = [
    "FileSpec",
    "FilesReport",
    "Finding",
    "Link",
    "Severity",
    "Spec",
    "check_directory",
    "check_single_file",
    "load_spec",
]
