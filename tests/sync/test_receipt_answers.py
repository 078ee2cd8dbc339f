"""An association that never syncs online gets the landlord's answers in the receipt of its bundle."""

from __future__ import annotations

import json

import pytest

from app import model
from app.errors import BundleError
from app.server import admin, apply
from app.server.asks import today
from app.services import AssociationFile
from app.store import inbox
from app.sync import enrol, export_bundle, import_receipt
from tests.server.live import FAST


def _the_ask(book) -> model.Action:
    return next(a for a in book.actions.actions() if a.ask_of_landlord)


def test_answers_travel_back_in_the_receipt(head_office, demo_path, tmp_path):
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        enrol(book, head_office.url, code, FAST)
        export_bundle(book, tmp_path / "first.zip")
        first = admin.import_bundle(head_office.engine, tmp_path / "first.zip")
        assert "records" not in json.loads(first.receipt.read_text())  # nothing answered yet: an old-style receipt
        import_receipt(book, first.receipt)

        ask = _the_ask(book)
        with head_office.engine.begin() as conn:
            apply.answer_ask(conn, inbox.state(book.store, "association_id"), ask.id,
                             {"answer_status": "in progress", "answer_text": "A joiner is booked.",
                              "answer_due": "2026-12-11"}, today())
        book.actions.add_action(book.meetings.meetings()[-1].id, "Book the hall for the Christmas party")
        export_bundle(book, tmp_path / "second.zip")
        second = admin.import_bundle(head_office.engine, tmp_path / "second.zip")
        report = import_receipt(book, second.receipt)

        got = book.store.get(model.Action, ask.id)
        assert (got.answer_status, got.answer_text, str(got.answer_due)) == ("in progress", "A joiner is booked.",
                                                                             "2026-12-11")
        assert report.received == 1 and book.head_office.changes_waiting() == 0
        assert import_receipt(book, second.receipt).received == 0  # importing it again changes nothing
        assert (got.description, got.status) == (ask.description, ask.status)


def test_an_altered_answer_in_a_receipt_is_refused(head_office, demo_path, tmp_path):
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        enrol(book, head_office.url, code, FAST)
        ask = _the_ask(book)
        export_bundle(book, tmp_path / "bundle.zip")
        admin.import_bundle(head_office.engine, tmp_path / "bundle.zip")
        with head_office.engine.begin() as conn:
            apply.answer_ask(conn, inbox.state(book.store, "association_id"), ask.id,
                             {"answer_status": "done", "answer_text": "Fixed."}, today())
        receipt = admin.import_bundle(head_office.engine, tmp_path / "bundle.zip").receipt
        document = json.loads(receipt.read_text())
        document["records"][0]["doc"]["answer_text"] = "Fixed, and the rent is halved."
        receipt.write_text(json.dumps(document))
        with pytest.raises(BundleError, match="altered"):
            import_receipt(book, receipt)
        assert book.store.get(model.Action, ask.id).answer_status == ""
