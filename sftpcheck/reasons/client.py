"""Reasons raised by the client check (the user's saved site) and the client-like upload."""

from __future__ import annotations

from sftpcheck.model import Reason, Status
from sftpcheck.reasons.unexpected import unexpected_error

CLIENT_UNEXPECTED_ERROR = unexpected_error("client")

CLIENT_PROTOCOL = Reason(
    code="client.protocol",
    status=Status.FAIL,
    title="The saved site does not use SFTP",
    explanation=(
        "The site saved in the client is set to FTP, FTPS, SCP, WebDAV or some other "
        "protocol. The vendor takes files only over SFTP. The client will not connect, or "
        "it will reach the wrong service. The other steps of this report were run over "
        "SFTP, to show if the account works once the site is changed."
    ),
    fix=(
        "Open the saved site in the client. The summary names the setting to change.",
        "Set the protocol to SFTP. Set the port to 22, or the port the vendor gives.",
        "Save the site, and connect again.",
    ),
    causes=(
        "The site was set up for the vendor's old FTP server.",
        "FTP was the client's default choice when the site was made.",
        "FTPS was picked. It sounds like SFTP, but it is a different protocol.",
    ),
    confirm="The client check reads the protocol saved in the site.",
)

CLIENT_PORT = Reason(
    code="client.port",
    status=Status.FAIL,
    title="The saved site uses the wrong port",
    explanation=(
        "The port saved in the site is not the port of the vendor's SFTP server. Port 21 "
        "is for FTP, and SFTP is most often on port 22. The other steps were run on the "
        "right port, to show if the account works once the site is changed."
    ),
    fix=(
        "Open the saved site in the client. The summary names the setting to change.",
        "Set the port to 22, or to the port in the vendor's setup guide.",
        "Save the site, and connect again.",
    ),
    causes=(
        "The site was set up for FTP, which uses port 21.",
        "The port was copied from an old setup guide.",
    ),
    confirm="The client check compares the site's port with the vendor's port.",
)

CLIENT_HOST = Reason(
    code="client.host",
    status=Status.WARN,
    title="The saved site names a different server",
    explanation=(
        "The server name saved in the site is not the one in the vendor's profile. It may "
        "be an old name, a typo, or another name for the same server. The other steps "
        "were run against the name in the site, as the client would use it."
    ),
    fix=(
        "Compare the server name in the site with the vendor's setup guide.",
        "If they differ, copy the name from the guide into the site, and save it.",
    ),
    causes=(
        "The vendor moved to a new server name.",
        "The name was typed by hand with a typo.",
    ),
    confirm="The client check compares the site's host name with the profile's host.",
)

CLIENT_REMOTE_DIR_ROOT = Reason(
    code="client.remote_dir_root",
    status=Status.FAIL,
    title="The saved site opens '/' after login",
    explanation=(
        "The site tells the client to open the top folder, '/', after login. On most "
        "vendor servers an account may not open '/'. The login works, but the client "
        "then stops with an error such as 'Permission denied'."
    ),
    fix=(
        "Open the saved site in the client. The summary names the setting to change.",
        "Clear the remote directory, so that the client opens the folder it lands in.",
        "Save the site, and connect again.",
    ),
    causes=("Someone typed '/' into the remote directory box.",),
    confirm="The client check reads the remote directory saved in the site.",
)

CLIENT_PRESERVE_TIMESTAMP = Reason(
    code="client.preserve_timestamp",
    status=Status.WARN,
    title="The client sets the file time after each upload",
    explanation=(
        "The client is set to copy each file's time or permissions to the server after "
        "the upload. WinSCP does this by default. Many vendor servers refuse it. The file "
        "is then on the server, but the client shows an error, and a script may stop."
    ),
    fix=(
        "Turn off the setting the summary names, and save it.",
        "If the vendor's server lets a client set times, you may keep it on.",
    ),
    causes=("WinSCP turns on 'Preserve timestamp' by default.",),
    confirm="The client check reads the client's transfer settings.",
)

CLIENT_TEMPORARY_NAME = Reason(
    code="client.temporary_name",
    status=Status.WARN,
    title="The client uploads under a temporary name",
    explanation=(
        "The client first saves the file under another name, such as "
        "'students.csv.filepart'. Then it renames the file when the upload is done. Some "
        "vendor servers do not allow a rename. Others may pick up the file under the "
        "wrong name, or not at all."
    ),
    fix=(
        "Ask the vendor if the server allows a rename.",
        "If it does not, turn off the setting the summary names, and save it.",
    ),
    causes=("WinSCP does this by default for files of 100 KB or more.",),
    confirm="The client check reads the client's transfer settings.",
    ask_vendor="Does the server let a client rename a file it just uploaded?",
)

UPLOAD_RENAME_DENIED = Reason(
    code="upload.rename_denied",
    status=Status.FAIL,
    title="The server refused to rename the uploaded file",
    explanation=(
        "The client uploaded the file under a temporary name, as it is set to do. Then the "
        "server refused to give the file its real name. The vendor will not find the "
        "file under the name it expects."
    ),
    fix=(
        "Turn off upload to a temporary name in the client. The summary names the setting.",
        "Or ask the vendor to allow a rename in the upload folder.",
    ),
    causes=(
        "The account may add files, but not rename them.",
        "The server moves new files away as soon as they arrive.",
    ),
    confirm="The upload check uploads under the temporary name, then asks for the rename.",
    ask_vendor="May our account rename a file in the upload folder?",
)

REASONS = (
    CLIENT_UNEXPECTED_ERROR,
    CLIENT_PROTOCOL,
    CLIENT_PORT,
    CLIENT_HOST,
    CLIENT_REMOTE_DIR_ROOT,
    CLIENT_PRESERVE_TIMESTAMP,
    CLIENT_TEMPORARY_NAME,
    UPLOAD_RENAME_DENIED,
)
