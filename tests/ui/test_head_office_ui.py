"""Head office from the main window: enrol, send now in the background, problems, the USB-stick file."""

from __future__ import annotations

from app.services import AssociationFile
from tests.conftest import DEMO_DAY
from tests.server.live import chair, head_office, token_in_a_file  # noqa: F401
from ui.main_window import MainWindow
from ui.session import Session


def _window(qtbot, book):
    window = MainWindow(Session(book), today=DEMO_DAY)
    qtbot.addWidget(window)
    window.show()
    return window


def test_enrol_from_the_app_then_send_in_the_background(qtbot, head_office, demo_path):  # noqa: F811
    _, code = head_office.new_association()
    book = AssociationFile.open(demo_path)
    window = _window(qtbot, book)
    assert window.head_office.status.text() == "Not enrolled with head office"
    dialog = window.head_office.enrol()
    dialog.url.setText(head_office.url)
    dialog.code.setText(code)
    with qtbot.waitSignal(window.head_office.finished, timeout=20000) as enrolled:
        dialog.accept()
    assert enrolled.args[0].startswith("This laptop is now enrolled with head office for")
    assert "changes waiting" in window.head_office.status.text()
    with qtbot.waitSignal(window.head_office.finished, timeout=60000) as sent:
        assert window.head_office.sync_now()
        assert window.head_office.busy  # the window carries on while it sends
    assert "Sent" in sent.args[0] or "sent" in sent.args[0]
    assert window.head_office.status.text().startswith("Sent to head office today at")
    assert book.head_office.changes_waiting() == 0
    window.close()
    book.close()


def test_sync_problems_and_the_bundle_for_a_usb_stick(qtbot, chair, tmp_path):  # noqa: F811
    window = _window(qtbot, chair)
    problems = window.head_office.show_problems()
    assert problems.list.item(0).text() == "Head office has accepted every change sent."
    problems.reject()
    chair.register.update_member(chair.register.members()[0].id, phone="0141 555 0199")
    target = window.head_office.export_bundle(str(tmp_path / "for-head-office.quorum-bundle"))
    assert target and (tmp_path / "for-head-office.quorum-bundle").stat().st_size > 0
    window.close()


def test_not_enrolled_send_now_explains_itself_quietly_after_a_meeting(qtbot, demo_path):
    book = AssociationFile.open(demo_path)
    window = _window(qtbot, book)
    assert window.head_office.sync_now(quiet=True) is False
    window.close()
    book.close()
