"""A server or a proxy that says the password back: the report shows it masked, and only it.

Every text from a server, a proxy or a file is masked where a secret of the run appears in
it: as a substring, or as a word of its own for a password of one or two characters (a
password `a` must not shred the server's sentences). sftpcheck's own words are never
masked: with the password `upload` or `a`, "Uploaded 4096 bytes" stays whole.

Against the paramiko server of tests/servers/quirky_sftp.py, which echoes the password in
its login banner and in every SFTP error status, and a proxy that quotes the request's
headers (`Proxy-Authorization` among them) in its 403 answer. The password goes in the
environment, not through the Runner's own check: a password `a` is in every report.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.check.run import CheckRun, Runner, assert_stops_at
from tests.servers.proxies import echoing_http_proxy
from tests.servers.quirky_sftp import QuirkySftpServer

FORMATS = ("text", "markdown", "json")
MASK = "********"
# Words of sftpcheck's own sentences, short ones, and ones found nowhere else.
PASSWORDS = ("upload", "22", "a", "S3cretPw", "Kiwi S3cret/Pw+")
NOWHERE_ELSE = ("S3cretPw", "Kiwi S3cret/Pw+")


def _encoded(user: str, password: str) -> set[str]:
    """The forms a password is sent or echoed in, other than as typed."""
    basic = base64.b64encode(f"{user}:{password}".encode()).decode()
    forms = {basic, basic.rstrip("="), quote(password, safe=""), quote(password)}
    return forms - {password}


def _flat(text: str) -> str:
    """The text as one line, without Markdown's escapes: a wrapped or escaped echo counts."""
    return " ".join(text.replace("\\", "").split())


def _echo_run(
    sftpcheck: Runner, server: QuirkySftpServer, output_format: str, report: Path
) -> CheckRun:
    return sftpcheck(
        "127.0.0.1", "--port", str(server.port), "--user", server.username,
        "--expect-fingerprint", server.fingerprint, "--timeout", "5", "--setstat",
        "--output", str(report),
        output_format=output_format,
        env={"SFTPCHECK_PASSWORD": server.password},
    )  # fmt: skip


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("password", PASSWORDS)
def test_a_password_the_server_echoes_is_masked_and_only_there(
    sftpcheck: Runner,
    quirky_sftp: Callable[..., QuirkySftpServer],
    tmp_path: Path,
    password: str,
    output_format: str,
) -> None:
    server = quirky_sftp(password=password, echo_password=("banner", "status"))
    report = tmp_path / f"report.{output_format}"
    run = _echo_run(sftpcheck, server, output_format, report)
    # The setstat step quotes the echoing status; the login passed, the rest works.
    assert run.exit_code == 0, run.describe()
    said_back = {f"Hello {password} :", f"[{password}]", *_encoded(server.username, password)}
    if len(password) > 2:
        said_back.add(f"xx{password}yy")
    if password in NOWHERE_ELSE:
        said_back.add(password)
    for text in (run.stdout, run.stderr, report.read_text()):
        for said in said_back:
            assert said not in text, (said, text[-3000:])
            assert said not in _flat(text), (said, text[-3000:])
    for text in (run.stdout, report.read_text()):
        flat = _flat(text)
        # What the server said is shown, masked where the password was.
        assert f"Hello {MASK} : [{MASK}]" in flat, text[-3000:]
        if len(password) <= 2:
            # A short password inside a longer word is left: masking it would shred words.
            assert f"xx{password}yy" in flat, text[-3000:]
        # sftpcheck's own words stay whole.
        assert "Uploaded 4096 bytes to" in flat, text[-3000:]
        assert "Logged in as district with the password." in flat, text[-3000:]
        if output_format != "json":  # the reason's title, in the text and Markdown reports
            assert "The server will not set a file's time or permissions" in flat, text[-3000:]


@pytest.mark.parametrize("password", PASSWORDS)
def test_each_field_a_server_fills_is_masked(
    sftpcheck: Runner,
    quirky_sftp: Callable[..., QuirkySftpServer],
    tmp_path: Path,
    password: str,
) -> None:
    """Where each echo lands in the JSON report: the banner, the status, the landing folder."""
    server = quirky_sftp(password=password, echo_password=("banner", "status"))
    run = _echo_run(sftpcheck, server, "json", tmp_path / "report.json")
    glued = f"xx{password}yy" if len(password) <= 2 else f"xx{MASK}yy"
    banner = run.check("auth")["details"]["banner"]
    assert banner.startswith(f"Hello {MASK} : [{MASK}] {glued} url={MASK} {MASK}"), banner
    assert f"'Refused. Hello {MASK} : [{MASK}] {glued}" in run.summary("setstat"), run.describe()
    landing = run.check("remote_dir")["details"]["landing"]
    # The landing folder is a name the server gave: the password `upload` is masked in it.
    assert landing == ("/" + MASK if password == "upload" else "/upload"), run.describe()


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_proxy_that_quotes_the_login_it_was_sent_shows_it_masked(
    sftpcheck: Runner, tmp_path: Path, output_format: str
) -> None:
    """A 403 that quotes `Proxy-Authorization: Basic <base64 of user:password>`."""
    user, password = "district42", "Kiwi S3cret/Pw+"
    report = tmp_path / f"report.{output_format}"
    with echoing_http_proxy() as (port, requests):
        run = sftpcheck(
            "127.0.0.1", "--user", "district", "--timeout", "5",
            "--proxy", f"http://{user}@127.0.0.1:{port}", "--output", str(report),
            password="Kiwi-Login-Never-Sent", proxy_password=password,
            output_format=output_format,
        )  # fmt: skip
    sent = base64.b64encode(f"{user}:{password}".encode("latin-1")).decode()
    # The proxy was sent the login, and said it back.
    assert f"Proxy-Authorization: Basic {sent}".encode() in requests[0], requests
    for text in (run.stdout, run.stderr, report.read_text()):
        for form in {password, *_encoded(user, password)}:
            assert form not in text, (form, text[-3000:])
            assert form not in _flat(text), (form, text[-3000:])
    for text in (run.stdout, report.read_text()):
        assert f"Proxy-Authorization: Basic {MASK}" in _flat(text), text[-3000:]
    if output_format == "json":
        assert_stops_at(run, "tcp", "tcp.proxy_denied")
        answer = json.loads(run.stdout)["checks"][2]["details"]["answer"]
        assert answer.startswith("HTTP/1.1 403 Forbidden, you sent: "), answer
