"""Names in any script on the printed page: which font draws each letter, and right-to-left order.

DejaVu Sans draws Latin, Greek and Cyrillic with every accent (Łukasz, Nguyễn Thị Hoa). Letters
it lacks are set in a fallback font that has them: Noto Sans Arabic for Arabic and Urdu, WenQuanYi
Micro Hei for Chinese, Japanese and Korean. All are TrueType, so reportlab embeds only the letters
used. reportlab shapes Arabic through HarfBuzz (uharfbuzz) when a style asks for shaping, but its
own right-to-left support needs a library not on the package index, so the order of words is put
right by python-bidi here. A letter that no font has is reported, so the chair can be told whose
name will not print, instead of finding an empty box on the page.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bidi import get_display
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@dataclass(frozen=True)
class Face:
    """One font family: its reportlab names and files (regular, bold), and the TTC face to use."""

    name: str
    regular: str
    bold: str
    index: int = 0

    @property
    def bold_name(self) -> str:
        return f"{self.name}-Bold"


MAIN = Face("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
ARABIC = Face("NotoSansArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")
FALLBACKS = (ARABIC, Face("WenQuanYiMicroHei", "wqy-microhei.ttc", "wqy-microhei.ttc"))
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# reportlab shapes with kerning and ligatures on, which turns "st" in "District" into a historical
# ligature, "Muhammad" into one ornamental sign, and "Tuesday" into "T uesday" when the text is read
# back (by a screen reader, or a copy and paste). Joining Arabic letters, and the ligatures Arabic
# requires, are HarfBuzz's defaults and stay on.
if ttfonts.uharfbuzz is not None:
    ttfonts.shapeFragWord.__defaults__[0].update(kern=False, liga=False, dlig=False)
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_SHAPED = {ARABIC.name, ARABIC.bold_name}  # the only script in Quorum's fonts whose letters change shape


def _shaped_where_needed(word, *args, **kwargs):
    """reportlab shapes every word of a paragraph whose style asks for it; with kerning and ligatures
    off, HarfBuzz gives Latin, Cyrillic and Chinese words back unchanged, at two thirds of the time a
    large AGM's minutes take to lay out. So only words set in the Arabic font are shaped, and only
    when the whole word is: reportlab shapes a word in the font of its first part and would set the
    glyphs it gets in the other parts' fonts, which broke the PDF ("(Urdu:" after an Arabic name)."""
    fonts = {getattr(frag, "fontName", None) for frag, _ in word[1:]}
    if len(fonts) == 1 and shapes(*fonts):
        return _shape(word, *args, **kwargs)
    return word


def shapes(font_name: str | None) -> bool:
    """Whether HarfBuzz is given the words set in this font: only the Arabic font's change shape."""
    return font_name in _SHAPED


_shape = paragraph.shapeFragWord
paragraph.shapeFragWord = _shaped_where_needed


def register(face: Face) -> None:
    """Register a family's regular and bold (bold falls back to regular where the family has none)."""
    for name, filename in ((face.name, face.regular), (face.bold_name, face.bold)):
        path = FONT_DIR / filename
        if not path.exists():
            raise FileNotFoundError(f"The font {filename} is missing from {FONT_DIR}; reinstall Quorum.")
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=face.index))
    pdfmetrics.registerFontFamily(
        face.name, normal=face.name, bold=face.bold_name, italic=face.name, boldItalic=face.bold_name
    )


@functools.cache
def _letters(face: Face) -> frozenset[int]:
    register(face)
    return frozenset(pdfmetrics.getFont(face.name).face.charToGlyph)


def _drawn_without_glyph(char: str) -> bool:
    """Spaces, joiners and direction marks take no letter from a font."""
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def right_to_left(text: str) -> bool:
    return bool(_RTL.search(text))


@functools.lru_cache(maxsize=8192)  # asked once per letter of every document, of a few hundred letters
def face_for(char: str) -> Face | None:
    """The first font with a glyph for ``char``: the main font unless it lacks one; None if none has.

    Arabic letters always come from Noto Sans Arabic, made for them, though DejaVu has some.
    """
    code = ord(char)
    if _ARABIC.match(char) and code in _letters(ARABIC):
        return ARABIC
    if _drawn_without_glyph(char) or code in _letters(MAIN):
        return MAIN
    return next((face for face in FALLBACKS if code in _letters(face)), None)


def runs(text: str) -> list[tuple[Face | None, str]]:
    """``text`` cut into runs that one font draws; a space stays with the run it sits in."""
    if text.isascii():  # most of every document: the main font has every ASCII letter
        return [(MAIN, text)] if text else []
    found: list[tuple[Face | None, str]] = []
    for char in visual_order(unicodedata.normalize("NFC", text)):
        face = face_for(char)
        if found and _joins(char, found[-1][0]):
            face = found[-1][0]
        if found and found[-1][0] == face:
            found[-1] = (face, found[-1][1] + char)
        else:
            found.append((face, char))
    return found


def _joins(char: str, face: Face | None) -> bool:
    """A space or punctuation mark stays in the run before it when that font has it: reportlab
    shapes a word in the font of its first letter, so one word should keep to one font."""
    if face is None or unicodedata.category(char)[0] in "LM":
        return False
    return _drawn_without_glyph(char) or ord(char) in _letters(face)


def visual_order(text: str) -> str:
    """Right-to-left words put in the order they are seen, each word's letters left as written.

    python-bidi reverses the letters of an Arabic word as well as the order of the words; HarfBuzz
    then needs each word in its written order to join the letters, and lays it out right to left itself.
    """
    if not right_to_left(text):
        return text
    shown = get_display(text, base_dir="L")
    return re.sub(r"\S+", lambda word: word.group()[::-1] if _RTL.search(word.group()) else word.group(), shown)


def unprintable(text: str) -> list[str]:
    """The words of ``text`` that hold a letter no font in Quorum can draw."""
    if text.isascii():
        return []
    return [word for word in text.split() if any(face_for(char) is None for char in word)]
