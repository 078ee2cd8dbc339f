"""Text from the chair shown inside Qt's rich-text labels."""


def markup(text: str) -> str:
    """A name with & or < in it must show as typed, not become markup.

    ``html.escape(text, quote=False)`` does the same, but the html package loads its table of
    2,000 named characters, and the association's name is drawn before the rest of Quorum loads.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
