"""Importing a member list: pick the file, check how its columns were read, then bring the members in.

The file is read and checked off the GUI thread (a 5,000-row list must not freeze the window),
and read again only in memory when the chair changes which column holds what. Nothing is
saved until Import; then every member goes in one transaction, or none does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import imports
from app.errors import QuorumError
from app.words import plural
from ui.background import run_in_background
from ui.models.import_rows import ImportRowsModel
from ui.rich_text import markup
from ui.session import Session

FILE_FILTER = "Member lists (*.csv *.xlsx *.txt);;All files (*)"
NOT_IN_FILE = "— not in this file —"
NAME_FIELDS = {"first_name", "surname", "name"}
# Quorum's fields in the order a register is read, each with its own mnemonic.
FIELDS = (
    ("first_name", "&First name"),
    ("surname", "&Surname"),
    ("name", "Full &name"),
    ("flat", "F&lat"),
    ("address", "&Address"),
    ("address2", "Address line &2"),
    ("address3", "Address line &3"),
    ("town", "&Town"),
    ("postcode", "Post&code"),
    ("phone", "P&hone"),
    ("email", "E&mail"),
    ("contact_consent", "Happy to be c&ontacted"),
    ("joined", "Date &joined"),
    ("role", "&Role"),
    ("birth_year", "Year of &birth"),
    ("notes", "Not&es"),
)


def choose_and_import(session: Session, parent: QWidget | None = None) -> ImportDialog | None:
    """Ask for the file, then show the preview; the folder is remembered for next time."""
    settings = QSettings()
    folder = str(settings.value("import/folder", str(Path.home())))
    chosen, _ = QFileDialog.getOpenFileName(parent, "Import a member list", folder, FILE_FILTER)
    if not chosen:
        return None
    settings.setValue("import/folder", str(Path(chosen).parent))
    dialog = ImportDialog(session, Path(chosen), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a 5,000-row preview is not kept after
    dialog.open()
    return dialog


def _read(path: Path, existing: list) -> tuple[imports.Table, imports.Preview]:
    table = imports.read_table(path)
    return table, imports.preview(table, existing=existing)


class ImportDialog(QDialog):
    """The preview of one file: column choices, the rows, the problems, and Import or Cancel."""

    previewed = Signal()  # a (re)computed preview is on screen
    failed = Signal(str)  # the file could not be read

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = Path(path)
        self.table_read: imports.Table | None = None
        self.preview: imports.Preview | None = None
        self.imported = 0
        self._existing = session.book.register.members(include_left=True)
        self._generation = 0
        self.setWindowTitle(f"Import a member list — {self.path.name}")
        self._build()
        self._fit_to_screen()
        self._busy("Reading the file…")
        run_in_background(lambda: _read(self.path, self._existing), self._read_done, self._read_failed, self)

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setAccessibleName("File")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # moving to and fro: the window is alive while the file is read
        self.progress.setAccessibleName("Reading the file")
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        body = QHBoxLayout()
        body.addWidget(self._mapping_box(), 0)
        body.addLayout(self._rows_and_problems(), 1)
        layout.addLayout(body, 1)
        self.summary = QLabel()
        self.summary.setAccessibleName("What the import will do")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        bottom = QHBoxLayout()
        self.include_duplicates = QCheckBox("Also import likely &duplicates")
        self.include_duplicates.setToolTip("Bring in rows that match a member already held, or an earlier line")
        self.include_duplicates.setAccessibleName("Also import likely duplicates")
        self.include_duplicates.toggled.connect(self._duplicates_toggled)
        bottom.addWidget(self.include_duplicates)
        bottom.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.import_button = QPushButton("&Import")
        self.import_button.setAccessibleName("Import")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.import_members)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.import_button.setDefault(True)  # only once inside the dialog, or Enter would press Cancel

    def _mapping_box(self) -> QGroupBox:
        box = QGroupBox("Which column holds what")
        outer = QVBoxLayout(box)
        hint = QLabel("Quorum guessed from the headings. Change any that are wrong; the rows update.")
        hint.setWordWrap(True)
        outer.addWidget(hint)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # at large text, each label above its list
        self.columns: dict[str, QComboBox] = {}
        for field, label in FIELDS:
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {label.replace('&', '').lower()}")
            combo.setToolTip(imports.FIELD_LABELS[field])
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(lambda _, f=field: self._column_chosen(f))
            self.columns[field] = combo
            form.addRow(label, combo)
        inner = QWidget()
        inner.setLayout(form)
        scroll = self.mapping_area = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls; the list scrolls to follow
        outer.addWidget(scroll, 1)
        self.ignored = QLabel()
        self.ignored.setAccessibleName("Columns not imported")
        self.ignored.setWordWrap(True)
        outer.addWidget(self.ignored)
        box.setMinimumWidth(380)
        # the rows' preview has the rest; in letters, not pixels, or at 175% each list was squeezed
        box.setMaximumWidth(max(460, 40 * box.fontMetrics().averageCharWidth()))
        return box

    def _rows_and_problems(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.model = ImportRowsModel(self)
        self.rows = QTableView()
        self.rows.setModel(self.model)
        self.rows.setAccessibleName("Rows in the file")
        self.rows.setTabKeyNavigation(False)  # Tab moves on to the next control; the arrow keys move within the table
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.verticalHeader().hide()
        self.rows.setWordWrap(False)
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        column.addWidget(_buddy("Ro&ws in the file", self.rows))
        column.addWidget(self.rows, 3)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems, by line in the file")
        self.problems.currentRowChanged.connect(self._show_problem_row)
        column.addWidget(_buddy("&Problems, by line in the file (choose one to see its row)", self.problems))
        column.addWidget(self.problems, 1)
        return column

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(1240, int(screen.width() * 0.94)), min(720, int(screen.height() * 0.92)))

    # -- reading and previewing -----------------------------------------------------------------

    def _busy(self, text: str) -> None:
        self.progress.show()
        self.summary.setText(text)
        self.import_button.setEnabled(False)

    def _read_done(self, result: tuple[imports.Table, imports.Preview]) -> None:
        self.table_read, preview = result
        table = self.table_read
        kind = "an Excel workbook" if table.encoding == "xlsx" else f"a text file ({_encoding_words(table)})"
        self.heading.setText(f"<b>{markup(self.path.name)}</b>: {plural(len(table.rows), 'row')} of members "
                             f"read from {kind}.")
        self._fill_columns(preview.mapping)
        self._show(preview)
        self.rows.setFocus()  # the chair reads the rows first; Enter still imports

    def _read_failed(self, sentence: str) -> None:
        self.progress.hide()
        self.heading.setText(f"<b>{markup(self.path.name)}</b> could not be read.")
        self.summary.setText(sentence)
        for combo in self.columns.values():
            combo.setEnabled(False)
        self.failed.emit(sentence)

    def _fill_columns(self, mapping: dict[str, int]) -> None:
        table = self.table_read
        choices = [_column_label(table, index) for index in range(len(table.headers))]
        for field, combo in self.columns.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, -1)
            for index, text in enumerate(choices):
                combo.addItem(text, index)
            combo.setCurrentIndex(mapping.get(field, -1) + 1)
            combo.blockSignals(False)

    def mapping(self) -> dict[str, int]:
        """Field -> column index, as the chair has it now."""
        chosen = {field: combo.currentData() for field, combo in self.columns.items()}
        return {field: index for field, index in chosen.items() if index is not None and index >= 0}

    def _column_chosen(self, field: str) -> None:
        """A column feeds one field only: choosing it here takes it away from wherever it was."""
        index = self.columns[field].currentData()
        for other, combo in self.columns.items():
            if other != field and index is not None and index >= 0 and combo.currentData() == index:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
        self.recompute()

    def recompute(self) -> None:
        """Check the rows again with the chosen columns, off the GUI thread; stale answers are dropped."""
        if self.table_read is None:
            return
        self._generation += 1
        generation, table, mapping, existing = self._generation, self.table_read, self.mapping(), self._existing
        self._busy("Checking the rows again…")
        run_in_background(lambda: imports.preview(table, mapping, existing),
                          lambda preview: self._recomputed(generation, preview), self._read_failed, self)

    def _recomputed(self, generation: int, preview: imports.Preview) -> None:
        if generation == self._generation:  # else the chair has changed a column again since
            self._show(preview)

    def _show(self, preview: imports.Preview) -> None:
        self.preview = preview
        self.progress.hide()
        self.model.load(preview)
        self.rows.resizeColumnsToContents()
        for column, widest in ((2, 180), (3, 280), (7, 200)):  # name, address, email
            self.rows.setColumnWidth(column, min(self.rows.columnWidth(column), widest))
        self.problems.clear()
        for problem in preview.problems:
            item = QListWidgetItem(f"Line {problem.line}: {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem.line)
            self.problems.addItem(item)
        if not preview.problems:
            self.problems.addItem("No problems found.")
        self.ignored.setText("Columns not imported: " + ", ".join(preview.ignored_columns) + "."
                             if preview.ignored_columns else "Every column is used.")
        self._show_summary()
        self.previewed.emit()

    def _duplicates_toggled(self, include: bool) -> None:
        self.model.set_include_duplicates(include)
        if self.preview is not None:
            self._show_summary()

    def _show_summary(self) -> None:
        preview = self.preview
        count = len(self.members_to_import())
        if not preview.mapping.keys() & NAME_FIELDS:
            self.summary.setText("<b>Choose the column that holds the members' names</b> "
                                 "(first name and surname, or a full name).")
            self.import_button.setEnabled(False)
            return
        duplicates = len(preview.duplicates)
        lines = len({problem.line for problem in preview.problems})
        parts = [f"<b>{plural(count, 'member')} will be imported</b>"]
        if duplicates:
            fate = "imported too" if self.include_duplicates.isChecked() else "skipped"
            parts.append(f"{plural(duplicates, 'likely duplicate')} will be {fate}")
        parts.append(f"{plural(lines, 'row')} had problems (listed above)" if lines else "no rows had problems")
        self.summary.setText("; ".join(parts) + ".")
        self.import_button.setText(f"&Import {plural(count, 'member')}")
        self.import_button.setEnabled(count > 0)

    def _show_problem_row(self, index: int) -> None:
        item = self.problems.item(index) if index >= 0 else None
        line = item.data(Qt.ItemDataRole.UserRole) if item else None
        row = self.model.row_of_line(line) if line else -1
        if row >= 0:
            self.rows.selectRow(row)
            self.rows.scrollTo(self.model.index(row, 0))

    # -- importing ------------------------------------------------------------------------------

    def members_to_import(self) -> list:
        if self.preview is None:
            return []
        chosen = list(self.preview.members)
        if self.include_duplicates.isChecked():
            chosen += [row.member for row in self.preview.duplicates if row.member is not None]
        return chosen

    def import_members(self) -> None:
        """Save every chosen member in one transaction, then close; on a problem, say so and stay open."""
        members = self.members_to_import()
        if not members or not self.import_button.isEnabled():
            return
        try:
            self.session.apply(self.session.book.register.add_members, members)
        except QuorumError as error:
            self.summary.setText(f"<b>Nothing was imported:</b> {markup(str(error))}")
            return
        self.imported = len(members)
        show_in_status_bar(self.parentWidget(), f"Imported {plural(self.imported, 'member')} from {self.path.name}.")
        self.accept()


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _column_label(table: imports.Table, index: int) -> str:
    """The heading with an example from the first row that has one: 'Surname (e.g. Brown)'."""
    heading = table.headers[index] or f"Column {index + 1} (no heading)"
    example = next((str(cells[index]) for _, cells in table.rows if cells[index] not in (None, "")), "")
    example = example if len(example) <= 16 else example[:15] + "…"
    return f"{heading} (e.g. {example})" if example else heading


def _encoding_words(table: imports.Table) -> str:
    separators = {",": "comma", ";": "semicolon", "\t": "tab"}
    encoding = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1252": "Windows"}.get(table.encoding, table.encoding)
    return f"{encoding}, {separators.get(table.delimiter or ',', 'comma')} separated"


def show_in_status_bar(widget: QWidget | None, text: str) -> None:
    window = widget.window() if widget is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10000)
