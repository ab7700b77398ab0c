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
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.check.run import Runner, assert_stops_at
from tests.servers.proxies import echoing_http_proxy

FORMATS = ("text", "markdown", "json")
MASK = "********"


def _encoded(user: str, password: str) -> set[str]:
    """The forms a password is sent or echoed in, other than as typed."""
    basic = base64.b64encode(f"{user}:{password}".encode()).decode()
    forms = {basic, basic.rstrip("="), quote(password, safe=""), quote(password)}
    return forms - {password}


def _flat(text: str) -> str:
    """The text as one line, without Markdown's escapes: a wrapped or escaped echo counts."""
    return " ".join(text.replace("\\", "").split())


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
