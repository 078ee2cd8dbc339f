"""Issue 17's two controls in the app window, driven from the keyboard as a chair would:
the constitution as adopted (attach, see, replace, remove) and what the sign-in sheet shows
beside each name. Each starts from the demo and from an association made through the wizard,
and reads the PDF that comes out: the pack carries the constitution, the sheet a street or flat
only when chosen, never a house number or a postcode.

Only the system's file chooser is stood in for (it is a separate native window); every button
and choice is reached with keys sent to whichever control has the focus.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app import model
from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from tests.reports.conftest import read_pages
from tests.ui.test_new_association_evening import made_through_the_wizard
from ui.constitution_attachment import ConstitutionDialog
from ui.documents_dialog import DocumentsDialog
from ui.session import Session
from ui.settings_dialog import SettingsDialog

ALT = Qt.KeyboardModifier.AltModifier
POSTCODE = re.compile(r"\bG\d{1,2} ?\d[A-Z]{2}\b")
HOUSE_NUMBER = re.compile(r"\b\d+[a-z]? [A-Z][a-z]+ (Road|Street|Crescent|Drive|Gardens|Way)\b")
DEMO_STREETS = ("Dumbarton Road", "Royston Road", "Balornock Road", "Shettleston Road", "Kelvin Way",
                "Castlemilk Drive", "Wellhouse Gardens")  # not Wellhouse Crescent: the venue is there


def key(qtbot, which, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), which, modifier)


@pytest.fixture
def session(demo_path):
    opened = Session(AssociationFile.open(demo_path))
    yield opened
    opened.close()


@pytest.fixture
def chooser(monkeypatch):
    """The file the chair picks in the system's file chooser, set by each test."""
    picked: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(picked[-1]), ""))
    return picked


def constitution_text(folder: Path) -> Path:
    source = folder / "constitution.txt"
    source.write_text("CONSTITUTION OF THE ASSOCIATION\n\n1. Name\n\nThe association shall be known by the name "
                      "its members adopted at the inaugural meeting.\n\n2. Aims\n\nTo represent every tenant "
                      "and resident of the area.\n", encoding="utf-8")
    return source


def constitution_pdf(folder: Path, pages: int = 2) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    source = folder / "adopted.pdf"
    canvas = Canvas(str(source))
    for number in range(1, pages + 1):
        canvas.drawString(72, 720, f"ADOPTED CONSTITUTION PAGE {number} OF {pages}")
        canvas.showPage()
    canvas.save()
    return source


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    dialog.show()
    return activate(qtbot, dialog)


def documents(qtbot, session, meeting, today) -> DocumentsDialog:
    dialog = DocumentsDialog(session, meeting.id, today)
    with qtbot.waitSignal(dialog.document_ready, timeout=20000):
        shown(qtbot, dialog)
    return dialog


