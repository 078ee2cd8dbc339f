"""The one write path and its conflict rules, called directly as a push or bundle import does."""

from __future__ import annotations

import hashlib
import json
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg import pq
from sqlalchemy import event, select

from app.core.snapshot import fingerprint
from app.core.snapshot import record_hash as minutes_hash
from app.rows import ENTITIES, from_row
from app.server import admin, checks, feed, minutes
from app.server.apply import apply_ops, digest, stored
from app.server.db import IDS_PER_QUERY, associations, clocks_of, devices, kept_clocks, summaries
from app.server.protocol import Op
from app.store import SCHEMA_VERSION


class Laptop:
    """Makes ops as a laptop would: numbered, with hybrid-logical-clock stamps we choose."""

    def __init__(self, role: str) -> None:
        self.device, self.seq = f"{uuid.uuid4().hex[:12]}-{role}", 0  # op ids are unique across the session

    def op(self, entity: str, record_id: str, kind: str, payload: dict | None = None, at: int = 1,
           counter: int = 0, schema: int = SCHEMA_VERSION) -> Op:
        self.seq += 1
        return Op(op_id=f"{self.device}:{self.seq}", entity=entity, record_id=record_id, kind=kind,
                  payload=payload or {}, hlc=f"{1_764_000_000_000 + at:016d}-{counter:04d}-{self.device}",
                  schema_version=schema)


@pytest.fixture
def office(head_office):
    """A fresh association; ``push(laptop, *ops)`` applies ops and returns [(status, code)]."""
    name, _ = head_office.new_association()
    with head_office.engine.connect() as conn:
        association_id = conn.execute(select(associations.c.id).where(associations.c.name == name)).scalar_one()

    class Office:
        id = association_id

        @staticmethod
        def push(laptop: Laptop, *ops: Op) -> list[tuple[str, str]]:
            with head_office.engine.begin() as conn:
                return [(r.status, r.code) for r in apply_ops(conn, association_id, laptop.device, list(ops))]

        @staticmethod
        def hash_of(meeting_id: str, previous: str = "") -> str:
            """The minutes hash of a meeting as head office holds it, as the laptop would compute it."""
            with head_office.engine.connect() as conn:
                return minutes_hash(minutes.meeting_record(conn, association_id, meeting_id), previous)

        @staticmethod
        def doc(entity: str, record_id: str) -> dict | None:
            with head_office.engine.connect() as conn:
                found = stored(conn, association_id, entity, record_id)
            return None if found is None or found.deleted else found.doc

        @staticmethod
        def pull(laptop: Laptop, cursor: str = "") -> feed.Page:
            with head_office.engine.connect() as conn:
                return feed.page(conn, association_id, laptop.device, cursor, 100)

    return Office


@pytest.fixture
def meeting(office):
    chair = Laptop("chair")
    office.push(chair, chair.op("meeting", "m1", "create", {"kind": "general", "date": "2026-11-24",
                                                            "minutes_status": "draft", "status": "closed"}))
    return chair


def test_actions_merge_field_by_field_later_stamp_wins(office, meeting):
    chair, secretary = meeting, Laptop("secretary")
    assert office.push(chair, chair.op("action", "a1", "create",
                                       {"meeting_id": "m1", "description": "Write to the landlord"}, at=10)) == [("ok", "")]
    office.push(chair, chair.op("action", "a1", "patch", {"due": "2026-12-01"}, at=30))
    office.push(secretary, secretary.op("action", "a1", "patch", {"due": "2026-12-24", "owner_name": "Iain"}, at=20))
    assert office.doc("action", "a1") | {} == {"id": "a1", "meeting_id": "m1", "description": "Write to the landlord",
                                               "due": "2026-12-01", "owner_name": "Iain"}


def test_same_moment_is_settled_by_device_id(office, meeting):
    chair, secretary = meeting, Laptop("secretary")
    office.push(chair, chair.op("action", "a1", "create", {"meeting_id": "m1", "description": "x"}, at=10))
    office.push(secretary, secretary.op("action", "a1", "patch", {"status": "done"}, at=50))
    office.push(chair, chair.op("action", "a1", "patch", {"status": "dropped"}, at=50))
    winner = "done" if secretary.device > chair.device else "dropped"
    assert office.doc("action", "a1")["status"] == winner


