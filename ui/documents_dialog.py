"""Documents for one meeting: choose one, see its pages, then print it or save it.

What a document needs is gathered on the GUI thread (the association file's connection belongs
to it); the PDF is then made in a worker while a busy bar runs, so the window never freezes,
even for a 40-page AGM. Saving and printing use the PDF already made, so what is printed is
exactly what was previewed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import QuorumError
from app.services import Changes
from app.words import long_date, plural
from ui.background import run_in_background
from ui.forms import choice as choice_box
from ui.forms import scrolled, select
from ui.import_dialog import show_in_status_bar
from ui.page_preview import PagePreview
from ui.pdf_pages import page_sizes, print_pages
from ui.rich_text import markup
from ui.session import Session

ADDRESSES = (("", "Names only, no address"), ("street", "The street only"), ("flat", "The flat and street"))


@dataclass(frozen=True)
class Choice:
    """One entry of the list of documents."""

    document: str  # minutes, agenda, signin, ballots, actions or pack
    label: str
    post: str | None = None  # for ballot slips: which election

    @property
    def file_stem(self) -> str:
        return {"signin": "sign-in-sheet", "actions": "action-list", "pack": "yearly-pack"}.get(
            self.document, self.document) + (f"-{self.post.lower().replace(' ', '-')}" if self.post else "")


def open_documents(session: Session, meeting_id: str, parent: QWidget | None = None,
                   today: date | None = None) -> DocumentsDialog:
    dialog = DocumentsDialog(session, meeting_id, today, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class DocumentsDialog(QDialog):
    document_ready = Signal(int)  # pages in the document now previewed
    saved = Signal(str)  # the path written
    printed = Signal(int)  # pages sent to the printer

    def __init__(self, session: Session, meeting_id: str, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.book = session.book
        self.meeting = self.book.meetings.meeting(meeting_id)
        self.today = today or date.today()
        self.pdf = b""
        self._printer: QPrinter | None = None  # kept alive while a worker paints on it
        self._ticket = 0  # only the answer to the latest request is shown
        self.setWindowTitle(f"Documents: {self.meeting.heading}, {long_date(self.meeting.date)}")
        layout = QHBoxLayout(self)
        self.choices_area = scrolled(self._choices_panel())  # at large text the column is taller than a laptop
        self.choices_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.choices_area)
        layout.addLayout(self._preview_panel(), 1)
        self._fill_choices()
        session.changed.connect(self._on_changed)
        self._size_for_screen()

    # -- building the window --------------------------------------------------------------------

    def _choices_panel(self) -> QWidget:
        panel = self.choices_panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(f"<b>{markup(self.meeting.heading)}</b><br>{long_date(self.meeting.date)}")
        heading.setAccessibleName("Meeting")
        column.addWidget(heading)
        label = QLabel("&Document:")
        self.choices = QListWidget()
        self.choices.setAccessibleName("Document")
        label.setBuddy(self.choices)
        self.choices.currentRowChanged.connect(self._chosen)
        column.addWidget(label)
        column.addWidget(self.choices)
        self.year = QSpinBox()
        self.year.setRange(2000, 2999)
        self.year.setValue(self.meeting.date.year)
        self.year.setAccessibleName("Year of the pack")
        self.year.valueChanged.connect(self.generate)
        year_row = QHBoxLayout()
        year_label = QLabel("Y&ear of the pack:")
        year_label.setBuddy(self.year)
        year_row.addWidget(year_label)
        year_row.addWidget(self.year)
        column.addLayout(year_row)
        column.addWidget(self._address_row())
        self.large_print = QCheckBox("&Large print (16 point)")
        self.large_print.setAccessibleName("Large print")
        self.large_print.toggled.connect(self.generate)
        column.addWidget(self.large_print)
        column.addWidget(self._status_area())
        column.addStretch(1)
        column.addLayout(self._buttons())
        return panel

    def _address_row(self) -> QWidget:
        """For the sign-in sheet: what it shows beside each name. The association's choice, kept in its
        file (a question of its members' privacy, the same on any laptop that prints the sheet)."""
        self.address_area = QWidget()
        row = QVBoxLayout(self.address_area)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.address = choice_box(ADDRESSES, "Address on the sign-in sheet")
        self.address.setToolTip("The sheet goes round a public hall: never a house number or postcode")
        select(self.address, self.book.documents.signin_address())
        self.address.activated.connect(self._address_chosen)
        label = QLabel("&Address beside each name:")
        label.setWordWrap(True)
        label.setBuddy(self.address)
        row.addWidget(label)
        row.addWidget(self.address)
        return self.address_area

    def _status_area(self) -> QWidget:
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 6, 0, 6)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no end known: a moving bar
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Working")
        self.busy.setMaximumHeight(12)
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What is happening")
        column.addWidget(self.busy)
        column.addWidget(self.status)
        return area

    def _buttons(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.print_button = _button("&Print…", "Choose a printer and print these pages", self.print_document)
        self.save_button = _button("&Save as PDF…", "Save these pages as a PDF file", self.save_pdf)
        self.word_button = _button("Save as &Word…", "Save the draft minutes as a Word file to polish the wording",
                                   self.save_docx)
        self.word_reason = QLabel()
        self.word_reason.setWordWrap(True)
        self.word_reason.setAccessibleName("Why there is no Word file")
        self.statement_button = _button("&Treasurer's statement…", "Enter the year's income, expenditure, assets "
                                        "and liabilities for the pack", self.edit_statement)
        self.constitution_button = _button("&Constitution as adopted…", "Attach, replace or remove the "
                                           "constitution the pack carries", self.edit_constitution)
        close = _button("Close", "Close this window (Esc)", self.reject)
        for widget in (self.print_button, self.save_button, self.word_button, self.word_reason,
                       self.statement_button, self.constitution_button, close):
            column.addWidget(widget)
        return column

    def _preview_panel(self) -> QVBoxLayout:
        column = QVBoxLayout()
        bar = QHBoxLayout()
        self.preview = PagePreview()
        zoom_out = _button("Zoom &out", "Smaller pages (Ctrl+-)", self.preview.zoom_out)
        zoom_in = _button("Zoom &in", "Larger pages (Ctrl++)", self.preview.zoom_in)
        fit = _button("&Fit width", "Pages as wide as the window (Ctrl+0)", self.preview.fit_width)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.preview.zoom_in),
                           (QKeySequence("Ctrl+="), self.preview.zoom_in),  # Ctrl++ without Shift
                           (QKeySequence.StandardKey.ZoomOut, self.preview.zoom_out),
                           (QKeySequence("Ctrl+0"), self.preview.fit_width)):
            QShortcut(keys, self, slot)  # beside the buttons' Alt+letter, which setShortcut would replace
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName("Zoom")
        self.zoom_label.setMinimumWidth(50)
        self.pages_label = QLabel()
        self.pages_label.setAccessibleName("Pages")
        for widget in (zoom_out, self.zoom_label, zoom_in, fit):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        self.preview.zoom_changed.connect(self._show_zoom)
        column.addLayout(bar)
        column.addWidget(self.preview, 1)
        self._show_zoom(self.preview.zoom)
        return column

    def _size_for_screen(self) -> None:
        """Large enough to read a page, never larger than the screen (1366 x 768 laptops)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1180, 720
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def _fill_choices(self) -> None:
        entries = [Choice("minutes", "Minutes"), Choice("agenda", "Agenda with notice of meeting"),
                   Choice("signin", "Sign-in sheet")]
        entries += [Choice("ballots", f"Ballot slips: {post}", post) for post in
                    self.book.documents.contested_posts(self.meeting.id)]
        entries += [Choice("actions", "Action list"), Choice("pack", "Yearly pack for the landlord")]
        for entry in entries:
            item = QListWidgetItem(entry.label)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.choices.addItem(item)
        rows = self.choices.sizeHintForRow(0) * len(entries) + 2 * self.choices.frameWidth() + 4
        self.choices.setFixedHeight(rows)  # every entry in view, no empty box below them
        # every entry's whole label too, at any text size; the preview has the rest of the width
        widest = self.choices.sizeHintForColumn(0) + 2 * self.choices.frameWidth() + 12
        self.choices_panel.setFixedWidth(max(300, widest))
        bar = self.choices_area.verticalScrollBar().sizeHint().width()  # room for it, should the column scroll
        self.choices_area.setFixedWidth(self.choices_panel.width() + bar)
        held = self.meeting.status == "closed"
        self.choices.setCurrentRow(0 if held else 1)

    # -- choosing and making the document -------------------------------------------------------

    def choice(self) -> Choice:
        return self.choices.currentItem().data(Qt.ItemDataRole.UserRole)

    def choose(self, document: str) -> None:
        """Choose the first entry for ``document`` (as a click in the list would)."""
        for row in range(self.choices.count()):
            if self.choices.item(row).data(Qt.ItemDataRole.UserRole).document == document:
                self.choices.setCurrentRow(row)
                return
        raise KeyError(document)

    def _chosen(self, _row: int) -> None:
        pack = self.choice().document == "pack"
        self.year.setEnabled(pack)
        self.statement_button.setVisible(pack)
        self.constitution_button.setVisible(pack)
        self.address_area.setVisible(self.choice().document == "signin")
        self.generate()

    def _job(self, choice: Choice):
        """Gather on this thread what the document needs; the job it returns can run anywhere."""
        large = self.large_print.isChecked()
        if choice.document == "pack":
            return self.book.documents.pack_job(self.year.value(), large, self.today)
        address = self.address.currentData() if choice.document == "signin" else ""
        return self.book.documents.document_job(choice.document, self.meeting.id, large, self.today, choice.post,
                                                address)

    def generate(self) -> None:
        """Make the chosen document in a worker; the preview shows it when it is ready."""
        self._ticket += 1
        ticket, choice = self._ticket, self.choice()
        self.pdf = b""
        self._enable_output()
        try:
            job = self._job(choice)
        except QuorumError as error:
            self._problem(ticket, str(error))
            return
        self._working(f"Preparing the {choice.label.lower()}…")
        run_in_background(lambda: _make(job), lambda made: self._made(ticket, made),
                          lambda sentence: self._problem(ticket, sentence), self)

    def _made(self, ticket: int, made: tuple[bytes, list, list[str]]) -> None:
        if ticket != self._ticket:
            return
        self.pdf, sizes, warnings = made
        self.preview.show_pdf(self.pdf, sizes)
        # a name that cannot be printed is said here, where the chair looks, not only on paper
        self._idle(" ".join([f"{plural(len(sizes), 'page')}, as they will print.", *warnings]))
        self.pages_label.setText(plural(len(sizes), "page"))
        self._enable_output()
        self.document_ready.emit(len(sizes))

    def _problem(self, ticket: int, sentence: str) -> None:
        if ticket != self._ticket:
            return
        self.preview.clear()
        self.pages_label.setText("")
        self._idle(sentence)

    def _enable_output(self) -> None:
        ready = bool(self.pdf)
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        refusal = self.book.documents.minutes_docx_refusal(self.meeting.id) if self.choice().document == "minutes" else ""
        self.word_button.setVisible(self.choice().document == "minutes")
        self.word_button.setEnabled(not refusal)
        self.word_button.setToolTip(refusal or "Save the draft minutes as a Word file to polish the wording")
        self.word_reason.setText(refusal)
        self.word_reason.setVisible(bool(refusal))

    def _working(self, sentence: str) -> None:
        self.busy.show()
        self.status.setText(sentence)

    def _idle(self, sentence: str) -> None:
        self.busy.hide()
        self.status.setText(sentence)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("statement", "constitution", "any") and self.choice().document == "pack":
            self.generate()

    def _address_chosen(self) -> None:
        """The preview follows the choice at once; it is kept for next time where the file can be changed."""
        self.generate()
        try:
            self.session.apply(self.book.documents.choose_signin_address, self.address.currentData())
        except QuorumError as error:
            self.status.setText(f"{self.status.text()} This choice is not kept for next time: {error}")

    # -- printing and saving --------------------------------------------------------------------

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"{self.choice().label}, {self.meeting.heading}")
        printer.setFromTo(1, len(self.preview.sizes))
        chooser = QPrintDialog(printer, self)
        chooser.setWindowTitle(f"Print the {self.choice().label.lower()}")
        if chooser.exec() == QDialog.DialogCode.Accepted:
            self.print_with(printer)

    def print_with(self, printer: QPrinter) -> None:
        """Send the previewed pages to ``printer`` from a worker; the printer is kept until it is done."""
        pdf, self._printer = self.pdf, printer
        self.print_button.setEnabled(False)
        self._working("Sending the pages to the printer…")
        run_in_background(lambda: print_pages(pdf, printer), self._printed, self._not_printed, self)

    def _printed(self, count: int) -> None:
        self._printer = None
        self._idle(f"Sent {plural(count, 'page')} to the printer.")
        self.print_button.setEnabled(bool(self.pdf))
        self.printed.emit(count)

    def _not_printed(self, sentence: str) -> None:
        self._printer = None
        self._idle(f"Nothing was printed: {sentence}")
        self.print_button.setEnabled(bool(self.pdf))

    def _ask_where(self, title: str, suffix: str, kind: str) -> Path | None:
        settings = QSettings()
        folder = Path(str(settings.value("print/folder", str(Path.home()))))
        suggested = folder / f"{self.choice().file_stem}-{self.meeting.date.isoformat()}{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(suggested), kind)
        if not chosen:
            return None
        path = Path(chosen)
        path = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
        settings.setValue("print/folder", str(path.parent))
        return path

    def save_pdf(self) -> None:
        path = self._ask_where("Save as PDF", ".pdf", "PDF files (*.pdf)")
        if path:
            self.save_pdf_to(path)

    def save_pdf_to(self, path: Path) -> None:
        pdf = self.pdf
        self._working(f"Saving {path.name}…")
        run_in_background(lambda: _write(path, pdf), lambda _: self._saved(path), self._not_saved, self)

    def save_docx(self) -> None:
        path = self._ask_where("Save as Word", ".docx", "Word documents (*.docx)")
        if path:
            self.save_docx_to(path)

    def save_docx_to(self, path: Path) -> None:
        try:
            job = self.book.documents.minutes_docx_job(self.meeting.id)
        except QuorumError as error:
            self._idle(str(error))
            return
        self._working(f"Saving {path.name}…")
        run_in_background(lambda: job(path), lambda _: self._saved(path), self._not_saved, self)

    def _saved(self, path: Path) -> None:
        self._idle(f"Saved to {path}.")
        show_in_status_bar(self.parentWidget(), f"Saved to {path}.")
        self.saved.emit(str(path))

    def _not_saved(self, sentence: str) -> None:
        self._idle(f"Nothing was saved: {sentence}")

    def edit_statement(self) -> None:
        from ui.treasurer_dialog import open_statement

        open_statement(self.session, self.year.value(), self)

    def edit_constitution(self) -> None:
        from ui.constitution_attachment import open_constitution

        open_constitution(self.session, self.today, self)


def _make(job) -> tuple[bytes, list[tuple[float, float]], list[str]]:
    """In the worker: the PDF's bytes, the size of each of its pages, and warnings for the chair."""
    buffer = io.BytesIO()
    warnings = job(buffer) or []
    pdf = buffer.getvalue()
    return pdf, page_sizes(pdf), warnings


def _write(path: Path, pdf: bytes) -> None:
    from app.saving import save_bytes

    save_bytes(path, pdf)


def _button(text: str, tip: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.clicked.connect(slot)
    button.setAutoDefault(False)  # Enter in the list must not print
    return button
