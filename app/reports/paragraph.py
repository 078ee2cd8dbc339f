"""reportlab's Paragraph, laid out the same with less work: lines broken once per width, and
shaping asked for only where a font needs it.

Platypus asks a paragraph for its height several times before drawing it: a group kept together
measures its parts, the frame wraps them again, a table wraps its cells to size its rows and again
to draw them. Each time reportlab breaks the lines afresh, the costliest step of a long document.
This Paragraph breaks them once per set of widths. What it remembers is dropped when the
paragraph's fragments are replaced (reportlab swaps them for its word list on the first break, so
the memo holds that list) and after a split into two parts, which may alter the fragments in place.
Right-to-left and CJK wrapping (``style.wordWrap``) are left to reportlab untouched, as their
drawing changes the broken lines.

Every style asks for shaping so that Arabic letters join, and reportlab then breaks even a plain
one-font paragraph word by word through its slow many-fragment path, although only words in the
Arabic font are ever shaped (app.reports.scripts). A paragraph with no text in a font that is
shaped is set with shaping off, which is reportlab's plain path and the same page.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _Paragraph

from app.reports.scripts import shapes


class Paragraph(_Paragraph):
    """A Paragraph that does not break its lines again for the same widths and fragments."""

    _broken: tuple | None = None  # (widths, fragments after the break, lines, widest line)
    style: ParagraphStyle

    def _setup(self, text, style, bulletText, frags, cleaner) -> None:  # noqa: N803 - reportlab's names
        super()._setup(text, style, bulletText, frags, cleaner)
        if self.style.shaping and not any(shapes(font) for font in _fonts(self.frags)):
            self.style = _unshaped(self.style)

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        if self.style.wordWrap:
            return super().breakLines(width)
        widths = tuple(width) if isinstance(width, list | tuple) else (width,)
        broken = self._broken
        if broken is not None and broken[0] == widths and broken[1] is self.frags:
            self._width_max = broken[3]
            self.height = 0  # as reportlab's breakLines leaves it, until wrap sets it
            return broken[2]
        lines = super().breakLines(width)
        self._broken = (widths, self.frags, lines, self._width_max)
        return lines

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        if len(parts) > 1:  # the parts were cut from this paragraph's fragments
            self._broken = None
        return parts


def _fonts(frags: list) -> Iterator[str | None]:
    """The fonts of a paragraph's fragments, or of its words once broken: [width, (fragment, text), ...]."""
    for frag in frags:
        if isinstance(frag, list):
            yield from (getattr(part[0], "fontName", None) for part in frag[1:])
        else:
            yield getattr(frag, "fontName", None)


@functools.lru_cache(maxsize=256)
def _unshaped(style: ParagraphStyle) -> ParagraphStyle:
    return style.clone(style.name, shaping=0)
