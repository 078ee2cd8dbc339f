"""Motions and votes, elections, actions, and approving minutes."""

from __future__ import annotations

import dataclasses
from datetime import date

from app import model, rules
from app.core import arising, motions, record, snapshot
from app.errors import QuorumError, RuleError
from app.services.changes import Changes
from app.words import meeting_title


class Decisions:
    store: object

    # -- motions --------------------------------------------------------------------------------

    def motion(self, motion_id: str) -> model.Motion:
        return self.store.get(model.Motion, motion_id)

    def motions(self, meeting_id: str) -> list[model.Motion]:
        return self.store.find(model.Motion, order_by=("position", "rowid"), meeting_id=meeting_id)

    def propose_motion(self, meeting_id: str, text: str, proposer_id: str | None = None,
                       seconder_id: str | None = None, majority_kind: str | None = None,
                       agenda_item_id: str | None = None, amends_id: str | None = None,
                       override_reason: str = "") -> model.Motion:
        """A motion; its proposer and seconder must be here, unless the chair allows it and says why."""
        meeting = self._unlocked(meeting_id)
        if not text.strip():
            raise QuorumError("A motion needs its wording.")
        problem = motions.proposal_problem(proposer_id, seconder_id)
        if problem:
            raise RuleError(problem)
        kind = majority_kind or self.rules(meeting.date).majority.kind
        rules.MajorityRule(kind)  # refuse an unknown kind before anything is written
        position = len(self.motions(meeting_id)) + 1
        motion = model.Motion(meeting_id, text.strip(), agenda_item_id, proposer_id, seconder_id, kind,
                              amends_id=amends_id, position=position, override_reason=override_reason.strip())
        _refuse(motions.motion_refusal(motion, self.room(meeting_id), motions.MOVERS))
        return self.store.add(motion)

    def room(self, meeting_id: str) -> motions.Room:
        """Who is in the meeting now, as far as decisions go: the same Room head office works out."""
        meeting = self.meeting(meeting_id)
        entitled = {m.id: m for m in self.voting_members(meeting.date, committee=meeting.kind == "committee")}
        names = {m.id: m.name for m in self.members(include_left=True)}
        return motions.room(self.attendance(meeting_id), entitled, self.rules(meeting.date), names, meeting.held)

    def set_movers(self, motion_id: str, proposer_id: str | None, seconder_id: str | None) -> model.Motion:
        """Who proposed and seconded a motion written in advance, given when it is put to the vote."""
        motion = self.store.get(model.Motion, motion_id)
        self._unlocked(motion.meeting_id)
        if motion.decided:
            raise RuleError("This motion has already been voted on.")
        _refuse(motions.proposal_problem(proposer_id, seconder_id))
        if proposer_id or seconder_id:  # the same test as a motion put from the floor: both must be here
            moved = dataclasses.replace(motion, proposer_id=proposer_id, seconder_id=seconder_id)
            _refuse(motions.motion_refusal(moved, self.room(motion.meeting_id), motions.MOVERS))
        return self.store.patch(model.Motion, motion_id, proposer_id=proposer_id, seconder_id=seconder_id)

    def record_vote(self, motion_id: str, votes_for: int, votes_against: int, abstentions: int = 0,
                    casting_vote: str | None = None, inquorate_ok: bool = False) -> model.Motion:
        """Decide a motion from the counts, under the constitution of the meeting's day."""
        motion = self.store.get(model.Motion, motion_id)
        meeting = self._unlocked(motion.meeting_id)
        if motion.decided:
            raise RuleError("This motion has already been voted on.")
        pending = [m for m in self.motions(meeting.id) if m.amends_id == motion_id and not m.decided]
        if pending:
            raise RuleError("Vote on the amendment first; it changes the motion it amends.")
        state = self._may_decide(meeting.id, inquorate_ok)
        room = self.room(meeting.id)
        counted = dataclasses.replace(motion, votes_for=votes_for, votes_against=votes_against,
                                      abstentions=abstentions, casting_vote=casting_vote)
        _refuse(motions.motion_refusal(counted, room, motions.COUNTS))
        rule = rules.MajorityRule(motion.majority_kind, room.chair_casting_vote)
        try:
            result = rules.motion_result(rule, votes_for, votes_against, abstentions, present=room.votes_possible,
                                         casting_vote=casting_vote)  # the refusal above keeps only one that decides
        except ValueError as error:
            raise RuleError(str(error)) from None
        carried, reason = result.carried, result.reason
        if not state.quorate:
            carried, reason = False, motions.inquorate_reason(votes_for, votes_against, abstentions)
        return self.store.patch(model.Motion, motion_id, votes_for=votes_for, votes_against=votes_against,
                                abstentions=abstentions, casting_vote=casting_vote,
                                carried=carried, result_text=reason)

    def casting_vote_applies(self, motion_id: str, votes_for: int, votes_against: int) -> bool:
        """Whether the chair is asked for a casting vote on these counts (app.core.motions decides)."""
        motion = self.store.get(model.Motion, motion_id)
        chair_has_one = self.rules(self.meeting(motion.meeting_id).date).majority.chair_casting_vote
        return motions.casting_vote_applies(motion.majority_kind, chair_has_one, votes_for, votes_against)

    def record_acclaim(self, motion_id: str, unanimous: bool = True) -> model.Motion:
        """"Carried unanimously" (everyone present voted for) or "carried by acclaim" (no count taken)."""
        motion = self.store.get(model.Motion, motion_id)
        self._unlocked(motion.meeting_id)
        if motion.decided:
            raise RuleError("This motion has already been voted on.")
        state = self._may_decide(motion.meeting_id, False)
        if unanimous:
            return self.store.patch(model.Motion, motion_id, votes_for=state.present, votes_against=0, abstentions=0,
                                    carried=True, result_text=f"Carried unanimously ({state.present} for).")
        return self.store.patch(model.Motion, motion_id, carried=True, result_text="Carried by acclaim.")

    def clear_vote(self, motion_id: str) -> Changes:
        """Undo a vote entered by mistake, so it can be counted again."""
        motion = self.store.get(model.Motion, motion_id)
        self._unlocked(motion.meeting_id)
        self.store.patch(model.Motion, motion_id, votes_for=None, votes_against=None, abstentions=None,
                         casting_vote=None, carried=None, result_text="")
        return Changes.of("motion", meeting_id=motion.meeting_id)

    def withdraw_motion(self, motion_id: str) -> Changes:
        motion = self.store.get(model.Motion, motion_id)
        self._unlocked(motion.meeting_id)
        if motion.decided:
            raise RuleError("A motion that has been voted on cannot be withdrawn.")
        self.store.remove(model.Motion, motion_id)
        return Changes.of("motion", meeting_id=motion.meeting_id)

    def _may_decide(self, meeting_id: str, inquorate_ok: bool):
        state = self.quorum(meeting_id)
        if not state.quorate and not inquorate_ok:
            raise RuleError(f"The meeting is not quorate ({state.sentence.split(': ')[1]}), "
                            "so no decision can be taken.")
        return state

    # -- elections ------------------------------------------------------------------------------

    def elections(self, meeting_id: str) -> list[model.Election]:
        return self.store.find(model.Election, meeting_id=meeting_id)

    def candidates(self, election_id: str) -> list[model.Candidate]:
        return self.store.find(model.Candidate, election_id=election_id)

    def add_election(self, meeting_id: str, post: str, seats: int = 1,
                     agenda_item_id: str | None = None) -> model.Election:
        self._unlocked(meeting_id)
        if seats < 1:
            raise QuorumError("An election needs at least one seat.")
        return self.store.add(model.Election(meeting_id, post, seats, agenda_item_id))

    def nominate(self, election_id: str, name: str, member_id: str | None = None) -> model.Candidate:
        election = self.store.get(model.Election, election_id)
        self._unlocked(election.meeting_id)
        return self.store.add(model.Candidate(election_id, name, member_id))

    def record_election(self, election_id: str, votes: dict[str, int] | None = None) -> rules.ElectionResult:
        """Declare the result: unopposed when candidates do not outnumber seats, else most votes win.

        ``votes`` maps candidate ids to counts. Candidates level on the last seat stay undecided for
        the chair (``declare_elected``).
        """
        election = self.store.get(model.Election, election_id)
        self._unlocked(election.meeting_id)
        people = self.candidates(election_id)
        counts = {c.id: (votes or {}).get(c.id) for c in people}
        try:
            result = rules.election_result(election.seats, counts)
        except ValueError as error:
            raise RuleError(str(error)) from None
        counted = [dataclasses.replace(c, votes=counts[c.id]) for c in people]
        _refuse(motions.ballots_refusal(counted, election.seats, self.room(election.meeting_id)))
        with self.store.transaction():
            for person in people:
                self.store.patch(model.Candidate, person.id, votes=counts[person.id],
                                 elected=person.id in result.elected, unopposed=result.unopposed)
            self._elect(election, [c.member_id for c in people if c.id in result.elected and c.member_id])
        return result

    def hold_election(self, meeting_id: str, post: str, seats: int,
                      candidates: list[tuple[str, str | None, int | None]],
                      agenda_item_id: str | None = None) -> tuple[model.Election, rules.ElectionResult]:
        """An election in one go, whole or not at all: the post, its candidates as (name, member id or
        None, votes or None when uncontested), and the result."""
        with self.store.transaction():
            election = self.add_election(meeting_id, post, seats, agenda_item_id)
            votes = {self.nominate(election.id, name, member_id).id: count
                     for name, member_id, count in candidates}
            contested = any(count is not None for count in votes.values())
            return election, self.record_election(election.id, votes if contested else None)

    def withdraw_election(self, election_id: str) -> Changes:
        """Take back an election entered by mistake, with its candidates (the console's undo)."""
        election = self.store.get(model.Election, election_id)
        self._unlocked(election.meeting_id)
        with self.store.transaction():
            self._forget_election(election_id)
            for candidate in self.candidates(election_id):
                self.store.remove(model.Candidate, candidate.id)
            self.store.remove(model.Election, election_id)
        return Changes.of("election", "candidate", meeting_id=election.meeting_id)

    def declare_elected(self, candidate_id: str) -> Changes:
        """The chair settles a tie on the last seat (by lot or by the constitution's rule)."""
        candidate = self.store.get(model.Candidate, candidate_id)
        election = self.store.get(model.Election, candidate.election_id)
        self._unlocked(election.meeting_id)
        with self.store.transaction():
            self.store.patch(model.Candidate, candidate_id, elected=True)
            self._elect(election, [c.member_id for c in self.candidates(election.id) if c.elected and c.member_id])
        return Changes.of("candidate", "member", meeting_id=election.meeting_id)

    # -- actions --------------------------------------------------------------------------------

    def actions(self, meeting_id: str | None = None) -> list[model.Action]:
        if meeting_id:
            return self.store.find(model.Action, meeting_id=meeting_id)
        return self.store.find(model.Action, order_by=("due",))

    def add_action(self, meeting_id: str, description: str, owner_name: str = "", owner_member_id: str | None = None,
                   due: date | None = None, agenda_item_id: str | None = None, ask_of_landlord: bool = False,
                   landlord_department: str = "") -> model.Action:
        """An action; an ask of the landlord is owned by the landlord (or its department), not a member."""
        self._unlocked(meeting_id)
        if not description.strip():
            raise QuorumError("An action needs a description of what is to be done.")
        if ask_of_landlord:
            owner_member_id, owner_name = None, owner_name.strip() or "The landlord"
        if owner_member_id and not owner_name:
            owner_name = self.member(owner_member_id).name
        department = landlord_department.strip() if ask_of_landlord else ""
        return self.store.add(model.Action(meeting_id, description.strip(), owner_name, owner_member_id, due,
                                           agenda_item_id=agenda_item_id, ask_of_landlord=ask_of_landlord,
                                           landlord_department=department))

    def set_action_status(self, action_id: str, status: str, on: date | None = None) -> Changes:
        if status not in model.ACTION_STATUSES:
            raise QuorumError(f"“{status}” is not an action status.")
        completed = (on or date.today()) if status == "done" else None
        self.store.patch(model.Action, action_id, status=status, completed=completed)
        return Changes.of("action")

    def remove_action(self, action_id: str) -> Changes:
        action = self.store.get(model.Action, action_id)
        self._unlocked(action.meeting_id)
        self.store.remove(model.Action, action_id)
        return Changes.of("action", meeting_id=action.meeting_id)

    def matters_arising(self, meeting_id: str) -> list[model.Action]:
        """Actions from earlier meetings still open: the console lists them under matters arising."""
        found = arising.matters_arising(self.meeting(meeting_id), self.meetings(), self.actions())
        return [a for a in found if a.status == "open"]

    # -- minutes --------------------------------------------------------------------------------

    def minutes(self, meeting_id: str) -> model.Minutes:
        found = self.store.find(model.Minutes, meeting_id=meeting_id)
        return found[0] if found else self.store.add(model.Minutes(meeting_id))

    def approve_minutes(self, meeting_id: str, at_meeting_id: str | None = None, proposer_id: str | None = None,
                        seconder_id: str | None = None, corrections: str = "", on: date | None = None) -> Changes:
        """Approve a meeting's minutes; from now on its record is locked and its hash chained."""
        meeting = self._unlocked(meeting_id)
        if meeting.status != "closed":
            raise RuleError("Minutes can only be approved once the meeting has closed.")
        if at_meeting_id:
            _refuse(motions.movers_refusal(proposer_id, seconder_id, self.room(at_meeting_id)))
        minutes = self.minutes(meeting_id)
        previous = self.last_approved_hash()
        approval = {"status": "approved", "approved_on": on or date.today(), "approved_at_meeting_id": at_meeting_id,
                    "proposer_id": proposer_id, "seconder_id": seconder_id, "corrections": corrections}
        record = self.meeting_record(meeting_id)
        record.minutes = dataclasses.replace(minutes, **approval)
        record.meeting.minutes_status = "approved"
        text = snapshot.take(record)
        with self.store.transaction():
            self.store.patch(model.Minutes, minutes.id, **approval, snapshot=text,
                             content_hash=snapshot.sealed(text, previous), previous_hash=previous)
            self.store.patch(model.Meeting, meeting_id, minutes_status="approved")
        return Changes.of("minutes", "meeting", meeting_id=meeting_id)

    def printed_record(self, meeting_id: str) -> model.MeetingRecord:
        """What the minutes print from: the snapshot once approved, so later edits change nothing in them."""
        minutes = self.minutes(meeting_id)
        if minutes.status == "approved" and minutes.snapshot:
            return snapshot.record_of(minutes.snapshot)
        return self.meeting_record(meeting_id)

    def snapshot_old_approvals(self) -> int:
        """Minutes approved before snapshots existed are snapshotted once, when the file is upgraded.

        Their approval hash stays the hash of the record, as approved; the snapshot is sealed by a
        fingerprint of its own. It holds names and roles as they stand at the upgrade.
        """
        old = [m for m in self.store.find(model.Minutes, status="approved") if m.content_hash and not m.snapshot]
        with self.store.transaction():
            for minutes in old:
                text = snapshot.take(self.meeting_record(minutes.meeting_id))
                self.store.patch(model.Minutes, minutes.id, snapshot=text, snapshot_hash=snapshot.fingerprint(text))
        return len(old)

    def last_approved_hash(self) -> str:
        approved = [m for m in self.store.find(model.Minutes, status="approved") if m.content_hash]
        approved.sort(key=lambda m: (m.approved_on or date.min, self.meeting(m.meeting_id).date))
        return approved[-1].content_hash if approved else ""

    def altered_minutes(self) -> list[str]:
        """Meetings whose approved record no longer matches its hash, or whose chain is broken."""
        approved = [m for m in self.store.find(model.Minutes, status="approved") if m.content_hash]
        hashes = {m.content_hash for m in approved}
        altered = []
        for minutes in approved:
            record = self._decided_record(minutes.meeting_id)
            if not snapshot.intact(minutes, record) or (minutes.previous_hash and minutes.previous_hash not in hashes):
                altered.append(meeting_title(record.meeting.kind, record.meeting.date))
        return altered

    def _decided_record(self, meeting_id: str) -> model.MeetingRecord:
        """Only what the minutes hash covers: checking every approved meeting need not load the register."""
        meeting = self.meeting(meeting_id)
        elections = self.elections(meeting_id)
        return model.MeetingRecord(
            association=model.Association(""), meeting=meeting, agenda=self.agenda(meeting_id),
            attendance=self.attendance(meeting_id), motions=self.motions(meeting_id), elections=elections,
            candidates=[c for e in elections for c in self.candidates(e.id)], actions=self.actions(meeting_id))

    # -- everything about one meeting -----------------------------------------------------------

    def meeting_record(self, meeting_id: str) -> model.MeetingRecord:
        """Everything about one meeting, put together by app.core.record as head office puts it together."""
        meeting = self.meeting(meeting_id)
        elections = self.elections(meeting_id)
        others = self.meetings()
        approved_here = self.store.find(model.Minutes, approved_at_meeting_id=meeting_id)
        return record.meeting_record(
            record.with_rules(self.association(), self.rules(meeting.date)), meeting,
            meetings=others, members={m.id: m for m in self.members_at(meeting, elections)},
            agenda=self.agenda(meeting_id), attendance=self.attendance(meeting_id),
            motions=self.motions(meeting_id), elections=elections,
            candidates=[c for e in elections for c in self.candidates(e.id)],
            actions=self.store.find(model.Action),  # in the order made, as head office has them
            minutes=[self.minutes(meeting_id), *approved_here], quorum_events=self.quorum_events(meeting_id),
        )


def _refuse(refusal: str) -> None:
    if refusal:
        raise RuleError(refusal)
