"""Integration tests of `sftpcheck check` against the real servers in tests/servers/."""
