"""Text from the chair shown inside Qt's rich-text labels."""

from html import escape


def markup(text: str) -> str:
    """A name with & or < in it must show as typed, not become markup."""
    return escape(text, quote=False)
