"""Edit a clipping's headline, date, outlet and byline."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from ui.dialogs.buttons import save_cancel


class EditDetailsDialog(QDialog):
    FIELDS = (
        ("title", "Headline"),
        ("published", "Date (YYYY-MM-DD)"),
        ("outlet", "Outlet"),
        ("byline", "Byline"),
    )

    def __init__(self, clipping: dict[str, Any], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit details")
        self.resize(560, 200)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in self.FIELDS:
            edit = QLineEdit(clipping.get(key) or "")
            form.addRow(label, edit)
            self.edits[key] = edit
        form.addRow(save_cancel(self))

    def values(self) -> dict[str, str | None]:
        return {key: (edit.text().strip() or None) for key, edit in self.edits.items()}
