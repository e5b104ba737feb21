"""The two boxes under the reader that put a topic or a speaker on the selection, with the
library's names offered as you type."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget


class TagEditors(QWidget):
    #: ("topic" or "speaker", the name typed)
    tag_requested = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.topic_edit = QLineEdit(placeholderText="Add topic to selection…")
        self.speaker_edit = QLineEdit(placeholderText="Add speaker to selection…")
        self._names = {"topic": QStringListModel(), "speaker": QStringListModel()}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for edit, kind in ((self.topic_edit, "topic"), (self.speaker_edit, "speaker")):
            completer = QCompleter(self._names[kind], edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
            edit.returnPressed.connect(lambda e=edit, k=kind: self._typed(e, k))
            row.addWidget(edit)

    def set_names(self, kind: str, names: list[str]) -> None:
        self._names[kind].setStringList(names)

    def _typed(self, edit: QLineEdit, kind: str) -> None:
        name = edit.text().strip()
        if name:
            edit.clear()
            self.tag_requested.emit(kind, name)
