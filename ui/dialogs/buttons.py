"""The Save and Cancel row that ends the app's dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def save_cancel(dialog: QDialog, save: Callable[[], None] | None = None) -> QDialogButtonBox:
    """Save runs ``save`` (the dialog's accept() by default); Cancel and Escape reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(save or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