def test_a_resent_op_is_a_duplicate_and_applied_once(office, meeting, head_office):
    chair = meeting
    op = chair.op("action", "a1", "create", {"meeting_id": "m1", "description": "x"}, at=10)
    assert office.push(chair, op) == [("ok", "")]
    last = office.pull(Laptop("secretary")).next_cursor
    assert office.push(chair, op, op) == [("duplicate", ""), ("duplicate", "")]
    assert office.pull(Laptop("secretary")).next_cursor == last
    reused = op.model_copy(update={"payload": {"meeting_id": "m1", "description": "something else"}})
    assert office.push(chair, reused) == [("rejected", "op_id_reused")]


def test_a_batch_larger_than_one_query_is_kept_as_sent_and_resent_whole(office, head_office):
    """More records than one query reads, sent as a laptop sends them (the id in the payload)."""
    chair = Laptop("chair")
    ops = [chair.op("member", f"p{n}", "create", {"id": f"p{n}", "first_name": "Eilidh", "surname": f"Ó Dónaill {n}",
                                                  "contact_consent": n % 2, "joined": "2020-01-01", "left": None},
                    at=n) for n in range(IDS_PER_QUERY + 37)]
    assert set(office.push(chair, *ops)) == {("ok", "")}
    assert office.push(chair, *ops) == [("duplicate", "")] * len(ops)
    with head_office.engine.connect() as conn:
        kept = stored(conn, office.id, "member", "p401")
    assert kept is not None and kept.doc == ops[401].payload
    assert kept.clocks == dict.fromkeys(ops[401].payload, ops[401].hlc)
    moved = [chair.op("member", f"p{n}", "patch", {"address": "2 Short Road"}, at=1000 + n) for n in range(0, 420, 7)]
    assert office.push(chair, *moved) == [("ok", "")] * len(moved)
    assert office.doc("member", "p413") == {**ops[413].payload, "address": "2 Short Road"}
    assert office.doc("member", "p414")["surname"] == "Ó Dónaill 414" and "address" not in office.doc("member", "p414")


@contextmanager
def statements(head_office) -> Iterator[list[str]]:
    """Every statement SQLite runs meanwhile, those on the driver's own cursor included."""
    if head_office.database != "sqlite":
        pytest.skip("counts SQLite's statements")
    ran: list[str] = []

    def traced(dbapi_connection, _record, _proxy) -> None:
        dbapi_connection.set_trace_callback(ran.append)

    event.listen(head_office.engine, "checkout", traced)
    try:
        yield ran
    finally:
        event.remove(head_office.engine, "checkout", traced)


def reading(ran: list[str], table: str) -> list[str]:
    return [s for s in ran if s.lstrip().upper().startswith(("SELECT", "WITH")) and f" {table}" in s]


@contextmanager
def round_trips(head_office) -> Iterator[Callable[[], int]]:
    """How many times head office waits for PostgreSQL meanwhile: each run of messages sent and then
    answered, as libpq's own trace of the messages shows."""
    if head_office.database != "postgresql":
        pytest.skip("counts PostgreSQL's round trips")
    with tempfile.TemporaryFile("w+") as trace:
        def traced(dbapi_connection, _record, _proxy) -> None:
            dbapi_connection.pgconn.trace(trace.fileno())
            dbapi_connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)

        def untraced(dbapi_connection, _record) -> None:
            dbapi_connection.pgconn.untrace()

        def counted() -> int:
            """Runs of messages sent, each followed by an answer; less psycopg's preparing of a statement on a
            connection the first time it runs there (a Parse sent alone), once in a connection's life."""
            trace.seek(0)
            rounds, sent = 0, []
            for line in trace:
                if line[:2] not in ("F\t", "B\t"):
                    continue
                side, _, kind = line.rstrip("\n").split("\t")[:3]
                if side == "F":
                    sent.append(kind)
                elif sent:
                    rounds += set(sent) != {"Parse", "Sync"}
                    sent = []
            return rounds

        event.listen(head_office.engine, "checkout", traced)
        event.listen(head_office.engine, "checkin", untraced)
        try:
            yield counted
        finally:
            event.remove(head_office.engine, "checkout", traced)
            event.remove(head_office.engine, "checkin", untraced)


