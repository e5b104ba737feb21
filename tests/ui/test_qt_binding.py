"""Guards against faults in the Qt binding itself that the window would meet in a day's use."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class _NoneModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 10

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None  # what every model returns for the roles it does not serve


def test_returning_none_to_qt_keeps_nones_references(qapp) -> None:
    # PySide6 6.12.0 dropped one reference to None per call; on CPython 3.11, where None is
    # not immortal, the process then dies ("deallocating None") after long enough use.
    model = _NoneModel()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.DecorationRole)
    assert abs(sys.getrefcount(None) - before) < 50
