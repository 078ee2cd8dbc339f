"""Text inside reportlab paragraphs."""

from __future__ import annotations

from xml.sax.saxutils import escape

from app.reports.scripts import MAIN, runs


def markup(text: str) -> str:
    """Text safe inside a reportlab Paragraph, whose markup is XML: "Smith & Sons" must not break it.

    Letters the main font lacks (Chinese, Korean, Arabic) are set in a font that has them, and
    right-to-left words are put in the order a reader sees them.
    """
    return "".join(
        escape(run) if face in (MAIN, None) else f'<font face="{face.name}">{escape(run)}</font>'
        for face, run in runs(text)
    )
