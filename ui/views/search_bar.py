"""The search box: results as you type, a pause after the last key, Enter at once."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit

DEBOUNCE_MS = 180
PLACEHOLDER = 'Search: words, "phrases", prefix*, -exclude, topic:, speaker:, outlet:, from:, to:'


class SearchBar(QLineEdit):
    #: the text to search for, once typing pauses (or on Enter)
    searched = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.setMaxLength(500)  # what fits answers within a second or says why not
        self._pause = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._pause.timeout.connect(self.search_now)
        self.textChanged.connect(lambda _text: self._pause.start())
        self.returnPressed.connect(self.search_now)

    def search_now(self) -> None:
        self._pause.stop()
        self.searched.emit(self.text().strip())

    def focus(self) -> None:
        self.setFocus()
        self.selectAll()
