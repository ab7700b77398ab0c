"""The one registry of clients: every client has a reader that says all the client step needs."""

from __future__ import annotations

import pytest

from sftpcheck.sites.clients import READER_MODULES, reader_of
from sftpcheck.sites.model import Client
from sftpcheck.sites.reader import DIALOG_SETTINGS, Places


@pytest.mark.parametrize("client", list(Client), ids=[client.value for client in Client])
def test_each_client_has_one_reader_that_names_every_setting(client: Client) -> None:
    assert client in READER_MODULES
    reader = reader_of(client)
    assert reader.client is client
    assert set(reader.dialogs) == set(DIALOG_SETTINGS)
    assert all(text.strip() for text in reader.dialogs.values())
    assert isinstance(reader.default_files(Places.here()), tuple)
