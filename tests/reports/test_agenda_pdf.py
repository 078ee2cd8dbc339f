"""The agenda, and the notice each kind of meeting needs under the constitution."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.model import Action, ConstitutionRules, Meeting
from app.reports import agenda_pdf
from tests.conftest import DEMO_DAY

ISSUED = date(2026, 11, 3)


def test_agm_notice_with_its_date_of_issue(agm, tmp_path, text):
    path = tmp_path / "agenda.pdf"
    assert agenda_pdf(agm, path, issued=ISSUED) == []
    words = text(path)
    assert "Date of issue: 3 November 2026" in words
    assert (
        "Notice is hereby given that the Annual General Meeting of Wellhouse and District Tenants' and "
        "Residents' Association will be held on Tuesday 24 November 2026 at 19:00 in Wellhouse Community "
        "Centre, 2 Wellhouse Road. The constitution requires at least 14 days' notice of an annual general "
        "meeting"
    ) in words
    assert "All members are welcome and entitled to attend and vote." in words
    assert "Zoë Docherty, Secretary, on behalf of the Committee" in words


def test_notice_days_follow_the_constitution_and_late_notice_warns_the_chair(agm, tmp_path, text):
    association = replace(agm.association, rules=ConstitutionRules(agm_notice_days=21))
    path = tmp_path / "agenda.pdf"
    warnings = agenda_pdf(replace(agm, association=association), path, issued=ISSUED)
    assert "at least 21 days' notice of an annual general meeting" in text(path)
    assert warnings == ["This notice is dated 3 November 2026, 21 days before the meeting; the constitution "
                        "requires at least 21 days' notice of an annual general meeting."] or warnings == []
    late = agenda_pdf(replace(agm, association=association), path, issued=date(2026, 11, 20))
    assert late == ["This notice is dated 20 November 2026, 4 days before the meeting; the constitution "
                    "requires at least 21 days' notice of an annual general meeting."]


def test_a_general_meeting_gets_its_seven_days_notice(general_meeting, tmp_path, text):
    path = tmp_path / "agenda.pdf"
    agenda_pdf(general_meeting, path, issued=ISSUED)
    words = text(path)
    assert "Agenda: General Meeting" in words
    assert "All members are welcome, and members may vote." in words
    assert "The constitution requires at least 7 days' notice of a general meeting" in words
    assert "Notice is hereby given" not in words
    assert "Led by" not in words  # no presenters set, so no empty column


def test_a_committee_agenda_is_for_the_committee(general_meeting, tmp_path, text):
    committee = replace(general_meeting, meeting=Meeting("committee", date(2026, 11, 24), "18:30", id="c"))
    path = tmp_path / "agenda.pdf"
    assert agenda_pdf(committee, path, issued=date(2026, 11, 23)) == []  # no notice period for a committee
    words = text(path)
    assert "Agenda: Committee Meeting" in words
    assert "Members of the committee are asked to attend." in words
    assert "All members are welcome" not in words
    assert "notice" not in words.lower()


def test_matters_arising_lists_the_actions_carried_forward(general_meeting, tmp_path, text):
    carried = [Action("g0", "Ask the council about close lighting", owner_name="Łukasz Nowak",
                      due=date(2026, 12, 15)),
               Action("g0", "Chase the landlord", owner_name="")]
    path = tmp_path / "agenda.pdf"
    agenda_pdf(general_meeting, path, issued=ISSUED, carried=carried)
    words = text(path)
    assert "3. Matters arising 2 actions carried forward, listed below" in words
    listed = words[words.index("Matters arising: actions carried forward"):]
    assert listed.startswith("Matters arising: actions carried forward Action Who Due Ask the council about close "
                             "lighting Łukasz Nowak 15 December 2026 Chase the landlord No one named yet No date set")
    agenda_pdf(general_meeting, path, issued=ISSUED)
    assert "No actions are carried forward from earlier meetings." in text(path)


def test_items_with_presenters_and_times(agm, tmp_path, text):
    path = tmp_path / "agenda.pdf"
    agenda_pdf(agm, path, issued=ISSUED)
    words = text(path)
    assert "Date: Tuesday 24 November 2026 Time: 19:00 Venue: Wellhouse Community Centre" in words
    assert "4. Treasurer's report and accounts Seán Ó Dónaill 15 min" in words
    assert "Motion: That clause 4 be changed" in words
    assert "Elections: Chair, Treasurer and Committee members (3 places)" in words
    assert "expected to take about 1 hour 35 minutes, finishing by about 20:35." in words


def test_agenda_is_never_marked_draft(agm, tmp_path, text):
    path = tmp_path / "agenda.pdf"
    agenda_pdf(agm, path)
    assert "DRAFT" not in text(path)


def test_the_demo_agenda_carries_its_open_actions(demo, tmp_path, text):
    meeting = demo.meetings.find_meeting("next", DEMO_DAY)
    path = tmp_path / "agenda.pdf"
    demo.documents.print_document("agenda", meeting.id, path, today=DEMO_DAY)
    words = text(path)
    assert f"Date of issue: {DEMO_DAY.day} November 2026" in words
    still_open = [a for a in demo.actions.actions() if a.status == "open"]
    assert still_open and f"{len(still_open)} actions carried forward, listed below" in words
    assert still_open[0].description.rstrip(".")[:30] in words
