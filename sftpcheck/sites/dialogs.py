"""Where each setting is in each client's own dialogs, named as the client names it."""

from __future__ import annotations

from sftpcheck.sites.model import Client

# Setting keys: protocol, port, host, remote_dir, preserve_timestamp, temporary_name, proxy.
SETTINGS: dict[Client, dict[str, str]] = {
    Client.WINSCP: {
        "protocol": "In WinSCP's Login dialog, select the site, click Edit, and set "
        "'File protocol' to SFTP",
        "port": "In WinSCP's Login dialog, select the site, click Edit, and set 'Port number'",
        "host": "In WinSCP's Login dialog, select the site, click Edit, and set 'Host name'",
        "remote_dir": "In WinSCP's Login dialog, select the site, click Edit, then Advanced, "
        "Environment, Directories, and clear 'Remote directory'",
        "preserve_timestamp": "In WinSCP, open Options, Preferences, Transfer, click Edit, "
        "and clear 'Preserve timestamp' (and 'Set permissions'), or tick 'Ignore permission "
        "errors'",
        "temporary_name": "In WinSCP, open Options, Preferences, Transfer, Endurance, and "
        "set 'Enable transfer resume/transfer to temporary filename for' to 'Disable'",
        "proxy": "In WinSCP's Login dialog, click Edit, then Advanced, Connection, Proxy",
    },
    Client.FILEZILLA: {
        "protocol": "In FileZilla's Site Manager, select the site, and on the General tab set "
        "'Protocol' to 'SFTP - SSH File Transfer Protocol'",
        "port": "In FileZilla's Site Manager, select the site, and on the General tab set 'Port'",
        "host": "In FileZilla's Site Manager, select the site, and on the General tab set 'Host'",
        "remote_dir": "In FileZilla's Site Manager, select the site, and on the Advanced tab "
        "clear 'Default remote directory'",
        "preserve_timestamp": "In FileZilla's Transfer menu, clear 'Preserve timestamps of "
        "transferred files'",
        "temporary_name": "FileZilla does not upload under a temporary name",
        "proxy": "In FileZilla, open Edit, Settings, Connection, Generic proxy",
    },
    Client.PUTTY: {
        "protocol": "In PuTTY, load the session, and on the Session page set 'Connection "
        "type' to SSH",
        "port": "In PuTTY, load the session, set 'Port' on the Session page, and save it",
        "host": "In PuTTY, load the session, set 'Host Name' on the Session page, and save it",
        "remote_dir": "psftp has no saved remote directory; check the 'cd' in your script",
        "preserve_timestamp": "psftp does not set times after an upload",
        "temporary_name": "psftp does not upload under a temporary name",
        "proxy": "In PuTTY, load the session, and open Connection, Proxy",
    },
    Client.OPENSSH: {
        "protocol": "OpenSSH's sftp always uses SFTP",
        "port": "In ~/.ssh/config, set 'Port' in this Host block",
        "host": "In ~/.ssh/config, set 'HostName' in this Host block",
        "remote_dir": "sftp has no saved remote directory; check the 'cd' in your batch file",
        "preserve_timestamp": "Use 'put' without -p, and run sftp without -p",
        "temporary_name": "sftp does not upload under a temporary name",
        "proxy": "In ~/.ssh/config, see 'ProxyJump' or 'ProxyCommand' in this Host block",
    },
    Client.CYBERDUCK: {
        "protocol": "In Cyberduck, open the bookmark (Edit Bookmark) and choose 'SFTP (SSH "
        "File Transfer Protocol)'",
        "port": "In Cyberduck, open the bookmark (Edit Bookmark) and set 'Port'",
        "host": "In Cyberduck, open the bookmark (Edit Bookmark) and set 'Server'",
        "remote_dir": "In Cyberduck, open the bookmark (Edit Bookmark), then More Options, and "
        "clear 'Path'",
        "preserve_timestamp": "In Cyberduck's Preferences, Transfers, Permissions and "
        "Timestamps, clear the upload options",
        "temporary_name": "In Cyberduck's Preferences, Transfers, Upload, clear 'Upload with "
        "temporary filename'",
        "proxy": "Cyberduck uses the system's proxy settings",
    },
    Client.LFTP: {
        "protocol": "In lftp's bookmarks file, start the URL with sftp://",
        "port": "In lftp's bookmarks file, set the port in the URL (sftp://user@host:22/)",
        "host": "In lftp's bookmarks file, set the host in the URL",
        "remote_dir": "In lftp's bookmarks file, remove the folder at the end of the URL",
        "preserve_timestamp": "In lftp, upload with 'put', which sets no times",
        "temporary_name": "In lftp, run 'set xfer:use-temp-file no'",
        "proxy": "In lftp, see the 'sftp:connect-program' setting",
    },
}


# Clients that set the file's time after an upload but carry on silently when the server
# refuses (lftp's put: FSETSTAT refused, exit 0): for them it is not a problem.
IGNORES_SETSTAT_REFUSAL = frozenset({Client.LFTP})


def where_to_change(client: Client, setting: str) -> str:
    return SETTINGS[client][setting]
