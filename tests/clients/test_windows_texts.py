"""tests/clients/windows_texts.json: texts of clients that cannot run here, as data.

Each names a client as explain names it, a scenario the harness stages, and where the
text comes from; a text that could not be checked in a source says so.
"""

from __future__ import annotations

import json
from pathlib import Path

from sftpcheck.explain import messages
from tests.clients.staging import SCENARIOS

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
