"""Reasons raised by the SFTP checks: remote_dir, upload and setstat."""

from __future__ import annotations

from sftpcheck.model import Reason, Status
from sftpcheck.reasons.unexpected import unexpected_error

REMOTE_DIR_UNEXPECTED_ERROR = unexpected_error("remote_dir")
UPLOAD_UNEXPECTED_ERROR = unexpected_error("upload")
SETSTAT_UNEXPECTED_ERROR = unexpected_error("setstat")

_REMOTE_DIR_SETTING = (
    "Leave the remote directory blank. In WinSCP, it is in Login, Edit, Advanced. Go to "
    "Environment, then Directories. Clear 'Remote directory'. In FileZilla, open Site "
    "Manager, then Advanced. Clear 'Default remote directory'. In Cyberduck, open the "
    "bookmark, then More Options. Clear 'Path'."
)

REMOTE_DIR_NO_SFTP = Reason(
    code="remote_dir.no_sftp",
    status=Status.FAIL,
    title="The login works, but there is no SFTP service",
    explanation=(
        "The user name and password are right, but the server gives this account no "
        "SFTP service. The account may be set up for something else, or the service "
        "is off."
    ),
    fix=(
        "Send this report to the vendor and ask them to turn on SFTP for this account.",
        "Check that you use the SFTP server name, not a shell or other server.",
    ),
    causes=(
        "The account is not set up for SFTP.",
        "The SFTP part of the server is off.",
    ),
    confirm="The remote_dir check logs in and asks for SFTP, and the server closes it.",
    ask_vendor="Is SFTP turned on for our account?",
)

REMOTE_DIR_ROOT_DENIED = Reason(
    code="remote_dir.root_denied",
    status=Status.FAIL,
    title="The client opens '/', which this account may not open",
    explanation=(
        "The client is set to open the top folder, '/', after login. This account may "
        "not open it, for privacy reasons, so the client stops with an error. The "
        "account works once the client opens the folder it lands in."
    ),
    fix=(
        _REMOTE_DIR_SETTING,
        "Save the site, and connect again.",
    ),
    causes=("The client's remote or default directory is set to '/'.",),
    confirm="The remote_dir check logs in and tries to list '/'. The server says no.",
)

REMOTE_DIR_NOT_FOUND = Reason(
    code="remote_dir.not_found",
    status=Status.FAIL,
    title="The folder set in the client does not exist",
    explanation=(
        "The client is set to open a folder after login, but that folder does not exist "
        "on the server."
    ),
    fix=(
        _REMOTE_DIR_SETTING,
        "If the vendor asked for a folder, copy its name from their guide exactly.",
    ),
    causes=("A typo in the folder name.", "A folder from an old setup that was removed."),
    confirm="The remote_dir check tries to list the folder and the server says it is not there.",
    ask_vendor="Which folder should our files go in?",
)

REMOTE_DIR_DENIED = Reason(
    code="remote_dir.denied",
    status=Status.FAIL,
    title="The folder set in the client may not be opened",
    explanation=(
        "The folder exists, but this account may not open it. The client stops with a "
        "'permission denied' error."
    ),
    fix=(
        _REMOTE_DIR_SETTING,
        "Ask the vendor which folder your account may use.",
    ),
    causes=("The client is set to a folder that belongs to someone else.",),
    confirm="The remote_dir check tries to list the folder and the server says no.",
    ask_vendor="Which folder may our account open?",
)

REMOTE_DIR_TIMEOUT = Reason(
    code="remote_dir.timeout",
    status=Status.FAIL,
    title="The SFTP service did not answer in time",
    explanation=("The login worked, but the SFTP service did not answer within the time limit."),
    fix=(
        "Try again with a longer --timeout.",
        "Send this report to the vendor. Their SFTP service may be stuck.",
    ),
    causes=("An overloaded or stuck server.",),
    confirm="The remote_dir check waits for each SFTP answer until the timeout.",
)

