"""The command line: parse, call the core once, render, exit.

Input errors become one sentence on stderr and exit code 2, here and nowhere else.
Heavy modules (paramiko, dnspython) are imported inside the commands that need them,
so `--help` and `explain` start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sftpcheck import __version__
from sftpcheck.errors import InputError
from sftpcheck.outside import one_line
from sftpcheck.render import Format

app = typer.Typer(
    name="sftpcheck",
    help="Finds out why an SFTP upload to a data vendor does not work, and what to change.",
    no_args_is_help=True,
    # --install-completion / --show-completion for bash, zsh, fish and PowerShell.
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Report format: text, markdown or json.")
]
# Every client sites/clients.py reads; written out, so that --help loads no sites module.
CLIENT_NAMES = "winscp, filezilla, putty, openssh, cyberduck or lftp."
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
    typer.Option("--output", "-o", help="Also write the report to this file.", dir_okay=False),
]


def _show_version(asked: bool) -> None:
    if asked:
        sys.stdout.write(f"sftpcheck {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _app_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Finds out why an SFTP upload to a data vendor does not work, and what to change."""


@app.command()
def check(
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            help="host, host:port, user@host, [v6addr]:port or sftp://user@host:port/dir"
        ),
    ] = None,
    port: Annotated[int | None, typer.Option("--port", "-P", help="TCP port (default 22).")] = None,
    user: Annotated[Optional[str], typer.Option("--user", "-u", help="Login name.")] = None,  # noqa: UP045
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    key: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--key", "-i", help="Private key file (OpenSSH or PEM)."),
    ] = None,
    remote_dir: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--remote-dir", help="The remote directory your client is set to open."),
    ] = None,
    upload: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--upload", help="Upload this real file under its own name."),
    ] = None,
    overwrite: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--overwrite", help="With --upload: replace a remote file of that name."),
    ] = None,
    upload_anyway: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--upload-anyway", help="With --upload: send the file even if its checks find errors."
        ),
    ] = None,
    no_upload: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--no-upload", help="Read-only check: no upload, no setstat."),
    ] = None,
    setstat: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--setstat", help="After the upload, try to set permissions and timestamp."),
    ] = None,
    expect_ip: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--expect-ip", help="An address the vendor publishes (repeatable)."),
    ] = None,
    expect_fingerprint: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--expect-fingerprint", help="The vendor's host key fingerprint, SHA256:..."),
    ] = None,
    known_hosts: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--known-hosts", help="known_hosts file (default ~/.ssh/known_hosts)."),
    ] = None,
    resolver: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--resolver", help="Ask this DNS server, e.g. 1.1.1.1 or [::1]:5353."),
    ] = None,
    timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--timeout", "-t", help="Seconds allowed per network step (default 10)."),
    ] = None,
    output_format: Annotated[
        Optional[Format],  # noqa: UP045
        typer.Option("--format", "-f", help="Report format: text, markdown or json."),
    ] = None,
    output: OutputOption = None,
    site: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--site", help="Check this saved site of your client, as it would connect."),
    ] = None,
    site_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--site-file", help="The client's settings file (default: its own places)."),
    ] = None,
    client: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--client", help=CLIENT_NAMES),
    ] = None,
    profile: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--profile", help="TOML file holding any of these options."),
    ] = None,
    proxy: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--proxy",
            help="Go through this proxy: http://[user@]host:port, socks5://..., socks4://..., "
            "or none. Its password comes from SFTPCHECK_PROXY_PASSWORD.",
        ),
    ] = None,
) -> None:
    """Run the connection checks, in order, and report what is wrong and how to fix it.

    The password is never an option: it comes from SFTPCHECK_PASSWORD, --password-stdin,
    or a hidden prompt at a terminal. A key's passphrase comes from SFTPCHECK_PASSPHRASE
    or a prompt. Exit code 0: pass or warn; 1: a step failed; 2: unusable input.
    """
    from sftpcheck.check.command import check_command
    from sftpcheck.check.layer import Layer

    flags = Layer(
        port=port,
        user=user,
        key=key,
        remote_dir=remote_dir,
        upload=upload,
        overwrite=overwrite,
        upload_anyway=upload_anyway,
        no_upload=no_upload,
        setstat=setstat,
        expect_ip=tuple(expect_ip) if expect_ip else None,
        expect_fingerprint=expect_fingerprint,
        known_hosts=known_hosts,
        resolver=tuple(resolver) if resolver else None,
        timeout=timeout,
        format=output_format.value if output_format else None,
        output=output,
        site=site,
        site_file=site_file,
        client=client,
        proxy=proxy,
    )
    raise typer.Exit(check_command(target, flags, profile, password_stdin))


@app.command()
def demo(
    scenario: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--scenario", "-s", help="Show one common failure; see --list."),
    ] = None,
    list_scenarios: Annotated[bool, typer.Option("--list", help="List the scenarios.")] = False,
    serve: Annotated[
        bool, typer.Option("--serve", help="Keep the server up to practise with a real client.")
    ] = False,
    output_format: FormatOption = Format.TEXT,
    output: OutputOption = None,
) -> None:
    """Start the embedded SFTP server on loopback and check it."""
    from sftpcheck.demo.command import demo_command

    raise typer.Exit(demo_command(scenario, list_scenarios, serve, output_format, output))


