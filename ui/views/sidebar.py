"""The sidebar: All clippings, Trash, Topics, Speakers, Outlets, Stories and Saved searches,
each entry with its count. Choosing one asks the window to show that view; its own context menu
asks for what can be done to a topic, a speaker or a saved search."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem

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


#: what the context menu offers, by scope: (verb, label)
MENU = {
    "saved": (("delete", "Delete saved search"),),
    "topic": (("rename", "Rename…"), ("merge", "Merge into…"), ("delete", "Delete…")),
    "speaker": (
        ("who", "Who said what…"),
        ("edit", "Edit speaker…"),
        ("rename", "Rename…"),
        ("merge", "Merge into…"),
        ("delete", "Delete…"),
    ),
}


class Sidebar(QTreeWidget):
    chosen = Signal(str, object)  # scope, value
    #: (verb, scope, name, count) from the context menu, e.g. ("merge", "topic", "Energy", 12)
    action_requested = Signal(str, str, str, object)

    def __init__(self, outline: dict[str, list[dict[str, Any]]] | None = None) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.itemSelectionChanged.connect(self._selected)
        self.customContextMenuRequested.connect(self._menu)
        self._silent = False
        if outline:  # what is there before anything is counted
            self.fill(outline)

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

    def entry_at(self, position: QPoint) -> tuple[str, Any, int | None] | None:
        item = self.itemAt(position)
        data = item.data(0, ENTRY_ROLE) if item else None
        return tuple(data) if data else None

    def menu_for(self, entry: tuple[str, Any, int | None]) -> QMenu | None:
        scope, name, count = entry
        if scope not in MENU:
            return None
        menu = QMenu(self)
        for verb, label in MENU[scope]:
            menu.addAction(
                label, lambda v=verb: self.action_requested.emit(v, scope, str(name), count)
            )
        return menu

    def _menu(self, position: QPoint) -> None:
        entry = self.entry_at(position)
        menu = self.menu_for(entry) if entry else None
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(position))