def press_for_a_new_document(qtbot, dialog, which, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    with qtbot.waitSignal(dialog.document_ready, timeout=20000):
        key(qtbot, which, modifier)


def words(dialog: DocumentsDialog) -> list[str]:
    return read_pages(io.BytesIO(dialog.pdf))


def activate(qtbot, window):
    """As a window manager does for a window just opened (offscreen there is none)."""
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return window


def the_constitution_window(qtbot, documents_dialog) -> ConstitutionDialog:
    qtbot.waitUntil(lambda: documents_dialog.findChild(ConstitutionDialog) is not None)
    return activate(qtbot, documents_dialog.findChild(ConstitutionDialog))


def the_question(qtbot) -> QMessageBox:
    """The question Remove asks, made active."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    return activate(qtbot, QApplication.activeModalWidget())


# -- the constitution as adopted --------------------------------------------------------------------------


def test_attach_replace_refuse_and_remove_from_the_pack_on_the_demo(qtbot, session, tmp_path, chooser):
    agm = next(m for m in session.book.meetings.meetings() if m.kind == "annual general")
    dialog = documents(qtbot, session, agm, DEMO_DAY)
    key(qtbot, Qt.Key.Key_D, ALT)  # Document:
    assert QApplication.focusWidget() is dialog.choices
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_End)  # the yearly pack, last in the list
    assert dialog.choice().document == "pack"
    assert "has not been attached in Quorum" in " ".join(words(dialog))
    without = len(dialog.preview.pages)

    key(qtbot, Qt.Key.Key_C, ALT)  # Constitution as adopted…
    window = the_constitution_window(qtbot, dialog)
    attachment = window.attachment
    assert QApplication.focusWidget() is attachment.attach_button
    assert attachment.attach_button.text() == "Attach the &constitution…"
    assert attachment.description.text().startswith("No constitution is attached.")
    assert not attachment.remove_button.isVisible()

    chooser.append(constitution_text(tmp_path))
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_Space)  # the pack redraws with it
    assert attachment.description.text().startswith(
        f"constitution.txt: a text file, {chooser[-1].stat().st_size} bytes, attached on 25 November 2026.")
    assert attachment.attach_button.text() == "Replace the &constitution…" and attachment.remove_button.isVisible()
    text = " ".join(words(dialog))
    assert "The constitution as adopted by the association (from constitution.txt):" in text
    assert "To represent every tenant and resident of the area." in text

    chooser.append(constitution_pdf(tmp_path, 3))
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_C, ALT)  # Replace the constitution…
    assert attachment.description.text().startswith("adopted.pdf: a PDF of 3 pages, ")
    pages = words(dialog)
    assert len(dialog.preview.pages) == len(pages) == without + 3
    assert [p.strip() for p in pages[-3:]] == [f"ADOPTED CONSTITUTION PAGE {n} OF 3" for n in (1, 2, 3)]
    assert "To represent every tenant" not in " ".join(pages)

    for name, content in (("rules.docx", b"PK\x03\x04word"), ("huge.pdf", b"%PDF-1.4\n" + b"0" * (21 << 20)),
                          ("torn.pdf", b"%PDF-1.7\nhalf a file")):
        chooser.append(tmp_path / name)
        chooser[-1].write_bytes(content)
        with qtbot.assertNotEmitted(dialog.document_ready, wait=200):
            key(qtbot, Qt.Key.Key_C, ALT)
        assert attachment.problem.text().startswith("Nothing was changed:"), name
        assert name in attachment.problem.text()
        assert session.book.documents.constitution_document().name == "adopted.pdf"  # the last one stays
    assert attachment.description.text().startswith("adopted.pdf: a PDF of 3 pages")

    key(qtbot, Qt.Key.Key_O, ALT)  # Remove
    the_question(qtbot)
    key(qtbot, Qt.Key.Key_Escape)  # Keep it
    assert session.book.documents.constitution_document() is not None
    activate(qtbot, window)
    key(qtbot, Qt.Key.Key_O, ALT)
    the_question(qtbot)
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_R, ALT)  # Remove it
    assert session.book.documents.constitution_document() is None
    assert "has not been attached in Quorum" in " ".join(words(dialog))
    assert len(dialog.preview.pages) == without
    assert attachment.description.text().startswith("No constitution is attached.")
    activate(qtbot, window)
    key(qtbot, Qt.Key.Key_Escape)  # closes the constitution window, back to the documents
    qtbot.waitUntil(lambda: not window.isVisible())


def test_attached_in_the_settings_of_a_new_association_it_goes_into_the_pack(qtbot, tmp_path, chooser):
    wizard = made_through_the_wizard(qtbot, tmp_path / "data")
    session = wizard.session
    settings = shown(qtbot, SettingsDialog(session, date(2026, 11, 29)))
    assert QApplication.focusWidget() is settings.tabs.tabBar()  # on the Association tab
    assert settings.tabs.currentIndex() == 0  # the association's details, where the constitution is
    chooser.append(constitution_pdf(tmp_path, 2))
    attachment = settings.constitution
    key(qtbot, Qt.Key.Key_C, ALT)  # Attach the constitution… (a button clicks a moment after its Alt-letter)
    qtbot.waitUntil(lambda: attachment.description.text().startswith("adopted.pdf: a PDF of 2 pages, "))
    assert "attached on 29 November 2026" in attachment.description.text()
    key(qtbot, Qt.Key.Key_Escape)  # Cancel leaves the rules, but the attachment was kept at once
    assert not settings.isVisible()
    out = tmp_path / "pack.pdf"
    session.book.documents.print_pack(2026, out, today=date(2026, 11, 29))
    pages = read_pages(out)
    assert "Possilpark Tenants & Residents" in pages[0]
    assert [p.strip() for p in pages[-2:]] == ["ADOPTED CONSTITUTION PAGE 1 OF 2", "ADOPTED CONSTITUTION PAGE 2 OF 2"]
    assert "(adopted.pdf) is attached after the last numbered page" in " ".join(pages)

    again = shown(qtbot, SettingsDialog(session, date(2026, 11, 29)))
    assert again.constitution.remove_button.isVisible()
    key(qtbot, Qt.Key.Key_O, ALT)  # Remove
    the_question(qtbot)
    key(qtbot, Qt.Key.Key_R, ALT)  # Remove it
    qtbot.waitUntil(lambda: session.book.documents.constitution_document() is None)
    assert again.constitution.problem.text() == "Removed adopted.pdf from Quorum."
    assert again.constitution.description.text().startswith("No constitution is attached.")


# -- the address on the sign-in sheet ----------------------------------------------------------------------


def no_number_nor_postcode(text: str, venue: str) -> None:
    text = text.replace(venue, "")
    assert not POSTCODE.search(text), POSTCODE.search(text)
    assert not HOUSE_NUMBER.search(text), HOUSE_NUMBER.search(text)
    assert "Glasgow" not in text


def test_the_sign_in_sheet_of_the_demo_shows_a_street_or_flat_only_when_chosen(qtbot, session, demo_path):
    agm = next(m for m in session.book.meetings.meetings() if m.kind == "annual general")
    dialog = documents(qtbot, session, agm, DEMO_DAY)
    assert not dialog.address_area.isVisible()  # only for the sign-in sheet
    key(qtbot, Qt.Key.Key_D, ALT)
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_Down)
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_Down)
    assert dialog.choice().document == "signin" and dialog.address_area.isVisible()
    assert dialog.address.currentText() == "Names only, no address"
    text = " ".join(words(dialog))
    assert "Vote Name Signature" in text and not any(street in text for street in DEMO_STREETS)
    no_number_nor_postcode(text, agm.venue)

    key(qtbot, Qt.Key.Key_A, ALT)  # Address beside each name
    assert QApplication.focusWidget() is dialog.address
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_Down)
    text = " ".join(words(dialog))
    assert "Vote Name Street Signature" in text and "Flat" not in text
    assert sum(street in text for street in DEMO_STREETS) >= 5
    no_number_nor_postcode(text, agm.venue)

    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_Down)
    text = " ".join(words(dialog))
    assert "Vote Name Flat and street Signature" in text
    assert re.search(r"Flat \d/\d, (Dumbarton|Royston|Balornock|Shettleston) Road", text)
    no_number_nor_postcode(text, agm.venue)
    assert session.book.documents.signin_address() == "flat"

    key(qtbot, Qt.Key.Key_Escape)  # the choice is the association's: the next window opens with it
    later = documents(qtbot, session, agm, DEMO_DAY)
    assert later.address.currentText() == "The flat and street"
    key(qtbot, Qt.Key.Key_D, ALT)
    press_for_a_new_document(qtbot, later, Qt.Key.Key_Down)
    press_for_a_new_document(qtbot, later, Qt.Key.Key_Down)
    assert "Vote Name Flat and street Signature" in " ".join(words(later))
    key(qtbot, Qt.Key.Key_A, ALT)
    press_for_a_new_document(qtbot, later, Qt.Key.Key_Home)  # names only again
    assert not any(street in " ".join(words(later)) for street in DEMO_STREETS)
    assert session.book.documents.signin_address() == ""


def test_the_sign_in_sheet_of_a_new_association_with_its_streets(qtbot, tmp_path):
    wizard = made_through_the_wizard(qtbot, tmp_path / "data")  # Jean Armour, 1/1 Saracen Street
    session, today = wizard.session, date.today()
    session.apply(session.book.register.add_members, [
        model.Member("Rab", "Brown", "Flat 2/1, 14 Ashfield Street, Glasgow", "G22 5AA", joined=date(2020, 1, 1)),
        model.Member("Isa", "Reid", "27 Bardowie Street", "G22 6LR", joined=date(2020, 1, 1)),
    ])
    meeting = session.apply(session.book.meetings.plan_meeting, "general", today + timedelta(days=14), "19:00",
                            "St Matthew's Hall")
    dialog = documents(qtbot, session, meeting, today)  # a planned meeting opens on its agenda
    key(qtbot, Qt.Key.Key_D, ALT)
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_Down)
    assert dialog.choice().document == "signin"
    text = " ".join(words(dialog))
    assert "Armour, Jean" in text and "Brown, Rab" in text
    assert not any(s in text for s in ("Saracen", "Ashfield", "Bardowie", "G22", "2/1", "1/1"))

    key(qtbot, Qt.Key.Key_A, ALT)
    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_Down)  # the street only
    text = " ".join(words(dialog))
    assert all(street in text for street in ("Saracen Street", "Ashfield Street", "Bardowie Street"))
    assert not any(s in text for s in ("G22", "2/1", "1/1", "14 Ashfield", "27 Bardowie", "Glasgow"))

    press_for_a_new_document(qtbot, dialog, Qt.Key.Key_Down)  # the flat and street
    text = " ".join(words(dialog))
    assert "Flat 2/1, Ashfield Street" in text and "Bardowie Street" in text
    assert not any(s in text for s in ("G22", "14 Ashfield", "27 Bardowie", "Glasgow"))