def _evening(chair: Laptop, meeting_id: str, people: int) -> list[Op]:
    """An evening's meeting as a laptop pushes it: the meeting, who came, a motion and an action."""
    return [chair.op("meeting", meeting_id, "create", {"kind": "general", "date": "2026-11-24", "status": "closed"}),
            *(chair.op("attendance", f"{meeting_id}-{n}", "append", {"meeting_id": meeting_id, "kind": "present",
                                                                     "member_id": f"p{n}"}) for n in range(people)),
            chair.op("motion", f"{meeting_id}-v", "create", {"meeting_id": meeting_id, "text": "That we meet again.",
                                                             "proposer_id": "p0", "seconder_id": "p1", "votes_for": 3,
                                                             "votes_against": 0, "carried": 1}),
            chair.op("action", f"{meeting_id}-a", "create", {"meeting_id": meeting_id, "description": "Book the hall"})]


def test_a_push_waits_for_postgresql_a_few_times_whatever_its_size(head_office):
    """A push waits for PostgreSQL the same few times however many changes it carries, where it waited
    eleven times: its BEGIN; the association's row locked, the answers kept for its op ids and the
    records it names (the members who came among them), read at once; the room (the meeting's
    records); the attendance head office held before the meeting came; every write, the summaries',
    the association's and the laptop's "last seen" included; and its COMMIT."""
    _, code = head_office.new_association()
    with head_office.engine.begin() as conn:
        enrolled = admin.exchange_code(conn, code, "Chair's laptop", None)
    chair = Laptop("chair")
    chair.device = enrolled["device_id"]

    def push(ops: list[Op]) -> list[str]:
        with head_office.engine.begin() as conn:
            return [r.status for r in apply_ops(conn, enrolled["association_id"], chair.device, ops, seen=True)]

    assert set(push([chair.op("member", f"p{n}", "create", {"first_name": "P", "surname": f"{n}"})
                     for n in range(40)])) == {"ok"}
    waits = []
    for meeting_id, people in (("m1", 3), ("m2", 40)):
        with round_trips(head_office) as counted:
            assert set(push(_evening(chair, meeting_id, people))) == {"ok"}
            waits.append(counted())
    assert waits[0] == waits[1] <= 6
    with head_office.engine.connect() as conn:
        assert conn.execute(select(summaries.c.present).where(summaries.c.record_id == "m2")).scalar_one() == 40
        assert conn.execute(select(devices.c.last_seen).where(devices.c.id == chair.device)).scalar_one()


def test_a_batch_reads_the_meetings_of_the_records_it_changes_with_the_batch(office, head_office):
    """A patch names no meeting, but the record it changes does: those meetings are read with the batch's
    records (the approved-minutes check needs them), not one query each as the rules ask."""
    chair = Laptop("chair")
    days = range(1, 7)
    office.push(chair, *(chair.op("meeting", f"m{n}", "create", {"kind": "general", "date": f"2026-11-0{n}"})
                         for n in days),
                *(chair.op("action", f"a{n}", "create", {"meeting_id": f"m{n}", "description": "Write"}) for n in days))
    with statements(head_office) as ran:
        done = office.push(chair, *(chair.op("action", f"a{n}", "patch", {"status": "done"}, at=5) for n in days))
    assert done == [("ok", "")] * len(days)
    assert len(reading(ran, "records")) == 2  # the actions, then their meetings, whatever the number of meetings


def test_op_digests_are_those_already_kept_in_applied_ops():
    """A resent op is told from a different one by comparing with digests stored by earlier versions."""
    kept = Op(op_id="laptop-1:7", entity="member", record_id="m-1", kind="create", hlc="0001764000000001-0000-laptop-1",
              payload={"surname": 'Ó Dónaill "Eilidh"\n', "first_name": "Eilidh", "contact_consent": 1,
                       "birth_year": None, "ratio": 0.1, "flag": True, "id": "m-1"}, schema_version=6)
    assert digest(kept) == "c20d738bac42bd23223be90646d186c24a127350ef47c828784f7591d20ae3a4"
    gone = Op(op_id="laptop-1:8", entity="meeting", record_id="x", kind="tombstone",
              hlc="0001764000000001-0000-laptop-1", schema_version=6)
    assert digest(gone) == "c731e6cbbc429bdfdb479edeb3bf724e28a99ae0b9c92af831aab3ae78009fc6"


@settings(max_examples=150, derandomize=True, deadline=None)
@given(entity=st.text(min_size=1, max_size=40), hlc=st.text(min_size=1, max_size=120),
       payload=st.dictionaries(st.text(max_size=12), st.none() | st.booleans() | st.integers() | st.text()
                               | st.floats(allow_nan=False), max_size=8))