UPLOAD_BAD_FILENAME = Reason(
    code="upload.bad_filename",
    status=Status.FAIL,
    title="The file name is not one the vendor takes",
    explanation=(
        "The vendor only imports files with exact names, such as schools.csv. A file "
        "with any other name, like 'Schools 2024.csv', may arrive but is never read."
    ),
    fix=(
        "Rename the file to the exact name in the vendor's spec: all small letters, no "
        "spaces, no dates or numbers, ending in .csv.",
        "Change the export job in your SIS so it writes that name every night.",
    ),
    causes=(
        "Capital letters, spaces, dates or copy numbers such as '(1)' in the name.",
        "A wrong ending, such as .xlsx or .txt.",
    ),
    confirm="The upload check compares the name with the spec's list before it sends anything.",
)

UPLOAD_DENIED = Reason(
    code="upload.denied",
    status=Status.FAIL,
    title="The server refused to create the file",
    explanation=(
        "The login works and the folder opens, but the server would not let this "
        "account create a file there."
    ),
    fix=(
        "Check that the client uploads to the folder it lands in. Leave the remote "
        "directory blank.",
        "Ask the vendor to give your account write access to its upload folder.",
    ),
    causes=(
        "The account may only read in this folder.",
        "The server's disk or the account's quota is full.",
    ),
    confirm="The upload check tries to create a file and the server says no.",
    ask_vendor="May our account write files in the folder it lands in?",
)

UPLOAD_INCOMPLETE = Reason(
    code="upload.incomplete",
    status=Status.FAIL,
    title="The file on the server is not whole",
    explanation=(
        "The file on the server is not the same size as the file that was sent. Part "
        "of it is missing, so the vendor would import only some of the rows. sftpcheck "
        "removes the broken copy it made; if the server does not let it, the report's "
        "first line says so."
    ),
    fix=(
        "If the report's first line says a broken copy is still on the server, ask the "
        "vendor to delete it before their next import.",
        "Upload the file again.",
        "Ask the vendor if their disk or your quota is full.",
        "Check that nothing changes the file while it uploads.",
    ),
    causes=("A full disk or quota.", "A connection that broke during the upload."),
    confirm="The upload check compares the size on the server with the size sent.",
)

UPLOAD_TIMEOUT = Reason(
    code="upload.timeout",
    status=Status.FAIL,
    title="The server stopped answering during the upload",
    explanation=(
        "The login worked and the folder opened, but the server stopped answering while "
        "the file was sent. Part of the file may be on the server."
    ),
    fix=(
        "Try again with a longer --timeout.",
        "Ask your network team if a firewall or proxy cuts long transfers.",
        "Send this report to the vendor. Their server may be overloaded.",
    ),
    causes=("A slow or overloaded server.", "A firewall or proxy that stalls long transfers."),
    confirm="The upload check waits for each reply from the server until the timeout.",
)

UPLOAD_EXISTS = Reason(
    code="upload.exists",
    status=Status.WARN,
    title="A file of that name is already there; it was left alone",
    explanation=(
        "A file with this name is already on the server. sftpcheck does not replace a "
        "file unless you say so, so nothing was sent."
    ),
    fix=(
        "If you want to replace it, run the check again with --overwrite.",
        "Or upload a file under another spec name.",
        "A part file such as students.csv.filepart: if no upload is under way, delete it, or "
        "ask the vendor to. WinSCP would resume from it, and a newer export resumed there "
        "joins two different files.",
    ),
    causes=(
        "Last night's upload is still on the server.",
        "WinSCP left a part file (students.csv.filepart) when a transfer broke off.",
    ),
    confirm="The upload check looks for the name before it sends anything.",
)

