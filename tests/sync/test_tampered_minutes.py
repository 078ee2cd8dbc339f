"""Head office checks approved minutes as `quorum check` does: an altered record is not accepted."""

from __future__ import annotations

import json
import sqlite3

from app.services import AssociationFile
from app.sync import sync
from tests.server.live import FAST, enrolled


def test_approved_minutes_over_an_altered_record_are_refused(head_office, demo_path):
    """The queue for head office is altered behind Quorum's back: the AGM's two-thirds vote gains five votes."""
    raw = sqlite3.connect(demo_path)
    motion_id = raw.execute("SELECT id FROM motions WHERE majority_kind = 'two_thirds'").fetchone()[0]
    for seq, payload in raw.execute("SELECT seq, payload FROM changes WHERE record_id = ?", (motion_id,)).fetchall():
        data = json.loads(payload)
        if data.get("votes_for") is not None:
            data["votes_for"] += 5
            raw.execute("UPDATE changes SET payload = ? WHERE seq = ?", (json.dumps(data), seq))
    raw.commit()
    raw.close()
    _, code = head_office.new_association()
    with AssociationFile.open(demo_path) as book:
        assert book.minutes.altered_minutes() == []  # the laptop's own record is intact; only what it sends was changed
        enrolled(book, head_office, code)
        report = sync(book, policy=FAST)
        problems = book.head_office.sync_problems()
    assert len(report.refused) >= 1
    assert any("do not match the record head office holds" in p.sentence for p in problems)


def test_untouched_approved_minutes_are_all_accepted(chair):
    assert chair.head_office.sync_problems() == []
