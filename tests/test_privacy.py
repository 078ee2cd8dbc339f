"""Subject access and erasure, as UK GDPR asks of an association's member list."""

from __future__ import annotations

import json


def _member(demo, name):
    return next(m for m in demo.register.members(include_left=True) if m.name == name)


def test_subject_access_export_holds_everything_about_one_member(demo, tmp_path):
    agnes = _member(demo, "Agnes MacLeod")
    out = demo.register.export_member_data(agnes.id, tmp_path / "agnes.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["member"]["surname"] == "MacLeod" and data["member"]["role"] == "vice-chair"
    assert len(data["attendance"]) == len([m for m in demo.meetings.meetings() if agnes.id in demo.door.present_ids(m.id)]) + \
        sum(1 for m in demo.meetings.meetings() for a in demo.door.attendance(m.id) if a.member_id == agnes.id and a.kind != "present")
    assert any(e["post"] == "Vice-Chair" and e["elected"] for e in data["elections"])
    assert any("Chase the landlord" in a["action"] for a in data["actions"])
    assert "Siobhán" not in out.read_text(encoding="utf-8")  # nobody else's details


def test_erasure_keeps_counts_and_the_legal_record(demo):
    agnes = _member(demo, "Agnes MacLeod")
    before = {m.id: demo.door.quorum(m.id).present for m in demo.meetings.meetings()}
    demo.register.erase_member(agnes.id)
    erased = demo.register.member(agnes.id)
    assert (erased.name, erased.address, erased.phone, erased.email) == ("Former member", "", "", "")
    assert erased.left is not None
    assert {m.id: demo.door.quorum(m.id).present for m in demo.meetings.meetings()} == before
    # approved minutes keep the name they state, and their hashes still hold
    agm = next(m for m in demo.meetings.meetings() if m.kind == "annual general")
    vice = next(e for e in demo.decisions.elections(agm.id) if e.post == "Vice-Chair")
    assert "Agnes MacLeod" in {c.name for c in demo.decisions.candidates(vice.id)}
    assert demo.minutes.altered_minutes() == []
    # open actions from unapproved meetings no longer name her
    open_owners = {a.owner_name for a in demo.actions.actions() if a.owner_member_id == agnes.id
                   and demo.meetings.meeting(a.meeting_id).minutes_status != "approved"}
    assert open_owners <= {"Former member"}


def test_erasure_scrubs_the_queue_for_head_office(demo):
    agnes = _member(demo, "Agnes MacLeod")
    demo.register.erase_member(agnes.id)
    rows = [c for c in demo.store.pending_changes() if c["record_id"] == agnes.id]
    assert rows
    text = " ".join(c["payload"] for c in rows)
    for personal in ("Agnes", "MacLeod", "Flat 0/2, 8 Dumbarton Road", "0141 426 1763"):
        assert personal not in text
    assert json.loads(rows[-1]["payload"])["surname"] == "member"