def test_an_op_digest_is_the_sha256_of_its_canonical_json(entity, hlc, payload):
    op = Op(op_id="laptop-1:1", entity=entity, record_id="r-1", kind="patch", payload=payload, hlc=hlc,
            schema_version=6)
    body = {"entity": entity, "record_id": "r-1", "kind": "patch", "payload": payload, "hlc": hlc}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False)
    assert digest(op) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _fitting(entity: str, name: str, kind: type) -> st.SearchStrategy:
    """Values of a field's kind, as a laptop sends them."""
    if (entity, name) in checks.ENUMS:
        return st.sampled_from(checks.ENUMS[(entity, name)])
    return {str: st.text(max_size=20), int: st.integers(-5, 5), bool: st.sampled_from([0, 1]),
            date: st.dates().map(date.isoformat)}.get(kind, st.text(max_size=20))


@st.composite
def _new_records(draw) -> tuple[str, dict]:
    """A new record of any kind with its fields' kinds, and perhaps one field holding anything at all."""
    entity = draw(st.sampled_from(sorted(ENTITIES)))
    shape = checks.SHAPES[entity]
    kinds = {name: kind for name, kind in shape.types.items() if name != "id"}
    payload = {name: draw(_fitting(entity, name, kind)) for name, kind in kinds.items()
               if name in shape.required or draw(st.booleans())}
    if draw(st.booleans()):
        payload[draw(st.sampled_from(sorted(kinds)))] = draw(
            st.none() | st.text(max_size=12) | st.integers() | st.booleans() | st.floats(allow_nan=False))
    return entity, payload


@settings(max_examples=300)
@given(new=_new_records())
def test_a_new_record_head_office_accepts_is_one_the_laptop_can_read(new):
    """Head office makes the laptop's dataclass only for records whose class could refuse a value
    (checks.MADE_TO_CHECK); every other new record the field checks let through must read all the same."""
    entity, payload = new
    op = Op(op_id="laptop-1:1", entity=entity, record_id="r-1", kind="create", payload=payload,
            hlc=f"{1_764_000_000_000:016d}-0000-laptop-1", schema_version=SCHEMA_VERSION)
    if checks.problem(op) is None:
        from_row(ENTITIES[entity][1], {**payload, "id": "r-1"})


def test_ops_are_checked_against_the_laptop_and_the_domain(office, meeting):
    chair = meeting
    stranger = Laptop("secretary")
    forged = stranger.op("action", "a9", "create", {"meeting_id": "m1", "description": "x"})
    assert office.push(chair, forged) == [("rejected", "not_your_op")]
    cases = [
        chair.op("meeting", "m2", "create", {"kind": "general", "date": "next Tuesday"}),
        chair.op("meeting", "m3", "create", {"kind": "picnic", "date": "2026-12-01"}),
        chair.op("meeting", "m4", "create", {"date": "2026-12-01"}),
        chair.op("action", "a2", "create", {"meeting_id": "m1", "description": "x", "colour": "red"}),
        chair.op("spaceship", "s1", "create", {"name": "x"}),
        chair.op("action", "nobody", "patch", {"status": "done"}),
        chair.op("member", "p1", "create", {"first_name": "A", "surname": "B", "contact_consent": 7}),
    ]
    assert [code for _, code in office.push(chair, *cases)] == [
        "bad_value", "bad_value", "bad_value", "unknown_field", "unknown_entity", "not_found", "bad_value"]


def test_attendance_and_quorum_checks_are_append_only(office, meeting):
    chair = meeting
    office.push(chair, chair.op("attendance", "t1", "append", {"meeting_id": "m1", "kind": "present", "arrived": "19:00"}),
                chair.op("quorum_event", "q1", "append", {"meeting_id": "m1", "at": "2026-11-24T19:00", "quorate": 1,
                                                          "present": 12, "required": 10}))
    assert office.push(chair, chair.op("attendance", "t1", "patch", {"left": "20:15"}, at=5)) == [("ok", "")]
    assert office.push(chair, chair.op("attendance", "t1", "patch", {"kind": "guest"}, at=6),
                       chair.op("quorum_event", "q1", "patch", {"present": 99}, at=6),
                       chair.op("quorum_event", "q1", "tombstone", at=7)) == [("rejected", "append_only")] * 3
    assert office.doc("quorum_event", "q1")["present"] == 12


