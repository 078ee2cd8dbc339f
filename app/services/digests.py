"""The digest for members of a closed meeting: drafted here, edited by the chair, printed or published.

A digest is saved as a record like any other, so it reaches head office with the next sync; its
page there shows only once the chair publishes it, at an address with a long random token.
"""

from __future__ import annotations

import secrets
from datetime import date

from app import digest, model
from app.errors import QuorumError, RuleError
from app.store import inbox

DIGEST_PATH = "/digest/"


class Digests:
    store: object

    def digest_draft(self, meeting_id: str, today: date | None = None) -> str:
        """A fresh draft from the meeting's record, with answers from the landlord since the last meeting."""
        meeting = self.meeting(meeting_id)
        if meeting.status != "closed":
            raise RuleError("The summary for members is written once the meeting has closed.")
        record = self.meeting_record(meeting_id)
        earlier = [m for m in self.meetings()
                   if m.status == "closed" and (m.date, m.time) < (meeting.date, meeting.time)]
        answers = digest.answers_since(self.asks_of_landlord(), earlier[-1].date if earlier else None,
                                       today or date.today())
        coming = [m for m in self.meetings() if m.date > meeting.date and m.kind != "committee"]
        return digest.draft(record, answers, coming[0] if coming else None)

    def digest(self, meeting_id: str) -> model.Digest | None:
        found = self.store.find(model.Digest, meeting_id=meeting_id)
        return found[-1] if found else None

    def digest_text(self, meeting_id: str, today: date | None = None) -> str:
        """The chair's edited text if there is one, otherwise a fresh draft."""
        saved = self.digest(meeting_id)
        return saved.text if saved and saved.text.strip() else self.digest_draft(meeting_id, today)

    def save_digest(self, meeting_id: str, text: str, publish: bool | None = None) -> model.Digest:
        """Keep the chair's text; ``publish`` puts it on (or takes it off) the head-office page."""
        if publish and not self.enrolled():
            raise QuorumError("This association is not connected to head office, so there is no page to put "
                              "the summary on. You can still print the poster.")
        saved = self.digest(meeting_id)
        if saved is None:
            return self.store.add(model.Digest(meeting_id, text, secrets.token_urlsafe(24), bool(publish)))
        fields = {"text": text} if publish is None else {"text": text, "published": publish}
        return self.store.patch(model.Digest, saved.id, **fields)

    def digest_link(self, meeting_id: str) -> str | None:
        """The published page's address (for the QR code), or None."""
        saved, url = self.digest(meeting_id), inbox.state(self.store, "url")
        if not (saved and saved.published and url):
            return None
        return url.rstrip("/") + DIGEST_PATH + saved.token

    def digest_short_text(self, meeting_id: str, text: str) -> str:
        return digest.short_text(text, self.association().name, self.digest_link(meeting_id))

    def print_poster(self, meeting_id: str, text: str, out) -> list[str]:
        """The digest as a large-print A4 poster, with a QR code to its page when it is published;
        returns warnings for names that cannot be printed."""
        from app.reports.poster import poster_pdf

        return poster_pdf(digest.parse(text), self.association().name, self.digest_link(meeting_id), out)
