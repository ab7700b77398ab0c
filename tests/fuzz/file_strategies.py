"""Hypothesis strategies for the local files sftpcheck reads: saved sites, exports, pastes.

Each starts from the shape the real file has (a WinSCP.ini section, regedit's UTF-16 .reg,
FileZilla's XML, an ssh config, a Cyberduck property list, lftp's bookmarks, a CSV with
the spec's header, a zip of them, a client's error message) and fills it with the hostile
text and broken bytes of tests/fuzz/strategies.py.
"""

from __future__ import annotations

import codecs
import io
import sys
import zipfile
from collections.abc import Callable

from hypothesis import strategies as st

from tests.fuzz.strategies import broken, encoded, hostile_text, safe_host, surrogate_free

# --- saved sites, one shape per client ----------------------------------------------------


def _site_values(draw: st.DrawFn, ports: list[int]) -> dict[str, str]:
    return {
        "name": draw(hostile_text(30)) or "s",
        "host": draw(st.one_of(safe_host(), hostile_text(40))),
        "port": draw(st.one_of(st.sampled_from([str(p) for p in ports]), hostile_text(6))),
        "user": draw(hostile_text(20)),
        "dir": draw(hostile_text(30)),
        "number": str(draw(st.integers(-(2**40), 2**40))),
    }


def _winscp_escape(text: str) -> str:
    raw = surrogate_free(text).encode("utf-8")
    safe = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@")
    return "".join(chr(b) if b in safe else f"%{b:02X}" for b in raw)


def _reg_quote(text: str) -> str:
    return surrogate_free(text).replace("\\", "\\\\").replace('"', '\\"')


@st.composite
def winscp_ini(draw: st.DrawFn, ports: list[int]) -> bytes:
    lines = ["[Configuration\\Interface]", "Interface=1"]
    for _ in range(draw(st.integers(0, 3))):
        v = _site_values(draw, ports)
        escape = _winscp_escape if draw(st.booleans()) else surrogate_free
        lines += [
            f"[Sessions\\{escape(v['name'])}]",
            f"HostName={escape(v['host'])}",
            f"PortNumber={v['port'] if draw(st.booleans()) else v['number']}",
            f"UserName={escape(v['user'])}",
            f"RemoteDirectory={escape(v['dir'])}",
            f"FSProtocol={draw(st.integers(-3, 9))}",
            f"PreserveTime={draw(st.integers(-1, 2))}",
            "Password=A35C435B9556B1237C2A1A0D3C3E3D3A",
        ]
    return draw(encoded("\r\n".join(lines) + "\r\n"))


@st.composite
def reg_export(draw: st.DrawFn, ports: list[int]) -> bytes:
    """regedit's .reg for WinSCP or PuTTY, usually UTF-16 with a mark (then broken)."""
    putty = draw(st.booleans())
    root = "Software\\SimonTatham\\PuTTY" if putty else "Software\\Martin Prikryl\\WinSCP 2"
    lines = ["Windows Registry Editor Version 5.00", ""]
    for _ in range(draw(st.integers(0, 3))):
        v = _site_values(draw, ports)
        lines += [
            f"[HKEY_CURRENT_USER\\{root}\\Sessions\\{_winscp_escape(v['name'])}]",
            f'"HostName"="{_reg_quote(v["host"])}"',
            f'"PortNumber"=dword:{draw(st.integers(0, 2**32 - 1)):08x}',
            f'"UserName"="{_reg_quote(v["user"])}"',
            f'"RemoteDirectory"="{_reg_quote(v["dir"])}"',
            '"Protocol"="ssh"' if putty else f'"FSProtocol"=dword:{draw(st.integers(0, 9)):08x}',
            '"Bin"=hex:01,02,\\',
            "  03,04",
            "",
        ]
    text = "\r\n".join(lines)
    if draw(st.integers(0, 3)) == 0:
        return draw(broken(text.encode("cp1252", "replace")))
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    if draw(st.booleans()):
        data += b"\x41"  # half a UTF-16 character at the end
    return draw(broken(data))


