"""The clipping list as a lazy table model: it holds the view's ids and fetches each page of
rows from core only when Qt asks to show it, so 100,000 clippings cost 100,000 integers. A list
whose ids come in chunks (the older matches past a bounded ranking, core.listing) gets the next
chunk through Qt's fetchMore when the user scrolls to its end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from core import listing
from core.library import Library

COLUMNS = (
    ("date", "Date"),
    ("outlet", "Outlet"),
    ("headline", "Headline"),
    ("topics", "Topics"),
    ("speakers", "Speakers"),
    ("why", "Why it matters"),
)
COL_DATE, COL_OUTLET, COL_HEADLINE, COL_TOPICS, COL_SPEAKERS, COL_WHY = range(len(COLUMNS))
PAGE = 50  # a page read costs ~2 ms: small enough to hide inside one frame
KEPT = 40  # pages of rows kept while scrolling
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
_SERVED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE})
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


def _cells(shown: listing.Shown) -> tuple[str, ...]:
    """A row's cells made once, when it is read: Qt asks for them again on every paint. A
    tuple of text alone, which the collector stops tracking (a long scroll caches thousands)."""
    title = shown.title or "(no headline)"
    if shown.copies > 1:
        title = f"{title}  (+{shown.copies - 1} copies)"
    return (shown.date, shown.outlet, title, shown.topics, shown.speakers, shown.why)


class ClipListModel(QAbstractTableModel):
    #: rows could not be read (a damaged library): said once per list, not once per cell
    failed = Signal(object)
    #: how many ids it holds, or whether more may follow, changed (the status bar's count)
    sized = Signal()

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.ids: list[int] = []
        self._rows: dict[int, tuple[str, ...]] = {}
        self._told = False
        self._more: Callable[[], list[int]] | None = None

    # -- contents ------------------------------------------------------------------------

    def set_ids(self, ids: list[int], more: Callable[[], list[int]] | None = None) -> None:
        """Show these ids; ``more``, when given, returns the next ones past them (empty when
        there are no more), read only when the list is scrolled to its end."""
        self.beginResetModel()
        self.ids = list(ids)
        self._more = more
        self._rows.clear()
        self._told = False
        self.endResetModel()
        self.sized.emit()

    def all_ids(self) -> list[int]:
        """Every id of the view, those not read yet too (for actions on the whole list)."""
        while self.canFetchMore():
            self.fetchMore()
        return self.ids

    def append_ids(self, ids: list[int]) -> None:
        """The rest of the view's ids, read elsewhere: nothing is left to fetch."""
        self._more = None
        if ids:
            self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(ids) - 1)
            self.ids.extend(ids)
            self.endInsertRows()
        self.sized.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return self._more is not None and not parent.isValid()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if self._more is None or parent.isValid():
            return
        found = self._more()
        if not found:
            self._more = None
        else:
            self.beginInsertRows(QModelIndex(), len(self.ids), len(self.ids) + len(found) - 1)
            self.ids.extend(found)
            self.endInsertRows()
        self.sized.emit()

    def refresh_rows(self, ids: list[int] | None = None) -> None:
        """Forget cached rows (all, or these) so they are read again when shown."""
        if ids is None:
            self._rows.clear()
        else:
            for i in ids:
                self._rows.pop(i, None)
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    def clipping_id(self, row: int) -> int:
        return self.ids[row]

    def row_of(self, clipping_id: int) -> int | None:
        try:
            return self.ids.index(clipping_id)
        except ValueError:
            return None

    def _row(self, row: int) -> tuple[str, ...]:
        """The row's cells as text, in the order of COLUMNS (empty if it cannot be read)."""
        clipping_id = self.ids[row]
        if clipping_id not in self._rows:
            start = (row // PAGE) * PAGE
            page = self.ids[start : start + PAGE]
            try:
                found_rows = listing.shown(self.library, page)
            except Exception as error:  # noqa: BLE001 - an exception here would escape into Qt
                if not self._told:
                    self._told = True
                    self.failed.emit(error)
                return ()
            for found in found_rows:
                self._rows[found.id] = _cells(found)
            if len(self._rows) > KEPT * PAGE:  # a long scroll keeps memory flat
                # The pages read last stay: those on screen and those read ahead of it.
                self._rows = dict(list(self._rows.items())[-(KEPT // 2) * PAGE :])
        return self._rows.get(clipping_id, ())

    def read_ahead(self, first: int, count: int) -> None:
        """Read the pages of these rows now, if they are not read yet: the list asks this
        while it waits between frames, so that the next scroll step only paints."""
        low, high = max(0, first), min(first + count, len(self.ids))
        if low >= high:
            return
        for row in (*range(low, high, PAGE), high - 1):  # each page the rows reach
            self._row(row)

    # -- Qt's model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks for a dozen roles per cell on every paint: answer the rest at once.
        if role not in _SERVED:
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        row = self._row(index.row())
        return row[index.column()] if row else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS
