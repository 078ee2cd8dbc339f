"""An election at the AGM: the post or seats, the candidates, and the votes when contested."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
)

from app import model
from ui.forms import name_buttons


class ElectionDialog(QDialog):
    def __init__(self, members: list[model.Member], post: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Election")
        self._members = {m.name: m.id for m in members}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.post = QLineEdit(post)
        self.post.setAccessibleName("Post or seats being elected")
        self.post.setPlaceholderText("Chair, Treasurer, Committee members …")
        form.addRow("&Post", self.post)
        self.seats = QSpinBox()
        self.seats.setRange(1, 30)
        self.seats.setAccessibleName("Number of places")
        self.seats.valueChanged.connect(self._explain)
        form.addRow("Number of pla&ces to fill", self.seats)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.candidate = QLineEdit()
        self.candidate.setAccessibleName("Candidate's name")
        self.candidate.setPlaceholderText("Type a candidate's name, then Enter")
        self.candidate.setCompleter(QCompleter(sorted(self._members), self))
        self.candidate.returnPressed.connect(self.add_candidate)
        row.addWidget(self.candidate, 1)
        add = QPushButton("&Add candidate")
        add.setAccessibleName("Add candidate")
        add.clicked.connect(self.add_candidate)
        row.addWidget(add)
        layout.addLayout(row)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Candidate", "Votes"])
        self.table.setAccessibleName("Candidates and votes")
        header = self.table.horizontalHeader()  # the names take the width; the votes, what a number needs
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Declare the result")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():  # Enter adds a candidate; it must not declare the result too
            button.setAutoDefault(False)
            button.setDefault(False)
        add.setAutoDefault(False)
        layout.addWidget(name_buttons(buttons))
        letters = self.fontMetrics()
        self.setMinimumSize(max(520, 52 * letters.averageCharWidth()), max(460, 14 * letters.lineSpacing()))
        self._explain()

    def add_candidate(self) -> None:
        name = " ".join(self.candidate.text().split())
        if not name or name in self.names():
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = QLabel(name)
        self.table.setCellWidget(row, 0, label)
        votes = QSpinBox()
        votes.setRange(0, 100000)
        votes.setAccessibleName(f"Votes for {name}")
        self.table.setCellWidget(row, 1, votes)
        self.table.resizeRowToContents(row)  # the header sized the row before it held the box for the votes
        self.candidate.clear()
        self.candidate.completer().popup().hide()
        self._explain()

    def names(self) -> list[str]:
        return [self.table.cellWidget(r, 0).text() for r in range(self.table.rowCount())]

    def contested(self) -> bool:
        return self.table.rowCount() > self.seats.value()

    def _explain(self) -> None:
        if not self.table.rowCount():
            self.explain.setText("Add each candidate nominated.")
        elif self.contested():
            seats = self.seats.value()
            elected = "The one with the most votes is elected." if seats == 1 else \
                f"The {seats} with the most votes are elected."
            self.explain.setText(f"More candidates than places: enter the votes. {elected}")
        else:
            self.explain.setText("No more candidates than places: they will be declared elected unopposed.")

    def _check(self) -> None:
        if self.post.text().strip() and self.table.rowCount():
            self.accept()

    def candidates(self) -> list[tuple[str, str | None, int | None]]:
        """(name, member id if a member, votes if contested)."""
        return [(name, self._members.get(name), self.table.cellWidget(r, 1).value() if self.contested() else None)
                for r, name in enumerate(self.names())]
