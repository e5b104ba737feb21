"""Who said what: every accepted quote of one speaker across the library, with date, outlet,
headline and whether it is direct or reported speech, filtered by topic, dates and words in
the quote. Double-click opens the clipping; a right click rejects a quote or gives it to
another speaker (undone with Ctrl+Z in the window)."""

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
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core import operations
from core.changes import Changes
from core.errors import CuttingsError
from core.library import Library
from core.speakers import registry
from core.tags import TOPICS


class WhoSaidWhatDialog(QDialog):
    def __init__(
        self,
        library: Library,
        speaker: str,
        open_clipping: Callable[[int], None],
        parent=None,
        *,
        review: Callable[[Callable[[Library], Changes], str, Callable[[], None]], None]
        | None = None,
        ask_name: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.speaker, self.open_clipping = library, speaker, open_clipping
        self.review, self.ask_name = review, ask_name
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
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Date", "Outlet", "Headline", "Said", "Quote"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        for column, width in ((0, 90), (1, 130), (2, 260), (3, 70)):
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
            # reported speech is the writer's words: never inside quotation marks
            quote = f"“{row['text']}”" if row["kind"] == "direct" else row["text"]
            said = "direct" if row["kind"] == "direct" else "reported"
            for c, value in enumerate(
                (row["published"] or "", row["outlet"] or "", row["title"], said, quote)
            ):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def menu_for(self, row: int) -> QMenu | None:
        if self.review is None or not 0 <= row < len(self.rows):
            return None
        quote_id = self.rows[row]["id"]
        menu = QMenu(self)
        menu.addAction(
            "Reject this quote",
            lambda: self.review(  # type: ignore[misc]
                lambda lib: operations.reject_quote(lib, quote_id),
                f"reject a quote of {self.speaker}",
                self.refresh,
            ),
        )
        if self.ask_name is not None:
            menu.addAction("Give it to…", lambda: self._give(quote_id))
        return menu

    def _give(self, quote_id: int) -> None:
        name = self.ask_name("") if self.ask_name else None
        if name and self.review is not None:
            self.review(
                lambda lib: operations.reassign_quote(lib, quote_id, name),
                f"give a quote of {self.speaker} to {name}",
                self.refresh,
            )

    def _menu(self, position) -> None:
        menu = self.menu_for(self.table.rowAt(position.y()))
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(position))

    def _open(self, row: int, _column: int) -> None:
        self.open_clipping(self.rows[row]["clipping_id"])
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentRow() >= 0:
            self._open(self.table.currentRow(), 0)
        else:
            super().keyPressEvent(event)
