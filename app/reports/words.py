"""Text inside reportlab paragraphs."""

from __future__ import annotations

from xml.sax.saxutils import escape


def markup(text: str) -> str:
    """Text safe inside a reportlab Paragraph, whose markup is XML: "Smith & Sons" must not break it."""
    return escape(text)
