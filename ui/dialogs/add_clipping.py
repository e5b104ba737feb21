"""Add a clipping by hand: a web address, or text pasted from anywhere."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)


class AddClippingDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add clipping")
        self.resize(560, 380)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Web address"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…")
        layout.addWidget(self.url)
        layout.addWidget(QLabel("…or paste the article (first line: headline)"))
        self.text = QPlainTextEdit()
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def source(self) -> tuple[str, bytes | None]:
        """('https://…', None) for an address, ('-', text) for pasted text."""
        url = self.url.text().strip()
        if url:
            return url, None
        return "-", self.text.toPlainText().encode("utf-8")
