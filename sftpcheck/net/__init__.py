"""The wire: name lookup, sockets, proxies, the SSH transport and the SFTP client.

Everything here returns plain values (addresses, bytes heard, errors); the steps in
check/steps/ judge them. Nothing here imports check/, reasons/ or render/.
"""

from sftpcheck.net import _skip_invoke  # noqa: F401 - must run before paramiko loads
