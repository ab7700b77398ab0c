"""The message table: real messages, each mapped to real codes, each found by its own text."""

from __future__ import annotations

import pytest

from sftpcheck.explain.messages import MESSAGES, ClientMessage
from sftpcheck.reasons import CATALOG
from tests.explain.helpers import fill, run_explain


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


@pytest.mark.parametrize("message", MESSAGES, ids=_id)
def test_each_message_as_printed_finds_its_first_code_first(
    message: ClientMessage, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_explain(capsys, fill(message.text), "--format", "json")
    assert run.exit_code == 0, run.err
    codes = run.codes()
    assert codes[0] == message.codes[0], f"{fill(message.text)!r} gave {codes}"
    assert set(message.codes) <= set(codes)


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
    assert run.codes()[0] == message.codes[0]