def test_a_meetings_motions_are_judged_on_one_reading_of_its_room(office, meeting, head_office):
    """Each motion's movers, there in person, and its count are judged against the room as the laptop
    judged them; the room is read once for all of the meeting's motions, not once for each pair of movers."""
    chair = meeting
    office.push(chair, *(chair.op("member", f"p{n}", "create", {"first_name": "P", "surname": f"{n}"}) for n in range(5)),
                *(chair.op("attendance", f"here{n}", "append", {"meeting_id": "m1", "kind": "present",
                                                                "member_id": f"p{n}"}) for n in range(4)))
    movers = [("p0", "p1"), ("p2", "p3"), ("p1", "p2"), ("p4", "p0")]
    with statements(head_office) as ran:
        judged = office.push(chair, *(chair.op("motion", f"v{n}", "create", {
            "meeting_id": "m1", "text": f"Motion {n}", "proposer_id": proposer, "seconder_id": seconder,
            "votes_for": 3, "votes_against": 1, "carried": 1}) for n, (proposer, seconder) in enumerate(movers)))
    assert judged == [("ok", "")] * 3 + [("rejected", "not_in_the_room")]  # p4 did not come
    # The room's records are read once a batch, in one statement: p4's own room is made from them too.
    assert len([s for s in reading(ran, "records") if "meeting_id" in s]) == 1


def test_a_late_arrival_joins_the_room_read_earlier_in_the_batch(office, meeting, head_office):
    """A member who arrives between two motions of one push may move the second: the room is worked out
    again from the batch's own records, without reading the database again."""
    chair = meeting
    office.push(chair, *(chair.op("member", f"p{n}", "create", {"first_name": "P", "surname": f"{n}"}) for n in range(4)),
                *(chair.op("attendance", f"here{n}", "append", {"meeting_id": "m1", "kind": "present",
                                                                "member_id": f"p{n}"}) for n in range(2)))
    with statements(head_office) as ran:
        judged = office.push(
            chair,
            chair.op("motion", "v1", "create", {"meeting_id": "m1", "text": "First", "proposer_id": "p0",
                                                "seconder_id": "p2"}),  # p2 has not come yet
            chair.op("attendance", "here2", "append", {"meeting_id": "m1", "kind": "present", "member_id": "p2"}),
            chair.op("motion", "v2", "create", {"meeting_id": "m1", "text": "Second", "proposer_id": "p0",
                                                "seconder_id": "p2"}),
            chair.op("attendance", "here1", "patch", {"left": "20:00"}, at=5),  # p1 leaves
            chair.op("motion", "v3", "create", {"meeting_id": "m1", "text": "Third", "proposer_id": "p1",
                                                "seconder_id": "p2"}))
    assert judged == [("rejected", "not_in_the_room"), ("ok", ""), ("ok", ""), ("ok", ""),
                      ("rejected", "not_in_the_room")]
    assert len([s for s in reading(ran, "records") if "meeting_id" in s]) == 1


def test_motion_wording_is_fixed_once_voted(office, meeting):
    chair = meeting
    office.push(chair, *(chair.op("member", f"p{n}", "create", {"first_name": "P", "surname": f"{n}"})
                         for n in range(4)))
    office.push(chair, *(chair.op("attendance", f"here{n}", "append", {"meeting_id": "m1", "kind": "present",
                                                                       "member_id": f"p{n}"}) for n in range(4)))
    office.push(chair, chair.op("motion", "v1", "create", {"meeting_id": "m1", "text": "That we buy a gazebo."}))
    office.push(chair, chair.op("motion", "v1", "patch", {"votes_for": 3, "votes_against": 1, "carried": 1}, at=5))
    assert office.push(chair, chair.op("motion", "v1", "patch", {"text": "That we buy two gazebos."}, at=6)) == [
        ("rejected", "immutable")]
    assert office.push(chair, chair.op("motion", "v1", "patch", {"carried": None, "votes_for": None}, at=7)) == [
        ("ok", "")]  # a vote entered by mistake can still be cleared before the minutes are approved


