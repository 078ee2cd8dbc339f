"""Pages of a PDF as images, for the preview and the printer, drawn by pdfium (pypdfium2).

QtPdf would do this, but it ships in PySide6-Addons, which Quorum leaves out to keep the
download small. pdfium must not be called from two threads at once, so every call here holds
one lock, and opens the document afresh from its bytes: no pdfium object outlives the call or
crosses a thread. Each function is meant to run in a worker (ui.background), never on the GUI
thread; QImage and QPainter on a QPrinter are safe there, unlike QPixmap and widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from app.errors import QuorumError

# A4 at 600 dpi is 140 MB as an image; 300 dpi prints text cleanly at a quarter of that.
MOST_PRINTER_DPI = 300
_PDFIUM = threading.Lock()


@contextmanager
def _opened(pdf: bytes) -> Iterator[object]:
    import pypdfium2  # loaded on first use, never at start-up

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            yield document
        finally:
            document.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of each page in points (1/72 inch)."""
    sizes = []
    with _opened(pdf) as document:
        for index in range(len(document)):
            page = document[index]
            sizes.append(tuple(page.get_size()))
            page.close()
    return sizes


def render_page(pdf: bytes, index: int, dots_per_inch: float) -> QImage:
    """One page as an opaque image at the resolution asked for."""
    import pypdfium2

    with _opened(pdf) as document:
        page = document[index]
        bitmap = page.render(scale=dots_per_inch / 72, force_bitmap_format=pypdfium2.raw.FPDFBitmap_BGRx,
                             rev_byteorder=True)
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888).copy()
        page.close()
    image.setDotsPerMeterX(round(dots_per_inch / 0.0254))
    image.setDotsPerMeterY(round(dots_per_inch / 0.0254))
    return image


def print_pages(pdf: bytes, printer: QPrinter) -> int:
    """Paint each page (or the range chosen in the print dialog) on the printer; the number printed.

    Each page is drawn as an image at the printer's resolution (at most 300 dpi), scaled to the
    paper with its proportions kept, so an A4 document also prints whole on US Letter.
    """
    total = len(page_sizes(pdf))
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = min(printer.toPage(), total) if printer.toPage() else total
    dpi = min(printer.resolution(), MOST_PRINTER_DPI)
    printer.setFullPage(True)  # the PDF has its own margins; draw from the corner of the paper
    painter = QPainter()
    if not painter.begin(printer):
        raise QuorumError("The printer could not be started; check that it is switched on and connected.")
    # a printer that cannot make copies itself is sent each page as many times as asked
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    try:
        paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        for sheet, number in enumerate(n for _ in range(copies) for n in range(first, last + 1)):
            if sheet:
                printer.newPage()
            image = render_page(pdf, number - 1, dpi)
            painter.drawImage(_fitted(paper, image.width(), image.height()), image)
    finally:
        painter.end()
    return (last - first + 1) * copies


def _fitted(paper: QRectF, width: int, height: int) -> QRectF:
    """The largest rectangle of the page's proportions that fits the paper, centred on it."""
    scale = min(paper.width() / width, paper.height() / height)
    fitted = QRectF(0, 0, width * scale, height * scale)
    fitted.moveCenter(paper.center())
    return fitted
