"""The history dialog lists changes in plain words and can be searched."""

from __future__ import annotations

from app.services import AssociationFile
from ui.history_dialog import HistoryDialog
from ui.session import Session


def test_history_can_be_searched_and_names_the_laptop(qtbot, demo_path):
    session = Session(AssociationFile.open(demo_path))
    dialog = HistoryDialog(session)
    qtbot.addWidget(dialog)
    total = dialog.model.rowCount()
    assert total > 500
    qtbot.keyClicks(dialog.search, "casting")
    rows = [dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())]
    assert rows == ["recorded a vote: Carried on the chair's casting vote: 3 for, 3 against, 1 abstention."]
    dialog.device.setText("Secretary's laptop")
    dialog.device.editingFinished.emit()
    assert dialog.model.index(0, 1).data() == "Secretary's laptop"
    session.close()
