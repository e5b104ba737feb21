"""The sidebar: All clippings, Trash, Topics, Speakers, Outlets, Stories and Saved searches,
each entry with its count. Choosing one asks the window to show that view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

SECTIONS = (
    ("library", "Library"),
    ("topics", "Topics"),
    ("speakers", "Speakers"),
    ("outlets", "Outlets"),
    ("stories", "Stories"),
    ("saved", "Saved searches"),
)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ENTRIES = 500  # per section; the search box reaches the rest


class Sidebar(QTreeWidget):
    chosen = Signal(str, object)  # scope, value

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.itemSelectionChanged.connect(self._selected)
        self._silent = False

    def fill(self, entries: dict[str, list[dict[str, Any]]]) -> None:
        current = self.current_entry()
        expanded = {
            self.topLevelItem(i).text(0)
            for i in range(self.topLevelItemCount())
            if self.topLevelItem(i).isExpanded()
        }
        self._silent = True
        self.clear()
        for key, title in SECTIONS:
            rows = entries.get(key, [])
            if key != "library" and not rows:
                continue
            section = QTreeWidgetItem(self, [title, ""])
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            for row in rows[:MAX_ENTRIES]:
                value = row.get("id") if row["scope"] == "story" else row.get("name")
                count = "" if row.get("count") is None else str(row["count"])
                item = QTreeWidgetItem(section, [row["name"] or "(untitled)", count])
                item.setData(0, ENTRY_ROLE, (row["scope"], value, row.get("count")))
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                item.setToolTip(0, row["name"] or "")
                if (row["scope"], value) == current[:2]:
                    item.setSelected(True)
            section.setExpanded(key in ("library", "topics") or title in expanded)
        self.resizeColumnToContents(1)
        self.setColumnWidth(0, max(120, self.viewport().width() - self.columnWidth(1) - 8))
        if not self.selectedItems():
            self.topLevelItem(0).child(0).setSelected(True)
        self._silent = False

    def current_entry(self) -> tuple[str, Any, int | None]:
        items = self.selectedItems()
        data = items[0].data(0, ENTRY_ROLE) if items else None
        return tuple(data) if data else ("all", None, None)

    def select(self, scope: str, value: Any = None) -> None:
        for i in range(self.topLevelItemCount()):
            section = self.topLevelItem(i)
            for j in range(section.childCount()):
                item = section.child(j)
                data = item.data(0, ENTRY_ROLE)
                if data and data[0] == scope and data[1] == value:
                    self.setCurrentItem(item)
                    return

    def _selected(self) -> None:
        if self._silent:
            return
        scope, value, _ = self.current_entry()
        self.chosen.emit(scope, value)
