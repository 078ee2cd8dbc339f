"""Renders resources/icons/quorum.svg to the PNG (Linux, the window icon) and ICO (Windows) files.

    .venv/bin/python packaging/icons.py                        quorum.png and quorum.ico
    .venv/bin/python packaging/icons.py --iconset DIR.iconset  the PNGs macOS's iconutil makes .icns from

Run it after changing the SVG; the PNG and ICO are kept in the repository so a build needs no
drawing tools.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
MAC_SIZES = (16, 32, 128, 256, 512)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "quorum.svg")).render(painter)
    painter.end()
    return image


def iconset(folder: Path) -> list[Path]:
    """icon_16x16.png, icon_16x16@2x.png ... icon_512x512@2x.png, as iconutil expects."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for size in MAC_SIZES:
        for scale, suffix in ((1, ""), (2, "@2x")):
            path = folder / f"icon_{size}x{size}{suffix}.png"
            render(size * scale).save(str(path))
            written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iconset", type=Path, help="write a macOS .iconset folder instead")
    args = parser.parse_args()
    QGuiApplication(sys.argv[:1])
    if args.iconset:
        written = iconset(args.iconset)
    else:
        written = [ICONS / "quorum.png", ICONS / "quorum.ico"]
        for path in written:
            render(256).save(str(path))
    print("\n".join(str(path) for path in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