def _xml(text: str) -> str:
    return surrogate_free(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def sitemanager_xml(draw: st.DrawFn, ports: list[int]) -> bytes:
    servers = []
    for _ in range(draw(st.integers(0, 3))):
        v = _site_values(draw, ports)
        escape = _xml if draw(st.integers(0, 4)) else surrogate_free
        segments = [s for s in v["dir"].split("/") if s]
        remote = " ".join(["1", "0", *(f"{len(s)} {s}" for s in segments)])
        if draw(st.booleans()):
            remote = f"1 0 {draw(st.integers(-5, 99))} {v['dir']}"
        servers.append(
            f"<Server><Host>{escape(v['host'])}</Host><Port>{escape(v['port'])}</Port>"
            f"<Protocol>{draw(st.integers(-1, 9))}</Protocol><User>{escape(v['user'])}</User>"
            f'<Pass encoding="base64">UzNjcmV0</Pass><Name>{escape(v["name"])}</Name>'
            f"<RemoteDir>{escape(remote)}</RemoteDir></Server>"
        )
    body = "".join(servers)
    # Folders in folders: one, a few, and deeper than any Site Manager (a recursive walk
    # of them once ended in a RecursionError).
    for _ in range(draw(st.sampled_from([0, 1, 3, 150, 3000]))):
        body = f"<Folder>{_xml(draw(hostile_text(3)))}{body}</Folder>"
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.63.2">'
        f"<Servers>{body}</Servers></FileZilla3>\n"
    )
    if draw(st.integers(0, 6)) == 0:  # entity expansion: expat limits it
        text = (
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            "<FileZilla3><Servers><Server><Host>&c;</Host></Server></Servers></FileZilla3>"
        )
    return draw(encoded(text))


@st.composite
def ssh_config(draw: st.DrawFn, ports: list[int]) -> bytes:
    """An ssh config with Host blocks, Match lines in every spelling, Includes of itself."""
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        v = _site_values(draw, ports)
        keyword = draw(st.sampled_from(["Host", "host", "Host=", "Match", "Match=", "match all"]))
        lines += [
            f"{keyword} {surrogate_free(v['name'])}",
            f"  HostName {surrogate_free(v['host'])}",
            f"  Port {v['port']}",
            f"  User={surrogate_free(v['user'])}",
            f"  IdentityFile {surrogate_free(v['dir'])}",
            draw(
                st.sampled_from(
                    [
                        "  ProxyJump x.invalid",
                        "  ProxyCommand nc -X connect -x p.invalid:3128 %h %p",
                        '  Match exec "touch RAN"',
                        "Match=exec touch RAN",
                        "  Include config",
                        "  Include *",
                        f"  {surrogate_free(draw(hostile_text(20)))}",
                    ]
                )
            ),
        ]
    return draw(encoded("\n".join(lines) + "\n", ascii_only=draw(st.booleans())))


@st.composite
def duck_bookmark(draw: st.DrawFn, ports: list[int]) -> bytes:
    import plistlib

    v = _site_values(draw, ports)
    data: dict[str, object] = {
        "Protocol": draw(st.sampled_from(["sftp", "ftp", "s3", surrogate_free(v["name"])])),
        "Hostname": surrogate_free(v["host"]),
        "Port": draw(st.one_of(st.just(v["port"]), st.integers(-9, 99999))),
        "Nickname": surrogate_free(v["name"]),
        "Username": surrogate_free(v["user"]),
        "Path": surrogate_free(v["dir"]),
    }
    if draw(st.booleans()):
        data["Private Key File Dictionary"] = {"Path": surrogate_free(v["dir"])}
    # Arrays in arrays, as deep as a binary property list is read by recursion.
    nested: list[object] = []
    for _ in range(draw(st.sampled_from([0, 2, 3000]))):
        nested = [nested]
    data["Nested"] = nested
    as_binary = draw(st.booleans())
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))  # plistlib writes by recursion too
    try:
        raw = plistlib.dumps(data, fmt=plistlib.FMT_BINARY if as_binary else plistlib.FMT_XML)
    except (ValueError, TypeError, OverflowError):  # XML cannot carry control characters
        raw = plistlib.dumps({"Hostname": "a.invalid"})
    finally:
        sys.setrecursionlimit(limit)
    return draw(broken(raw))


@st.composite
def lftp_bookmarks(draw: st.DrawFn, ports: list[int]) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        v = _site_values(draw, ports)
        scheme = draw(st.sampled_from(["sftp", "ftp", "fish", "", "x"]))
        url = f"{scheme}://{v['user']}:pw@{v['host']}:{v['port']}/{v['dir']}"
        lines.append(f"{surrogate_free(v['name'])}\t{surrogate_free(url)}")
    return draw(encoded("\n".join(lines) + "\n"))


# client -> (file name, strategy): the name is how `sites` would also recognise it.
SITE_FILES: dict[str, tuple[str, Callable[[list[int]], st.SearchStrategy[bytes]]]] = {
    "winscp-ini": ("WinSCP.ini", winscp_ini),
    "reg": ("export.reg", reg_export),
    "filezilla": ("sitemanager.xml", sitemanager_xml),
    "openssh": ("config", ssh_config),
    "cyberduck": ("site.duck", duck_bookmark),
    "lftp": ("bookmarks", lftp_bookmarks),
}
SITE_CLIENTS = {
    "winscp-ini": "winscp",
    "reg": "winscp",
    "filezilla": "filezilla",
    "openssh": "openssh",
    "cyberduck": "cyberduck",
    "lftp": "lftp",
}


