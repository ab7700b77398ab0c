"""Real servers the tests talk to: OpenSSH sshd, FTP, DNS, misbehaving TCP servers, namespaces.

Every server here listens only on 127.0.0.0/8 or ::1 (or inside a network namespace the
tests create), is started by a fixture and is stopped, with its files and accounts removed,
when the fixture ends, also when a test fails.
"""
