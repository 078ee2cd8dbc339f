"""Enrolling a laptop: exchanging head office's one-time code for this laptop's own token."""

from __future__ import annotations

import platform
from pathlib import Path

from app import model, places
from app.errors import SyncError
from app.ids import new_id
from app.store import Store, inbox
from app.sync import tokens
from app.sync.client import DEFAULT_POLICY, HeadOffice, RetryPolicy


def enrol(book, url: str, code: str, policy: RetryPolicy = DEFAULT_POLICY) -> dict:
    """Enrol an open association file; returns head office's answer (association id and name)."""
    return _enrol(book.store, book.path, url, code, policy)


def _enrol(store: Store, path: Path, url: str, code: str, policy: RetryPolicy) -> dict:
    if inbox.state(store, "association_id") and tokens.load(path, store.device_id):
        raise SyncError("This association file is already enrolled with head office.")
    local = store.find(model.Association)
    with HeadOffice(url, policy=policy) as office:
        office.check_version()
        # The file's own id until head office gives it one: asking again after a lost answer gets the same device.
        answer = office.enrol(code.strip(), local[0].id if local else None, platform.node()[:60], store.device_id)
    inbox.adopt_device_id(store, answer["device_id"])
    inbox.set_state(store, url=url.rstrip("/"), association_id=answer["association_id"],
                    association_name=answer["association_name"], cursor="")
    answer["token_kept_in"] = tokens.save(path, store.device_id, answer.pop("token"))
    return answer


def join(folder: Path, url: str, code: str, policy: RetryPolicy = DEFAULT_POLICY) -> Path:
    """A second laptop: make an empty association file, enrol it, and name it after the association.

    The file is made first under a temporary name because head office only tells us the
    association's name in exchange for the code.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".enrolling-{new_id()}{places.SUFFIX}"
    store = Store.create(temporary)
    try:
        answer = _enrol(store, temporary, url, code, policy)
    except BaseException:
        store.close()
        for leftover in (temporary, tokens.token_file(temporary), Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    device_id = store.device_id
    token = tokens.load(temporary, device_id)
    store.close()
    target = _free_name(folder, answer["association_name"])
    temporary.replace(target)
    tokens.token_file(temporary).unlink(missing_ok=True)
    if token is None:
        raise SyncError("This laptop's head-office token was not kept; enrol again with a new code.")
    tokens.save(target, device_id, token)
    return target


def _free_name(folder: Path, name: str) -> Path:
    target = folder / places.file_name(name)
    number = 2
    while target.exists():
        target = folder / f"{Path(places.file_name(name)).stem}-{number}{places.SUFFIX}"
        number += 1
    return target
