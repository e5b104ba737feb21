"""Starting the window: the QApplication, settings, theme, and the offscreen screenshot."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from core import about
from core.library import Library
from ui import theme
from ui.main_window import MainWindow
from ui.messages import install_excepthook
from ui.tasks import Runner


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Cuttings")
    app.setOrganizationName("Cuttings")
    app.setApplicationVersion(about.VERSION)
    # Ties the window to org.cuttings.Cuttings.desktop, so docks and task switchers show its
    # name and icon (on Wayland the id is all they have to go on).
    app.setDesktopFileName(about.APP_ID)
    app.setWindowIcon(window_icon())
    theme.apply(app)
    return app


def window_icon() -> QIcon:
    from core import paths

    icon = QIcon()
    # PNGs rather than the SVG: they need no image plugin, so the bundle ships none.
    for size, path in sorted(paths.icon_files().items()):
        icon.addFile(str(path), QSize(size, size))
    return icon


#: the connector (and the capture code it loads) starts this long after the window shows
CONNECTOR_AFTER_MS = 100


def settings() -> QSettings:
    return QSettings("Cuttings", "Cuttings")


def main_window(library: Library, store: QSettings | None = None) -> MainWindow:
    """The window as `make run` opens it."""
    window = MainWindow(library, Runner(library), store or settings())
    window.files.remember(library.path)
    # Everything built so far lives as long as the app: keep it out of the collector's full
    # passes, which otherwise cost a 20-30 ms frame now and then while scrolling.
    gc.freeze()
    return window


def run(library: Library) -> int:
    app = application()
    window = main_window(library)
    install_excepthook(lambda text: window.say(text, error=True))
    window.show()
    # the browser extension's endpoint, on the library's port, once the window is painted
    QTimer.singleShot(CONNECTOR_AFTER_MS, window, lambda: window.connector.start())
    try:
        return app.exec()
    finally:
        window.runner.close()


def screenshot(library: Library, target: Path, size: tuple[int, int] = (1400, 900)) -> None:
    """Render the window offscreen at ``size`` with a clipping open, save it as PNG, quit."""
    import tempfile

    app = application()
    # Throwaway settings, so the picture shows the window as a first start lays it out.
    scratch_dir = tempfile.TemporaryDirectory(prefix="cuttings-shot-")
    scratch = QSettings(str(Path(scratch_dir.name) / "s.ini"), QSettings.Format.IniFormat)
    runner = Runner(library, synchronous=True)
    window = MainWindow(library, runner, scratch)
    window.resize(*size)
    window.show()
    window.table.setFocus()
    for _ in range(5):
        app.processEvents()
    window.first_paint.run()  # painted or not, the picture shows the counts and the reader
    if window.model.ids:
        window.table.selectRow(min(1, len(window.model.ids) - 1))
    QTimer.singleShot(0, lambda: None)
    for _ in range(5):
        app.processEvents()
    saved = window.grab().save(str(target), "PNG")
    window.close()
    runner.close()
    scratch_dir.cleanup()
    if not saved:
        from core.errors import CuttingsError

        raise CuttingsError(
            f"Could not save the screenshot to {target}: its folder is missing or read-only."
        )
