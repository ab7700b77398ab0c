"""Hypothesis strategies for what `check` reads: near-valid, then broken on purpose.

A reader is fuzzed best with input that gets deep into it: each strategy starts from the
shape the real input has (a URL as WinSCP copies it, a profile's settings, a known_hosts
line with the test server's real key, a key file as ssh-keygen writes it), fills its
fields with hostile text (terminal escapes, NUL, half characters, look-alikes, very long
runs), and then sometimes breaks the bytes themselves (cut short, a byte flipped, junk
inserted, re-encoded as UTF-16).

Host names are generated only under `.invalid` (which the fuzzers' name server answers
with NXDOMAIN, or with loopback for `*.loop.invalid`) or as loopback literals; the runs
happen in a namespace holding only `lo` besides.
"""

from __future__ import annotations

import base64
import codecs
import math
from urllib.parse import quote

from hypothesis import strategies as st

# Snippets a hostile file or server carries: OSC 52 writes the clipboard, OSC 0 retitles,
# CSI clears, BEL, NUL, a lone CR that overwrites a line, C1 CSI, a right-to-left override.
HOSTILE = (
    "\x1b]52;c;cm0gLXJmIH4K\x07",
    "\x1b]0;PWNED\x07",
    "\x1b[2J\x1b[H",
    "\x07",
    "\x00",
    "\r",
    "\x9b31m",
    "\u202e",
    "\x7f",
    "\x85",
    "\u2028",
    "%1b%5d%35%32",
    "\ufeff",
    "\udcff",
)
CONTROL_CHARS = "".join(chr(code) for code in (*range(32), 127, *range(0x80, 0xA0)))


