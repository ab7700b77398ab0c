"""Where the messages' wordings come from: the repositories and documents, named once."""

OPENSSH_REPO = "github.com/openssh/openssh-portable"
WINSCP_TEXTS = "github.com/winscp/winscp source/resource/TextsCore1.rc"
PUTTY_NET = "PuTTY windows/network.c (as bundled in github.com/winscp/winscp source/putty/)"
PUTTY_SSH = "PuTTY ssh/ (as bundled in github.com/winscp/winscp source/putty/ssh/)"
FILEZILLA_SOURCE = "FileZilla 3 source (read at github.com/FreezeTwist/FileZilla-noupdate)"
CYBERDUCK_SOURCE = "github.com/iterate-ch/cyberduck "
CYBERDUCK_EXCEPTIONS = (
    "github.com/iterate-ch/cyberduck core/src/main/java/ch/cyberduck/core/exception/"
)
SSHNET = "github.com/sshnet/SSH.NET src/Renci.SshNet/ (the library inside Posh-SSH)"
WINSOCK_DOCS = (
    "Windows system message for a Winsock error (FormatMessage), as Microsoft lists it in "
    "github.com/MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--9000-11999-.md"
)
TNC_DOCS = "https://learn.microsoft.com/en-us/powershell/module/nettcpip/test-netconnection"
JSCH_SOURCE = "github.com/mwiede/jsch src/main/java/com/jcraft/jsch/"
SSHJ_SOURCE = "github.com/hierynomus/sshj src/main/java/net/schmizz/sshj/"
CURL_REPO = "github.com/curl/curl"
LFTP_SOURCE = "github.com/lavv17/lftp src/"
PARAMIKO_SOURCE = "github.com/paramiko/paramiko paramiko/"
SEEN = "printed in the harness's run, tests/clients/fixtures/"
GLIBC = "glibc's gai_strerror text"
LINUX_PAM_REPO = "github.com/linux-pam/linux-pam"
# Windows OpenSSH: Microsoft's port, whose words are OpenSSH's (its errno texts are
# Windows' own where they differ).
OPENSSH_WINDOWS = "github.com/PowerShell/openssh-portable"
WINDOWS_SAME = f"; Windows OpenSSH prints the same ({OPENSSH_WINDOWS} "
POSH_SSH_SOURCE = "github.com/darkoperator/Posh-SSH Source/PoshSSH/PoshSSH/"
