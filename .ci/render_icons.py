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


def difference(a: QImage, b: QImage) -> int:
    """The largest difference of one channel of one pixel (0 to 255)."""
    if a.size() != b.size():
        return 255
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            for shift in (0, 8, 16, 24):
                worst = max(worst, abs((pa >> shift & 255) - (pb >> shift & 255)))
    return worst


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for size in SIZES:
        image = render(size)
        if check:
            if difference(image, QImage(str(png_path(size)))) > 8:
                stale.append(png_path(size).name)
        elif not image.save(str(png_path(size)), "PNG"):
            raise SystemExit(f"could not write {png_path(size)}")
    if stale:
        print(f"out of date with {SVG.name}: {', '.join(stale)} (make icons)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
