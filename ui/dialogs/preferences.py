"""Preferences: clipping from the browser — whether the window listens, on which port, and
the library's token with Copy and Renew (and how to point SingleFile at Cuttings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.connector import tokens
from core.library import Library
from ui.dialogs.buttons import save_cancel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class PreferencesDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Preferences")
        self.resize(620, 360)
        library = window.library
        layout = QVBoxLayout(self)
        group = QGroupBox("Clipping from the browser")
        form = QFormLayout(group)
        self.enabled = QCheckBox("Accept pages from the Cuttings extension and SingleFile")
        self.enabled.setChecked(tokens.enabled(library))
        form.addRow(self.enabled)
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(tokens.port(library))
        self.port.setMaximumWidth(120)
        form.addRow("Port on 127.0.0.1", self.port)
        self.status = QLabel(window.connector.status(), wordWrap=True)
        form.addRow("Now", self.status)

        self.token = QLineEdit(tokens.current(library) or "")
        self.token.setReadOnly(True)
        self.token.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.token.setCursorPosition(0)
        self.copy = QPushButton("Copy")
        self.copy.clicked.connect(self.copy_token)
        self.renew = QPushButton("Renew")
        self.renew.setToolTip("A new token: browsers paired now must pair again")
        self.renew.clicked.connect(self.renew_token)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        for widget in (self.token, self.copy, self.renew):
            line.addWidget(widget)
        form.addRow("Token", row)
        self.note = QLabel(wordWrap=True)
        self.note.setOpenExternalLinks(False)
        form.addRow(self.note)
        self.port.valueChanged.connect(lambda *_: self._explain())
        self._explain()
        layout.addWidget(group)
        self.said = QLabel("", wordWrap=True)
        layout.addWidget(self.said)
        layout.addStretch(1)
        layout.addWidget(save_cancel(self, self.save))
        if library.read_only:
            for widget in (self.enabled, self.port, self.renew):
                widget.setEnabled(False)

    def _explain(self) -> None:
        port = self.port.value()
        self.note.setText(
            "The extension pairs itself: it asks, and Cuttings asks you “Allow this browser?”. "
            f"For SingleFile, upload to a REST form API at http://127.0.0.1:{port}/api/singlefile "
            "with this token, data field name file and URL field name url."
        )

    def copy_token(self) -> None:
        QGuiApplication.clipboard().setText(self.token.text())
        self.said.setText("The token is on the clipboard.")

    def renew_token(self) -> None:
        def done(token: str) -> None:
            self.token.setText(token)
            self.token.setCursorPosition(0)
            self.said.setText("A new token: browsers paired before will ask to pair again.")

        self.window.runner.write(tokens.renew, done, self.window.fail)

    def save(self) -> None:
        on, port = self.enabled.isChecked(), self.port.value()
        changed = on != tokens.enabled(self.window.library) or port != tokens.port(
            self.window.library
        )
        if not changed:
            self.accept()
            return

        def write(library: Library) -> None:
            tokens.set_enabled(library, on)
            tokens.set_port(library, port)

        def done(_result: object) -> None:
            connector = self.window.connector
            if on:
                connector.start()
            else:
                connector.stop()
            if on and connector.server is None:
                self.status.setText(connector.status())  # the port is taken: stay open
                self.said.setText(connector.problem or "")
                return
            self.window.say(connector.status())
            self.accept()

        self.window.runner.write(write, done, self.window.fail)
