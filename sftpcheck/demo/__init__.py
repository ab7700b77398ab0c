"""`sftpcheck demo`: an embedded SFTP server on loopback, and the common failures it shows."""
