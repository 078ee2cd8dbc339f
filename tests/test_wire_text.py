"""The sync's JSON written as text: a queued change's seal, a pushed change and a pulled page.

Each is written directly instead of through json.dumps, for speed; each must say exactly what
json.dumps (the seal) or the API's models (the push and pull) say, or a change could be held back
as altered, or arrive different from what the chair typed.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from app.ids import HybridClock, stamp_order
from app.server.feed import Page, Pulled
from app.server.protocol import Op, PullAnswer, PushRequest
from app.store import seals
from app.wire import protocol

BOUNDED = settings(max_examples=300, derandomize=True, deadline=None)
# Any text SQLite can hold: every character but lone surrogates, with quotes, backslashes and controls often.
texts = st.text(st.characters(exclude_categories=["Cs"]) | st.sampled_from('"\\\n\r\t\b\f\x00\x1f\x7f\u2028é😀'),
                max_size=30)
values = st.none() | st.booleans() | st.integers(-2**70, 2**70) | texts
payloads = st.dictionaries(texts, values, max_size=8)
whole = st.none() | st.integers(0, 2**53)


@BOUNDED
@given(entity=texts, record_id=texts, kind=texts, payload=payloads, hlc=texts, base_rev=whole | st.integers())
def test_a_seal_is_the_digest_of_json_dumps_of_the_change(entity, record_id, kind, payload, hlc, base_rev):
    """Seals already on disk were made with json.dumps: the direct text must give the same digest."""
    text = json.dumps(payload, ensure_ascii=False)
    made = json.dumps([entity, record_id, kind, text, hlc, base_rev], ensure_ascii=False)
    assert seals.seal(entity, record_id, kind, text, hlc, base_rev) == seals.hashlib.sha256(made.encode()).hexdigest()


def test_a_seal_over_values_a_change_never_holds_is_still_json_dumps():
    """A damaged row (a number where text belongs) is sealed as json.dumps would, so it still fails its check."""
    odd = ("member", 7, "create", "{}", "0001764000000000-0000-x", 1.5)
    made = json.dumps(list(odd), ensure_ascii=False)
    assert seals.seal(*odd) == seals.hashlib.sha256(made.encode()).hexdigest()


@BOUNDED
@given(payload=payloads, base_rev=whole, entity=texts, kind=texts, hlc=texts)
def test_a_pushed_change_reads_back_as_the_change_the_laptop_stored(payload, base_rev, entity, kind, hlc):
    stored = json.dumps(payload, ensure_ascii=False)  # as app.store.Store._log writes it
    text = protocol.op_json("laptop-1:7", entity, "r1", kind, stored, hlc, base_rev, 12)
    assert json.loads(text) == {"op_id": "laptop-1:7", "entity": entity, "record_id": "r1", "kind": kind,
                                "payload": payload, "hlc": hlc, "base_rev": base_rev, "schema_version": 12}
    assert json.loads(protocol.push_body([text, text])) == {"ops": [json.loads(text)] * 2}


@BOUNDED
@given(payload=st.dictionaries(texts, st.none() | st.booleans() | st.integers(-2**60, 2**60) | texts, max_size=8))
def test_head_office_reads_a_pushed_change_as_the_laptop_meant_it(payload):
    text = protocol.op_json("laptop-1:7", "member", "r1", "create", json.dumps(payload, ensure_ascii=False),
                            "0001764000000000-0000-laptop-1", None, 12)
    op = PushRequest.model_validate_json(protocol.push_body([text])).ops[0]
    assert op == Op(op_id="laptop-1:7", entity="member", record_id="r1", kind="create", payload=payload,
                    hlc="0001764000000000-0000-laptop-1", schema_version=12)
    assert all(type(op.payload[k]) is type(v) for k, v in payload.items())  # True stays True, 1 stays 1


@BOUNDED
@given(docs=st.lists(st.tuples(texts, texts, st.booleans(), payloads, texts), max_size=5), more=st.booleans())
def test_a_pulled_page_is_the_answer_the_api_describes(docs, more):
    records = [Pulled(entity, record_id, deleted, "{}" if deleted else json.dumps(doc, ensure_ascii=False), hlc, n)
               for n, (entity, record_id, deleted, doc, hlc) in enumerate(docs)]
    page = Page(records, "42", more)
    answer = json.loads(page.as_json())
    assert answer == {"changes": page.changes, "next_cursor": "42", "has_more": more}
    assert [c["doc"] for c in answer["changes"]] == [{} if d else doc for _, _, d, doc, _ in docs]
    assert PullAnswer.model_validate_json(page.as_json()).model_dump()["changes"] == page.changes


@BOUNDED
@given(stamps=st.lists(st.tuples(st.integers(0, 10**16 - 1), st.integers(0, 10**6), st.sampled_from(["a", "zz-9"])),
                       min_size=1, max_size=6))
def test_a_pull_moves_the_clock_past_its_latest_stamp(stamps):
    """The clock observes only the page's latest stamp: the same as observing each in turn."""
    texts_ = [f"{ms:016d}-{counter:04d}-{device}" for ms, counter, device in stamps]
    each, once = HybridClock("here"), HybridClock("here")
    for stamp in texts_:
        each.observe(stamp)
    once.observe(max(texts_, key=stamp_order))
    assert (once._millis, once._counter) == (each._millis, each._counter)