UPLOAD_PROBE_LEFT = Reason(
    code="upload.probe_left",
    status=Status.WARN,
    title="The test file could not be removed",
    explanation=(
        "sftpcheck sent a small test file to prove that uploads work. The server did "
        "not let it remove the file again, so it is still there. No importer reads it."
    ),
    fix=(
        "Ask the vendor to delete the test file named in this report.",
        "Next time, use --upload with a real file, or --no-upload for a read-only check.",
    ),
    causes=("The account may add files but not delete them.",),
    confirm="The upload check tries to remove its own test file and the server says no.",
)

UPLOAD_FILE_PROBLEMS = Reason(
    code="upload.file_problems",
    status=Status.WARN,
    title="The file arrived, but its contents have problems",
    explanation=(
        "The upload worked. But a quick look at the file found problems, such as a wrong "
        "header or a wrong text encoding. The vendor's import may skip the file or some "
        "of its rows."
    ),
    fix=(
        "Run 'sftpcheck files' on the export folder to see each problem and its fix.",
        "Fix the export in your SIS, then upload the file again.",
    ),
    causes=(
        "A header that differs from the spec.",
        "A file saved from a spreadsheet in another encoding.",
    ),
    confirm=(
        "With --upload, the upload check reads the file's encoding and header before it "
        "sends the file."
    ),
)

UPLOAD_BROKEN_FILE = Reason(
    code="upload.broken_file",
    status=Status.FAIL,
    title="The file has errors, so it was not uploaded",
    explanation=(
        "A quick look at the file found errors that would break the vendor's import, "
        "such as an empty file, a wrong header or a missing column. An empty staff file "
        "can even remove all your staff on import. So sftpcheck did not send it."
    ),
    fix=(
        "Run 'sftpcheck files' on the export folder to see each problem and its fix.",
        "Fix the export in your SIS, then run the check again.",
        "To send the file anyway, add --upload-anyway.",
    ),
    causes=(
        "An export that ran before the data was ready.",
        "A header that differs from the spec.",
        "A file saved from a spreadsheet.",
    ),
    confirm=(
        "With --upload, the upload check reads the file's encoding, header and first rows "
        "before it sends anything."
    ),
)

SETSTAT_UNSUPPORTED = Reason(
    code="setstat.unsupported",
    status=Status.WARN,
    title="The server will not set a file's time or permissions",
    explanation=(
        "The file arrived whole. After the upload, some clients try to copy the file's "
        "time and permissions to the server. This server does not allow that, so the "
        "client shows an error even though the upload worked."
    ),
    fix=(
        "WinSCP: open Preferences, then Transfer, then Edit. Clear 'Preserve timestamp' "
        "and 'Set permissions'.",
        "FileZilla: Transfer menu, clear 'Preserve timestamps of transferred files'.",
        "Cyberduck: open Preferences, then Transfers, then Permissions and Timestamps. "
        "Clear both 'Change' boxes for uploads.",
        "OpenSSH sftp or scp: do not use -p.",
    ),
    causes=("A client set to keep the file's time and permissions.",),
    confirm=(
        "With --setstat, the setstat check uploads a file and tries to set its time and "
        "permissions."
    ),
)

REASONS = (
    REMOTE_DIR_UNEXPECTED_ERROR,
    UPLOAD_UNEXPECTED_ERROR,
    SETSTAT_UNEXPECTED_ERROR,
    REMOTE_DIR_NO_SFTP,
    REMOTE_DIR_ROOT_DENIED,
    REMOTE_DIR_NOT_FOUND,
    REMOTE_DIR_DENIED,
    REMOTE_DIR_TIMEOUT,
    UPLOAD_BAD_FILENAME,
    UPLOAD_DENIED,
    UPLOAD_INCOMPLETE,
    UPLOAD_TIMEOUT,
    UPLOAD_EXISTS,
    UPLOAD_PROBE_LEFT,
    UPLOAD_FILE_PROBLEMS,
    UPLOAD_BROKEN_FILE,
    SETSTAT_UNSUPPORTED,
)
