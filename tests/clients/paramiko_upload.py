"""A district's nightly upload script, written the way paramiko's docs show: SSHClient.

Usage: python paramiko_upload.py HOST PORT USER KNOWN_HOSTS REMOTE_DIR ACTION [KEY]
The password, if any, comes from the environment (CLIENT_PASSWORD), never argv. On a
failure the script does not catch anything: the traceback is what its user pastes.
"""

import os
import sys

import paramiko

host, port, user, known_hosts, remote_dir, action = sys.argv[1:7]
key = sys.argv[7] if len(sys.argv) > 7 else None
client = paramiko.SSHClient()
client.load_host_keys(known_hosts)
client.set_missing_host_key_policy(paramiko.RejectPolicy())
client.connect(
    host,
    int(port),
    username=user,
    password=os.environ.get("CLIENT_PASSWORD"),
    key_filename=key,
    timeout=8,
    banner_timeout=8,
    auth_timeout=8,
    allow_agent=False,
    look_for_keys=False,
)
sftp = client.open_sftp()
sftp.chdir(remote_dir)
if action == "list":
    print(sftp.listdir("."))
else:
    sftp.put("students.csv", "students.csv")
    if action == "upload_preserve":
        sftp.utime("students.csv", (1577836800, 1577836800))
client.close()