def test_approved_minutes_lock_the_meeting_but_actions_still_move_on(office, meeting):
    chair = meeting
    office.push(chair, chair.op("agenda_item", "i1", "create", {"meeting_id": "m1", "position": 1, "title": "Reports"}),
                chair.op("action", "a1", "create", {"meeting_id": "m1", "description": "Write to the landlord"}),
                chair.op("minutes", "n1", "create", {"meeting_id": "m1", "status": "draft"}))
    assert office.push(chair, chair.op("minutes", "n1", "patch", {"status": "approved"}, at=5)) == \
        [("rejected", "hash_mismatch")]  # an approval must carry the hash of the record head office holds
    approval = {"status": "approved", "content_hash": office.hash_of("m1"), "previous_hash": ""}
    assert office.push(chair, chair.op("minutes", "n1", "patch", approval, at=5),
                       chair.op("meeting", "m1", "patch", {"minutes_status": "approved"}, at=5)) == [("ok", "")] * 2
    refused = office.push(chair,
                          chair.op("agenda_item", "i1", "patch", {"notes": "Added later"}, at=9),
                          chair.op("minutes", "n1", "patch", {"corrections": "Typo"}, at=9),
                          chair.op("meeting", "m1", "patch", {"venue": "Elsewhere"}, at=9),
                          chair.op("action", "a1", "patch", {"description": "Something else"}, at=9),
                          chair.op("action", "a2", "create", {"meeting_id": "m1", "description": "New"}, at=9),
                          chair.op("agenda_item", "i1", "tombstone", at=9))
    assert refused == [("rejected", "immutable")] * 6
    assert office.push(chair, chair.op("action", "a1", "patch", {"status": "done", "completed": "2026-12-02"},
                                       at=10)) == [("ok", "")]


def test_deletes_are_tombstones_that_win(office, meeting):
    chair, secretary = meeting, Laptop("secretary")
    office.push(chair, chair.op("agenda_item", "i1", "create", {"meeting_id": "m1", "position": 1, "title": "AOCB"}))
    assert office.push(secretary, secretary.op("agenda_item", "i1", "tombstone", at=5)) == [("ok", "")]
    assert office.doc("agenda_item", "i1") is None
    assert office.push(chair, chair.op("agenda_item", "i1", "patch", {"notes": "x"}, at=9)) == [("rejected", "deleted")]
    pulled = {c["record_id"]: c for c in office.pull(chair).changes}
    assert pulled["i1"]["deleted"] is True and pulled["i1"]["doc"] == {}


def test_pull_shows_other_laptops_changes_and_what_a_laptop_lost(office, meeting):
    chair, secretary = meeting, Laptop("secretary")
    assert office.pull(chair).changes == []  # its own meeting is not echoed back
    assert [c["record_id"] for c in office.pull(secretary).changes] == ["m1"]
    office.push(chair, chair.op("meeting", "m1", "patch", {"venue": "Hall"}, at=50))
    cursor = office.pull(chair).next_cursor
    office.push(secretary, secretary.op("meeting", "m1", "patch", {"venue": "Library"}, at=40))  # older: loses
    back = office.pull(secretary, cursor).changes
    assert [(c["record_id"], c["doc"]["venue"]) for c in back] == [("m1", "Hall")]


def test_a_pulled_record_carries_its_latest_field_stamp(office, meeting, head_office):
    """The latest in the order Python compares text (not the database's own collation, which may put "Zb"
    after "aa"), kept in the record's ``stamp`` as it is written."""
    chair, secretary = meeting, Laptop("secretary")
    office.push(chair, chair.op("action", "a1", "create", {"meeting_id": "m1", "description": "x"}, at=10))
    for laptop, field, device in ((secretary, {"status": "done"}, "Zb"), (chair, {"owner_name": "Iain"}, "aa")):
        op = laptop.op("action", "a1", "patch", field)
        assert office.push(laptop, op.model_copy(update={"hlc": f"{1_764_000_000_030:016d}-0000-{device}"})) \
            == [("ok", "")]
    pulled = {c["record_id"]: c for c in office.pull(Laptop("other")).changes}
    with head_office.engine.connect() as conn:
        clocks = stored(conn, office.id, "action", "a1").clocks
    assert pulled["a1"]["hlc"] == max(clocks.values()) == f"{1_764_000_000_030:016d}-0000-aa"
    assert pulled["m1"]["hlc"] == f"{1_764_000_000_001:016d}-0000-{chair.device}"


names = st.text(max_size=3)


@given(doc=st.dictionaries(names, st.integers()), clocks=st.dictionaries(names, st.sampled_from(["", "a", "b", "é"])),
       shared=st.sampled_from(["", "a", "b"]))
