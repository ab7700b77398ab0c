"""Client settings files as the clients themselves write them, for the tests to read.

Each writer follows its client's real format: WinSCP's `%XX`-escaped names and values
with the escaped UTF-8 mark, regedit's UTF-16LE `.reg` with a BOM, FileZilla's XML with
folders and length-prefixed remote directories, PuTTY's session files, an ssh config
with Include, Cyberduck's property lists and lftp's tab-separated bookmarks. Every file
may carry a stored password, so the tests can prove that none of it ever comes out.
"""

from __future__ import annotations

import plistlib
from pathlib import Path
from urllib.parse import quote

# A stored password as WinSCP writes it (obfuscated hex) and a plain one: neither may leak.
WINSCP_STORED_PASSWORD = "A35C435B9556B1237C2A1A0D3C3E3D3A3C6D6E726F7D6B6D6F3B3A3D3A3DF4"
PLAIN_STORED_PASSWORD = "Stored-Pw-9xQ7!zz"


def winscp_escape(text: str) -> str:
    """WinSCP's MungeStr: UTF-8 text gets the escaped BOM, then unsafe bytes become %XX."""
    raw = text.encode("utf-8")
    raw = b"\xef\xbb\xbf" + raw if len(raw) > len(text) else text.encode("cp1252")
    safe = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@")
    return "".join(chr(byte) if byte in safe else f"%{byte:02X}" for byte in raw)


def winscp_ini(
    path: Path, sites: dict[str, dict[str, str | int]], copy_param: dict[str, int] | None = None
) -> Path:
    """WinSCP.ini: [Sessions\\<escaped name>] sections with only non-default values."""
    lines = ["[Configuration\\Interface]", "Interface=1", ""]
    for name, values in sites.items():
        lines.append(f"[Sessions\\{winscp_escape(name)}]")
        for key, value in values.items():
            lines.append(f"{key}={winscp_escape(value) if isinstance(value, str) else value}")
        lines.append("")
    if copy_param is not None:
        lines.append("[Configuration\\Interface\\CopyParam]")
        lines += [f"{key}={value}" for key, value in copy_param.items()]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="ascii")
    return path


def reg_file(path: Path, keys: dict[str, dict[str, str | int]]) -> Path:
    """A regedit export: UTF-16LE with BOM, CRLF, dword values, escaped quotes."""
    lines = ["Windows Registry Editor Version 5.00", ""]
    for key, values in keys.items():
        lines.append(f"[HKEY_CURRENT_USER\\{key}]")
        for name, value in values.items():
            if isinstance(value, int):
                lines.append(f'"{name}"=dword:{value:08x}')
            else:
                escaped = value.replace("\\", "\\\\").replace('"', '\\"')
                lines.append(f'"{name}"="{escaped}"')
        lines.append("")
    path.write_bytes("\ufeff".encode("utf-16-le") + "\r\n".join(lines).encode("utf-16-le"))
    return path


def winscp_reg(
    path: Path, sites: dict[str, dict[str, str | int]], copy_param: dict[str, int] | None = None
) -> Path:
    root = "Software\\Martin Prikryl\\WinSCP 2"
    keys: dict[str, dict[str, str | int]] = {f"{root}\\Configuration\\Interface": {"Interface": 1}}
    for name, values in sites.items():
        keys[f"{root}\\Sessions\\{winscp_escape(name)}"] = {
            key: winscp_escape(value) if isinstance(value, str) else value
            for key, value in values.items()
        }
    if copy_param is not None:
        keys[f"{root}\\Configuration\\Interface\\CopyParam"] = dict(copy_param)
    return reg_file(path, keys)


def putty_escape(name: str) -> str:
    raw = name.encode("cp1252")
    return "".join(
        f"%{byte:02X}" if byte in b" \\*?%" or byte < 32 or byte > 126 else chr(byte)
        for byte in raw
    )


def putty_reg(path: Path, sessions: dict[str, dict[str, str | int]]) -> Path:
    root = "Software\\SimonTatham\\PuTTY\\Sessions"
    return reg_file(
        path, {f"{root}\\{putty_escape(name)}": values for name, values in sessions.items()}
    )


def putty_sessions_dir(directory: Path, sessions: dict[str, dict[str, str | int]]) -> Path:
    """~/.putty/sessions/: one file per session, named like the registry key, Key=value lines."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, values in sessions.items():
        text = "".join(f"{key}={value}\n" for key, value in values.items())
        (directory / putty_escape(name)).write_text(text)
    return directory


def filezilla_remote_dir(path: str) -> str:
    """FileZilla's encoding of a Unix path: type 1, no prefix, then length and text per segment."""
    segments = [segment for segment in path.split("/") if segment]
    return " ".join(["1", "0", *(f"{len(s)} {s}" for s in segments)])


def filezilla_server(
    name: str, host: str, port: int, protocol: int, user: str, remote_dir: str = ""
) -> str:
    import base64

    password = base64.b64encode(PLAIN_STORED_PASSWORD.encode()).decode()
    remote = (
        f"<RemoteDir>{filezilla_remote_dir(remote_dir)}</RemoteDir>"
        if remote_dir
        else "<RemoteDir />"
    )
    return (
        "<Server>"
        f"<Host>{host}</Host><Port>{port}</Port><Protocol>{protocol}</Protocol><Type>0</Type>"
        f'<User>{user}</User><Pass encoding="base64">{password}</Pass><Logontype>1</Logontype>'
        "<PasvMode>MODE_DEFAULT</PasvMode><EncodingType>Auto</EncodingType>"
        f"<BypassProxy>0</BypassProxy><Name>{name}</Name><Comments /><Colour>0</Colour>"
        f"<LocalDir />{remote}<SyncBrowsing>0</SyncBrowsing>"
        "<DirectoryComparison>0</DirectoryComparison>"
        "</Server>"
    )


def filezilla_sitemanager(path: Path, body: str) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<FileZilla3 version="3.63.2" platform="windows">\n'
        f"<Servers>{body}</Servers>\n</FileZilla3>\n",
        encoding="utf-8",
    )
    return path


def filezilla_settings(path: Path, settings: dict[str, str]) -> Path:
    rows = "".join(
        f'<Setting name="{name}" type="number">{value}</Setting>'
        for name, value in settings.items()
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.63.2">'
        f'<Settings>{rows}<Setting name="Proxy password">{PLAIN_STORED_PASSWORD}</Setting>'
        "</Settings></FileZilla3>\n",
        encoding="utf-8",
    )
    return path


def cyberduck_bookmark(path: Path, **values: object) -> Path:
    data: dict[str, object] = {
        "Protocol": "sftp",
        "Port": "22",
        "UUID": "0F1B2C3D-0000-4000-8000-000000000001",
    }
    data.update(values)
    with path.open("wb") as handle:
        plistlib.dump(data, handle)
    return path


def lftp_bookmarks(path: Path, bookmarks: dict[str, str]) -> Path:
    path.write_text("".join(f"{name}\t{url}\n" for name, url in bookmarks.items()))
    return path


def url_with_password(scheme: str, user: str, host: str, port: int, folder: str = "") -> str:
    """What lftp saves with bmk:save-passwords on: the password inside the URL."""
    return f"{scheme}://{user}:{quote(PLAIN_STORED_PASSWORD, safe='')}@{host}:{port}/{folder}"
