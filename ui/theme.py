"""Look and feel in one place: the style, the dark scheme, the colours of messages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

ERROR = "#b3261e"
HINT = "#hint { color: palette(mid); padding: 4px 2px; }"


def apply(app: QApplication) -> None:
    # Fusion draws the same everywhere and follows the system's light or dark scheme.
    app.setStyle("Fusion")


def is_dark(widget: QWidget) -> bool:
    """The system's scheme, or a dark palette a desktop theme sets without naming one."""
    return (
        QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        or widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    )


def error_style(object_name: str) -> str:
    return f"#{object_name} {{ color: {ERROR}; }}"
