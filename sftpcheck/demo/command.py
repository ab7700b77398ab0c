"""The `demo` command: check the embedded server through the same code path as `check`."""

from __future__ import annotations

import json
import signal
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from sftpcheck.check.command import run_and_show_progress, show_report
from sftpcheck.console import check_output_path, show, terminal_width
from sftpcheck.demo.config import ServerKind
from sftpcheck.demo.running import RunningDemo
from sftpcheck.demo.scenarios import DEFAULT_SCENARIO, SCENARIOS, Scenario, find_scenario
from sftpcheck.errors import InputError
from sftpcheck.render import Format
from sftpcheck.render.tables import markdown_table, text_columns


def demo_command(
    scenario: str | None,
    list_scenarios: bool,
    serve: bool,
    output_format: Format,
    output: Path | None,
) -> int:
    """Run `sftpcheck demo`; returns the exit code, as `check` would for the same report."""
    if list_scenarios:
        show(render_scenarios(output_format), output_format, output)
        return 0
    chosen = find_scenario(scenario)
    if serve:
        if output is not None:
            raise InputError("--output goes with a checked demo, not with --serve.")
        return serve_until_stopped(chosen)
    if output is not None:
        check_output_path(output, ())  # before the server starts, not after the report
    return check_demo(chosen, output_format, output)


def check_demo(scenario: Scenario, output_format: Format, output: Path | None) -> int:
    with RunningDemo(scenario) as demo:
        line = f"sftpcheck demo: {_introduction(scenario)}"
        width = terminal_width(sys.stderr)
        wrapped = textwrap.fill(line, width, subsequent_indent="  ", break_on_hyphens=False)
        sys.stderr.write(wrapped + "\n")
        sys.stderr.flush()
        options = demo.check_options()
        report = run_and_show_progress(options, output_format)
        return show_report(report, options, output_format, output)


def _introduction(scenario: Scenario) -> str:
    if scenario.name == DEFAULT_SCENARIO:
        return "checking the embedded SFTP server, set up like a typical school-data drop."
    return f"scenario '{scenario.name}': {scenario.description}"


def serve_until_stopped(scenario: Scenario) -> int:
    """Keep the server up for a real client until Ctrl-C, then remove what it created."""
    with RunningDemo(scenario) as demo, _stop_on_terminate():
        try:
            sys.stdout.write(serve_instructions(demo))
            sys.stdout.flush()
            while True:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
    sys.stdout.write("\nStopped the demo server and removed its files.\n")
    return 0


def serve_instructions(demo: RunningDemo) -> str:
    scenario = demo.scenario
    lines = [
        "The sftpcheck demo server is running, on this computer only.",
        f"Scenario: {scenario.name} - {scenario.description}",
        "",
        f"  Host:      {demo.host}",
        f"  Port:      {demo.port}",
    ]
    target = f"sftp://{demo.username}@{demo.host}:{demo.port}/upload"
    if demo.takes_key and demo.key_path is not None:
        key = demo.key_path
        lines += [
            f"  User:      {demo.username}",
            f"  Key:       {key} (private; {key.name}.pub beside it is the public half)",
            f"  Host key:  {demo.fingerprint} (new each time the demo starts)",
            "",
            "Connect with WinSCP or FileZilla (protocol SFTP, the key file above), or with:",
            f"  sftp -i {key} -P {demo.port} {demo.username}@{demo.host}",
            "or check it:",
            f"  sftpcheck check {target} --key {key} --known-hosts {demo.known_hosts} --setstat",
        ]
    elif scenario.server is ServerKind.SFTP:
        lines += [
            f"  User:      {demo.username}",
            f"  Password:  {demo.password}",
            f"  Host key:  {demo.fingerprint} (new each time the demo starts)",
            "",
            "Connect with WinSCP or FileZilla (protocol SFTP), or with:",
            f"  sftp -P {demo.port} {demo.username}@{demo.host}",
            "or check it:",
            f"  SFTPCHECK_PASSWORD={demo.password} sftpcheck check"
            f" {target} --known-hosts {demo.known_hosts} --setstat",
        ]
    else:
        lines += ["", f"Point a client at port {demo.port} to see what it says."]
    if scenario.practice_hint:
        lines += ["", scenario.practice_hint]
    lines += ["", "Press Ctrl-C to stop the server.", ""]
    return "\n".join(lines)


@contextmanager
def _stop_on_terminate() -> Iterator[None]:
    """Let `kill` stop --serve as cleanly as Ctrl-C does, so the temporary files go too.
    SIGINT is taken explicitly as well: a program started from a script's background job
    inherits SIGINT ignored, and Python then installs no Ctrl-C handler of its own."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = {
        number: signal.signal(number, interrupt) for number in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def render_scenarios(output_format: Format) -> str:
    """The scenario list, one line each with the reason code it shows."""
    renderers: dict[Format, Callable[[], str]] = {
        Format.TEXT: _scenarios_text,
        Format.MARKDOWN: _scenarios_markdown,
        Format.JSON: _scenarios_json,
    }
    return renderers[output_format]()


def _scenarios_json() -> str:
    entries = [
        {
            "name": s.name,
            "code": s.code,
            "check": s.check_id,
            "description": s.description,
            "default": s.name == DEFAULT_SCENARIO,
        }
        for s in SCENARIOS
    ]
    return json.dumps({"scenarios": entries}, indent=2) + "\n"


def _scenarios_markdown() -> str:
    rows = [(f"`{s.name}`", f"`{s.code}`", s.description) for s in SCENARIOS]
    return markdown_table(("scenario", "code", "what it shows"), rows) + "\n"


def _scenarios_text() -> str:
    lines = text_columns((s.name, s.code, s.description) for s in SCENARIOS)
    lines += [
        "",
        "Run one with: sftpcheck demo --scenario NAME "
        f"(plain 'sftpcheck demo' runs '{DEFAULT_SCENARIO}').",
    ]
    return "\n".join(lines) + "\n"
