"""tests/clients/windows_texts.json: texts of clients that cannot run here, as data.

Each names a client as explain names it, a scenario the harness stages, and where the
text comes from; a text that could not be checked in a source says so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sftpcheck.explain import messages
from sftpcheck.explain.core import explain
from sftpcheck.explain.matching import PLACEHOLDER, normalize
from tests.clients.fixtures import load_runs
from tests.clients.staging import SCENARIOS
from tests.explain.helpers import fill

TEXTS = json.loads((Path(__file__).parent / "windows_texts.json").read_text(encoding="utf-8"))
WINDOWS_CLIENTS = {messages.WINSCP, messages.OPENSSH_WIN, messages.POSH_SSH, messages.CYBERDUCK}


def test_every_text_names_its_client_its_scenario_and_its_source() -> None:
    scenarios = {scenario.name for scenario in SCENARIOS}
    for entry in TEXTS["texts"]:
        assert entry["client"] in WINDOWS_CLIENTS, entry  # never JSch or another's name
        assert entry["scenario"] in scenarios, entry
        assert entry["text"].strip(), entry
        source = entry["source"]
        assert all(source[part] for part in ("repository", "path", "id")), entry
        if entry["verified"]:
            assert len(source.get("commit", "")) == 40, entry


def test_every_windows_client_has_texts_for_most_scenarios() -> None:
    for client in WINDOWS_CLIENTS:
        covered = {entry["scenario"] for entry in TEXTS["texts"] if entry["client"] == client}
        assert len(covered) >= 25, (client, len(covered))


# The code `sftpcheck check` gave for each scenario (tests/clients/fixtures/runs.json).
SCENARIO_CODES = {run.scenario: run.check_code for run in load_runs()}
VERIFIED = [entry for entry in TEXTS["texts"] if entry["verified"]]


def _family(client: str | None) -> str:
    return (client or "").split(" (")[0]


# WinSCP runs PuTTY's engine: where their words are the same, one message serves both.
_SAME_ENGINE = {"WinSCP": {"WinSCP", "PuTTY / psftp / plink"}}


def _shown(text: str) -> str:
    """The text as the client shows it: '**' only marks WinSCP's main instruction."""
    return text.replace("**", "")


def _words(text: str) -> str:
    """The fixed words, a variable part kept as '%'; a line that is only a variable part
    (another message the client puts there) is left out."""
    lines = normalize(PLACEHOLDER.sub("%", _shown(text))).splitlines()
    return "\n".join(line for line in lines if line.strip("% ")).rstrip(".!:? ")


def _causes(entry: dict[str, Any]) -> set[str]:
    """The codes of every scenario for which this client prints these very words."""
    return {
        SCENARIO_CODES[other["scenario"]]
        for other in TEXTS["texts"]
        if other["client"] == entry["client"] and other["text"] == entry["text"]
    }


def _same_words(entry: dict[str, Any]) -> list[messages.ClientMessage]:
    words = _words(entry["text"])
    return [message for message in messages.MESSAGES if _words(message.text) == words]


@pytest.mark.parametrize(
    "entry", VERIFIED, ids=lambda entry: f"{entry['client']}-{entry['scenario']}"
)
def test_each_verified_text_is_a_message_with_its_source(entry: dict[str, Any]) -> None:
    """A message of this client (or of the same program: Windows OpenSSH is OpenSSH, WinSCP
    runs PuTTY) holds these words, and its source names where they were read."""
    kin = _SAME_ENGINE.get(entry["client"], {entry["client"]})
    known = [
        message
        for message in _same_words(entry)
        if message.client in kin or _family(message.client) == _family(entry["client"])
    ]
    assert known, f"explain does not know {entry['text']!r}"
    repository = entry["source"]["repository"]
    assert any(repository in message.source for message in known), (entry, known)


@pytest.mark.parametrize(
    "entry", VERIFIED, ids=lambda entry: f"{entry['client']}-{entry['scenario']}"
)
def test_each_verified_text_gets_its_scenarios_code_first_and_names_its_client(
    entry: dict[str, Any],
) -> None:
    """Each text as the client shows it, its variable parts filled in. Its scenario's code
    comes first; where the client prints the very same words for other scenarios, or
    another client prints them too, all those causes are listed as equals first. The
    client named is this one, or one that prints the very same words (WinSCP runs PuTTY's
    engine and says much as PuTTY does): never one that does not, such as JSch."""
    explanation = explain(fill(_shown(entry["text"])))
    codes = [match.reason.code for match in explanation.matches]
    causes = _causes(entry)
    alike = _same_words(entry)
    printers = {message.client for message in alike}
    # Another client's same words for another cause make the causes equals as well.
    if causes == {message.codes[0] for message in alike}:
        assert codes[:1] == [SCENARIO_CODES[entry["scenario"]]], (entry["text"], codes)
    else:
        assert causes <= set(explanation.equals), (entry["text"], codes, explanation.equals)
    named = explanation.client
    assert _family(named) == _family(entry["client"]) or named in printers, (entry, named)
