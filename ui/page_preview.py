"""The pages of a printed document shown inside Quorum, zoomable and scrollable.

Like the member table, it holds only what is on screen: every page has a frame of the right
size, but only the pages in view (and one either side) are drawn, in a worker, at the current
zoom. A 40-page AGM pack at 200% would otherwise hold hundreds of megabytes of images.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.background import run_in_background
from ui.pdf_pages import render_page

ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
GAP = 12  # pixels between pages and around them


class PagePreview(QScrollArea):
    zoom_changed = Signal(float)
    page_drawn = Signal(int)  # index of a page whose image has just been put on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview of the pages")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so the arrow and Page keys scroll it
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidgetResizable(True)
        # always there, so the width to fit does not change as the scroll bar comes and goes
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        canvas = QWidget()
        canvas.setBackgroundRole(QPalette.ColorRole.Dark)
        self._column = QVBoxLayout(canvas)
        self._column.setSpacing(GAP)
        self._column.setContentsMargins(GAP, GAP, GAP, GAP)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(canvas)
        self.pdf = b""
        self.sizes: list[tuple[float, float]] = []
        self.pages: list[QLabel] = []
        self.zoom = 1.0
        self.fitting_width = True
        self._drawn: dict[int, float] = {}  # page -> zoom its image was drawn at
        self._asked: set[tuple[int, float]] = set()
        self._generation = 0  # a new document makes late images of the old one worthless
        self._soon = QTimer(self, singleShot=True, interval=40, timeout=self._draw_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._soon.start())  # not start(msec)

    # -- the document ---------------------------------------------------------------------------

    def show_pdf(self, pdf: bytes, sizes: list[tuple[float, float]]) -> None:
        """Show a new document from its first page; sizes are each page's width and height in points."""
        self.clear()
        self.pdf, self.sizes = pdf, sizes
        for number in range(1, len(sizes) + 1):
            page = QLabel()
            page.setAccessibleName(f"Page {number} of {len(sizes)}")
            page.setFrameShape(QFrame.Shape.Box)
            page.setScaledContents(True)  # the old image stretches until the new zoom is drawn
            page.setAutoFillBackground(True)
            page.setBackgroundRole(QPalette.ColorRole.Base)
            self._column.addWidget(page)
            self.pages.append(page)
        if self.fitting_width:
            self._apply_zoom(self._width_zoom())
        self._resize_pages()
        self.verticalScrollBar().setValue(0)
        self._soon.start()

    def clear(self) -> None:
        self._generation += 1
        for page in self.pages:
            page.deleteLater()
        self.pages, self.pdf, self.sizes = [], b"", []
        self._drawn.clear()
        self._asked.clear()

    # -- zoom -----------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOMS if z > self.zoom + 0.001), ZOOMS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < self.zoom - 0.001), ZOOMS[0]))

    def fit_width(self) -> None:
        self.fitting_width = True
        self._apply_zoom(self._width_zoom())

    def set_zoom(self, zoom: float) -> None:
        self.fitting_width = False
        self._apply_zoom(zoom)

    def _width_zoom(self) -> float:
        if not self.sizes:
            return self.zoom
        widest = max(width for width, _ in self.sizes) * self._dots_per_point(1.0)
        room = self.viewport().width() - 2 * GAP - 2
        return max(ZOOMS[0], min(ZOOMS[-1], room / widest))

    def _apply_zoom(self, zoom: float) -> None:
        if abs(zoom - self.zoom) > 0.001:
            self.zoom = zoom
            self._resize_pages()
            self.zoom_changed.emit(zoom)
        self._soon.start()

    def _dots_per_point(self, zoom: float) -> float:
        return self.logicalDpiX() / 72 * zoom

    def _resize_pages(self) -> None:
        scale = self._dots_per_point(self.zoom)
        for page, (width, height) in zip(self.pages, self.sizes, strict=True):
            page.setFixedSize(round(width * scale), round(height * scale))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.fitting_width:
            self._apply_zoom(self._width_zoom())
        self._soon.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._soon.start()

    # -- drawing what is in view ----------------------------------------------------------------

    def visible_pages(self) -> list[int]:
        """Pages in view, with one either side so scrolling finds them ready."""
        view = QRect(0, self.verticalScrollBar().value(), self.viewport().width(), self.viewport().height())
        near = view.adjusted(0, -view.height(), 0, view.height())
        return [i for i, page in enumerate(self.pages) if page.geometry().intersects(near)]

    def _draw_visible(self) -> None:
        wanted = set(self.visible_pages())
        for index in list(self._drawn):
            if index not in wanted:  # far out of view: let its image go
                self.pages[index].clear()
                del self._drawn[index]
        ratio = self.devicePixelRatioF()
        dots = self._dots_per_point(self.zoom) * 72 * ratio
        for index in sorted(wanted):
            if self._drawn.get(index) == self.zoom or (index, self.zoom) in self._asked:
                continue
            self._asked.add((index, self.zoom))
            pdf = self.pdf
            run_in_background(functools.partial(render_page, pdf, index, dots),
                              functools.partial(self._show_page, self._generation, index, self.zoom, ratio),
                              functools.partial(self._not_drawn, index, self.zoom), self)

    def _show_page(self, generation: int, index: int, zoom: float, ratio: float, image: QImage) -> None:
        self._asked.discard((index, zoom))
        if generation != self._generation or zoom != self.zoom or index >= len(self.pages):
            return
        picture = QPixmap.fromImage(image)
        picture.setDevicePixelRatio(ratio)
        self.pages[index].setPixmap(picture)
        self._drawn[index] = zoom
        self.page_drawn.emit(index)

    def _not_drawn(self, index: int, zoom: float, sentence: str) -> None:
        self._asked.discard((index, zoom))
        if index < len(self.pages):
            self.pages[index].setText(sentence)
