"""Item 17 (its report part): a markdown report pastes into a ticket as it was meant.

A path or a server's words holding backticks, `*`, `_`, `<` or `[` stay literal text, and
the report closes with the verdict and where to start, as the text report does.
"""

from __future__ import annotations

import html
from pathlib import Path

from markdown_it import MarkdownIt

from tests.hardening.cli import Cli
from tests.servers.sshd import SshServer

# Each piece would become markup if pasted raw: code, emphasis, an HTML tag, a link.
REMOTE_DIR = "/up`load/*new*_files_/<b>x</b>/[here](x.html)"


def test_markdown_keeps_a_path_literal_and_closes_with_the_verdict(
    cli: Cli, sshd: SshServer, known_hosts: Path
) -> None:
    account = sshd.accounts["district"]
    done = cli(
        "check", f"{account.username}@127.0.0.1", "--port", str(sshd.port),
        "--known-hosts", str(known_hosts), "--remote-dir", REMOTE_DIR, "--timeout", "5",
        "--format", "markdown",
        env={"SFTPCHECK_PASSWORD": str(account.password)},
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    page = MarkdownIt("commonmark").enable("table").render(done.stdout)
    for markup in ("<em>", "<strong>x", "<b>", "<a href", "<code>load"):
        assert markup not in page, (markup, page)
    # The path is shown whole, in the table row and in the problem's paragraph.
    assert page.count(html.escape(REMOTE_DIR, quote=False)) >= 2, page
    assert "<table>" in page
    last = done.stdout.rstrip().splitlines()[-1]
    assert last.startswith("**Verdict: FAIL**"), last
    assert "Start with 'Remote directory'" in last
    assert "`sftpcheck explain remote_dir.not_found`" in last
