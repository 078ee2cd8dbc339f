"""A keyring that cannot be read is reported as such, never as a lost enrolment (issue 18)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

from app.errors import KeyringError
from app.sync import sync, tokens
from tests.server.live import FAST


class LockedKeyring(KeyringBackend):
    """A real keyring backend whose store is locked, as a desktop keyring is before the user unlocks it."""

    priority = 1

    def get_password(self, service, username):
        raise KeyringLocked("the collection is locked")

    def set_password(self, service, username, password):
        raise KeyringLocked("the collection is locked")

    def delete_password(self, service, username):
        raise KeyringLocked("the collection is locked")


@pytest.fixture
def locked_keyring(monkeypatch):
    before = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    monkeypatch.delenv("QUORUM_TOKEN_STORE")
    yield
    keyring.set_keyring(before)


def test_a_locked_keyring_is_not_a_lost_enrolment(chair, locked_keyring):
    tokens.token_file(chair.path).unlink()  # the token lives in the keyring on this laptop
    waiting = chair.head_office.changes_waiting()
    with pytest.raises(KeyringError) as refused:
        sync(chair, policy=FAST)
    assert "could not be read" in str(refused.value) and "not lost" in str(refused.value)
    assert "enrolment code" not in str(refused.value)
    assert chair.head_office.changes_waiting() == waiting