# --- CSV exports and zips (files) ---------------------------------------------------------

SPEC_FILES = {
    "schools.csv": ["school_id", "school_name"],
    "students.csv": ["student_id", "school_id", "first_name", "last_name", "grade"],
    "staff.csv": ["staff_id", "school_id", "first_name", "last_name", "email", "phone"],
    "parents.csv": ["parent_id", "student_id", "first_name", "last_name", "email", "phone"],
    "sections.csv": ["section_id", "school_id", "staff_id", "section_name"],
    "rosters.csv": ["section_id", "student_id"],
}


def _csv_field(draw: st.DrawFn) -> str:
    value = draw(
        st.one_of(
            st.from_regex(r"0*[0-9]{1,6}", fullmatch=True),
            st.sampled_from(["1.23457E+11", "12-Mar", " 42 ", "42\u00a0", "\u200b7", "K", "13"]),
            hostile_text(20),
        )
    )
    value = surrogate_free(value)
    if draw(st.integers(0, 3)) == 0 or any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


@st.composite
def csv_file(draw: st.DrawFn, columns: list[str]) -> bytes:
    header = list(columns)
    if draw(st.integers(0, 3)) == 0:
        header = draw(st.permutations(columns))
        header = [
            draw(st.sampled_from([name, name.upper(), name.replace("_", " "), name + " "]))
            for name in header
        ]
    rows = [",".join(header)]
    for _ in range(draw(st.integers(0, 6))):
        width = len(header) + draw(st.sampled_from([0, 0, 0, -1, 1]))
        rows.append(",".join(_csv_field(draw) for _ in range(max(width, 0))))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ending.join(rows) + draw(st.sampled_from([ending, ""]))
    if draw(st.integers(0, 10)) == 0:
        text += '"' + "x" * 140_000 + '"' + ending  # longer than csv.field_size_limit()
    return draw(encoded(text))


@st.composite
def export_files(draw: st.DrawFn) -> dict[str, bytes]:
    """Some of the spec's files, near-valid then broken, and a stray file or two."""
    chosen = draw(st.lists(st.sampled_from(sorted(SPEC_FILES)), unique=True, max_size=6))
    files = {name: draw(csv_file(SPEC_FILES[name])) for name in chosen}
    if draw(st.integers(0, 3)) == 0:
        stray = draw(st.sampled_from(["Students (1).csv", "staff.CSV", "x.csv", "manifest.csv"]))
        files[stray] = draw(st.binary(max_size=300))
    return files


@st.composite
def zipped(draw: st.DrawFn, files: dict[str, bytes]) -> bytes:
    """The files as a zip: at the top, in a folder, with odd names; then maybe broken."""
    buffer = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    folder = draw(st.sampled_from(["", "", "", "export/", "../", "/abs/", "a\\b\\"]))
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(folder + name, data)
        if draw(st.integers(0, 4)) == 0:
            name = surrogate_free(draw(hostile_text(20))).replace("\x00", "")
            archive.writestr(name.strip("/") or "x", b"a,b\n")
    return draw(broken(buffer.getvalue()))


# --- explain's pasted text ----------------------------------------------------------------

CLIENT_MESSAGES = (
    "Network error: Connection timed out",
    "Permission denied (password).",
    "Permission denied (publickey,password).",
    "Received disconnect from 203.0.113.7 port 22:2: Too many authentication failures",
    "Error listing directory '/'.\nPermission denied.\nError code: 3",
    "Cannot change timestamp of /upload/students.csv",
    "FATAL ERROR: Network error: Connection refused",
    "status: Connecting to sftp.vendor.invalid...\nError: Could not connect to server",
    "ssh: connect to host sftp.vendor.invalid port 22: No route to host",
    "Host key verification failed.",
    "auth.rejected",
    "upload.incomplete",
)


@st.composite
def pasted_logs(draw: st.DrawFn) -> bytes:
    """What a user pastes: real client messages, hostile bytes, UTF-16, binary junk."""
    parts = draw(
        st.lists(st.one_of(st.sampled_from(CLIENT_MESSAGES), hostile_text(80)), max_size=6)
    )
    text = draw(st.sampled_from(["\n", "\r\n", " "])).join(parts)
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=4000))
    return draw(encoded(text))
