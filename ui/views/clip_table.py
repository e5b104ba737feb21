"""The clipping list: a table over the lazy model, sorted by a header click, chosen rows read
back as clipping ids."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.models.clip_list import COL_HEADLINE, COLUMNS, ClipListModel

# The headline stretches into what these leave: narrow enough that it reads at 1400 px wide.
WIDTHS = ((0, 84), (1, 105), (3, 100), (4, 105), (5, 100))


class ClipTable(QTableView):
    #: a header was clicked: the column's sort key
    sort_requested = Signal(str)
    _ahead = Signal()

    def __init__(self, model: ClipListModel) -> None:
        super().__init__()
        self.clips = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(lambda column: self.sort_requested.emit(COLUMNS[column][0]))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_HEADLINE, QHeaderView.ResizeMode.Stretch)
        for column, width in WIDTHS:
            self.setColumnWidth(column, width)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # Once a scroll step is painted, the rows a screen above and below are read while
        # the event loop waits for the next: a step then paints without reading (a page read
        # inside a step made it the slowest).
        # (A queued call, not a 0 ms timer: the event loop's next turn runs it, where a timer
        # may wait for a later one.)
        self._ahead_wanted = False
        self._ahead.connect(self.read_ahead, Qt.ConnectionType.QueuedConnection)
        self.verticalScrollBar().valueChanged.connect(self._want_ahead)

    def _want_ahead(self) -> None:
        if not self._ahead_wanted:
            self._ahead_wanted = True
            self._ahead.emit()

    def read_ahead(self) -> None:
        self._ahead_wanted = False
        top = self.rowAt(0)
        if top < 0:
            return
        screen = self.viewport().height() // max(1, self.rowHeight(top)) + 1
        self.clips.read_ahead(top + screen, screen)
        self.clips.read_ahead(top - screen, screen)

    def show_sort(self, key: str, descending: bool) -> None:
        column = next((i for i, (k, _) in enumerate(COLUMNS) if k == key), None)
        if column is not None:
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            self.horizontalHeader().setSortIndicator(column, order)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.clips.clipping_id(r) for r in rows if r < len(self.clips.ids)]

    def select_id(self, clipping_id: int | None) -> bool:
        """Select that clipping's row alone (else the first row); whether one was selected."""
        row = self.clips.row_of(clipping_id) if clipping_id is not None else None
        if row is None and self.clips.ids:
            row = 0
        if row is None:
            return False
        flags = QItemSelectionModel.SelectionFlag
        index = self.clips.index(row, 0)
        self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.scrollTo(index)
        return True
