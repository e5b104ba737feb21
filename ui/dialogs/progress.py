"""The one progress dialog long work shows, with a Cancel that reaches the task."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def progress_dialog(parent: QWidget, label: str, maximum: int = 0) -> QProgressDialog:
    progress = QProgressDialog(label, "Cancel", 0, maximum, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    return progress