def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text a reader must survive: plain words, controls, escapes, any Unicode, long runs."""
    plain = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=max_size
    )
    controls = st.text(alphabet=st.sampled_from(CONTROL_CHARS + "abc:/@.-_ "), max_size=max_size)
    pieces = st.lists(
        st.one_of(st.sampled_from(HOSTILE), plain, controls, st.just("a" * 5000)), max_size=4
    ).map("".join)
    return st.one_of(plain, controls, pieces, st.sampled_from(HOSTILE))


def surrogate_free(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


# --- bytes, broken after the fact ---------------------------------------------------------


@st.composite
def broken(draw: st.DrawFn, data: bytes) -> bytes:
    """`data`, or `data` cut short, with a byte flipped, junk inserted or a line repeated."""
    how = draw(st.sampled_from(["keep", "keep", "cut", "flip", "insert", "repeat", "noise"]))
    if not data or how == "keep":
        return data
    at = draw(st.integers(0, len(data) - 1))
    if how == "cut":
        return data[:at]
    if how == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if how == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
    if how == "repeat":
        return data[:at] + data[at:] * draw(st.integers(2, 50))
    return draw(st.binary(max_size=2000))


@st.composite
def encoded(draw: st.DrawFn, text: str, ascii_only: bool = False) -> bytes:
    """`text` as a Windows or Unix tool might have saved it (UTF-8, BOMs, UTF-16, ANSI)."""
    codec = draw(
        st.sampled_from(
            ["utf-8", "utf-8"]
            if ascii_only
            else ["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
        )
    )
    data = text.encode(codec, "replace" if codec == "cp1252" else "surrogatepass")
    if codec == "utf-16-le" and draw(st.booleans()):
        data = codecs.BOM_UTF16_LE + data
    return draw(broken(data))


# --- hosts and targets (check) ------------------------------------------------------------


def label() -> st.SearchStrategy[str]:
    return st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True)


def safe_host() -> st.SearchStrategy[str]:
    """A host that resolves to nothing, or to loopback only."""
    return st.one_of(
        label().map(lambda name: f"{name}.invalid"),
        label().map(lambda name: f"{name}.loop.invalid"),
        st.sampled_from(["127.0.0.1", "127.0.0.9", "::1", "127.1", "0x7f.1", "2130706433"]),
        st.text(alphabet="äöüßéñ漢字", min_size=1, max_size=5).map(lambda n: f"{n}.invalid"),
        st.tuples(label(), hostile_text(8)).map(lambda p: f"{p[0]}{p[1]}.invalid"),
    )


@st.composite
def targets(draw: st.DrawFn, ports: list[int]) -> str:
    """TARGET in every form the contract names, with hostile users, ports and paths."""
    host = draw(safe_host())
    shown_host = f"[{host}]" if ":" in host else host
    port = draw(st.one_of(st.sampled_from(ports), st.integers(-5, 70000).map(str), hostile_text(6)))
    user = draw(st.one_of(label(), hostile_text(20), st.just("district42:S3cretPw")))
    form = draw(st.sampled_from(["host", "host:port", "user@host", "url", "url-settings", "raw"]))
    if form == "host":
        return host
    if form == "host:port":
        return f"{shown_host}:{port}"
    if form == "user@host":
        return f"{user}@{shown_host}"
    if form == "raw":
        return surrogate_free(draw(hostile_text(80)))
    path = draw(
        st.one_of(
            st.just(""),
            hostile_text(30).map(lambda p: "/" + quote(surrogate_free(p), safe="/~")),
        )
    )
    settings = ""
    if form == "url-settings":
        fingerprint = base64.b64encode(draw(st.binary(min_size=32, max_size=32))).decode()
        settings = draw(
            st.sampled_from(
                [
                    f";fingerprint=ssh-ed25519-{fingerprint.rstrip('=')}",
                    f";fingerprint=ssh-rsa-2048-{fingerprint}",
                    ";x-proxymethod=3",
                    f";{quote(surrogate_free(draw(hostile_text(10))))}",
                ]
            )
        )
    scheme = draw(st.sampled_from(["sftp", "SFTP", "ftp", "scp", "sftp", "sftp"]))
    user = quote(surrogate_free(user), safe="")
    return f"{scheme}://{user}{settings}@{shown_host}:{port}{path}"


# --- profiles ------------------------------------------------------------------------------

PROFILE_STRINGS = ("target", "host", "user", "remote-dir", "expect-fingerprint", "format")
PROFILE_STRINGS += ("site", "client", "proxy")
PROFILE_BOOLS = ("overwrite", "upload-anyway", "no-upload", "setstat")
# Settings that name a file: only plain names, so a fuzzed profile reads and writes nothing
# outside its run's own folder (the profile's folder is where they are looked up).
PROFILE_PATHS = ("key", "upload", "known-hosts", "output", "site-file")


def toml_string(text: str) -> str:
    escaped = "".join(
        f"\\u{ord(c):04x}" if ord(c) < 32 or ord(c) == 127 or c in '"\\' else c
        for c in surrogate_free(text)
    )
    return f'"{escaped}"'


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if math.isfinite(value) else "nan"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
        )
    return toml_string(str(value))


def scalar() -> st.SearchStrategy[object]:
    return st.one_of(
        hostile_text(30), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False)
    )


def _profile_value(draw: st.DrawFn, key: str, ports: list[int]) -> object:
    if key in ("target", "host") and draw(st.booleans()):
        return draw(targets(ports))
    if key in PROFILE_PATHS:
        return draw(st.one_of(label(), label().map(lambda n: f"{n}.pem"), scalar()))
    if key in PROFILE_BOOLS:
        return draw(st.one_of(st.booleans(), scalar()))
    if key == "proxy":
        scheme = draw(st.sampled_from(["http", "socks5", "socks4", "ftp"]))
        return f"{scheme}://{draw(safe_host())}:{draw(st.sampled_from(ports))}"
    return draw(scalar())


@st.composite
def profiles(draw: st.DrawFn, ports: list[int]) -> bytes:
    """A TOML profile: the known settings with fitting or wrong values, unknown keys, junk."""
    keys = draw(st.lists(st.sampled_from(PROFILE_STRINGS + PROFILE_BOOLS + PROFILE_PATHS)))
    items = {key: _profile_value(draw, key, ports) for key in keys}
    if draw(st.booleans()):
        items["port"] = draw(st.one_of(st.sampled_from(ports), scalar()))
    if draw(st.booleans()):
        items["timeout"] = draw(st.one_of(st.floats(0, 2), scalar()))
    for key in ("expect-ip", "resolver", "file-names"):
        if draw(st.integers(0, 4)) == 0:
            items[key] = draw(st.lists(st.one_of(scalar(), st.just("127.0.0.1")), max_size=3))
    if draw(st.integers(0, 5)) == 0:
        items[draw(hostile_text(10)) or "x"] = draw(scalar())
    lines = [f"{toml_string(key)} = {toml_value(value)}" for key, value in items.items()]
    if draw(st.integers(0, 5)) == 0:
        lines.append(draw(st.sampled_from(["[table]", "a.b.c = 1", "x = [[1], {y = 2}]", "="])))
    if draw(st.integers(0, 8)) == 0:
        depth = draw(st.integers(1, 3000))
        lines.append("deep = " + "[" * depth + "]" * depth)
    return draw(encoded("\n".join(lines) + "\n"))


# --- known_hosts and keys -----------------------------------------------------------------


@st.composite
def known_hosts(draw: st.DrawFn, host_key: str, port: int) -> bytes:
    """Lines as OpenSSH writes and reads them: plain, hashed, markers, wildcards, junk."""
    import hashlib
    import hmac

    name = f"[127.0.0.1]:{port}"
    salt = draw(st.binary(min_size=20, max_size=20))
    hashed = base64.b64encode(hmac.new(salt, name.encode(), hashlib.sha1).digest()).decode()
    hashed_name = f"|1|{base64.b64encode(salt).decode()}|{hashed}"
    key_type, key_body = host_key.split()
    other_body = base64.b64encode(base64.b64decode(key_body)[:-4] + b"\x00\x01\x02\x03").decode()
    line = st.one_of(
        st.sampled_from(
            [
                f"{name} {host_key}",
                f"{hashed_name} {host_key}",
                f"@cert-authority {name} {host_key}",
                f"@cert-authority *.invalid,{name} {host_key}",
                f"@revoked {name} {host_key}",
                f"@revoked * {key_type} {other_body}",
                f"{name} {key_type} {other_body}",
                f"!{name},* {host_key}",
                f"[127.0.0.*]:{port} {host_key}",
                f"{name} ssh-rsa AAAA",
                f"{name} {key_type}",
                "# a comment",
                "",
                "@unknown-marker x y z",
                "|1|not-base64|x ssh-ed25519 AAAA",
            ]
        ),
        hostile_text(60).map(surrogate_free),
        st.tuples(st.sampled_from([name, hashed_name, "*"]), hostile_text(20)).map(
            lambda p: f"{p[0]} {key_type} {surrogate_free(p[1])}"
        ),
    )
    text = "\n".join(draw(st.lists(line, max_size=8))) + "\n"
    return draw(encoded(text, ascii_only=draw(st.integers(0, 3)) > 0))


@st.composite
def private_keys(draw: st.DrawFn, real_keys: list[bytes]) -> bytes:
    """A real key file (OpenSSH, PEM, encrypted), broken; or another kind of file."""
    key = draw(st.sampled_from(real_keys))
    how = draw(st.sampled_from(["key", "key", "body", "header", "other"]))
    if how == "body":
        lines = key.splitlines()
        at = draw(st.integers(1, max(1, len(lines) - 2)))
        body = base64.b64encode(draw(st.binary(min_size=1, max_size=400))).decode().encode()
        return b"\n".join([*lines[:at], body, *lines[at + 1 :]]) + b"\n"
    if how == "header":
        header = draw(
            st.sampled_from(
                [
                    b"-----BEGIN OPENSSH PRIVATE KEY-----",
                    b"-----BEGIN RSA PRIVATE KEY-----",
                    b"-----BEGIN EC PRIVATE KEY-----",
                    b"-----BEGIN ENCRYPTED PRIVATE KEY-----",
                    b"-----BEGIN PRIVATE KEY-----",
                    b"PuTTY-User-Key-File-3: ssh-ed25519",
                    b"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----",
                    b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI",
                ]
            )
        )
        return header + b"\n" + draw(st.binary(max_size=300)) + b"\n" + key[-40:]
    if how == "other":
        return draw(encoded(draw(hostile_text(200))))
    return draw(broken(key))
