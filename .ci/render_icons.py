"""Render the application icon's PNGs from its SVG: `make icons` after editing the SVG.

    python .ci/render_icons.py [--check]

The PNGs are checked in (a wheel or a .deb cannot run Qt to make them); --check renders them
afresh and fails when a checked-in one no longer matches the SVG (tests/test_desktop.py too).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "org.cuttings.Cuttings.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's usual sizes


def render(size: int, svg: Path = SVG) -> QImage:
    _ = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG that Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_path(size: int) -> Path:
    return ICONS / f"cuttings-{size}.png"


def matches(a: QImage, b: QImage) -> bool:
    """Whether two renderings are one picture. Qt's versions anti-alias a few edge pixels
    differently (6.6 against 6.11: 0.5% of pixels, a mean of 2 in 255), so a little is let
    through; an edited shape or colour moves far more."""
    if a.size() != b.size():
        return False
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    total = far = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            worst = max(abs((pa >> shift & 255) - (pb >> shift & 255)) for shift in (0, 8, 16, 24))
            total += worst
            far += worst > 32
    pixels = a.width() * a.height()
    return total / pixels <= 4 and far / pixels <= 0.03


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for size in SIZES:
        image = render(size)
        if check:
            if not matches(image, QImage(str(png_path(size)))):
                stale.append(png_path(size).name)
        elif not image.save(str(png_path(size)), "PNG"):
            raise SystemExit(f"could not write {png_path(size)}")
    if stale:
        print(f"out of date with {SVG.name}: {', '.join(stale)} (make icons)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
