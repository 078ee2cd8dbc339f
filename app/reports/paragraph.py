"""reportlab's Paragraph, remembering how it broke its lines for the widths it was last given.

Platypus asks a paragraph for its height several times before drawing it: a group kept together
measures its parts, the frame wraps them again, a table wraps its cells to size its rows and again
to draw them. Each time reportlab breaks the lines afresh, the costliest step of a long document
(about a third of the largest AGM's minutes). This Paragraph breaks them once per set of widths.

What it remembers is dropped when the paragraph's fragments are replaced (reportlab swaps them for
its word list on the first break, so the memo holds that list) and after a split into two parts,
which may alter the fragments in place. Right-to-left and CJK wrapping (``style.wordWrap``) are
left to reportlab untouched, as their drawing changes the broken lines.
"""

from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _Paragraph


class Paragraph(_Paragraph):
    """A Paragraph that does not break its lines again for the same widths and fragments."""

    _broken: tuple | None = None  # (widths, fragments after the break, lines, widest line)

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
