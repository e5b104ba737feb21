"""The reader: a clipping in clean typography. It never runs scripts (QTextBrowser has no
JavaScript) and never loads anything: every resource request is refused, and a link opens in
the user's browser only when clicked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser


class Reader(QTextBrowser):
    resource_refused = Signal(str)  # for the test that proves nothing is fetched
    command = Signal(str, str)  # cuttings:accept/12 -> ("accept", "12"); merge/12-14

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open)
        self.document().setDocumentMargin(24)
        self.setPlaceholderText("")

    def loadResource(self, kind: int, name: QUrl) -> Any:  # noqa: N802 (Qt's name)
        # Images, style sheets, anything: a clipping shows its own text and nothing else.
        self.resource_refused.emit(name.toString())
        return None

    def _open(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
        elif url.scheme() == "cuttings":
            verb, _, argument = url.path().partition("/")
            if argument and all(part.isdigit() for part in argument.split("-")):
                self.command.emit(verb, argument)
