"""Names for the four highlight colours ("key", "risk", "for the minister"...), kept in the
library so every program that opens it shows the same ones."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from core.highlights.colours import BY_KEY, MAX_NAME
from ui.dialogs.buttons import save_cancel
from ui.views.highlights_panel import swatch


class HighlightColoursDialog(QDialog):
    def __init__(self, names: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Highlight colours")
        form = QFormLayout(self)
        form.addRow(QLabel("What each colour means in your briefings:"))
        self.edits: dict[str, QLineEdit] = {}
        for key, name in names.items():
            edit = QLineEdit(name)
            edit.setMaxLength(MAX_NAME)
            edit.addAction(swatch(BY_KEY[key].light), QLineEdit.ActionPosition.LeadingPosition)
            self.edits[key] = edit
            form.addRow(key.capitalize(), edit)
        form.addRow(save_cancel(self))

    def names(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items() if edit.text().strip()}
