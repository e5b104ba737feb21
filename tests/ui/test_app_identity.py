"""The application tells the desktop who it is: the .desktop id and the window's icon."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from core import about, paths
from ui import app


def test_the_application_names_its_desktop_entry_and_carries_the_icon(qapp) -> None:
    application = app.application()
    assert application.desktopFileName() == about.APP_ID
    assert application.applicationVersion() == about.VERSION
    icon = application.windowIcon()
    assert not icon.isNull()
    assert {QSize(s, s) for s in (16, 32, 48, 256, 512)} <= set(icon.availableSizes())
    # The 16 px picture is the 16 px PNG itself (drawn for that size), not the 512 one shrunk.
    small = icon.pixmap(16, 16).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    drawn = QImage(str(paths.icon_files()[16])).convertToFormat(QImage.Format.Format_ARGB32)
    assert small == drawn
