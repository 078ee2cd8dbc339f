"""The chair's last look at the summary for members: edit it, then print the poster, copy the short
text for a WhatsApp or Facebook group, or put it on the head-office page that the poster's QR code opens.

The text is saved (one transaction) before every output and on closing, so an edit is never lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from app.errors import QuorumError
from app.services import Changes
from app.words import meeting_title
from ui.session import Session

HOW_TO_EDIT = ("Edit it as you like before you print it. Keep sentences short. A blank line starts a new "
               "section; its first line is the heading, and lines starting with “- ” are points. "
               "Only name office bearers: other members are “a member” or “a committee member”.")


class DigestDialog(QDialog):
    def __init__(self, session: Session, meeting_id: str, today: date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.session, self.book, self.meeting_id = session, session.book, meeting_id
        self.today = today or date.today()
        meeting = self.book.meetings.meeting(meeting_id)
        title = meeting_title(meeting.kind, meeting.date).removeprefix("the ")
        self.setWindowTitle(f"Summary for members — {title}")
        layout = QVBoxLayout(self)
        hint = QLabel(HOW_TO_EDIT)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Summary for members")
        self.text.setTabChangesFocus(True)  # Tab goes on to the buttons; it typed a tab into the summary
        self.text.setPlainText(self.book.documents.digest_text(meeting_id, self.today))
        layout.addWidget(self.text, 1)
        self.status = QLabel()
        self.status.setAccessibleName("What happened")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.publish_button = self._button(row, "", "", self.toggle_page)
        self._button(row, "Save the &poster…", "An A4 poster in large print for the close notice board",
                     self.choose_poster_file)
        self._button(row, "&Copy the short text", "Under 600 characters, for a WhatsApp or Facebook group",
                     self.copy_short_text)
        self._button(row, "Start &again", "Draft it again from the meeting's record", self.redraft)
        row.addStretch(1)
        self._button(row, "Close", "Save the text and close", self.accept)
        layout.addLayout(row)
        self._show_page_state()
        self.resize(760, 640)

    def _button(self, row: QHBoxLayout, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _write(self, publish: bool | None) -> Changes:
        return self.book.documents.save_digest(self.meeting_id, self.text.toPlainText(), publish)

    def _save(self, publish: bool | None = None) -> bool:
        try:
            self.session.apply(self._write, publish)
        except QuorumError as error:
            self.status.setText(str(error))
            return False
        return True

    def _show_page_state(self) -> None:
        saved = self.book.documents.digest(self.meeting_id)
        published = bool(saved and saved.published)
        self.publish_button.setText("Take it off the head-office pa&ge" if published else
                                    "Put it on the head-office pa&ge")
        self.publish_button.setAccessibleName(self.publish_button.text().replace("&", ""))
        self.publish_button.setToolTip("Members open the page from the QR code on the poster; no login is needed")
        link = self.book.documents.digest_link(self.meeting_id)
        if link:
            self.status.setText(f"On the head-office page at {link} (it is sent with the next sync).")

    def toggle_page(self) -> None:
        saved = self.book.documents.digest(self.meeting_id)
        if self._save(publish=not (saved and saved.published)):
            self.status.setText("Taken off the head-office page.")
            self._show_page_state()

    def choose_poster_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the poster", str(Path.home() / "What we decided.pdf"),
                                              "PDF files (*.pdf)")
        if path:
            self.save_poster(Path(path))

    def save_poster(self, path: Path) -> None:
        if not self._save():
            return
        try:
            self.book.documents.print_poster(self.meeting_id, self.text.toPlainText(), path)
        except QuorumError as error:
            self.status.setText(str(error))
            return
        self.status.setText(f"The poster is saved as {path.name}.")

    def copy_short_text(self) -> str:
        self._save()
        short = self.book.documents.digest_short_text(self.meeting_id, self.text.toPlainText())
        QApplication.clipboard().setText(short)
        self.status.setText(f"Copied {len(short)} characters; paste them into your group.")
        return short

    def redraft(self) -> None:
        self.text.setPlainText(self.book.documents.digest_draft(self.meeting_id, self.today))
        self.status.setText("Drafted again from the meeting's record.")

    def done(self, result: int) -> None:
        self._save()
        super().done(result)


def open_digest(session: Session, meeting_id: str, today: date | None = None, parent=None) -> DigestDialog:
    dialog = DigestDialog(session, meeting_id, today, parent)
    dialog.open()
    return dialog
