"""Who said what: every kept quote of one speaker across the library, with date, outlet and
headline, filtered by topic, dates and words in the quote. Double-click opens the clipping."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core.errors import CuttingsError
from core.library import Library
from core.speakers import registry
from core.tags import TOPICS


class WhoSaidWhatDialog(QDialog):
    def __init__(
        self, library: Library, speaker: str, open_clipping: Callable[[int], None], parent=None
    ) -> None:
        super().__init__(parent)
        self.library, self.speaker, self.open_clipping = library, speaker, open_clipping
        self.setWindowTitle(f"Who said what — {speaker}")
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.topic = QComboBox()
        self.topic.addItem("Any topic", None)
        for row in TOPICS.counts(library):
            self.topic.addItem(row["name"], row["name"])
        self.date_from = QLineEdit(placeholderText="from YYYY-MM-DD")
        self.date_to = QLineEdit(placeholderText="to YYYY-MM-DD")
        self.words = QLineEdit(placeholderText='words in the quote ("a phrase", pre*)')
        self.words.setClearButtonEnabled(True)
        self.words.textChanged.connect(lambda *_: self.refresh())
        for widget in (self.words, self.topic, self.date_from, self.date_to):
            filters.addWidget(widget)
        self.topic.currentIndexChanged.connect(lambda *_: self.refresh())
        self.date_from.editingFinished.connect(self.refresh)
        self.date_to.editingFinished.connect(self.refresh)
        layout.addLayout(filters)
        self.message = QLabel("")
        layout.addWidget(self.message)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Date", "Outlet", "Headline", "Quote"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 90), (1, 130), (2, 300)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(self._open)
        layout.addWidget(self.table)
        self.rows: list[dict] = []
        self.refresh()

    def refresh(self) -> None:
        try:
            self.rows = registry.who_said_what(
                self.library,
                self.speaker,
                topic=self.topic.currentData(),
                date_from=self.date_from.text().strip() or None,
                date_to=self.date_to.text().strip() or None,
                words=self.words.text(),
            )
        except CuttingsError as error:
            self.message.setText(str(error))
            return
        self.message.setText(f"{len(self.rows)} quote(s)")
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            quote = f"“{row['text']}”" if row["kind"] == "direct" else row["text"]
            for c, value in enumerate(
                (row["published"] or "", row["outlet"] or "", row["title"], quote)
            ):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def _open(self, row: int, _column: int) -> None:
        self.open_clipping(self.rows[row]["clipping_id"])
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentRow() >= 0:
            self._open(self.table.currentRow(), 0)
        else:
            super().keyPressEvent(event)