@app.command()
def explain(
    text: Annotated[
        str,
        typer.Argument(help="A client's error message, a reason code, or - to read a pasted log."),
    ],
    output_format: FormatOption = Format.TEXT,
    output: OutputOption = None,
) -> None:
    """Explain what a client's error message or a reason code means, and what to do.

    Exit code 0 when something matched, 1 when nothing did, 2 for empty input.
    """
    from sftpcheck.explain.command import explain_command

    raise typer.Exit(explain_command(text, output_format, output))


@app.command()
def files(
    directory: Annotated[
        Path, typer.Argument(help="The folder holding the CSV exports, or a .zip of them.")
    ],
    spec: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--spec",
            help="A built-in spec (default, oneroster-1.1, oneroster-1.2, clever), "
            "a TOML spec file, or a Frictionless datapackage.json.",
            metavar="NAME|FILE",
        ),
    ] = None,
    output_format: FormatOption = Format.TEXT,
    output: OutputOption = None,
    previous: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--previous",
            help="The folder or .zip of the export sent last time, to compare with. "
            "Default: the summary kept after the last check of this folder.",
        ),
    ] = None,
    max_removed: Annotated[
        float,
        typer.Option(
            "--max-removed",
            min=0,
            max=100,
            metavar="PERCENT",
            help="The share of a file's rows that may be gone since last time.",
        ),
    ] = 10.0,
    no_remember: Annotated[
        bool,
        typer.Option(
            "--no-remember", help="Do not compare with, nor keep, a summary of this export."
        ),
    ] = False,
    details: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--details",
            help="Write every row of every finding (file, line, id, code) to this CSV file.",
            metavar="FILE.csv",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Check the CSV files before they are uploaded, and compare them with last time's."""
    from sftpcheck.files.command import files_command
    from sftpcheck.files.guard import GuardOptions

    options = GuardOptions(previous, max_removed, remember=not no_remember)
    raise typer.Exit(files_command(directory, spec, output_format, output, options, details))


@app.command()
def sites(
    site_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(help="A client's settings file; default: the clients' own places here."),
    ] = None,
    client: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--client", help=CLIENT_NAMES),
    ] = None,
    output_format: FormatOption = Format.TEXT,
) -> None:
    """List the saved client sites found here (or in FILE), never a password.

    Exit code 0 when a site was read, 1 when none was found, 2 for an unreadable FILE.
    """
    from sftpcheck.sites.command import sites_command

    raise typer.Exit(sites_command(site_file, client, output_format))


def main(argv: list[str] | None = None) -> int:
    """Entry point: one sentence and exit 2 for unusable input, never a traceback."""
    _quiet_library_loggers()
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="sftpcheck", standalone_mode=False)
    except typer.Exit as done:
        return int(getattr(done, "exit_code", 0) or 0)
    except InputError as error:
        return _input_error(str(error))
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("\nsftpcheck: stopped.\n")
        return 130
    except typer.TyperException as error:
        if type(error).__name__ == "NoArgsIsHelpError":
            # Plain `sftpcheck`: the help is the answer, not an error.
            sys.stdout.write(command.get_help(typer.Context(command, info_name="sftpcheck")) + "\n")
            return 0
        # Bad options, bad values, unknown commands: typer's usage errors.
        format_message = getattr(error, "format_message", None)
        message = format_message() if callable(format_message) else str(error)
        return _input_error(_one_line(str(message)) + _habit_hint(error))
    except BrokenPipeError:
        return 0
    return result if isinstance(result, int) else 0


def _one_line(message: str) -> str:
    text = " ".join(message.split())
    for jargon, words in _TYPE_WORDS.items():
        text = text.replace(jargon, words)
    return text if text.endswith((".", "?", "!")) else text + "."


# click names the Python type; a user wants to know what to type instead.
_TYPE_WORDS = {
    "is not a valid float": "is not a number (such as 10 or 2.5)",
    "is not a valid integer": "is not a whole number (such as 22)",
    "is not a valid int": "is not a whole number (such as 22)",
}


# Options that ssh, sftp, scp and curl users type by habit, and sftpcheck's own words.
_HABITS = {
    "-p": "For the port, use --port or -P (as sftp and scp write it).",
    "-l": "For the login name, use --user or -u, or write user@host.",
    "--password": "The password is never an option: set SFTPCHECK_PASSWORD or use "
    "--password-stdin.",
    "--identity": "For a key file, use --key or -i.",
}


def _habit_hint(error: Exception) -> str:
    name = getattr(error, "option_name", None)
    hint = _HABITS.get(name.split("=", 1)[0]) if isinstance(name, str) else None
    return f" {hint}" if hint else ""


def _input_error(message: str) -> int:
    # The sentence may quote a profile or a URL from a vendor: never its terminal codes,
    # never a second line, never the whole of a megabyte argument.
    sys.stderr.write(f"sftpcheck: {one_line(message)}\n")
    return 2


def _quiet_library_loggers() -> None:
    """paramiko logs whole tracebacks at ERROR; with no handler Python would print them."""
    import logging

    for name in ("paramiko", "pyftpdlib"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
