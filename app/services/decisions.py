"""Motions and votes, and elections: what the meeting decides."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from app import model, rules
from app.core import motions
from app.core.motions import Room
from app.errors import QuorumError, RuleError
from app.services.changes import Changes
from app.services.part import Part


class Decisions(Part):
    """Motions and votes, and elections: what the meeting decides."""

    def motion(self, motion_id: str) -> model.Motion:
        return self.store.get(model.Motion, motion_id)

    def motions(self, meeting_id: str) -> list[model.Motion]:
        return self.store.find(model.Motion, order_by=("position", "rowid"), meeting_id=meeting_id)

    def propose_motion(self, meeting_id: str, text: str, proposer_id: str | None = None,
                       seconder_id: str | None = None, majority_kind: str | None = None,
                       agenda_item_id: str | None = None, amends_id: str | None = None,
                       override_reason: str = "") -> Changes:
        """A motion (``changes.id``); its proposer and seconder must be here, unless the chair allows it and says why."""
        meeting = self._unlocked(meeting_id)
        if not text.strip():
            raise QuorumError("A motion needs its wording.")
        problem = motions.proposal_problem(proposer_id, seconder_id)
        if problem:
            raise RuleError(problem)
        kind = majority_kind or self.book.rules(meeting.date).majority.kind
        rules.MajorityRule(kind)  # refuse an unknown kind before anything is written
        position = len(self.motions(meeting_id)) + 1
        motion = model.Motion(meeting_id, text.strip(), agenda_item_id, proposer_id, seconder_id, kind,
                              amends_id=amends_id, position=position, override_reason=override_reason.strip())
        refuse(motions.motion_refusal(motion, self.room(meeting_id), motions.MOVERS))
        self.store.add(motion)
        return Changes.of("motion", meeting_id=meeting_id, ids=(motion.id,))

    def room(self, meeting_id: str) -> Room:
        """Who is in the meeting now, as far as decisions go: the same Room head office works out."""
        meeting = self.book.meetings.meeting(meeting_id)
        entitled = {m.id: m for m in self.book.register.voting_members(meeting.date, committee=meeting.kind == "committee")}
        names = {m.id: m.name for m in self.book.register.members(include_left=True)}
        return motions.room(self.book.door.attendance(meeting_id), entitled, self.book.rules(meeting.date), names, meeting.held)

    def set_movers(self, motion_id: str, proposer_id: str | None, seconder_id: str | None) -> model.Motion:
        """Who proposed and seconded a motion written in advance, given when it is put to the vote."""
        motion = self.store.get(model.Motion, motion_id)
        self._unlocked(motion.meeting_id)
        if motion.decided:
            raise RuleError("This motion has already been voted on.")
        refuse(motions.proposal_problem(proposer_id, seconder_id))
        if proposer_id or seconder_id:  # the same test as a motion put from the floor: both must be here
            moved = dataclasses.replace(motion, proposer_id=proposer_id, seconder_id=seconder_id)
            refuse(motions.motion_refusal(moved, self.room(motion.meeting_id), motions.MOVERS))
        return self.store.patch(model.Motion, motion_id, proposer_id=proposer_id, seconder_id=seconder_id)

    def record_vote(self, motion_id: str, votes_for: int, votes_against: int, abstentions: int = 0,
                    casting_vote: str | None = None, inquorate_ok: bool = False) -> Changes:
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
        refuse(motions.motion_refusal(counted, room, motions.COUNTS))
        rule = rules.MajorityRule(motion.majority_kind, room.chair_casting_vote)
        try:
            result = rules.motion_result(rule, votes_for, votes_against, abstentions, present=room.votes_possible,
                                         casting_vote=casting_vote)  # the refusal above keeps only one that decides
        except ValueError as error:
            raise RuleError(str(error)) from None
        carried, reason = result.carried, result.reason
        if not state.quorate:
            carried, reason = False, motions.inquorate_reason(votes_for, votes_against, abstentions)
        self.store.patch(model.Motion, motion_id, votes_for=votes_for, votes_against=votes_against,
                         abstentions=abstentions, casting_vote=casting_vote, carried=carried, result_text=reason)
        return Changes.of("motion", meeting_id=meeting.id, ids=(motion_id,))

    def casting_vote_applies(self, motion_id: str, votes_for: int, votes_against: int) -> bool:
        """Whether the chair is asked for a casting vote on these counts (app.core.motions decides)."""
        motion = self.store.get(model.Motion, motion_id)
        chair_has_one = self.book.rules(self.book.meetings.meeting(motion.meeting_id).date).majority.chair_casting_vote
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
        state = self.book.door.quorum(meeting_id)
        if not state.quorate and not inquorate_ok:
            raise RuleError(f"The meeting is not quorate ({state.sentence.split(': ')[1]}), "
                            "so no decision can be taken.")
        return state

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

    def nominate(self, election_id: str, name: str, member_id: str | None = None) -> Changes:
        """A candidate (``changes.id``) in an election."""
        election = self.store.get(model.Election, election_id)
        self._unlocked(election.meeting_id)
        candidate = self.store.add(model.Candidate(election_id, name, member_id))
        return Changes.of("candidate", meeting_id=election.meeting_id, ids=(candidate.id,))

    def record_election(self, election_id: str, votes: Mapping[str, int | None] | None = None) -> rules.ElectionResult:
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
        refuse(motions.ballots_refusal(counted, election.seats, self.room(election.meeting_id)))
        with self.store.transaction():
            for person in people:
                self.store.patch(model.Candidate, person.id, votes=counts[person.id],
                                 elected=person.id in result.elected, unopposed=result.unopposed)
            self.book.offices._elect(election, [c.member_id for c in people if c.id in result.elected and c.member_id])
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
            self.book.offices._forget_election(election_id)
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
            self.book.offices._elect(election, [c.member_id for c in self.candidates(election.id) if c.elected and c.member_id])
        return Changes.of("candidate", "member", meeting_id=election.meeting_id)


def refuse(refusal: str) -> None:
    if refusal:
        raise RuleError(refusal)
