"""sftpcheck: why an SFTP upload to a data vendor does not work, in plain language."""

__version__ = "0.1.0"
