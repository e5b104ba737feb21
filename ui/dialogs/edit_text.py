"""A clipping's text, to correct by hand; its highlights are placed again in what is saved."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout

from ui.dialogs.buttons import save_cancel


class EditTextDialog(QDialog):
    def __init__(self, title: str, text: str, highlights: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit the text — {title}"[:90])
        self.resize(720, 560)
        column = QVBoxLayout(self)
        note = (
            f"Its {highlights} highlight(s) are placed again in the text you save; one whose "
            "words are gone is kept in the list as not found, never moved to other words."
            if highlights
            else "A paragraph is a line; an empty line is left out."
        )
        about = QLabel(note)
        about.setWordWrap(True)
        column.addWidget(about)
        self.editor = QPlainTextEdit(text)
        column.addWidget(self.editor, 1)
        column.addWidget(save_cancel(self))

    def text(self) -> str:
        return self.editor.toPlainText()
