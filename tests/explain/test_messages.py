"""The message table: real messages, each mapped to real codes, each found by its own text."""

from __future__ import annotations

import pytest

from sftpcheck.explain.matching import PLACEHOLDER
from sftpcheck.explain.messages import MESSAGES, ClientMessage
from sftpcheck.reasons import CATALOG
from tests.explain.helpers import Run, fill, run_explain


def _id(message: ClientMessage) -> str:
    return f"{message.client}: {message.text[:50]}"


def test_the_table_has_at_least_60_messages_from_at_least_8_clients() -> None:
    clients = {message.client.split(" (")[0] for message in MESSAGES}
    assert len(MESSAGES) >= 60
    assert len(clients) >= 8, clients


def test_no_message_is_listed_twice_for_the_same_client() -> None:
    keys = [(message.client, message.text) for message in MESSAGES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("message", MESSAGES, ids=_id)
def test_each_entry_names_its_source_and_maps_to_catalog_codes(message: ClientMessage) -> None:
    assert message.client.strip()
    assert message.text.strip()
    assert message.source.strip()
    assert message.codes, "a message must map to at least one code"
    assert len(set(message.codes)) == len(message.codes)
    unknown = [code for code in message.codes if code not in CATALOG]
    assert not unknown, f"codes not in the catalog: {unknown}"


def _twins(message: ClientMessage) -> list[ClientMessage]:
    """Other clients' messages in the very same words (PuTTY's 'Access denied' is a refused
    login, Cyberduck's a refused file): no reader can tell whose a paste is."""
    words = " ".join(PLACEHOLDER.sub("%", message.text).lower().rstrip(".!").split())
    return [
        other
        for other in MESSAGES
        if other is not message
        and " ".join(PLACEHOLDER.sub("%", other.text).lower().rstrip(".!").split()) == words
        and other.codes[0] != message.codes[0]
    ]


def _assert_first(run: Run, message: ClientMessage, pasted: str) -> None:
    codes = run.codes()
    if _twins(message):
        assert message.codes[0] in run.json()["equals"], f"{pasted!r} gave {codes}"
    else:
        assert codes[0] == message.codes[0], f"{pasted!r} gave {codes}"


@pytest.mark.parametrize("message", MESSAGES, ids=_id)
def test_each_message_as_printed_finds_its_first_code_first(
    message: ClientMessage, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_explain(capsys, fill(message.text), "--format", "json")
    assert run.exit_code == 0, run.err
    _assert_first(run, message, fill(message.text))
    assert set(message.codes) <= set(run.codes())


@pytest.mark.parametrize("message", MESSAGES, ids=_id)
def test_each_message_is_found_inside_a_pasted_log(
    message: ClientMessage, capsys: pytest.CaptureFixture[str]
) -> None:
    log = "\n".join(
        (
            "2026-11-30 02:00:01 Starting nightly export job 7",
            "Status: Connecting to sftp.vendor-example.com ...",
            f"Error: {fill(message.text)}",
            "Job finished with errors.",
        )
    )
    run = run_explain(capsys, log, "--format", "json")
    assert run.exit_code == 0, run.err
    _assert_first(run, message, log)
