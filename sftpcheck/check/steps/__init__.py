"""The nine steps of `check`, one module per step id (check/pipeline.py lists them in order).

A step's own helpers sit beside it, named after it (`ssh_stalls.py`, `tcp_proxy.py`); a step
never imports another step's module.
"""

from sftpcheck.net import _skip_invoke  # noqa: F401 - must run before paramiko loads