def test_clocks_kept_once_read_back_as_they_were(doc, clocks, shared):
    """Whatever a record's fields and stamps (every field one stamp, some another, a tombstone's stamps with
    no fields, a field with no stamp), the kept form reads back as the clocks were, its stamp the latest."""
    for each in (clocks, {**dict.fromkeys(doc, shared), **clocks}):
        kept, stamp = kept_clocks(doc, each)
        assert clocks_of(doc, kept, stamp) == each and stamp == max(each.values(), default="")
        assert (kept == "{}") == (each == dict.fromkeys(doc, stamp))  # the usual case: nothing but the stamp


def test_a_change_needing_a_newer_server_waits_and_holds_back_the_rest(office, meeting):
    chair = meeting
    later = chair.op("action", "a1", "create", {"meeting_id": "m1", "description": "x"}, schema=SCHEMA_VERSION + 1)
    after = chair.op("action", "a2", "create", {"meeting_id": "m1", "description": "y"})
    assert office.push(chair, later, after) == [("retry", "update_needed"), ("retry", "waiting")]
    assert office.push(chair, after) == [("ok", "")]  # nothing was stored for a retry


@pytest.mark.parametrize("cursor", ["abc", "-1", "99999999999", "1" * 30])
def test_unknown_cursors(office, meeting, cursor):
    with pytest.raises(feed.UnknownCursor):
        office.pull(meeting, cursor)


def test_enrolment_codes_are_single_use_and_expire(head_office):
    name, code = head_office.new_association()
    with head_office.engine.begin() as conn:
        first = admin.exchange_code(conn, code, "Chair's laptop", None)
    assert first["association_name"] == name and len(first["token"]) >= 40
    with pytest.raises(admin.EnrolmentRefused), head_office.engine.begin() as conn:
        admin.exchange_code(conn, code, "again", None)
    later = admin.enrolment_code(head_office.engine, name)
    from app.server.db import enrolment_codes
    with head_office.engine.begin() as conn:
        conn.execute(enrolment_codes.update().where(enrolment_codes.c.used.is_(None))
                     .values(expires="2000-01-01T00:00:00+00:00"))
    with pytest.raises(admin.EnrolmentRefused), head_office.engine.begin() as conn:
        admin.exchange_code(conn, later, "late", None)


def test_minutes_approved_before_snapshots_take_their_upgrade_snapshot_once(office, meeting):
    """A laptop upgrading an old file snapshots its approved minutes; head office takes that once, checked."""
    chair = meeting
    office.push(chair, chair.op("minutes", "n1", "create", {"meeting_id": "m1", "status": "draft"}))
    approval = {"status": "approved", "content_hash": office.hash_of("m1"), "previous_hash": ""}
    assert office.push(chair, chair.op("minutes", "n1", "patch", approval, at=5)) == [("ok", "")]
    text = '{"version":1}'
    forged = {"snapshot": text, "snapshot_hash": fingerprint(text + " ")}
    assert office.push(chair, chair.op("minutes", "n1", "patch", forged, at=6)) == [("rejected", "hash_mismatch")]
    upgrade = {"snapshot": text, "snapshot_hash": fingerprint(text)}
    assert office.push(chair, chair.op("minutes", "n1", "patch", upgrade, at=7)) == [("ok", "")]
    again = {"snapshot": '{"version":2}', "snapshot_hash": fingerprint('{"version":2}')}
    assert office.push(chair, chair.op("minutes", "n1", "patch", again, at=8)) == [("rejected", "immutable")]
    assert office.doc("minutes", "n1")["snapshot"] == text


def test_a_clock_stamp_ending_in_a_newline_is_refused_and_nothing_is_kept(head_office, office):
    """A stamp is kept in the record's clocks as it was sent: one ending in a newline would be JSON no
    reader accepts, so the record could be neither pulled nor changed again."""
    chair = Laptop("chair")
    new = chair.op("member", "p1", "create", {"first_name": "Eilidh", "surname": "Ó Dónaill"})
    sent = new.model_copy(update={"hlc": new.hlc + "\n"})
    assert office.push(chair, sent) == [("rejected", "bad_op")]
    assert office.doc("member", "p1") is None
    assert office.push(chair, chair.op("member", "p1", "create", {"first_name": "Eilidh", "surname": "Ó Dónaill"})) \
        == [("ok", "")]
    assert office.doc("member", "p1")["surname"] == "Ó Dónaill"
